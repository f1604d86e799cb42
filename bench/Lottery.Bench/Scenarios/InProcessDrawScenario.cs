using Lottery.Infrastructure;
using Lottery.Infrastructure.Persistence;
using Lottery.Web.Extensions;
using Lottery.Web.Features.Draws;
using Lottery.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lottery.Bench.Scenarios;

/// <summary>
/// <see cref="DrawService.DrawAsync"/> with no HTTP: the app's own composition (<c>AddInfrastructure</c> +
/// <c>AddLotteryApi</c> + <c>AddLiveResults</c>, as in Lottery.Web's Program.cs, without the pages of
/// <c>AddLotteryWeb</c>; Redis mode) in a host started in this process — so its draw-record consumer and the live-board
/// bus every accepted draw is published to run here too, as they do inside the app — and one DI scope per draw, as per
/// request. The only scenario that sees the draw journal's own wait instrument (<see cref="JournalWaits"/>). <see cref="DrawService"/> is resolved once before any load: a service the draw path needs but this
/// composition lacks stops the scenario at once, with the container's message, instead of failing every call.
/// </summary>
internal static class InProcessDrawScenario
{
    public const string Name = "in-process";

    public static async Task<ScenarioOutcome> RunAsync(BenchContext context, RedisModeSetup setup)
    {
        var settings = context.Settings;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Lottery"] = setup.ConnectionString,
            ["Redis:Configuration"] = settings.Redis,
            ["Demo:Seed"] = "false",
        });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddInfrastructure();
        builder.AddLotteryApi();
        builder.Services.AddLiveResults();
        using var host = builder.Build();
        await context.Console.WriteLineAsync($"{Name}: host started in this process (Redis mode), activity {setup.InProcessActivity}");
        await host.StartAsync();
        try
        {
            var scopes = host.Services.GetRequiredService<IServiceScopeFactory>();
            await using (var probe = scopes.CreateAsyncScope())
            {
                // Throws "Unable to resolve service for type ..." here rather than in every measured call.
                _ = probe.ServiceProvider.GetRequiredService<DrawService>();
            }

            var players = setup.Players;
            DrawOperation Draw(int concurrency) => async (worker, n) =>
            {
                var player = players[Workload.PlayerIndex(worker, n, concurrency, players.Count)];
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<DrawService>().DrawAsync(setup.InProcessActivity, player.Id, null);
                return result.IsSuccess ? null : result.Error!.Code;
            };

            var concurrency = settings.MaxConcurrency;
            using var waits = new JournalWaits();
            var warmUp = await context.WarmUpAsync(Name, concurrency, Draw(concurrency));
            waits.Take();
            var run = await context.MeasureAsync(Name, concurrency, Draw(concurrency), context.Cpu("bench process (draws + consumer)", selfIsLoadGenerator: false));
            var journal = waits.Take();
            await context.Console.WriteLineAsync($"    {journal}");

            // First thing after the load: what the database holds now, then what the stream still holds.
            var atStop = await CountAsync(host.Services, setup.InProcessActivity);
            var stream = await host.Services.GetRequiredService<Lottery.Infrastructure.Stock.Redis.RedisDrawRecords>().CountAsync(setup.InProcessActivity);
            var answered = warmUp.Ok + run.Ok;
            await context.Console.WriteLineAsync($"  load stopped: {answered:N0} answered, {atStop:N0} in the database, {stream:N0} in the stream; waiting for the rest ...");
            var (settled, waited) = await Workload.WaitForPersistedAsync(answered, () => CountAsync(host.Services, setup.InProcessActivity), context.Console);
            var durability = new Durability(answered, atStop, stream, settled, waited, Uncertain: 0);
            await context.Console.WriteLineAsync($"  durability: {durability}");
            return new ScenarioOutcome(Name, "In-process DrawService, Redis mode (no HTTP)", [run], durability) { JournalWait = journal };
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<long> CountAsync(IServiceProvider services, Guid activityId)
    {
        await using var scope = services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContextAsync();
        return await db.DrawRecords.IgnoreQueryFilters().LongCountAsync(r => r.ActivityId == activityId);
    }
}
