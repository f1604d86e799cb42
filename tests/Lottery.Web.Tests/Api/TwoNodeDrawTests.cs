using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Tests.Api;

/// <summary>
/// Several app nodes behind a load balancer share Redis and the database: stock and per-player limits hold across them,
/// on one Redis server and on a Redis Cluster.
/// </summary>
[Collection(DrawLoad.Name)]
public sealed class TwoNodeDrawTests
{
    [Theory]
    [InlineData(StoreMode.RedisPostgres)]
    [InlineData(StoreMode.RedisClusterPostgres)]
    public async Task Two_nodes_drawing_one_prize_issue_exactly_its_stock(StoreMode mode)
    {
        await using var nodes = await TwoNodes.StartAsync(mode);
        var (nodeA, nodeB) = (nodes.A, nodes.B);
        var tenant = await nodeA.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(stock: 100, probability: 0.5m, chances: 10));
        // Each player's session is used on both nodes, as a load balancer without sticky sessions would spread it.
        var sessions = await Task.WhenAll(Enumerable.Range(0, 60).Select(async _ =>
        {
            var onA = await nodeA.NewPlayerAsync();
            var onB = nodeB.CreateClient();
            onB.DefaultRequestHeaders.Authorization = onA.DefaultRequestHeaders.Authorization;
            return (onA, onB);
        }));

        // 60 players, 12 presses each (2 more than their 10 chances), alternating nodes: 720 presses for 100 units.
        var answers = await Task.WhenAll(sessions.Select(async s =>
        {
            var (ok, won, refused) = (0, 0, 0);
            for (var i = 0; i < 12; i++)
            {
                var response = await ApiSteps.DrawAsync(i % 2 == 0 ? s.onA : s.onB, activity);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    ok++;
                    won += (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("won").GetBoolean() ? 1 : 0;
                }
                else
                {
                    Assert.Equal("no-chances-left", await ApiSteps.ProblemCodeAsync(response));
                    refused++;
                }
            }

            return (ok, won, refused);
        }));

        Assert.All(answers, a => Assert.Equal((10, 2), (a.ok, a.refused)));
        var wins = answers.Sum(a => a.won);
        Assert.Equal(100, wins);
        var stats = await ApiSteps.EventuallyAsync(() => ApiSteps.StatsAsync(tenant, activity), s => s.GetProperty("draws").GetInt32() == 600);
        Assert.Equal(100, stats.GetProperty("wins").GetInt32());
        Assert.Equal(100, await nodeB.QueryAsync(db => db.Wins.IgnoreQueryFilters().CountAsync(w => w.ActivityId == activity)));
        Assert.Equal(100, await nodeB.QueryAsync(db => db.ActivityPrizes.IgnoreQueryFilters().Where(p => p.ActivityId == activity).SumAsync(p => p.Issued)));
    }
}
