using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lottery.Infrastructure.Stock;
using Lottery.Infrastructure.Stock.Redis;
using Lottery.Web.Features.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;

namespace Lottery.Web.Tests.Api;

/// <summary>Activities run themselves: they end on time and their unused stock goes home, exactly once.</summary>
public abstract class LifecycleTests<TFactory>(TFactory api) : IClassFixture<TFactory>
    where TFactory : LotteryApiFactory
{
    protected TFactory Api => api;

    [Fact]
    public async Task At_its_end_an_instant_activity_ends_and_returns_its_unused_stock_once()
    {
        var tenant = await api.NewTenantAsync();
        var definition = ApiSteps.Definition(prize: "Mug " + Guid.NewGuid().ToString("N")[..6], stock: 10, probability: 1m, chances: 5);
        var created = await tenant.PostAsJsonAsync("/api/admin/activities", WithEnd(definition, DateTimeOffset.UtcNow.AddSeconds(12)));
        var activity = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal("Running", (await (await tenant.PostAsync($"/api/admin/activities/{activity}/publish", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var player = await api.NewPlayerAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await ApiSteps.DrawAsync(player, activity)).StatusCode);
        }

        var pool = await ApiSteps.EventuallyAsync(() => api.QueryAsync(db => db.ActivityPrizes.IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.ActivityId == activity)),
            p => p.ReturnedAt is not null, TimeSpan.FromSeconds(45));

        Assert.Equal(7, pool.Returned);
        Assert.Equal(3, pool.Issued);
        Assert.Equal(7, await api.QueryAsync(db => db.Prizes.IgnoreQueryFilters().Where(p => p.Id == pool.PrizeId).Select(p => p.PoolStock).SingleAsync()));
        Assert.Equal("Ended", (await ApiSteps.StatsAsync(tenant, activity)).GetProperty("status").GetString());
        Assert.Equal(1, await api.QueryAsync(db => db.Audit.IgnoreQueryFilters().CountAsync(a => a.ActivityId == activity && a.Action == "stock.return")));
        Assert.Equal("activity-not-running", await ApiSteps.ProblemCodeAsync(await ApiSteps.DrawAsync(player, activity)));
    }

    [Fact]
    public async Task A_scheduled_draw_fired_before_its_time_is_tried_again_until_it_draws_not_dropped()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(prize: "Lamp " + Guid.NewGuid().ToString("N")[..6], stock: 2,
            kind: "scheduled", drawAt: DateTimeOffset.UtcNow.AddSeconds(4)));
        var player = await api.NewPlayerAsync();
        Assert.Equal(HttpStatusCode.OK, (await player.PostAsync($"/api/activities/{activity}/entries", null)).StatusCode);
        var scheduler = await api.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var job = ActivityScheduler.Key(activity, LifecycleStep.Draw);

        // Quartz may fire a trigger a few milliseconds early; the draw refuses to begin before its time. That run must
        // leave a retry behind, which alone then draws once the time has come.
        await scheduler.TriggerJob(job);
        await ApiSteps.EventuallyAsync(async () => await scheduler.GetTriggersOfJob(job),
            triggers => triggers.Any(t => t.Key.Name.Contains(":retry:", StringComparison.Ordinal)));
        await scheduler.UnscheduleJob(new TriggerKey(job.Name, job.Group));

        var view = await ApiSteps.EventuallyAsync(() => player.GetFromJsonAsync<JsonElement>($"/api/activities/{activity}"),
            v => v.GetProperty("status").GetString() == "Drawn", TimeSpan.FromSeconds(45));
        Assert.True(view.GetProperty("youWon").GetBoolean());
        Assert.Equal(1, await api.QueryAsync(db => db.Audit.IgnoreQueryFilters().CountAsync(a => a.ActivityId == activity && a.Action == "activity.draw")));
    }

    [Fact]
    public async Task Manual_draws_racing_each_other_and_the_scheduler_draw_once_and_the_losers_get_409()
    {
        var tenant = await api.NewTenantAsync();
        var drawAt = DateTimeOffset.UtcNow.AddSeconds(8);
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(prize: "Kite " + Guid.NewGuid().ToString("N")[..6], stock: 2,
            kind: "scheduled", drawAt: drawAt));
        foreach (var player in await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => api.NewPlayerAsync())))
        {
            var joined = await player.PostAsync($"/api/activities/{activity}/entries", null);
            Assert.True(joined.StatusCode == HttpStatusCode.OK, $"{joined.StatusCode}: {await joined.Content.ReadAsStringAsync()}");
        }

        // At the draw time the scheduler fires, and six managers press "draw" at the same moment.
        await ApiSteps.EventuallyAsync(() => Task.FromResult(DateTimeOffset.UtcNow), now => now >= drawAt, TimeSpan.FromSeconds(15));
        var presses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => tenant.PostAsync($"/api/admin/activities/{activity}/draw", null)));

        Assert.All(presses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{r.StatusCode}: {api.Errors}"));
        await ApiSteps.EventuallyAsync(() => tenant.GetFromJsonAsync<JsonElement>($"/api/activities/{activity}"),
            v => v.GetProperty("status").GetString() == "Drawn", TimeSpan.FromSeconds(20));
        Assert.Equal(1, await api.QueryAsync(db => db.Audit.IgnoreQueryFilters().CountAsync(a => a.ActivityId == activity && a.Action == "activity.draw")));
        Assert.Equal(2, await api.QueryAsync(db => db.Wins.IgnoreQueryFilters().CountAsync(w => w.ActivityId == activity)));
    }

    [Fact]
    public async Task Cancelling_a_running_activity_returns_its_unused_stock_once()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(prize: "Pen " + Guid.NewGuid().ToString("N")[..6], stock: 6, probability: 1m));
        var player = await api.NewPlayerAsync();
        Assert.Equal(HttpStatusCode.OK, (await ApiSteps.DrawAsync(player, activity)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await tenant.PostAsync($"/api/admin/activities/{activity}/cancel", null)).StatusCode);

        var pool = await api.QueryAsync(db => db.ActivityPrizes.IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.ActivityId == activity));
        Assert.Equal((1, 5), (pool.Issued, pool.Returned));
        Assert.Equal(1, await api.QueryAsync(db => db.Audit.IgnoreQueryFilters().CountAsync(a => a.ActivityId == activity && a.Action == "stock.return")));
        Assert.Equal(HttpStatusCode.Conflict, (await tenant.PostAsync($"/api/admin/activities/{activity}/cancel", null)).StatusCode);
    }

    private static JsonElement WithEnd(object definition, DateTimeOffset endsAt)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(definition, JsonSerializerOptions.Web))!;
        node["endsAt"] = endsAt;
        return JsonSerializer.SerializeToElement(node);
    }
}

