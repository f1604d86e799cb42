using System.Diagnostics;

namespace Lottery.Bench;

/// <summary>
/// One call of the operation under test. <paramref name="worker"/> is the caller's index (0..concurrency-1) and
/// <paramref name="sequence"/> counts that worker's calls. Returns null on success, else a short error kind
/// (e.g. <c>409 no-chances-left</c>); exceptions are caught and counted by the runner.
/// </summary>
internal delegate ValueTask<string?> DrawOperation(int worker, long sequence);

/// <summary>The measured outcome of one run: throughput, latency percentiles (every call, failed ones too), errors.</summary>
internal sealed record RunResult(
    string Scenario,
    int Concurrency,
    long Ok,
    IReadOnlyDictionary<string, long> Errors,
    TimeSpan Elapsed,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MaxMs,
    CpuSplit? Cpu,
    IReadOnlyDictionary<string, string> FirstExceptions)
{
    public long ErrorCount => Errors.Values.Sum();

    public double PerSecond => Ok / Elapsed.TotalSeconds;

    /// <summary>
    /// CPU time of the system under test per successful draw, in µs: every sampled process but the load generator
    /// (<see cref="CpuSplit.SystemCores"/>) over the draws answered in the row. Work deferred past the row (a Redis-mode
    /// backlog) is not in it.
    /// </summary>
    public double? CpuMicrosPerDraw => Cpu is { } cpu && Ok > 0 ? cpu.SystemCores * Elapsed.TotalSeconds / Ok * 1e6 : null;
}

/// <summary>
/// A closed-loop load generator: <c>concurrency</c> workers each call the operation back to back until the deadline
/// (or their share of <c>maxCalls</c>), timing every call with <see cref="Stopwatch"/> ticks kept in per-worker arrays.
/// </summary>
internal static class LoadRunner
{
    public static async Task<RunResult> RunAsync(
        string scenario, int concurrency, TimeSpan duration, long maxCalls, DrawOperation operation, CpuSampler? cpu = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(concurrency);
        var logs = new WorkerLog[concurrency];
        var perWorker = Math.Max(1, maxCalls / concurrency);
        var before = cpu?.Sample();
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = new Task[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            var log = logs[i] = new WorkerLog();
            var worker = i;
            workers[i] = Task.Run(() => WorkAsync(worker, log, deadline, perWorker, operation));
        }

        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var split = before is null ? null : cpu!.Since(before);

        var ticks = new long[logs.Sum(l => l.Count)];
        var at = 0;
        var errors = new Dictionary<string, long>();
        var firstExceptions = new Dictionary<string, string>();
        long ok = 0;
        foreach (var log in logs)
        {
            Array.Copy(log.Ticks, 0, ticks, at, log.Count);
            at += log.Count;
            ok += log.Ok;
            foreach (var (kind, count) in log.Errors)
            {
                errors[kind] = errors.GetValueOrDefault(kind) + count;
            }

            foreach (var (kind, exception) in log.FirstExceptions)
            {
                firstExceptions.TryAdd(kind, exception);
            }
        }

        Array.Sort(ticks);
        return new RunResult(scenario, concurrency, ok, errors, elapsed,
            Percentile(ticks, 0.50), Percentile(ticks, 0.90), Percentile(ticks, 0.99), ticks.Length == 0 ? 0 : ToMs(ticks[^1]), split, firstExceptions);
    }

    private static async Task WorkAsync(int worker, WorkerLog log, long deadline, long maxCalls, DrawOperation operation)
    {
        for (long n = 0; n < maxCalls; n++)
        {
            var begin = Stopwatch.GetTimestamp();
            if (begin >= deadline)
            {
                return;
            }

            string? error;
            try
            {
                error = await operation(worker, n);
            }
#pragma warning disable CA1031 // A load generator counts every failure instead of stopping at the first.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                error = "exception " + ex.GetType().Name;
                log.FirstExceptions.TryAdd(error, ex.ToString());
            }

            log.Add(Stopwatch.GetTimestamp() - begin, error);
        }
    }

    /// <summary>Nearest-rank percentile of sorted ticks, in milliseconds.</summary>
    private static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? 0 : ToMs(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)]);

    private static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    /// <summary>One worker's calls: latency ticks in a growing array, success count, errors by kind. Never shared.</summary>
    private sealed class WorkerLog
    {
        public long[] Ticks { get; private set; } = new long[16 * 1024];

        public int Count { get; private set; }

        public long Ok { get; private set; }

        public Dictionary<string, long> Errors { get; } = [];

        /// <summary>The first exception of each kind, in full (message and stack), so a failing scenario says why.</summary>
        public Dictionary<string, string> FirstExceptions { get; } = [];

        public void Add(long ticks, string? error)
        {
            if (Count == Ticks.Length)
            {
                var grown = new long[Ticks.Length * 2];
                Array.Copy(Ticks, grown, Count);
                Ticks = grown;
            }

            Ticks[Count++] = ticks;
            if (error is null)
            {
                Ok++;
            }
            else
            {
                Errors[error] = Errors.GetValueOrDefault(error) + 1;
            }
        }
    }
}
