using System.Net;
using Lottery.Domain.Activities;
using Lottery.Infrastructure.Stock.Redis;
using StackExchange.Redis;

namespace Lottery.Infrastructure.Tests.RedisStock;

/// <summary>
/// Redis Cluster (three primaries, <c>./test.sh</c> starts it): every key of an activity carries its <c>{activityId}</c>
/// hash tag, so each draw script runs on the one primary that owns the activity's slot, and activities spread over all
/// primaries. The rest of the Redis stock tests also run on the cluster (the <c>RedisCluster…Tests</c> classes).
/// </summary>
public sealed class RedisClusterTests(RedisClusterStockFixture fixture) : IClassFixture<RedisClusterStockFixture>
{
    private const int Players = 12, Draws = 5, Stock = 25;

    [Fact]
    public async Task Activities_on_every_primary_draw_their_stock_exactly_and_every_record_reaches_the_database()
    {
        var multiplexer = await fixture.Redis.GetAsync();
        var primaries = multiplexer.GetServers().Where(s => s.IsConnected && !s.IsReplica).Select(s => s.EndPoint).ToList();
        Assert.Equal(3, primaries.Count);

        // Seed activities until each primary owns the slot of at least one of them.
        var byPrimary = new Dictionary<EndPoint, StockScenario>();
        for (var attempt = 0; attempt < 60 && byPrimary.Count < primaries.Count; attempt++)
        {
            var s = await StockScenario.SeedAsync(fixture, new ActivityRules(Draws), [new TierSpec("Grand", 1m, Stock)], Players);
            byPrimary.TryAdd(PrimaryOf(multiplexer, RedisKeys.Stock(s.ActivityId)), s);
        }

        Assert.Equal(primaries.Count, byPrimary.Count);
        var c = fixture.Components();
        int[] wins;
        await using (await RunningConsumer.StartAsync(c.Consumer()))
        {
            // 60 draws race for 25 units on each primary at once.
            wins = await Task.WhenAll(byPrimary.Values.Select(async s =>
            {
                var results = await Task.WhenAll(s.Players.SelectMany(p => Enumerable.Range(0, Draws).Select(_ => c.Store.DrawAsync(s.Request(p, s.Pick(0))))));
                return results.Count(r => ResultAssert.Drawn(r).Won);
            }));
            foreach (var s in byPrimary.Values)
            {
                await c.Store.FlushAsync(s.ActivityId);
            }
        }

        Assert.All(wins, w => Assert.Equal(Stock, w));
        foreach (var s in byPrimary.Values)
        {
            var db = await Persisted.ReadAsync(fixture, s.ActivityId);
            Assert.Equal((Players * Draws, Players * Draws, Stock, Stock), (db.Draws, db.DistinctDraws, db.Wins, db.IssuedByPrize[s.PrizeOf(0)]));
            Assert.Equal(0, (await c.Store.RemainingStockAsync(s.ActivityId))[s.PrizeOf(0)]);
            Assert.True((await c.Reconciler().ReconcileAsync(s.ActivityId)).IsConsistent);
        }
    }

    [Fact]
    public async Task Every_key_of_an_activity_lives_in_its_one_hash_slot()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(Draws), [new TierSpec("Grand", 1m, Stock)], 1);
        var c = fixture.Components();
        ResultAssert.Drawn(await c.Store.DrawAsync(s.Request(s.Players[0], s.Pick(0), "press-1")));

        var multiplexer = await fixture.Redis.GetAsync();
        var owner = PrimaryOf(multiplexer, RedisKeys.Stock(s.ActivityId));
        var keys = await multiplexer.GetServer(owner).KeysAsync(pattern: RedisKeys.ActivityKeysPattern(s.ActivityId)).ToListAsync();
        Assert.Equal(4, keys.Count); // stock, player, record stream, idempotency result
        Assert.All(keys, k => Assert.Equal(multiplexer.HashSlot(RedisKeys.Stock(s.ActivityId)), multiplexer.HashSlot(k)));
    }

    private static EndPoint PrimaryOf(ConnectionMultiplexer multiplexer, RedisKey key)
    {
        var slot = multiplexer.HashSlot(key);
        var config = multiplexer.GetServers().First(s => s.IsConnected).ClusterConfiguration
            ?? throw new InvalidOperationException("Not a cluster.");
        return config.GetBySlot(slot)?.EndPoint ?? throw new InvalidOperationException($"No node serves slot {slot}.");
    }
}