public sealed class EmbeddedLifecycleTests(EmbeddedSqliteApi api) : LifecycleTests<EmbeddedSqliteApi>(api);

public sealed class RedisLifecycleTests(RedisPostgresApi api) : LifecycleTests<RedisPostgresApi>(api)
{
    [Fact]
    public async Task A_cancelled_activitys_redis_keys_get_the_configured_expiry_once_its_stock_is_back()
    {
        var tenant = await Api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(prize: "Cap " + Guid.NewGuid().ToString("N")[..6], stock: 6, probability: 1m));
        var player = await Api.NewPlayerAsync();
        Assert.Equal(HttpStatusCode.OK, (await ApiSteps.DrawAsync(player, activity)).StatusCode);
        var redis = await Api.Services.GetRequiredService<RedisConnection>().GetDatabaseAsync();
        Assert.Null(await redis.KeyTimeToLiveAsync(RedisKeys.Stock(activity)));

        Assert.Equal(HttpStatusCode.OK, (await tenant.PostAsync($"/api/admin/activities/{activity}/cancel", null)).StatusCode);

        var ttl = Api.Services.GetRequiredService<IOptions<RedisOptions>>().Value.FinishedActivityTtl;
        Assert.Equal(TimeSpan.FromDays(7), ttl);
        Assert.InRange(await redis.KeyTimeToLiveAsync(RedisKeys.Stock(activity)) ?? TimeSpan.Zero, ttl - TimeSpan.FromMinutes(1), ttl);
        Assert.Equal(5, await Api.QueryAsync(db => db.ActivityPrizes.IgnoreQueryFilters().Where(p => p.ActivityId == activity).Select(p => p.Returned).SingleAsync()));
    }
}
