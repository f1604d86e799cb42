using System.Globalization;

namespace Lottery.Bench;

/// <summary>
/// The command line (bench/run.sh passes every value; see <see cref="Usage"/>). Services are throwaway processes the
/// script started; nothing here is meant for a shared server.
/// </summary>
internal sealed record BenchSettings
{
    public const string Usage = """
        Lottery.Bench --redis HOST:PORT --postgres "Host=...;Port=...;Username=..." --app PATH/Lottery.Web.dll
                      [--app-port 5095] [--work DIR] [--report docs/performance.md] [--command "how it was run"]
                      [--redis-pid-file FILE] [--postgres-pid-file DATA/postmaster.pid]
                      [--warmup 5] [--duration 10] [--concurrency 64,128,256] [--players 1000]
                      [--scenarios http-redis,http-embedded,http-sqlite,in-process,raw-evalsha]
        """;

    public static readonly string[] AllScenarios = ["http-redis", "http-embedded", "http-sqlite", "in-process", "raw-evalsha"];

    public required string Redis { get; init; }

    public required string Postgres { get; init; }

    public required string AppDll { get; init; }

    public int AppPort { get; init; } = 5095;

    public string Work { get; init; } = Path.GetTempPath();

    public string? Report { get; init; }

    public string Command { get; init; } = "bench/run.sh";

    public string? RedisPidFile { get; init; }

    public string? PostgresPidFile { get; init; }

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The HTTP scenarios are measured at each of these; the in-process and raw ones at the largest.</summary>
    public IReadOnlyList<int> Concurrency { get; init; } = [64, 128, 256];

    public int Players { get; init; } = 1000;

    public IReadOnlySet<string> Scenarios { get; init; } = AllScenarios.ToHashSet();

    /// <summary>Upper bound on calls per run, whatever the duration (a runaway guard: 10 s at 200k/s).</summary>
    public long MaxCallsPerRun { get; init; } = 2_000_000;

    public int MaxConcurrency => Concurrency.Max();

    public bool Runs(string scenario) => Scenarios.Contains(scenario);

    public static BenchSettings Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.\n{Usage}");
            }

            values[args[i][2..]] = args[++i];
        }

        string Required(string name) => values.TryGetValue(name, out var v) && v.Length > 0
            ? v
            : throw new ArgumentException($"--{name} is required.\n{Usage}");
        string? Optional(string name) => values.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        int Int(string name, int fallback) => Optional(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        var settings = new BenchSettings
        {
            Redis = Required("redis"),
            Postgres = Required("postgres"),
            AppDll = Path.GetFullPath(Required("app")),
            AppPort = Int("app-port", 5095),
            Work = Optional("work") ?? Path.GetTempPath(),
            Report = Optional("report"),
            Command = Optional("command") ?? "bench/run.sh",
            RedisPidFile = Optional("redis-pid-file"),
            PostgresPidFile = Optional("postgres-pid-file"),
            Warmup = TimeSpan.FromSeconds(Int("warmup", 5)),
            Duration = TimeSpan.FromSeconds(Int("duration", 10)),
            Players = Int("players", 1000),
        };
        if (Optional("concurrency") is { } levels)
        {
            settings = settings with { Concurrency = [.. levels.Split(',').Select(l => int.Parse(l, CultureInfo.InvariantCulture))] };
        }

        if (Optional("scenarios") is { } scenarios)
        {
            var chosen = scenarios.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
            if (chosen.Except(AllScenarios).FirstOrDefault() is { } unknown)
            {
                throw new ArgumentException($"Unknown scenario '{unknown}'; known: {string.Join(", ", AllScenarios)}.");
            }

            settings = settings with { Scenarios = chosen };
        }

        if (settings.Concurrency.Count == 0 || settings.Concurrency.Any(c => c < 1) || settings.Players < settings.MaxConcurrency)
        {
            throw new ArgumentException("Concurrency levels must be positive and at most --players (each worker draws for its own players).");
        }

        return settings;
    }
}
