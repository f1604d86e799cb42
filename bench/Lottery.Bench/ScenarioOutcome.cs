using Npgsql;

namespace Lottery.Bench;

/// <summary>
/// Whether every answered draw reached the database, and when: <paramref name="Answered"/> successful answers (warm-up
/// included); <paramref name="AtStop"/> draw records in the database counted first thing when the load stopped, before
/// any wait; <paramref name="StreamAtStop"/> records in the Redis stream read right after (null: no stream);
/// <paramref name="Settled"/> draw records once the count reached <paramref name="Answered"/> or stopped moving, after
/// <paramref name="Settling"/>; <paramref name="Uncertain"/> calls that failed in flight and may have been applied.
/// </summary>
internal sealed record Durability(long Answered, long AtStop, long? StreamAtStop, long Settled, TimeSpan Settling, long Uncertain)
{
    /// <summary>Exact, or (when calls failed in flight and may have been applied) within those calls.</summary>
    public bool Holds => Settled >= Answered && Settled <= Answered + Uncertain;

    /// <summary>Share of the answered draws already in the database when the load stopped.</summary>
    public double AtStopShare => Answered == 0 ? 1 : (double)AtStop / Answered;

    public override string ToString() =>
        $"answered {Answered:N0}, in DB at stop {AtStop:N0} ({AtStopShare:P0}), after settling {Settled:N0}"
        + (StreamAtStop is { } s ? $" ({s:N0} in the Redis stream at stop, settled in {Settling.TotalSeconds:0.0} s)" : "")
        + (Uncertain > 0 ? $"; {Uncertain:N0} calls failed in flight and may or may not have been applied" : "")
        + (Holds ? " — durable" : " — NOT all persisted");
}

/// <summary>One scenario's measured runs (one per concurrency level) and its durability check.</summary>
internal sealed record ScenarioOutcome(string Name, string Title, IReadOnlyList<RunResult> Runs, Durability? Durability)
{
    public RunResult? Best => Runs.MaxBy(r => r.PerSecond);

    /// <summary>How long draws spent in the draw journal during the measured row (only where the bench can see it).</summary>
    public JournalWait? JournalWait { get; init; }
}

/// <summary>Pieces every scenario shares.</summary>
internal static class Workload
{
    /// <summary>
    /// Worker <paramref name="worker"/> of <paramref name="concurrency"/> draws for players w, w + C, w + 2C, ... in turn:
    /// no two workers share a player, so no player ever has two draws in flight (a player's draws queue on its counter
    /// row in the embedded store, which would measure the queue, not the system).
    /// </summary>
    public static int PlayerIndex(int worker, long sequence, int concurrency, int players)
    {
        var mine = (players - worker + concurrency - 1) / concurrency;
        return worker + (int)(sequence % mine) * concurrency;
    }

    /// <summary>Creates (or re-creates) a database of the throwaway cluster; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string server, string name)
    {
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Polls <paramref name="persisted"/> until it reaches <paramref name="accepted"/>, or stops moving for 30 s.</summary>
    public static async Task<(long Persisted, TimeSpan Waited)> WaitForPersistedAsync(long accepted, Func<Task<long>> persisted, TextWriter console)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var last = -1L;
        var lastMove = started;
        while (true)
        {
            var now = await persisted();
            if (now >= accepted)
            {
                return (now, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            }

            if (now != last)
            {
                last = now;
                lastMove = System.Diagnostics.Stopwatch.GetTimestamp();
                await console.WriteLineAsync($"    persisted {now:N0} of {accepted:N0}");
            }
            else if (System.Diagnostics.Stopwatch.GetElapsedTime(lastMove) > TimeSpan.FromSeconds(30))
            {
                return (now, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            }

            await Task.Delay(500);
        }
    }
}
