using Lottery.Bench;
using Lottery.Bench.Scenarios;

// The draw-path load generator. bench/run.sh starts the throwaway services, builds Release and runs this; see
// BenchSettings.Usage for the arguments and docs/performance.md for what it reports.
BenchSettings settings;
try
{
    settings = BenchSettings.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

Directory.CreateDirectory(settings.Work);
var console = Console.Out;
var context = new BenchContext(settings, console);
var machine = await MachineInfo.ReadAsync(settings);
await console.WriteLineAsync($"{machine.Cpus} × {machine.CpuModel}, {machine.Memory}, {machine.Os}, {machine.Runtime}");
await console.WriteLineAsync($"Redis {machine.Redis} ({machine.RedisDurability}); PostgreSQL {machine.Postgres} ({machine.PostgresSettings}); SQLite {machine.Sqlite}");

var outcomes = new List<ScenarioOutcome>();
RedisModeSetup? redisSetup = null;
if (settings.Runs("http-redis") || settings.Runs("in-process"))
{
    var (outcome, setup) = await HttpDrawScenario.RunAsync(context, HttpMode.Redis, measure: settings.Runs("http-redis"));
    outcomes.AddRange(outcome is null ? [] : [outcome]);
    redisSetup = setup;
}

foreach (var mode in new[] { HttpMode.EmbeddedPostgres, HttpMode.EmbeddedSqlite }.Where(m => settings.Runs(HttpDrawScenario.NameOf(m))))
{
    outcomes.Add((await HttpDrawScenario.RunAsync(context, mode, measure: true)).Outcome!);
}

if (settings.Runs("in-process") && redisSetup is not null)
{
    outcomes.Add(await InProcessDrawScenario.RunAsync(context, redisSetup));
}

if (settings.Runs("raw-evalsha"))
{
    outcomes.Add(await RawEvalShaScenario.RunAsync(context));
}

var block = Report.Markdown(machine, settings, outcomes, DateTimeOffset.UtcNow);
await console.WriteLineAsync();
await console.WriteLineAsync(block);
if (settings.Report is { } path)
{
    await Report.WriteAsync(path, block);
    await console.WriteLineAsync($"Written to {path}");
}

// A row in which no draw succeeded measured nothing (the in-process host once failed every call for a missing
// registration and still exited 0): say so and fail, like a durability check that does not hold.
var empty = outcomes.SelectMany(o => o.Runs).Where(r => r.Ok == 0).ToList();
foreach (var run in empty)
{
    await Console.Error.WriteLineAsync($"FAILED: {run.Scenario} at {run.Concurrency} concurrent answered no draw successfully ({run.ErrorCount:N0} errors).");
}

return empty.Count == 0 && outcomes.All(o => o.Durability?.Holds != false) ? 0 : 1;
