using System.Diagnostics;
using System.Net;
using Lottery.Web.Features.Board;
using Lottery.Web.Hubs;
using Lottery.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lottery.Web.Tests.Board;

/// <summary>
/// Two app nodes on one PostgreSQL and one Redis (one server, or a three-primary Redis Cluster): a board served by node B sees draws made on node A (board events cross
/// nodes through the Redis relay), and kiosk screens connected to either node get one snapshot stream, fed by one node
/// through the SignalR Redis backplane (docs/decisions/016).
/// </summary>
[Collection(DrawLoad.Name)]
public sealed class BoardClusterTests
{
    [Theory]
    [InlineData(StoreMode.RedisPostgres)]
    [InlineData(StoreMode.RedisClusterPostgres)]
    public async Task A_draw_on_node_A_reaches_a_board_on_node_B_within_a_second(StoreMode mode)
    {
        await using var nodes = await TwoNodes.StartAsync(mode);
        var (nodeA, nodeB) = (nodes.A, nodes.B);
        var tenant = await nodeA.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(prize: "Cap", stock: 5, chances: 5));
        var player = await nodeA.NewPlayerAsync("Mia");

        using var lease = await nodeB.Services.GetRequiredService<BoardRegistry>().AcquireAsync(activity, CancellationToken.None);
        Assert.NotNull(lease);
        Assert.Equal(0, lease.Board.Current!.Draws);
        var snapshots = new List<BoardSnapshot>();
        var arrived = new SemaphoreSlim(0);
        lease.Board.Changed += s =>
        {
            lock (snapshots)
            {
                snapshots.Add(s);
            }

            arrived.Release();
        };

        // The first draw warms both nodes up; the budget applies to the second.
        Assert.Equal(HttpStatusCode.OK, (await ApiSteps.DrawAsync(player, activity)).StatusCode);
        await WaitForAsync(snapshots, arrived, s => s.Draws == 1, TimeSpan.FromSeconds(10));
        var clock = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await ApiSteps.DrawAsync(player, activity)).StatusCode);
        var seen = await WaitForAsync(snapshots, arrived, s => s.Draws == 2, TimeSpan.FromSeconds(1));
        clock.Stop();

        Assert.Equal(2, seen.Wins);
        Assert.Equal(1, seen.Players);
        Assert.Equal(3, seen.Prizes.Single().Remaining);
        Assert.Equal(["M***a", "M***a"], seen.LatestWinners.Select(w => w.Player));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");

        // Once the records are in the database, a fresh board on node B agrees with the stats API.
        await ApiSteps.EventuallyAsync(() => ApiSteps.StatsAsync(tenant, activity), s => s.GetProperty("draws").GetInt32() == 2);
        var stats = await ApiSteps.StatsAsync(tenant, activity);
        Assert.Equal((2, 2, 1), (stats.GetProperty("draws").GetInt32(), stats.GetProperty("wins").GetInt32(), stats.GetProperty("players").GetInt32()));
    }

    [Theory]
    [InlineData(StoreMode.RedisPostgres)]
    [InlineData(StoreMode.RedisClusterPostgres)]
    public async Task A_kiosk_screen_on_node_B_shows_a_draw_made_on_node_A_through_the_SignalR_backplane(StoreMode mode)
    {
        await using var nodes = await TwoNodes.StartAsync(mode);
        var (nodeA, nodeB) = (nodes.A, nodes.B);
        var tenant = await nodeA.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(prize: "Cap", stock: 5, chances: 5));
        var tenantId = await nodeA.QueryAsync(db => db.Activities.IgnoreQueryFilters().Where(a => a.Id == activity).Select(a => a.TenantId).SingleAsync());
        var token = nodeA.Services.GetRequiredService<BoardTokens>().Create(activity, tenantId, BoardTokens.Lifetimes[0]).Value;
        var player = await nodeA.NewPlayerAsync("Mia");

        // A screen joins on node A first, so node A feeds the activity's screens; a second screen joins on node B.
        await using var screenA = await KioskScreen.ConnectAsync(nodeA);
        Assert.Equal(0, (await screenA.JoinAsync(activity, token)).Draws);
        await using var screenB = await KioskScreen.ConnectAsync(nodeB);
        var joined = await screenB.JoinAsync(activity, token);
        Assert.Equal((0, 5), (joined.Draws, joined.Prizes.Single().Remaining));
        Assert.True(nodeA.Services.GetRequiredService<BoardHubGroups>().Feeds(activity));
        Assert.False(nodeB.Services.GetRequiredService<BoardHubGroups>().Feeds(activity));

        // A draw through the player API on node A shows on the screen connected to node B.
        Assert.Equal(HttpStatusCode.OK, (await ApiSteps.DrawAsync(player, activity)).StatusCode);
        var onB = await screenB.WaitForAsync(s => s.Draws == 1, TimeSpan.FromSeconds(10));
        var onA = await screenA.WaitForAsync(s => s.Draws == 1, TimeSpan.FromSeconds(10));
        Assert.Equal((1L, 1, 4), (onB.Wins, onB.Players, onB.Prizes.Single().Remaining));
        Assert.Equal(["M***a"], onB.LatestWinners.Select(w => w.Player));

        // It is node A's snapshot, carried by the backplane: the very one screen A got (same sequence and time), not one
        // made by node B's own board, which counted the same draw through the relay and stamped it at another moment.
        Assert.Equal((onA.Sequence, onA.At), (onB.Sequence, onB.At));
        using (var boardB = await nodeB.Services.GetRequiredService<BoardRegistry>().AcquireAsync(activity, CancellationToken.None))
        {
            var ownB = await ApiSteps.EventuallyAsync(() => Task.FromResult(boardB!.Board.Current!), s => s.Draws == 1);
            Assert.NotEqual(onB.At, ownB.At);
        }

        // A draw on node B (which does not feed) reaches node A's board through the relay, and both screens through the backplane.
        var playerOnB = await nodeB.NewPlayerAsync("Noah");
        Assert.Equal(HttpStatusCode.OK, (await ApiSteps.DrawAsync(playerOnB, activity)).StatusCode);
        var secondOnB = await screenB.WaitForAsync(s => s.Draws == 2, TimeSpan.FromSeconds(10));
        var secondOnA = await screenA.WaitForAsync(s => s.Draws == 2, TimeSpan.FromSeconds(10));
        Assert.Equal((2, 3), (secondOnB.Players, secondOnB.Prizes.Single().Remaining));
        Assert.Equal((secondOnA.Sequence, secondOnA.At), (secondOnB.Sequence, secondOnB.At));

        await screenB.DisposeAsync();
        await screenA.DisposeAsync();
    }

    private static async Task<BoardSnapshot> WaitForAsync(List<BoardSnapshot> snapshots, SemaphoreSlim arrived, Func<BoardSnapshot, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            lock (snapshots)
            {
                if (snapshots.LastOrDefault(done) is { } hit)
                {
                    return hit;
                }
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await arrived.WaitAsync(left))
            {
                lock (snapshots)
                {
                    Assert.Fail($"No matching snapshot within {timeout}; last: {snapshots.LastOrDefault()}");
                }
            }
        }
    }
}
