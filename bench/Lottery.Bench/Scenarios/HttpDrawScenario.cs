using System.Net;
using System.Text.Json;
using Lottery.Infrastructure.Stock.Redis;
using Microsoft.Data.Sqlite;
using StackExchange.Redis;

namespace Lottery.Bench.Scenarios;

/// <summary>The Redis-mode database and what was set up in it for the in-process scenario (run after the app stopped).</summary>
internal sealed record RedisModeSetup(string ConnectionString, Guid InProcessActivity, IReadOnlyList<BenchPlayer> Players);

/// <summary>How the app under HTTP load keeps its stock and records.</summary>
internal enum HttpMode
{
    /// <summary>PostgreSQL + Redis: the draw script in Redis, records moved to PostgreSQL by the app's consumer.</summary>
    Redis,

    /// <summary>PostgreSQL alone (no Redis): each draw is one PostgreSQL transaction.</summary>
    EmbeddedPostgres,

    /// <summary>SQLite alone, the app's default: each draw is one transaction on a throwaway database file.</summary>
    EmbeddedSqlite,
}

/// <summary>
/// <c>POST /api/activities/{id}/draws</c> against the real app in its own process, in Redis mode (PostgreSQL + Redis),
/// embedded PostgreSQL mode or embedded SQLite mode (the default): set up through the public API, warmed up, then
/// measured at each concurrency level by HttpClient workers (one pooled connection each). When the load stops, the
/// stats endpoint's count of draw records is read at once (what the database held at that moment), then again until it
/// counts every 200 answer.
/// </summary>
internal static class HttpDrawScenario
{
    public static string NameOf(HttpMode mode) => mode switch
    {
        HttpMode.Redis => "http-redis",
        HttpMode.EmbeddedPostgres => "http-embedded",
        _ => "http-sqlite",
    };

    public static async Task<(ScenarioOutcome? Outcome, RedisModeSetup? Setup)> RunAsync(BenchContext context, HttpMode mode, bool measure)
    {
        var settings = context.Settings;
        var name = NameOf(mode);
        // SQLite: a fresh file in a directory of its own under the work directory (bench/run.sh's temp directory),
        // removed afterwards with its journal files.
        var sqliteDirectory = mode == HttpMode.EmbeddedSqlite ? Path.Combine(Path.GetFullPath(settings.Work), $"sqlite-{Guid.NewGuid():N}") : null;
        try
        {
            var connection = sqliteDirectory is not null
                ? CreateSqliteFile(sqliteDirectory)
                : await Workload.CreateDatabaseAsync(settings.Postgres, mode == HttpMode.Redis ? "lottery_bench_redis" : "lottery_bench_embedded");
            return await RunAsync(context, mode, name, connection, measure);
        }
        finally
        {
            if (sqliteDirectory is not null && Directory.Exists(sqliteDirectory))
            {
                Directory.Delete(sqliteDirectory, recursive: true);
            }
        }
    }

    private static string CreateSqliteFile(string directory)
    {
        Directory.CreateDirectory(directory);
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "lottery.db") }.ConnectionString;
    }

    private static async Task<(ScenarioOutcome? Outcome, RedisModeSetup? Setup)> RunAsync(BenchContext context, HttpMode mode, string name, string connection, bool measure)
    {
        var settings = context.Settings;
        var console = context.Console;
        var redisMode = mode == HttpMode.Redis;
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = mode == HttpMode.EmbeddedSqlite ? "Sqlite" : "Postgres",
            ["ConnectionStrings__Lottery"] = connection,
            ["Redis__Configuration"] = redisMode ? settings.Redis : "",
            ["Demo__Seed"] = "false",
            ["Platform__ApiKey"] = BenchContext.PlatformKey,
            ["RateLimiting__AddressRequests"] = "0",
            ["RateLimiting__PlayerDraws"] = "0",
            ["Players__ProofOfWork__Difficulty"] = "0",
            ["Players__GuestSessionsPerAddressPerHour"] = "0",
            ["Logging__LogLevel__Default"] = "Warning",
        };

        await console.WriteLineAsync($"{name}: starting the app ({Describe(mode)} mode) ...");
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

        // First thing after the load: what the database holds now (the stats endpoint counts draw records), then the
        // stream; only then the wait for a backlog.
        var atStop = await api.PersistedDrawsAsync(activity);
        long? stream = redisMode ? await StreamLengthAsync(settings.Redis, activity) : null;
        all.AddRange(runs);
        var answered = all.Sum(r => r.Ok);
        var uncertain = all.Sum(r => r.Errors.Where(e => e.Key.StartsWith("exception", StringComparison.Ordinal)).Sum(e => e.Value));
        await console.WriteLineAsync($"  load stopped: {answered:N0} answered, {atStop:N0} in the database{(stream is { } s ? $", {s:N0} in the stream" : "")}; waiting for the rest ...");
        var (settled, waited) = await Workload.WaitForPersistedAsync(answered, () => api.PersistedDrawsAsync(activity), console);
        var durability = new Durability(answered, atStop, stream, settled, waited, uncertain);
        await console.WriteLineAsync($"  durability: {durability}");
        return (new ScenarioOutcome(name, Title(mode), runs, durability), setup);
    }

    private static string Describe(HttpMode mode) => mode switch
    {
        HttpMode.Redis => "Redis",
        HttpMode.EmbeddedPostgres => "embedded PostgreSQL",
        _ => "embedded SQLite",
    };

    private static string Title(HttpMode mode) => mode switch
    {
        HttpMode.Redis => "HTTP draw, Redis mode (PostgreSQL + Redis)",
        HttpMode.EmbeddedPostgres => "HTTP draw, embedded PostgreSQL mode",
        _ => "HTTP draw, embedded SQLite mode (the default)",
    };

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
