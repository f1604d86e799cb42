namespace Lottery.Bench;

/// <summary>What every scenario needs: the settings, where to print, and CPU sampling of the processes involved.</summary>
internal sealed class BenchContext(BenchSettings settings, TextWriter console)
{
    public const string PlatformKey = "bench-platform-key";

    public BenchSettings Settings => settings;

    public TextWriter Console => console;

    /// <summary>
    /// Samples this process (labelled <paramref name="self"/>; the load generator unless <paramref name="selfIsLoadGenerator"/>
    /// is false, as for the in-process host), the app process if any, redis-server and PostgreSQL (postmaster and
    /// backends), each found through the pid files bench/run.sh passes. An embedded SQLite database runs inside the app.
    /// </summary>
    public CpuSampler Cpu(string self, int? appPid = null, bool selfIsLoadGenerator = true)
    {
        var groups = new List<CpuGroup> { new(self, () => [Environment.ProcessId], selfIsLoadGenerator) };
        if (appPid is { } app)
        {
            groups.Add(new("app", () => [app]));
        }

        groups.Add(new("redis", () => CpuSampler.PidFromFile(settings.RedisPidFile) is { } pid ? [pid] : []));
        groups.Add(new("postgres", () => CpuSampler.PidFromFile(settings.PostgresPidFile) is { } pid ? CpuSampler.WithChildren(pid) : []));
        return new CpuSampler(groups);
    }

    public async Task<RunResult> MeasureAsync(string scenario, int concurrency, DrawOperation operation, CpuSampler cpu)
    {
        await console.WriteLineAsync($"  {scenario}: {concurrency} concurrent, {settings.Duration.TotalSeconds:0} s measured ...");
        var run = await LoadRunner.RunAsync(scenario, concurrency, settings.Duration, settings.MaxCallsPerRun, operation, cpu);
        await console.WriteLineAsync($"    {Report.Line(run)}");
        await ShowExceptionsAsync(run);
        return run;
    }

    public async Task<RunResult> WarmUpAsync(string scenario, int concurrency, DrawOperation operation)
    {
        await console.WriteLineAsync($"  {scenario}: warm-up, {concurrency} concurrent, {settings.Warmup.TotalSeconds:0} s ...");
        var run = await LoadRunner.RunAsync(scenario, concurrency, settings.Warmup, settings.MaxCallsPerRun, operation);
        await console.WriteLineAsync($"    (warm-up) {Report.Line(run)}");
        await ShowExceptionsAsync(run);
        return run;
    }

    /// <summary>The first exception of each kind, in full: a count of "exception X" alone does not say what broke.</summary>
    private async Task ShowExceptionsAsync(RunResult run)
    {
        foreach (var (kind, exception) in run.FirstExceptions)
        {
            await console.WriteLineAsync($"    first {kind}: {exception}");
        }
    }
}
