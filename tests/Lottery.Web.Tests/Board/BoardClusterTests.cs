using System.Diagnostics;
using System.Net;
using Lottery.Web.Features.Board;
using Lottery.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Lottery.Web.Tests.Board;

/// <summary>Two app nodes on one PostgreSQL and one Redis: a board served by node B sees draws made on node A.</summary>
[Collection(DrawLoad.Name)]
public sealed class BoardClusterTests
{
    [Fact]
    public async Task A_draw_on_node_A_reaches_a_board_on_node_B_within_a_second()
    {
        await using var nodeA = new LotteryApiFactory(StoreMode.RedisPostgres);
        await nodeA.InitializeAsync();
        await using var nodeB = new LotteryApiFactory(StoreMode.RedisPostgres, sharedDatabase: nodeA.DatabaseName);
        await nodeB.InitializeAsync();
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
        await ((IAsyncLifetime)nodeB).DisposeAsync();
        await ((IAsyncLifetime)nodeA).DisposeAsync();
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
