using Lottery.Domain.Stock;
using Lottery.Infrastructure.Stock.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lottery.Infrastructure.Tests.RedisStock;

public sealed class RedisRegistrationTests
{
    /// <summary>Builds the container with scope and build-time validation (Development), so a captive or missing dependency fails here.</summary>
    [Fact]
    public void Configuring_redis_registers_the_redis_store_its_consumer_and_reconciler()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Lottery"] = "Host=127.0.0.1;Database=unused",
            ["Redis:Configuration"] = "127.0.0.1:1,abortConnect=false",
            ["Redis:ConsumerName"] = "node-x",
        });
        builder.AddInfrastructure();
        builder.Services.AddAuthentication();   // added by the web layer; Identity's sign-in manager needs them
        builder.Services.AddDataProtection();

        using var host = builder.Build();

        Assert.IsType<RedisStockStore>(host.Services.GetRequiredService<IStockStore>());
        var consumer = Assert.Single(host.Services.GetServices<IHostedService>().OfType<DrawRecordConsumer>());
        Assert.Same(host.Services.GetRequiredService<DrawRecordConsumer>(), consumer);
        Assert.Equal("node-x", consumer.ConsumerName);
        Assert.NotNull(host.Services.GetRequiredService<StockReconciler>());
    }
}
