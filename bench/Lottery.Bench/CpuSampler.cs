using System.Globalization;

namespace Lottery.Bench;

/// <summary>
/// A set of processes sampled together. <paramref name="LoadGenerator"/>: the caller's side of the measurement (the
/// HttpClient workers, the EVALSHA loop), left out of the system's CPU per draw; the in-process host is not one, since
/// the draw path runs in that process too.
/// </summary>
internal sealed record CpuGroup(string Name, Func<IReadOnlyCollection<int>> Pids, bool LoadGenerator = false);

/// <summary>Cores used by each process group during a run (1.0 = one core busy the whole time), and by everything else.</summary>
internal sealed record CpuSplit(IReadOnlyList<(string Group, double Cores, bool LoadGenerator)> Groups, double TotalCores, int Cpus)
{
    public double Other => Math.Max(0, TotalCores - Groups.Sum(g => g.Cores));

    /// <summary>Cores used by the system under test: every sampled group but the load generator ("other" excluded).</summary>
    public double SystemCores => Groups.Where(g => !g.LoadGenerator).Sum(g => g.Cores);

    public override string ToString() =>
        string.Join(", ", Groups.Select(g => $"{g.Group} {g.Cores:0.00}").Append($"other {Other:0.00}")) + $" (of {Cpus} cores, busy {TotalCores:0.00})";
}

/// <summary>
/// Reads CPU time from <c>/proc</c> (Linux): each group's processes (user + system jiffies from <c>/proc/PID/stat</c>)
/// against the machine's busy time (<c>/proc/stat</c>). A group is a function giving its current process ids, so
/// PostgreSQL's backends (children of the postmaster) are found at each sample.
/// </summary>
internal sealed class CpuSampler(IReadOnlyList<CpuGroup> groups)
{
    public sealed record Snapshot(long Total, long Idle, IReadOnlyList<Dictionary<int, long>> Groups);

    public Snapshot Sample()
    {
        var (total, idle) = ReadMachine();
        return new Snapshot(total, idle, [.. groups.Select(g => g.Pids().Distinct().ToDictionary(pid => pid, ReadProcess))]);
    }

    /// <summary>The split between <paramref name="before"/> and now. A process that started meanwhile counts from zero.</summary>
    public CpuSplit Since(Snapshot before)
    {
        var now = Sample();
        var cpus = Environment.ProcessorCount;
        var elapsed = Math.Max(1, now.Total - before.Total);
        var split = new List<(string, double, bool)>();
        for (var i = 0; i < groups.Count; i++)
        {
            long used = 0;
            foreach (var (pid, jiffies) in now.Groups[i])
            {
                used += Math.Max(0, jiffies - before.Groups[i].GetValueOrDefault(pid));
            }

            split.Add((groups[i].Name, (double)used / elapsed * cpus, groups[i].LoadGenerator));
        }

        var busy = elapsed - (now.Idle - before.Idle);
        return new CpuSplit(split, (double)busy / elapsed * cpus, cpus);
    }

    /// <summary>The children of a process (e.g. PostgreSQL's backends) plus the process itself.</summary>
    public static IReadOnlyCollection<int> WithChildren(int parent)
    {
        var pids = new List<int> { parent };
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ReadStatFields(pid) is { } fields && fields.Length > 1
                && int.TryParse(fields[1], CultureInfo.InvariantCulture, out var ppid) && ppid == parent)
            {
                pids.Add(pid);
            }
        }

        return pids;
    }

    /// <summary>The first line of a pid file (Redis's pidfile, PostgreSQL's postmaster.pid), or null.</summary>
    public static int? PidFromFile(string? path) =>
        path is not null && File.Exists(path) && int.TryParse(File.ReadLines(path).FirstOrDefault(), CultureInfo.InvariantCulture, out var pid) ? pid : null;

    private static (long Total, long Idle) ReadMachine()
    {
        // cpu  user nice system idle iowait irq softirq steal ...
        var parts = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var values = parts.Skip(1).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return (values.Sum(), values[3] + values[4]);
    }

    private static long ReadProcess(int pid)
    {
        // Fields after "(comm)": state ppid ... utime (11th) stime (12th), counted from the state field as 0.
        var fields = ReadStatFields(pid);
        return fields is { Length: > 12 }
            ? long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
            : 0;
    }

    private static string[]? ReadStatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null; // the process ended
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
