using Lottery.Domain.Activities;
using Lottery.Domain.Draws;
using Lottery.Infrastructure.Stock;
using Lottery.Infrastructure.Stock.Redis;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lottery.Infrastructure.Tests.RedisStock;

/// <summary>
/// Moving records from the stream into the database through <see cref="DrawRecordConsumer"/> and the client's stream API
/// (<see cref="RedisDrawRecords"/>: XREADGROUP, XAUTOCLAIM, XACK + XDEL, the dead-letter stream).
/// </summary>
public abstract class DrawRecordConsumerTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : RedisStockFixture
{
    [Fact]
    public async Task Records_of_a_node_killed_before_its_database_write_reach_the_database_exactly_once_when_it_restarts()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(4), [new TierSpec("Grand", 0.5m, 10)], 5);
        var c = fixture.Components();
        var wins = await DrawAllAsync(c, s, drawsEach: 4);

        // The node claimed every record, wrote half of them, and was killed before acknowledging anything.
        var claimed = await ClaimAsync(c, s.ActivityId, "node-a");
        Assert.Equal(20, claimed.Count);
        Assert.Equal(0, (await Persisted.ReadAsync(fixture, s.ActivityId)).Draws);
        await WriteDirectlyAsync([.. claimed.Take(10).Select(r => r.Draw!)]);

        var restarted = c.Consumer("node-a");
        Assert.Equal(20, await restarted.DrainOnceAsync());
        Assert.Equal(0, await restarted.DrainOnceAsync());

        var db = await Persisted.ReadAsync(fixture, s.ActivityId);
        Assert.Equal((20, 20), (db.Draws, db.DistinctDraws));
        Assert.Equal((wins, wins), (db.Wins, db.IssuedByPrize[s.PrizeOf(0)]));
        Assert.Equal(0, await c.Records.CountAsync(s.ActivityId));
    }

    [Fact]
    public async Task Records_left_by_a_dead_node_are_taken_over_after_the_idle_time_without_duplicates()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(3), [new TierSpec("Grand", 1m, 8)], 4);
        var c = fixture.Components();
        await DrawAllAsync(c, s, drawsEach: 3);
        Assert.Equal(12, (await ClaimAsync(c, s.ActivityId, "node-dead")).Count);

        var survivor = c.Consumer("node-b", claimIdleAfter: TimeSpan.FromMilliseconds(500));
        Assert.Equal(0, await survivor.DrainOnceAsync());
        await Eventually.HoldsAsync(async () =>
        {
            await survivor.DrainOnceAsync();
            return (await Persisted.ReadAsync(fixture, s.ActivityId)).Draws == 12;
        }, "node-b takes over node-dead's idle records");

        // The dead node comes back: its pending list was handed over, so it has nothing to write again.
        Assert.Equal(0, await c.Consumer("node-dead").DrainOnceAsync());
        var db = await Persisted.ReadAsync(fixture, s.ActivityId);
        Assert.Equal((12, 12, 8, 8), (db.Draws, db.DistinctDraws, db.Wins, db.IssuedByPrize[s.PrizeOf(0)]));
        Assert.Equal(0, await c.Records.CountAsync(s.ActivityId));
    }

    [Fact]
    public async Task A_record_the_database_refuses_goes_to_the_dead_letter_stream_and_does_not_block_the_others()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(5), [new TierSpec("Grand", 0.5m, 10)], 1);
        var c = fixture.Components();
        var player = s.Players[0];
        var consumer = c.Consumer();
        ResultAssert.Drawn(await c.Store.DrawAsync(s.Request(player, s.Pick(null), "key-1")));
        await consumer.DrainOnceAsync();

        // The Redis idempotency result expired; the player reuses the key, which the database holds unique per player.
        var redis = await fixture.RedisDatabaseAsync();
        await redis.KeyDeleteAsync(RedisKeys.Idempotency(s.ActivityId, player, "key-1"));
        var reused = ResultAssert.Drawn(await c.Store.DrawAsync(s.Request(player, s.Pick(null), "key-1")));
        var normal = ResultAssert.Drawn(await c.Store.DrawAsync(s.Request(player, s.Pick(null))));
        await consumer.DrainOnceAsync();

        var db = await Persisted.ReadAsync(fixture, s.ActivityId);
        Assert.Equal(2, db.Draws);
        Assert.Equal(0, await c.Records.CountAsync(s.ActivityId));
        var dead = await c.Records.ReadDeadLettersAsync(s.ActivityId);
        Assert.Equal(reused.DrawId, Assert.Single(dead).Draw!.DrawId);
        Assert.NotEqual(normal.DrawId, reused.DrawId);
    }

    [Fact]
    public async Task Flush_waits_until_every_record_is_in_the_database()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(10), [new TierSpec("Grand", 1m, 30)], 10);
        var c = fixture.Components();
        var wins = await DrawAllAsync(c, s, drawsEach: 10);
        var options = new RedisOptions { Configuration = c.Options.Configuration, FlushTimeout = TimeSpan.FromMilliseconds(200) };
        var impatient = new RedisStockStore(c.Redis, c.Scripts, c.Rebuilder, c.Records, c.Signal, Microsoft.Extensions.Options.Options.Create(options));

        await Assert.ThrowsAsync<TimeoutException>(() => impatient.FlushAsync(s.ActivityId));
        await using (await RunningConsumer.StartAsync(c.Consumer()))
        {
            await c.Store.FlushAsync(s.ActivityId);
        }

        var db = await Persisted.ReadAsync(fixture, s.ActivityId);
        Assert.Equal((100, 30, 30), (db.Draws, wins, db.Wins));
    }

    private static async Task<int> DrawAllAsync(StockComponents c, StockScenario s, int drawsEach)
    {
        var results = await Task.WhenAll(s.Players.SelectMany(p => Enumerable.Range(0, drawsEach).Select(_ => c.Store.DrawAsync(s.Request(p, s.Pick(0))))));
        return results.Count(r => ResultAssert.Drawn(r).Outcome == DrawOutcome.Won);
    }

    private static async Task<IReadOnlyList<StreamRecord>> ClaimAsync(StockComponents c, Guid activityId, string consumer) =>
        (await c.Records.ClaimAsync(activityId, consumer, 1000, TimeSpan.FromSeconds(30))).Records;

    private async Task WriteDirectlyAsync(IReadOnlyList<PendingDraw> draws)
    {
        await using var db = fixture.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync();
        await new DrawRecordWriter(TimeProvider.System, NullLogger<DrawRecordWriter>.Instance).WriteAsync(db, draws, incrementIssued: true, CancellationToken.None);
        await tx.CommitAsync();
    }
}

/// <summary>On one Redis server.</summary>
public sealed class SingleRedisRecordConsumerTests(RedisStockFixture fixture) : DrawRecordConsumerTests<RedisStockFixture>(fixture);

/// <summary>On a three-primary Redis Cluster.</summary>
public sealed class RedisClusterRecordConsumerTests(RedisClusterStockFixture fixture) : DrawRecordConsumerTests<RedisClusterStockFixture>(fixture);
