using System.Text.Json;
using Lottery.Infrastructure.Stock;
using Lottery.Infrastructure.Stock.Redis;
using StackExchange.Redis;

namespace Lottery.Web.Features.Board;

/// <summary>
/// Carries board events between app nodes over Redis pub/sub (Redis mode only). Outgoing: events are batched per
/// activity for <see cref="BatchWindow"/> and published fire-and-forget, so a draw never waits for Redis on their
/// account. Incoming: this node subscribes only to the channels of activities watched here and ignores its own messages
/// (they were delivered locally already). Pub/sub is at-most-once; boards heal a lost message by resynchronising.
/// </summary>
public sealed partial class RedisBoardRelay : IDisposable
{
    public static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(20);

    private readonly RedisConnection _redis;
    private readonly BoardNotifier _notifier;
    private readonly TimeProvider _clock;
    private readonly ILogger<RedisBoardRelay> _logger;
    private readonly string _node = Guid.NewGuid().ToString("N");
    private readonly object _gate = new();
    private Dictionary<Guid, List<BoardEvent>> _pending = [];
    private ITimer? _timer;

    public RedisBoardRelay(RedisConnection redis, BoardNotifier notifier, TimeProvider clock, ILogger<RedisBoardRelay> logger)
    {
        _redis = redis;
        _notifier = notifier;
        _clock = clock;
        _logger = logger;
        notifier.Listen(SubscribeAsync, id => _ = UnsubscribeAsync(id));
    }

    /// <summary>Queues events for the other nodes; they leave within <see cref="BatchWindow"/>.</summary>
    public void Enqueue(Guid activityId, IReadOnlyList<BoardEvent> events)
    {
        lock (_gate)
        {
            if (!_pending.TryGetValue(activityId, out var list))
            {
                _pending[activityId] = list = [];
            }

            list.AddRange(events);
            _timer ??= _clock.CreateTimer(_ => _ = PublishAsync(), null, BatchWindow, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    private async Task PublishAsync()
    {
        Dictionary<Guid, List<BoardEvent>> batch;
        lock (_gate)
        {
            batch = _pending;
            _pending = [];
            _timer?.Dispose();
            _timer = null;
        }

        try
        {
            var subscriber = (await _redis.GetAsync()).GetSubscriber();
            foreach (var (activityId, events) in batch)
            {
                var message = JsonSerializer.Serialize(new RelayMessage(_node, events));
                await subscriber.PublishAsync(RedisKeys.BoardEvents(activityId), message, CommandFlags.FireAndForget);
            }
        }
#pragma warning disable CA1031 // Redis briefly away: boards on other nodes resynchronise from the database
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogPublishFailed(_logger, ex);
        }
    }

    private async Task SubscribeAsync(Guid activityId)
    {
        try
        {
            var subscriber = (await _redis.GetAsync()).GetSubscriber();
            await subscriber.SubscribeAsync(RedisKeys.BoardEvents(activityId), (_, value) => OnMessage(activityId, value));
        }
#pragma warning disable CA1031 // without Redis the board still shows this node's draws and resynchronises
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogSubscribeFailed(_logger, activityId, ex);
        }
    }

    private async Task UnsubscribeAsync(Guid activityId)
    {
        try
        {
            var subscriber = (await _redis.GetAsync()).GetSubscriber();
            await subscriber.UnsubscribeAsync(RedisKeys.BoardEvents(activityId));
        }
#pragma warning disable CA1031 // a stale subscription only costs ignored messages
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogSubscribeFailed(_logger, activityId, ex);
        }
    }

    private void OnMessage(Guid activityId, RedisValue value)
    {
        try
        {
            var message = JsonSerializer.Deserialize<RelayMessage>((string)value!);
            if (message is not null && message.Node != _node)
            {
                _notifier.Deliver(activityId, message.Events);
            }
        }
#pragma warning disable CA1031 // a malformed or failing message must not break the subscription
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogMessageFailed(_logger, activityId, ex);
        }
    }

    private sealed record RelayMessage(string Node, List<BoardEvent> Events);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing board events to Redis failed")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to the board events of activity {ActivityId} failed")]
    private static partial void LogSubscribeFailed(ILogger logger, Guid activityId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A board event message of activity {ActivityId} could not be handled")]
    private static partial void LogMessageFailed(ILogger logger, Guid activityId, Exception exception);
}
