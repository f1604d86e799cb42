using System.Collections.Immutable;

namespace Lottery.Web.Features.Board;

/// <summary>
/// The node's fan-out of board events to whoever watches an activity here (the live boards). Events come from this
/// node's <see cref="BoardEventBus"/> and, in Redis mode, from other nodes through <see cref="RedisBoardRelay"/>, which
/// listens only to the activities watched on this node (<see cref="Watched"/>/<see cref="Unwatched"/>).
/// </summary>
public sealed class BoardNotifier
{
    private readonly object _gate = new();
    private ImmutableDictionary<Guid, ImmutableArray<Action<IReadOnlyList<BoardEvent>>>> _handlers =
        ImmutableDictionary<Guid, ImmutableArray<Action<IReadOnlyList<BoardEvent>>>>.Empty;

    /// <summary>Raised when an activity gets its first watcher on this node.</summary>
    public event Action<Guid>? Watched;

    /// <summary>Raised when an activity loses its last watcher on this node.</summary>
    public event Action<Guid>? Unwatched;

    public IEnumerable<Guid> WatchedActivities => Volatile.Read(ref _handlers).Keys;

    public IDisposable Subscribe(Guid activityId, Action<IReadOnlyList<BoardEvent>> handler)
    {
        bool first;
        lock (_gate)
        {
            first = !_handlers.TryGetValue(activityId, out var list);
            _handlers = _handlers.SetItem(activityId, (first ? [] : list).Add(handler));
        }

        if (first)
        {
            Watched?.Invoke(activityId);
        }

        return new Subscription(this, activityId, handler);
    }

    /// <summary>Hands events of one activity to its watchers on this node (no-op when nobody watches it).</summary>
    public void Deliver(Guid activityId, IReadOnlyList<BoardEvent> events)
    {
        if (Volatile.Read(ref _handlers).TryGetValue(activityId, out var handlers))
        {
            foreach (var handler in handlers)
            {
                handler(events);
            }
        }
    }

    private void Unsubscribe(Guid activityId, Action<IReadOnlyList<BoardEvent>> handler)
    {
        bool last;
        lock (_gate)
        {
            if (!_handlers.TryGetValue(activityId, out var list))
            {
                return;
            }

            list = list.Remove(handler);
            last = list.IsEmpty;
            _handlers = last ? _handlers.Remove(activityId) : _handlers.SetItem(activityId, list);
        }

        if (last)
        {
            Unwatched?.Invoke(activityId);
        }
    }

    private sealed class Subscription(BoardNotifier owner, Guid activityId, Action<IReadOnlyList<BoardEvent>> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(activityId, handler);
            }
        }
    }
}
