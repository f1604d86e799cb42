using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Lottery.Web.Tests.Api;
using Xunit.Abstractions;

namespace Lottery.Web.Tests.Risk;

/// <summary>
/// Two app nodes on one PostgreSQL database, as behind a load balancer: a stop-loss switched on node A (the tenant's,
/// then the platform's) stops draws served by node B within a second, resuming lets them run again as fast, and a block
/// added on A refuses the player on B as fast. Node B holds a copy of the controls before each change (it just served a
/// draw), so what is measured is the spread of a change, not a first load.
/// </summary>
[Collection(DrawLoad.Name)]
public sealed class TwoNodeRiskTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_stop_loss_on_node_A_stops_draws_served_by_node_B_within_a_second_and_resuming_restarts_them()
    {
        await using var nodes = await TwoNodes.StartAsync(StoreMode.EmbeddedPostgres);
        var tenant = await nodes.A.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(stock: 10, probability: 0.01m, chances: 1000));
        var (onA, playerId) = await RiskSteps.GuestAsync(nodes.A);
        var onB = nodes.B.CreateClient();
        onB.DefaultRequestHeaders.Authorization = onA.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.OK, (await ApiSteps.DrawAsync(onB, activity)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await tenant.PostAsJsonAsync("/api/admin/stop-loss", new { reason = "Budget spent" })).StatusCode);
        Report("tenant stop on A → refused on B", await UntilAsync(onB, activity, HttpStatusCode.Conflict));

        Assert.Equal(HttpStatusCode.OK, (await tenant.DeleteAsync("/api/admin/stop-loss")).StatusCode);
        Report("tenant resume on A → drawing on B", await UntilAsync(onB, activity, HttpStatusCode.OK));

        Assert.Equal(HttpStatusCode.OK, (await nodes.A.Platform().PostAsJsonAsync("/api/platform/stop-loss", new { reason = "Incident" })).StatusCode);
        Report("platform stop on A → refused on B", await UntilAsync(onB, activity, HttpStatusCode.Conflict));

        Assert.Equal(HttpStatusCode.OK, (await nodes.A.Platform().DeleteAsync("/api/platform/stop-loss")).StatusCode);
        Report("platform resume on A → drawing on B", await UntilAsync(onB, activity, HttpStatusCode.OK));

        await RiskSteps.BlockedAsync(tenant, "player", playerId.ToString());
        Report("block on A → refused on B", await UntilAsync(onB, activity, HttpStatusCode.Forbidden));
    }

    /// <summary>Draws on the node until it answers <paramref name="status"/>; fails if that takes a second or more.</summary>
    private static async Task<TimeSpan> UntilAsync(HttpClient node, Guid activity, HttpStatusCode status)
    {
        var started = Stopwatch.GetTimestamp();
        await Eventually.ReturnsAsync(async () => (await ApiSteps.DrawAsync(node, activity)).StatusCode, s => s == status,
            TimeSpan.FromSeconds(10), $"node B answers {status}", TimeSpan.FromMilliseconds(10));
        var took = Stopwatch.GetElapsedTime(started);
        Assert.True(took < Bound, $"took {took.TotalMilliseconds:0} ms");
        return took;
    }

    private void Report(string what, TimeSpan took) => output.WriteLine($"{what}: {took.TotalMilliseconds:0} ms");
}
