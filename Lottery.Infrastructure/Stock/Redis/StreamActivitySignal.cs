using System.Collections.Concurrent;

namespace Lottery.Infrastructure.Stock.Redis;

/// <summary>
/// The store's nudge to the consumer: "this activity has new records". Wakes an idle <see cref="DrawRecordConsumer"/>
/// at once and makes it look at the activity even before its next database refresh.
/// </summary>
public sealed class StreamActivitySignal : IDisposable
{
    private readonly ConcurrentDictionary<Guid, byte> _touched = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Lock _gate = new();

    public void Notify(Guid activityId)
    {
        _touched.TryAdd(activityId, 0);
        lock (_gate)
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
    }

    /// <summary>The activities notified since the last call.</summary>
    public IReadOnlyList<Guid> TakeNotified()
    {
        var ids = _touched.Keys.ToList();
        foreach (var id in ids)
        {
            _touched.TryRemove(id, out _);
        }

        return ids;
    }

    /// <summary>Waits until notified or <paramref name="timeout"/> passes; false on timeout or cancellation.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await _wake.WaitAsync(timeout, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose() => _wake.Dispose();
}
