namespace Lottery.Infrastructure.Stock;

/// <summary>Section <c>Redis</c>. When <see cref="Configuration"/> is empty the embedded (database) stock store is used.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>localhost:6379,abortConnect=false</c>.</summary>
    public string? Configuration { get; set; }

    /// <summary>At most this many orphaned records of one activity are committed per pass.</summary>
    public int ConsumerBatchSize { get; set; } = 256;

    /// <summary>
    /// A record still in the stream this long after its draw script ran is an orphan: its node died (or lost the
    /// database) between the script and its commit, and any node commits it. Much longer than a commit takes.
    /// </summary>
    public TimeSpan OrphanAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the consumer waits between passes when there was nothing to commit (a flush wakes it sooner).</summary>
    public TimeSpan ConsumerIdleDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the consumer asks the database which activities are live.</summary>
    public TimeSpan ActivityRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long <c>FlushAsync</c> waits for an activity's stream to drain before giving up.</summary>
    public TimeSpan FlushTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Lifetime of the lock under which one node rebuilds a cold activity's counters.</summary>
    public TimeSpan RebuildLockTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a finished activity's keys stay in Redis once it is retired (ended, cancelled or drawn, its stock returned
    /// and every record in the database). Its history is in the database; the keys only serve late page visits.
    /// </summary>
    public TimeSpan FinishedActivityTtl { get; set; } = Redis.RedisKeys.FinishedActivityTtl;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Configuration);
}
