using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Tests.Api;

/// <summary>The hard promises under real concurrency, over HTTP, in each store mode.</summary>
public abstract class DrawConcurrencyTests<TFactory>(TFactory api) : IClassFixture<TFactory>
    where TFactory : LotteryApiFactory
{
    [Fact]
    public async Task Draw_never_issues_more_than_stock_under_concurrency()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(stock: 100, probability: 1m, chances: 25));
        var players = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => api.NewPlayerAsync()));

        // 200 clients, 25 draws each: 5,000 draws racing for 100 units.
        var results = await Task.WhenAll(players.Select(async player =>
        {
            var won = 0;
            for (var i = 0; i < 25; i++)
            {
                var response = await ApiSteps.DrawAsync(player, activity);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {api.Errors}");
                won += (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("won").GetBoolean() ? 1 : 0;
            }

            return won;
        }));

        Assert.Equal(100, results.Sum());
        var stats = await ApiSteps.EventuallyAsync(() => ApiSteps.StatsAsync(tenant, activity), s => s.GetProperty("draws").GetInt32() == 5000);
        Assert.Equal(100, stats.GetProperty("wins").GetInt32());
        var prize = stats.GetProperty("prizes")[0];
        Assert.Equal(100, prize.GetProperty("issued").GetInt32());
        Assert.Equal(0, prize.GetProperty("remaining").GetInt32());
        Assert.Equal(100, await api.QueryAsync(db => db.Wins.IgnoreQueryFilters().CountAsync(w => w.ActivityId == activity)));
        Assert.Equal(5000, await api.QueryAsync(db => db.DrawRecords.IgnoreQueryFilters().CountAsync(r => r.ActivityId == activity)));
        Assert.Equal(100, await api.QueryAsync(db => db.ActivityPrizes.IgnoreQueryFilters().Where(p => p.ActivityId == activity).SumAsync(p => p.Issued)));
        var reconciliation = await tenant.GetFromJsonAsync<JsonElement>($"/api/admin/activities/{activity}/reconciliation");
        Assert.True(reconciliation.GetProperty("isConsistent").GetBoolean(), reconciliation.ToString());
        Assert.Equal(api.Mode is StoreMode.RedisPostgres or StoreMode.RedisClusterPostgres, reconciliation.GetProperty("redisWarm").GetBoolean());
    }

    [Fact]
    public async Task One_player_with_three_chances_gets_exactly_three_of_fifty_parallel_draws()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(stock: 1000, probability: 0.5m, chances: 3));
        var player = await api.NewPlayerAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => ApiSteps.DrawAsync(player, activity)));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.OK).ToList();
        Assert.Equal(47, refused.Count);
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.All(await Task.WhenAll(refused.Select(ApiSteps.ProblemCodeAsync)), code => Assert.Equal("no-chances-left", code));
        await ApiSteps.EventuallyAsync(() => ApiSteps.StatsAsync(tenant, activity), s => s.GetProperty("draws").GetInt32() == 3);
    }

    [Fact]
    public async Task A_new_players_simultaneous_first_draws_are_all_accepted_while_chances_remain()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(stock: 1000, probability: 0.5m, chances: 10));
        var player = await api.NewPlayerAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => ApiSteps.DrawAsync(player, activity)));

        Assert.True(responses.All(r => r.StatusCode == HttpStatusCode.OK), string.Join(", ", responses.Select(r => (int)r.StatusCode)));
        Assert.Equal("no-chances-left", await ApiSteps.ProblemCodeAsync(await ApiSteps.DrawAsync(player, activity)));
    }

    [Fact]
    public async Task A_retried_draw_with_the_same_idempotency_key_returns_the_first_result_and_uses_no_chance()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(probability: 0.5m, chances: 3));
        var player = await api.NewPlayerAsync();

        var first = await (await ApiSteps.DrawAsync(player, activity, "spin-1")).Content.ReadFromJsonAsync<JsonElement>();
        var retried = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => ApiSteps.DrawAsync(player, activity, "spin-1")));
        foreach (var response in retried)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var again = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(first.GetProperty("drawId").GetGuid(), again.GetProperty("drawId").GetGuid());
            Assert.Equal(first.GetProperty("segmentIndex").GetInt32(), again.GetProperty("segmentIndex").GetInt32());
        }

        Assert.Equal(2, first.GetProperty("remainingChances").GetInt32());
        var next = await (await ApiSteps.DrawAsync(player, activity, "spin-2")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, next.GetProperty("remainingChances").GetInt32());
    }

    [Fact]
    public async Task A_paused_activity_refuses_draws_until_it_is_resumed()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(chances: 5));
        var player = await api.NewPlayerAsync();

        Assert.Equal(HttpStatusCode.OK, (await tenant.PostAsync($"/api/admin/activities/{activity}/pause", null)).StatusCode);
        var refused = await ApiSteps.DrawAsync(player, activity);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("activity-not-running", await ApiSteps.ProblemCodeAsync(refused));

        Assert.Equal(HttpStatusCode.OK, (await tenant.PostAsync($"/api/admin/activities/{activity}/resume", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ApiSteps.DrawAsync(player, activity)).StatusCode);
    }
}

/// <summary>The load tests of the store modes take turns: each alone saturates two cores with 200 clients.</summary>
[CollectionDefinition(Name)]
public sealed class DrawLoad
{
    public const string Name = "draw load";
}

[Collection(DrawLoad.Name)]
public sealed class EmbeddedSqliteDrawTests(EmbeddedSqliteApi api) : DrawConcurrencyTests<EmbeddedSqliteApi>(api);

[Collection(DrawLoad.Name)]
public sealed class EmbeddedPostgresDrawTests(EmbeddedPostgresApi api) : DrawConcurrencyTests<EmbeddedPostgresApi>(api);

[Collection(DrawLoad.Name)]
public sealed class RedisPostgresDrawTests(RedisPostgresApi api) : DrawConcurrencyTests<RedisPostgresApi>(api);

[Collection(DrawLoad.Name)]
public sealed class RedisClusterDrawTests(RedisClusterPostgresApi api) : DrawConcurrencyTests<RedisClusterPostgresApi>(api);
