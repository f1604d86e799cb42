using System.Threading.Channels;

namespace Lottery.Web.Features.Board;

/// <summary>
/// Where the draw path and the lifecycle use cases publish board events. <see cref="Publish"/> only writes to an
/// in-memory channel (no I/O, never blocks the draw response); a background loop drains it in batches, hands each
/// batch to this node's <see cref="BoardNotifier"/> and, in Redis mode, to <see cref="RedisBoardRelay"/> for the other
/// nodes. If boards fall far behind (more than <see cref="Capacity"/> events queued), new events are dropped rather than
/// slowing draws: boards resynchronise from the database.
/// </summary>
public sealed partial class BoardEventBus(BoardNotifier notifier, ILogger<BoardEventBus> logger, RedisBoardRelay? relay = null)
    : BackgroundService
{
    public const int Capacity = 100_000;
    private const int MaxBatch = 2_000;

    private readonly Channel<BoardEvent> _events = Channel.CreateBounded<BoardEvent>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private long _dropped;

    public void Publish(BoardEvent boardEvent)
    {
        if (!_events.Writer.TryWrite(boardEvent) && Interlocked.Increment(ref _dropped) % 10_000 == 1)
        {
            LogDropped(logger, _dropped);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<BoardEvent>(MaxBatch);
        var reader = _events.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && reader.TryRead(out var e))
                {
                    batch.Add(e);
                }

                foreach (var group in batch.GroupBy(e => e.ActivityId))
                {
                    var events = group.ToList();
                    Deliver(group.Key, events);
                    relay?.Enqueue(group.Key, events);
                }

                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private void Deliver(Guid activityId, List<BoardEvent> events)
    {
        try
        {
            notifier.Deliver(activityId, events);
        }
#pragma warning disable CA1031 // one faulty watcher must not stop the bus for every board
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogDeliveryFailed(logger, activityId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Board events are arriving faster than boards take them; {Dropped} dropped so far (boards resynchronise from the database)")]
    private static partial void LogDropped(ILogger logger, long dropped);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering board events of activity {ActivityId} failed")]
    private static partial void LogDeliveryFailed(ILogger logger, Guid activityId, Exception exception);
}
