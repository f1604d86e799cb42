using System.Net;
using System.Text.Json;
using Lottery.Infrastructure.Stock.Redis;
using StackExchange.Redis;

namespace Lottery.Bench.Scenarios;

/// <summary>The Redis-mode database and what was set up in it for the in-process scenario (run after the app stopped).</summary>
internal sealed record RedisModeSetup(string ConnectionString, Guid InProcessActivity, IReadOnlyList<BenchPlayer> Players);

/// <summary>
/// <c>POST /api/activities/{id}/draws</c> against the real app in its own process, in Redis mode (PostgreSQL + Redis)
/// or embedded PostgreSQL mode: set up through the public API, warmed up, then measured at each concurrency level by
/// HttpClient workers (one pooled connection each). Afterwards the stats endpoint must count every 200 answer.
/// </summary>
internal static class HttpDrawScenario
{
    public static async Task<(ScenarioOutcome? Outcome, RedisModeSetup? Setup)> RunAsync(BenchContext context, bool redisMode, bool measure)
    {
        var settings = context.Settings;
        var console = context.Console;
        var name = redisMode ? "http-redis" : "http-embedded";
        var connection = await Workload.CreateDatabaseAsync(settings.Postgres, redisMode ? "lottery_bench_redis" : "lottery_bench_embedded");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Lottery"] = connection,
            ["Redis__Configuration"] = redisMode ? settings.Redis : "",
            ["Redis__ConsumerName"] = "bench-app",
            ["Demo__Seed"] = "false",
            ["Platform__ApiKey"] = BenchContext.PlatformKey,
            ["RateLimiting__AddressRequests"] = "0",
            ["RateLimiting__PlayerDraws"] = "0",
            ["Logging__LogLevel__Default"] = "Warning",
        };

        await console.WriteLineAsync($"{name}: starting the app ({(redisMode ? "Redis" : "embedded PostgreSQL")} mode) ...");
        await using var app = await AppProcess.StartAsync(settings.AppDll, settings.AppPort, name, settings.Work, environment);
        using var api = new LotteryApiClient(app.BaseAddress, BenchContext.PlatformKey);
        await api.CreateTenantAsync();
        var activity = await api.CreateRunningActivityAsync(name);
        var players = await api.CreatePlayersAsync(settings.Players);
        var setup = redisMode ? new RedisModeSetup(connection, await api.CreateRunningActivityAsync("in-process"), players) : null;
        await console.WriteLineAsync($"  tenant, activity {activity} and {players.Count} players created through the API");
        if (!measure)
        {
            return (null, setup);
        }

        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = settings.MaxConcurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
        };
        using var client = new HttpClient(handler) { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var path = new Uri($"/api/activities/{activity}/draws", UriKind.Relative);
        DrawOperation Draw(int concurrency) => async (worker, n) =>
        {
            var player = players[Workload.PlayerIndex(worker, n, concurrency, players.Count)];
            using var request = new HttpRequestMessage(HttpMethod.Post, path);
            request.Headers.TryAddWithoutValidation("Authorization", player.Authorization);
            using var response = await client.SendAsync(request);   // reads the whole body
            return response.StatusCode == HttpStatusCode.OK ? null : await ErrorKindAsync(response);
        };

        var all = new List<RunResult> { await context.WarmUpAsync(name, settings.MaxConcurrency, Draw(settings.MaxConcurrency)) };
        var runs = new List<RunResult>();
        foreach (var concurrency in settings.Concurrency)
        {
            runs.Add(await context.MeasureAsync(name, concurrency, Draw(concurrency), context.Cpu("load generator", app.Pid)));
        }

        all.AddRange(runs);
        var accepted = all.Sum(r => r.Ok);
        var uncertain = all.Sum(r => r.Errors.Where(e => e.Key.StartsWith("exception", StringComparison.Ordinal)).Sum(e => e.Value));
        long? backlog = redisMode ? await StreamLengthAsync(settings.Redis, activity) : null;
        await console.WriteLineAsync($"  waiting for the records to reach PostgreSQL ({accepted:N0} accepted{(backlog is { } b ? $", {b:N0} in the stream" : "")}) ...");
        var (persisted, waited) = await Workload.WaitForPersistedAsync(accepted, () => api.PersistedDrawsAsync(activity), console);
        var durability = new Durability(accepted, persisted, backlog, waited, uncertain);
        await console.WriteLineAsync($"  durability: {durability}");
        var title = redisMode ? "HTTP draw, Redis mode (PostgreSQL + Redis)" : "HTTP draw, embedded PostgreSQL mode";
        return (new ScenarioOutcome(name, title, runs, durability), setup);
    }

    /// <summary>"409 no-chances-left": the status and the problem's <c>code</c>, to tell errors apart in the report.</summary>
    private static async Task<string> ErrorKindAsync(HttpResponseMessage response)
    {
        var kind = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return problem.RootElement.TryGetProperty("code", out var code) ? $"{kind} {code.GetString()}" : kind;
        }
        catch (JsonException)
        {
            return kind;
        }
    }

    private static async Task<long> StreamLengthAsync(string redis, Guid activityId)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        try
        {
            return await connection.GetDatabase().StreamLengthAsync(RedisKeys.Records(activityId));
        }
        finally
        {
            await connection.CloseAsync(allowCommandsToComplete: false);
            connection.Dispose();
        }
    }
}
