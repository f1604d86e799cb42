using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Tests.Api;

/// <summary>Scheduled work survives restarts and runs once with several nodes on the clustered job store.</summary>
[Collection(DrawLoad.Name)]
public sealed class ClusterTests
{
    [Theory]
    [InlineData(StoreMode.EmbeddedSqlite)]
    [InlineData(StoreMode.EmbeddedPostgres)]
    public async Task An_app_stopped_across_the_draw_time_draws_exactly_once_when_it_comes_back(StoreMode mode)
    {
        Guid activity;
        string database;
        DateTimeOffset drawAt;
        await using (var first = new LotteryApiFactory(mode))
        {
            await first.InitializeAsync();
            database = first.DatabaseName;
            var tenant = await first.NewTenantAsync();
            drawAt = DateTimeOffset.UtcNow.AddSeconds(6);
            activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(stock: 2, kind: "scheduled", drawAt: drawAt));
            foreach (var player in await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => first.NewPlayerAsync())))
            {
                Assert.Equal(HttpStatusCode.OK, (await player.PostAsync($"/api/activities/{activity}/entries", null)).StatusCode);
            }
        }

        // The app is down when the draw time passes.
        await ApiSteps.EventuallyAsync(() => Task.FromResult(DateTimeOffset.UtcNow), now => now > drawAt.AddSeconds(1), TimeSpan.FromSeconds(15));
        await using var second = new LotteryApiFactory(mode, sharedDatabase: database);
        await second.InitializeAsync();

        var view = await ApiSteps.EventuallyAsync(() => second.CreateClient().GetFromJsonAsync<JsonElement>($"/api/activities/{activity}"),
            v => v.GetProperty("status").GetString() == "Drawn", TimeSpan.FromSeconds(20));
        Assert.Equal(2, view.GetProperty("winners").GetArrayLength());
        Assert.Equal(1, await second.QueryAsync(db => db.Audit.IgnoreQueryFilters().CountAsync(a => a.ActivityId == activity && a.Action == "activity.draw")));
        Assert.Equal(2, await second.QueryAsync(db => db.Wins.IgnoreQueryFilters().CountAsync(w => w.ActivityId == activity)));
        await ((IAsyncLifetime)second).DisposeAsync();
        if (mode == StoreMode.EmbeddedPostgres)
        {
            await ThrowawayPostgres.DropAsync(database);
        }
    }

    [Fact]
    public async Task Two_nodes_on_the_clustered_job_store_run_each_draw_and_stock_return_once()
    {
        await using var nodes = await TwoNodes.StartAsync(StoreMode.EmbeddedPostgres);
        var (nodeA, nodeB) = (nodes.A, nodes.B);
        var tenant = await nodeA.NewTenantAsync();
        var drawAt = DateTimeOffset.UtcNow.AddSeconds(8);
        var scheduled = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(prize: "Cap", stock: 3, kind: "scheduled", drawAt: drawAt));
        foreach (var player in await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => nodeB.NewPlayerAsync())))
        {
            Assert.Equal(HttpStatusCode.OK, (await player.PostAsync($"/api/activities/{scheduled}/entries", null)).StatusCode);
        }

        await ApiSteps.EventuallyAsync(() => nodeB.CreateClient().GetFromJsonAsync<JsonElement>($"/api/activities/{scheduled}"),
            v => v.GetProperty("status").GetString() == "Drawn", TimeSpan.FromSeconds(25));

        Assert.Equal(1, await nodeA.QueryAsync(db => db.Audit.IgnoreQueryFilters().CountAsync(a => a.ActivityId == scheduled && a.Action == "activity.draw")));
        Assert.Equal(3, await nodeA.QueryAsync(db => db.Wins.IgnoreQueryFilters().CountAsync(w => w.ActivityId == scheduled)));
    }
}
