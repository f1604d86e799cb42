using System.Collections.Immutable;

namespace Lottery.Web.Features.Board;

/// <summary>
/// The node's fan-out of board events to whoever watches an activity here (the live boards). Events come from this
/// node's <see cref="BoardEventBus"/> and, in Redis mode, from other nodes through <see cref="RedisBoardRelay"/>, which
/// listens only to the activities watched on this node (<see cref="Listen"/>): a board's subscription completes once
/// the node listens for its activity, so no event from another node is missed after the board has loaded.
/// </summary>
public sealed class BoardNotifier
{
    private readonly object _gate = new();
    private ImmutableDictionary<Guid, ImmutableArray<Action<IReadOnlyList<BoardEvent>>>> _handlers =
        ImmutableDictionary<Guid, ImmutableArray<Action<IReadOnlyList<BoardEvent>>>>.Empty;

    private readonly Dictionary<Guid, Task> _listening = [];
    private Func<Guid, Task>? _listen;
    private Action<Guid>? _stop;

    /// <summary>
    /// Lets a transport (the Redis relay) start listening when an activity gets its first watcher on this node and stop
    /// when it loses its last; activities already watched start at once.
    /// </summary>
    public void Listen(Func<Guid, Task> start, Action<Guid> stop)
    {
        lock (_gate)
        {
            _listen = start;
            _stop = stop;
            foreach (var id in _handlers.Keys)
            {
                _listening[id] = start(id);
            }
        }
    }

    public IEnumerable<Guid> WatchedActivities => Volatile.Read(ref _handlers).Keys;

    /// <summary>Subscribes; completes once this node listens for the activity's events from other nodes too.</summary>
    public async Task<IDisposable> SubscribeAsync(Guid activityId, Action<IReadOnlyList<BoardEvent>> handler)
    {
        Task listening;
        lock (_gate)
        {
            var first = !_handlers.TryGetValue(activityId, out var list);
            _handlers = _handlers.SetItem(activityId, (first ? [] : list).Add(handler));
            if (first && _listen is not null)
            {
                _listening[activityId] = _listen(activityId);
            }

            listening = _listening.GetValueOrDefault(activityId) ?? Task.CompletedTask;
        }

        await listening;
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
            if (last)
            {
                _listening.Remove(activityId);
            }
        }

        if (last)
        {
            _stop?.Invoke(activityId);
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
