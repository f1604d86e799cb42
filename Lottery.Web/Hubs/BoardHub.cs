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
/// Holds one board lease per activity that has hub clients on this node and forwards its coalesced snapshots to the
/// activity's SignalR group.
/// </summary>
public sealed class BoardHubGroups(BoardRegistry boards, IHubContext<BoardHub> hub)
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, Watch> _watches = [];
    private readonly Dictionary<string, HashSet<Guid>> _connections = [];

    public static string GroupName(Guid activityId) => $"board:{activityId:N}";

    public async Task<LiveBoard?> JoinAsync(string connectionId, Guid activityId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_connections.TryGetValue(connectionId, out var joined) && joined.Contains(activityId) && _watches.TryGetValue(activityId, out var known))
            {
                return known.Lease.Board;
            }
        }

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
                return _watches[activityId].Lease.Board;
            }

            if (_watches.TryGetValue(activityId, out var watch))
            {
                watch.Connections++;
                lease.Dispose();
                return watch.Lease.Board;
            }

            var group = hub.Clients.Group(GroupName(activityId));
            void Forward(BoardSnapshot snapshot) => _ = group.SendAsync(BoardHub.SnapshotMethod, snapshot, CancellationToken.None);
            lease.Board.Changed += Forward;
            _watches[activityId] = new Watch(lease, Forward) { Connections = 1 };
            return lease.Board;
        }
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
            watch.Lease.Board.Changed -= watch.Forward;
            watch.Lease.Dispose();
        }
    }

    private sealed class Watch(BoardLease lease, Action<BoardSnapshot> forward)
    {
        public BoardLease Lease { get; } = lease;

        public Action<BoardSnapshot> Forward { get; } = forward;

        public int Connections { get; set; }
    }
}
