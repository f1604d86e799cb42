using Lottery.Web.Features.Board;
using Microsoft.AspNetCore.SignalR;

namespace Lottery.Web.Hubs;

/// <summary>
/// <c>/hubs/board</c>: screens outside the app watch an activity's board. A client calls <c>Join(activityId, token)</c>
/// with a screen token (or none, when signed in as staff of the activity's tenant); it gets the current snapshot back
/// and then <c>snapshot</c> messages, coalesced to at most four a second. Unknown activity, another tenant's activity
/// and a bad token all answer the same "not found" error (docs/api.md).
/// </summary>
public sealed class BoardHub(BoardHubGroups groups, BoardTokens tokens) : Hub
{
    public const string Path = "/hubs/board";
    public const string SnapshotMethod = "snapshot";

    public async Task<BoardSnapshot> Join(Guid activityId, string? token)
    {
        var tokenTenant = tokens.Validate(token, activityId);
        if (tokenTenant is null && Context.User?.Identity?.IsAuthenticated != true)
        {
            throw new HubException("not-found: no board for this activity and link.");
        }

        var board = await groups.JoinAsync(Context.ConnectionId, activityId, Context.ConnectionAborted);
        if (board is null || (tokenTenant != board.TenantId && !BoardAccess.CanWatch(Context.User!, board.TenantId)))
        {
            groups.Leave(Context.ConnectionId, activityId);
            throw new HubException("not-found: no board for this activity and link.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, BoardHubGroups.GroupName(activityId), Context.ConnectionAborted);
        return board.Current!;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        groups.LeaveAll(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>
/// Holds one board lease per activity that has hub clients on this node and feeds the activity's SignalR group with the
/// board's coalesced snapshots. Embedded mode (one node, no backplane): this node always feeds. Redis mode: the group
/// spans every node through the SignalR backplane, so only the node holding the activity's feed lease
/// (<see cref="BoardFeedClaims"/>) sends; the others keep their board to answer <c>Join</c> at once and to take over.
/// </summary>
public sealed partial class BoardHubGroups(
    BoardRegistry boards, IHubContext<BoardHub> hub, TimeProvider clock, ILogger<BoardHubGroups> logger, BoardFeedClaims? claims = null)
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, Watch> _watches = [];
    private readonly Dictionary<string, HashSet<Guid>> _connections = [];
    private readonly TimeProvider _clock = clock;
    private readonly ILogger _logger = logger;
    private readonly BoardFeedClaims? _claims = claims;

    public static string GroupName(Guid activityId) => $"board:{activityId:N}";

    /// <summary>Whether this node currently sends the activity's snapshots to its hub group.</summary>
    public bool Feeds(Guid activityId)
    {
        lock (_gate)
        {
            return _watches.TryGetValue(activityId, out var watch) && watch.Feeding;
        }
    }

    /// <summary>
    /// Adds the connection to the activity's watchers on this node; completes once the node knows whether it feeds the
    /// activity's screens. Null when the activity does not exist.
    /// </summary>
    public async Task<LiveBoard?> JoinAsync(string connectionId, Guid activityId, CancellationToken cancellationToken)
    {
        Watch? watch;
        lock (_gate)
        {
            if (!(_connections.TryGetValue(connectionId, out var joined) && joined.Contains(activityId) && _watches.TryGetValue(activityId, out watch)))
            {
                watch = null;
            }
        }

        if (watch is null)
        {
            var lease = await boards.AcquireAsync(activityId, cancellationToken);
            if (lease is null)
            {
                return null;
            }

            lock (_gate)
            {
                if (!_connections.TryGetValue(connectionId, out var joined))
                {
                    _connections[connectionId] = joined = [];
                }

                if (!joined.Add(activityId))
                {
                    lease.Dispose();
                    watch = _watches[activityId];
                }
                else if (_watches.TryGetValue(activityId, out watch))
                {
                    watch.Connections++;
                    lease.Dispose();
                }
                else
                {
                    _watches[activityId] = watch = new Watch(this, activityId, lease) { Connections = 1 };
                }
            }
        }

        await watch.Started.WaitAsync(cancellationToken);
        return watch.Lease.Board;
    }

    public void Leave(string connectionId, Guid activityId)
    {
        lock (_gate)
        {
            if (_connections.TryGetValue(connectionId, out var joined) && joined.Remove(activityId))
            {
                Release(activityId);
            }
        }
    }

    public void LeaveAll(string connectionId)
    {
        lock (_gate)
        {
            if (_connections.Remove(connectionId, out var joined))
            {
                foreach (var activityId in joined)
                {
                    Release(activityId);
                }
            }
        }
    }

    private void Release(Guid activityId)
    {
        if (_watches.TryGetValue(activityId, out var watch) && --watch.Connections == 0)
        {
            _watches.Remove(activityId);
            watch.Stop();
        }
    }

    private async Task SendAsync(Guid activityId, BoardSnapshot snapshot)
    {
        try
        {
            await hub.Clients.Group(GroupName(activityId)).SendAsync(BoardHub.SnapshotMethod, snapshot, CancellationToken.None);
        }
#pragma warning disable CA1031 // Redis briefly away: the next snapshot (at most 30 s later, on resync) brings the screens up to date
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogSendFailed(_logger, activityId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending a board snapshot of activity {ActivityId} to its screens failed")]
    private static partial void LogSendFailed(ILogger logger, Guid activityId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "This node {Action} feeding the screens of activity {ActivityId}")]
    private static partial void LogFeeding(ILogger logger, string action, Guid activityId);

    /// <summary>One activity watched by hub clients on this node: its board lease and, in Redis mode, its feed lease.</summary>
    private sealed class Watch
    {
        private readonly BoardHubGroups _owner;
        private readonly Guid _activityId;
        private readonly object _sendGate = new();
        private readonly ITimer? _renewal;
        private long _lastSent;
        private int _renewing;
        private volatile bool _feeding;
        private volatile bool _stopped;

        public Watch(BoardHubGroups owner, Guid activityId, BoardLease lease)
        {
            _owner = owner;
            _activityId = activityId;
            Lease = lease;
            lease.Board.Changed += Forward;
            if (owner._claims is null)
            {
                _feeding = true;
                Started = Task.CompletedTask;
            }
            else
            {
                Started = RenewAsync();
                _renewal = owner._clock.CreateTimer(_ => _ = RenewAsync(), null, BoardFeedClaims.RenewEvery, BoardFeedClaims.RenewEvery);
            }
        }

        public BoardLease Lease { get; }

        public int Connections { get; set; }

        /// <summary>Completes once the first claim was tried (at once in embedded mode).</summary>
        public Task Started { get; }

        public bool Feeding => _feeding;

        public void Stop()
        {
            _stopped = true;
            _renewal?.Dispose();
            Lease.Board.Changed -= Forward;
            Lease.Dispose();
            if (_owner._claims is { } claims && _feeding)
            {
                _feeding = false;
                _ = claims.ReleaseAsync(_activityId);
            }
        }

        /// <summary>
        /// Sends a snapshot to the group if this node feeds it, newest only: snapshots of one board carry growing
        /// sequence numbers, and a renewal that makes this node the feeder sends the current one too.
        /// </summary>
        private void Forward(BoardSnapshot snapshot)
        {
            lock (_sendGate)
            {
                if (!_feeding || _stopped || snapshot.Sequence <= _lastSent)
                {
                    return;
                }

                _lastSent = snapshot.Sequence;
                _ = _owner.SendAsync(_activityId, snapshot);
            }
        }

        private async Task RenewAsync()
        {
            if (Interlocked.Exchange(ref _renewing, 1) == 1)
            {
                return;
            }

            try
            {
                var claims = _owner._claims!;
                var held = await claims.HoldAsync(_activityId, _feeding);
                if (_stopped)
                {
                    if (held)
                    {
                        await claims.ReleaseAsync(_activityId);
                    }

                    return;
                }

                var was = _feeding;
                _feeding = held;
                if (held != was)
                {
                    LogFeeding(_owner._logger, held ? "started" : "stopped", _activityId);
                }

                if (held && !was && Lease.Board.Current is { } current)
                {
                    // The screens may have missed what happened while nobody fed them.
                    Forward(current);
                }
            }
            finally
            {
                Volatile.Write(ref _renewing, 0);
            }
        }
    }
}
