using Lottery.Domain.Activities;
using Lottery.Infrastructure.Stock;
using Lottery.Infrastructure.Stock.Redis;
using StackExchange.Redis;

namespace Lottery.Infrastructure.Tests.RedisStock;

/// <summary>
/// A finished activity's keys expire (<see cref="LuaScripts.ExpireActivity"/> through <see cref="RedisStockStore.RetireAsync"/>)
/// once nothing of it is live and every record is in the database; keys created for it later expire with it.
/// </summary>
public sealed class RedisRetireTests(RedisStockFixture fixture) : IClassFixture<RedisStockFixture>
{
    private static readonly TimeSpan Ttl = TimeSpan.FromHours(3);

    [Fact]
    public async Task A_finished_activitys_keys_expire_only_after_its_records_are_in_the_database()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(3), [new TierSpec("Grand", 1m, 10)], 3);
        var c = Components();
        await c.Store.SyncActivityAsync(s.Limits);
        var dead = fixture.Components(journalDatabase: RedisStockFixture.Unreachable);
        foreach (var player in s.Players)
        {
            ResultAssert.Drawn(await c.Store.DrawAsync(s.Request(player, s.Pick(0), idempotencyKey: "spin-1")));
            await dead.OrphansAsync(s, player, 1, tier: 0);
        }

        Assert.False(await c.Store.RetireAsync(s.ActivityId)); // running
        await s.ChangeAsync(fixture, (a, clock) => a.End(clock));
        await c.Store.SyncActivityAsync(s.Limits);
        Assert.False(await c.Store.RetireAsync(s.ActivityId)); // three orphaned records still in the stream
        var redis = await fixture.RedisDatabaseAsync();
        Assert.Null(await redis.KeyTimeToLiveAsync(RedisKeys.Stock(s.ActivityId)));

        await redis.ScriptEvaluateAsync("return redis.call('XADD', KEYS[1], '*', 'd', '{}')", [RedisKeys.DeadRecords(s.ActivityId)]);
        Assert.Equal(3, await c.Consumer().DrainOnceAsync());
        Assert.True(await c.Store.RetireAsync(s.ActivityId));

        RedisKey[] expiring = [RedisKeys.Stock(s.ActivityId), RedisKeys.Records(s.ActivityId), .. s.Players.Select(p => RedisKeys.Player(s.ActivityId, p))];
        foreach (var key in expiring)
        {
            Assert.True(await redis.KeyExistsAsync(key), $"{key} should still exist");
            Assert.InRange(await redis.KeyTimeToLiveAsync(key) ?? TimeSpan.Zero, Ttl - TimeSpan.FromMinutes(1), Ttl);
        }

        Assert.Null(await redis.KeyTimeToLiveAsync(RedisKeys.DeadRecords(s.ActivityId))); // kept for an operator
        Assert.InRange(await redis.KeyTimeToLiveAsync(RedisKeys.Idempotency(s.ActivityId, s.Players[0], "spin-1")) ?? TimeSpan.Zero,
            RedisKeys.IdempotencyTtl - TimeSpan.FromMinutes(1), RedisKeys.IdempotencyTtl); // its own, shorter expiry
        Assert.True(await c.Store.RetireAsync(s.ActivityId)); // again: nothing changes
    }

    [Fact]
    public async Task Keys_a_late_visit_creates_for_a_retired_activity_expire_too()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(3), [new TierSpec("Grand", 1m, 10)], 3);
        var c = Components();
        await c.Store.SyncActivityAsync(s.Limits);
        ResultAssert.Drawn(await c.Store.DrawAsync(s.Request(s.Players[0], s.Pick(0))));
        Assert.Equal(0, await c.Records.CountAsync(s.ActivityId));
        await s.ChangeAsync(fixture, (a, clock) => a.End(clock));
        await c.Store.SyncActivityAsync(s.Limits);
        Assert.True(await c.Store.RetireAsync(s.ActivityId));
        var redis = await fixture.RedisDatabaseAsync();

        // A player who never drew opens the ended page: their counters are rebuilt from the database, expiring.
        Assert.Equal(3, await c.Store.RemainingChancesAsync(s.Limits, s.Players[1], s.Clock.GetUtcNow()));
        Assert.NotNull(await redis.KeyTimeToLiveAsync(RedisKeys.Player(s.ActivityId, s.Players[1])));

        // Everything expired (or was lost) and the page is visited again: the rebuilt activity expires as well.
        await redis.KeyDeleteAsync([RedisKeys.Stock(s.ActivityId), RedisKeys.Player(s.ActivityId, s.Players[0]), RedisKeys.Player(s.ActivityId, s.Players[1])]);
        Assert.Equal(2, await c.Store.RemainingChancesAsync(s.Limits, s.Players[0], s.Clock.GetUtcNow()));
        Assert.NotNull(await redis.KeyTimeToLiveAsync(RedisKeys.Stock(s.ActivityId)));
        Assert.NotNull(await redis.KeyTimeToLiveAsync(RedisKeys.Player(s.ActivityId, s.Players[0])));
    }

    private StockComponents Components() =>
        fixture.Components(new RedisOptions { Configuration = fixture.RedisAddress, FinishedActivityTtl = Ttl });
}
