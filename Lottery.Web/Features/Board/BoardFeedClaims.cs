using Lottery.Infrastructure.Stock;
using Lottery.Infrastructure.Stock.Redis;
using StackExchange.Redis;

namespace Lottery.Web.Features.Board;

/// <summary>
/// Decides which node feeds an activity's kiosk screens (Redis mode only; docs/decisions/016). Every node with screens
/// of an activity keeps a live board for it, but only the holder of a short Redis lease sends that board's snapshots to
/// the activity's hub group, and the SignalR backplane carries them to the screens on every node: a screen gets one
/// ordered stream, never two nodes' competing ones. The lease lasts <see cref="Lifetime"/> and its holder renews it
/// every <see cref="RenewEvery"/>; when the holder lets go (its last screen left) or dies, another node with screens of
/// the activity takes it at its next renewal.
/// </summary>
public sealed partial class BoardFeedClaims(RedisConnection redis, ILogger<BoardFeedClaims> logger)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(3);

    private readonly RedisValue _node = Guid.NewGuid().ToString("N");

    /// <summary>Takes or (when <paramref name="held"/>) extends the lease; true when this node holds it afterwards.</summary>
    public async Task<bool> HoldAsync(Guid activityId, bool held)
    {
        try
        {
            var db = await redis.GetDatabaseAsync();
            var key = RedisKeys.BoardScreenFeed(activityId);
            return (held && await db.LockExtendAsync(key, _node, Lifetime)) || await db.LockTakeAsync(key, _node, Lifetime);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            // Without Redis the backplane carries nothing either; the screens reconnect or catch up once it is back.
            LogClaimFailed(logger, activityId, ex);
            return false;
        }
    }

    /// <summary>Lets go of the lease (if this node still holds it) so another node can take over at once.</summary>
    public async Task ReleaseAsync(Guid activityId)
    {
        try
        {
            var db = await redis.GetDatabaseAsync();
            await db.LockReleaseAsync(RedisKeys.BoardScreenFeed(activityId), _node);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            // The lease expires by itself within Lifetime.
            LogClaimFailed(logger, activityId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The screen feed lease of activity {ActivityId} could not be taken, renewed or released")]
    private static partial void LogClaimFailed(ILogger logger, Guid activityId, Exception exception);
}
