using StackExchange.Redis;

namespace Lottery.Infrastructure.Stock.Redis;

/// <summary>
/// The one place Redis keys are built. Every key of an activity carries the hash tag <c>{activityId}</c>, so all of an
/// activity's keys live in one Redis Cluster slot and one Lua script may touch them together.
/// </summary>
public static class RedisKeys
{
    public const string Prefix = "lottery:";

    /// <summary>Idempotency results are kept this long.</summary>
    public static readonly TimeSpan IdempotencyTtl = TimeSpan.FromHours(24);

    /// <summary>
    /// Hash: one field per prize id (units left) plus <c>epoch</c>, <c>fresh</c>, <c>state</c>, <c>startsAt</c> and
    /// <c>endsAt</c> (unix ms) and <c>version</c>.
    /// </summary>
    public static RedisKey Stock(Guid activityId) => $"{Tag(activityId)}:stock";

    /// <summary>Hash: <c>used</c>, <c>granted</c>, <c>wins</c>, <c>day</c>, <c>dayUsed</c>, <c>tw:&lt;tierId&gt;</c>, <c>epoch</c>, <c>gen</c>.</summary>
    public static RedisKey Player(Guid activityId, Guid playerId) => $"{Tag(activityId)}:p:{playerId:D}";

    /// <summary>Stream of accepted draws (field <c>d</c>: the JSON of a <see cref="PendingDraw"/>) not yet in the database.</summary>
    public static RedisKey Records(Guid activityId) => $"{Tag(activityId)}:records";

    /// <summary>Stream of records the database refused for good (kept for an operator; they no longer block the activity).</summary>
    public static RedisKey DeadRecords(Guid activityId) => $"{Tag(activityId)}:records:dead";

    /// <summary>String: the first result of a draw made with this idempotency key (TTL <see cref="IdempotencyTtl"/>).</summary>
    public static RedisKey Idempotency(Guid activityId, Guid playerId, string key) => $"{Tag(activityId)}:idem:{playerId:D}:{key}";

    /// <summary>String: held (SET NX PX) by the node rebuilding the activity's counters.</summary>
    public static RedisKey RebuildLock(Guid activityId) => $"{Tag(activityId)}:rebuild";

    /// <summary>A SCAN MATCH pattern for every key of the activity (all share its hash tag prefix).</summary>
    public static string ActivityKeysPattern(Guid activityId) => $"{Tag(activityId)}:*";

    /// <summary>A finished activity's keys expire this long after it is retired unless configured otherwise.</summary>
    public static readonly TimeSpan FinishedActivityTtl = TimeSpan.FromDays(7);

    /// <summary>Pub/sub channel of an activity's live-board events (one JSON batch per message; see the web's board relay).</summary>
    public static RedisChannel BoardEvents(Guid activityId) => new($"{Tag(activityId)}:board", RedisChannel.PatternMode.Literal);

    /// <summary>String: held (SET NX PX, renewed) by the one node that feeds the activity's kiosk screens through the SignalR backplane.</summary>
    public static RedisKey BoardScreenFeed(Guid activityId) => $"{Tag(activityId)}:board:feed";

    /// <summary>Prefix of the SignalR backplane's pub/sub channels (the hub's own names follow it).</summary>
    public static readonly RedisChannel HubChannelPrefix = RedisChannel.Literal(Prefix + "hubs:");

    private static string Tag(Guid activityId) => $"{Prefix}{{{activityId:D}}}";
}
