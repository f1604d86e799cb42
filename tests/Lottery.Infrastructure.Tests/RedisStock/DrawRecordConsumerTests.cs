using Lottery.Domain.Activities;
using Lottery.Infrastructure.Stock;
using Lottery.Infrastructure.Stock.Redis;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Lottery.Infrastructure.Tests.RedisStock;

/// <summary>
/// Orphans: records a node left in the stream because it died (here: lost its database) between the draw script and
/// its commit. <see cref="DrawRecordConsumer"/> commits them through the journal once they are older than
/// <see cref="RedisOptions.OrphanAfter"/> (by Redis's clock), once each, under the database's guards.
/// </summary>
public abstract class DrawRecordConsumerTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : RedisStockFixture
{
    [Fact]
    public async Task Orphans_of_a_node_that_died_before_its_commit_are_committed_once_by_another_node_once_old_enough()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(4), [new TierSpec("Grand", 0.5m, 10)], 5);
        var dead = fixture.Components(journalDatabase: RedisStockFixture.Unreachable);
        foreach (var player in s.Players)
        {
            await dead.OrphansAsync(s, player, 4, tier: 0);
        }

        Assert.Equal(0, (await Persisted.ReadAsync(fixture, s.ActivityId)).Draws);
        var survivor = fixture.Components();
        Assert.Equal(0, await survivor.Consumer(orphanAfter: TimeSpan.FromMinutes(1)).DrainOnceAsync());
        var consumer = survivor.Consumer();
        Assert.Equal(20, await consumer.DrainOnceAsync());
        Assert.Equal(0, await consumer.DrainOnceAsync());

        var db = await Persisted.ReadAsync(fixture, s.ActivityId);
        Assert.Equal((20, 20, 10, 10), (db.Draws, db.DistinctDraws, db.Wins, db.IssuedByPrize[s.PrizeOf(0)]));
        Assert.Equal(0, await survivor.Records.CountAsync(s.ActivityId));
        Assert.True((await survivor.Reconciler().ReconcileAsync(s.ActivityId)).IsConsistent);
    }

    [Fact]
    public async Task An_entry_whose_draw_its_node_committed_is_deleted_without_a_second_write()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(3), [new TierSpec("Grand", 0.5m, 8)], 4);
        var c = fixture.Components();
        foreach (var player in s.Players)
        {
            for (var i = 0; i < 3; i++)
            {
                ResultAssert.Drawn(await c.Store.DrawAsync(s.Request(player, s.Pick(0))));
            }
        }

        // The node committed every draw but its deletes were lost: the stream holds all twelve again.
        await ReAddAsync(c, s.ActivityId);
        Assert.Equal(12, await c.Records.CountAsync(s.ActivityId));
        Assert.Equal(12, await c.Consumer().DrainOnceAsync());

        var db = await Persisted.ReadAsync(fixture, s.ActivityId);
        Assert.Equal((12, 12, 8, 8), (db.Draws, db.DistinctDraws, db.Wins, db.IssuedByPrize[s.PrizeOf(0)]));
        Assert.Equal(0, await c.Records.CountAsync(s.ActivityId));
        Assert.Equal(0, (await c.Store.RemainingStockAsync(s.ActivityId))[s.PrizeOf(0)]);
    }

    [Fact]
    public async Task An_unreadable_record_goes_to_the_dead_letter_stream_and_does_not_block_the_others()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(5), [new TierSpec("Grand", 0.5m, 10)], 1);
        var c = fixture.Components();
        var dead = fixture.Components(journalDatabase: RedisStockFixture.Unreachable);
        var redis = await fixture.RedisDatabaseAsync();
        await redis.StreamAddAsync(RedisKeys.Records(s.ActivityId), StreamRecord.PayloadField, "{not json");
        var orphan = Assert.Single(await dead.OrphansAsync(s, s.Players[0], 1));

        Assert.Equal(2, await c.Consumer().DrainOnceAsync());

        await using var db = fixture.CreateDbContext();
        Assert.Equal([orphan], await db.DrawRecords.IgnoreQueryFilters().Where(r => r.ActivityId == s.ActivityId).Select(r => r.Id).ToListAsync());
        Assert.Equal(0, await c.Records.CountAsync(s.ActivityId));
        Assert.Equal("{not json", Assert.Single(await c.Records.ReadDeadLettersAsync(s.ActivityId)).Payload);
    }

    [Fact]
    public async Task An_orphan_the_database_refuses_now_is_dropped_and_Redis_gets_back_what_its_script_took()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(5), [new TierSpec("Grand", 1m, 10)], 1);
        var c = fixture.Components();
        var dead = fixture.Components(journalDatabase: RedisStockFixture.Unreachable);
        var player = s.Players[0];
        await dead.OrphansAsync(s, player, 3, tier: 0);
        Assert.Equal(7, (await c.Store.RemainingStockAsync(s.ActivityId))[s.PrizeOf(0)]);

        // The activity was paused before anyone committed them: they were never answered, so they are not recorded.
        await s.ChangeAsync(fixture, (a, clock) => a.Pause(clock));
        Assert.Equal(3, await c.Consumer().DrainOnceAsync());

        Assert.Equal(0, (await Persisted.ReadAsync(fixture, s.ActivityId)).Draws);
        Assert.Equal(0, await c.Records.CountAsync(s.ActivityId));
        Assert.Equal(10, (await c.Store.RemainingStockAsync(s.ActivityId))[s.PrizeOf(0)]);
        await s.ChangeAsync(fixture, (a, clock) => a.Resume(clock));
        Assert.Equal(5, await c.Store.RemainingChancesAsync(s.Limits, player, s.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task Flush_waits_until_every_orphan_is_in_the_database()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(10), [new TierSpec("Grand", 1m, 30)], 2);
        var c = fixture.Components();
        var dead = fixture.Components(journalDatabase: RedisStockFixture.Unreachable);
        await dead.OrphansAsync(s, s.Players[0], 5, tier: 0);
        await dead.OrphansAsync(s, s.Players[1], 5);
        var impatient = fixture.Components(new RedisOptions { Configuration = fixture.RedisAddress, FlushTimeout = TimeSpan.FromMilliseconds(200) });

        await Assert.ThrowsAsync<TimeoutException>(() => impatient.Store.FlushAsync(s.ActivityId));
        await using (await RunningConsumer.StartAsync(c.Consumer()))
        {
            await c.Store.FlushAsync(s.ActivityId);
        }

        var db = await Persisted.ReadAsync(fixture, s.ActivityId);
        Assert.Equal((10, 5, 5), (db.Draws, db.Wins, db.IssuedByPrize[s.PrizeOf(0)]));
    }

    /// <summary>Puts every committed draw of the activity back into its stream, as if the node's deletes were lost.</summary>
    private async Task ReAddAsync(StockComponents c, Guid activityId)
    {
        await using var db = fixture.CreateDbContext();
        var draws = await db.DrawRecords.IgnoreQueryFilters().AsNoTracking().Where(r => r.ActivityId == activityId).ToListAsync();
        var redis = await c.Redis.GetDatabaseAsync();
        foreach (var r in draws)
        {
            var pending = new PendingDraw(r.Id, r.TenantId, r.ActivityId, r.PlayerId, r.DrawnAt, r.Outcome, r.TierId, r.PrizeId, r.SegmentIndex,
                r.DefinitionVersion, r.IdempotencyKey);
            await redis.StreamAddAsync(RedisKeys.Records(activityId), StreamRecord.PayloadField, StreamRecord.Serialize(pending));
        }
    }
}

/// <summary>On one Redis server.</summary>
public sealed class SingleRedisRecordConsumerTests(RedisStockFixture fixture) : DrawRecordConsumerTests<RedisStockFixture>(fixture);

/// <summary>On a three-primary Redis Cluster.</summary>
public sealed class RedisClusterRecordConsumerTests(RedisClusterStockFixture fixture) : DrawRecordConsumerTests<RedisClusterStockFixture>(fixture);
