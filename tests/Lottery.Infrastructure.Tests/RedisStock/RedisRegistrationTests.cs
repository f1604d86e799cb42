using Lottery.Domain.Activities;
using Lottery.Domain.Draws;
using Lottery.Domain.Stock;
using Lottery.Infrastructure.Stock.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lottery.Infrastructure.Tests.RedisStock;

/// <summary>The store as the application composes it (<c>AddInfrastructure</c> with <c>Redis:Configuration</c> set).</summary>
public sealed class RedisRegistrationTests(RedisStockFixture fixture) : IClassFixture<RedisStockFixture>
{
    /// <summary>
    /// Development validates scopes and every registration at build time, so a captive or missing dependency fails here;
    /// the draws then exercise the singletons' database contexts (taken through a scope of their own).
    /// </summary>
    [Fact]
    public async Task Configuring_redis_registers_a_working_redis_store_consumer_and_reconciler()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(3), [new TierSpec("Grand", 1m, 2)], 2);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Lottery"] = fixture.ConnectionString,
            ["Redis:Configuration"] = fixture.RedisAddress,
            ["Demo:Seed"] = "false",
        });
        builder.AddInfrastructure();
        builder.Services.AddAuthentication();   // added by the web layer; Identity's sign-in manager needs them
        builder.Services.AddDataProtection();
        using var host = builder.Build();

        var store = Assert.IsType<RedisStockStore>(host.Services.GetRequiredService<IStockStore>());
        var consumer = Assert.Single(host.Services.GetServices<IHostedService>().OfType<DrawRecordConsumer>());
        Assert.Same(host.Services.GetRequiredService<DrawRecordConsumer>(), consumer);

        var results = await Task.WhenAll(s.Players.Select(p => store.DrawAsync(s.Request(p, s.Pick(0)))));
        Assert.All(results, r => Assert.Equal(DrawOutcome.Won, ResultAssert.Drawn(r).Outcome));
        Assert.Equal(2, (await Persisted.ReadAsync(fixture, s.ActivityId)).Wins); // answered means committed
        Assert.Equal(0, await consumer.DrainOnceAsync());
        await store.FlushAsync(s.ActivityId);
        Assert.True((await host.Services.GetRequiredService<StockReconciler>().ReconcileAsync(s.ActivityId)).IsConsistent);
        Assert.Equal(2, (await Persisted.ReadAsync(fixture, s.ActivityId)).Wins);
    }
}
