using Lottery.Domain.Activities;
using Lottery.Domain.Stock;
using Lottery.Infrastructure.Stock.Redis;
using StackExchange.Redis;

namespace Lottery.Infrastructure.Tests.RedisStock;

/// <summary>
/// Counters lost mid-activity are rebuilt from the truth (<see cref="LuaScripts.WarmActivity"/>,
/// <see cref="LuaScripts.RestorePlayer"/>), and <see cref="StockReconciler"/> (<see cref="LuaScripts.SnapshotStock"/>)
/// compares Redis with the database.
/// </summary>
public abstract class RedisRebuildTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : RedisStockFixture
{
    private const int Players = 20, Stock = 60, Chances = 10;

    [Fact]
    public async Task Counters_deleted_mid_activity_are_rebuilt_from_the_database_and_the_orphans_in_the_stream()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(Chances), [new TierSpec("Grand", 1m, Stock)], Players);
        var c = fixture.Components();
        var dead = fixture.Components(journalDatabase: RedisStockFixture.Unreachable);
        Assert.Equal(40, await DrawEachAsync(c, s, 2));
        // A node died after ten draw scripts (each a win) and before their commits: they are only in the stream.
        foreach (var player in s.Players.Take(10))
        {
            await dead.OrphansAsync(s, player, 1, tier: 0);
        }

        // Stock and player hashes are lost.
        await DeleteAsync(s, stream: false);
        var granted = await s.GrantInDatabaseAsync(fixture, s.Players[0]);
        await c.Store.GrantChancesAsync(s.Limits, s.Players[0], granted);
        Assert.Equal(Stock - 50, (await c.Store.RemainingStockAsync(s.ActivityId))[s.PrizeOf(0)]);

        int wins;
        await using (await RunningConsumer.StartAsync(c.Consumer()))
        {
            wins = await DrawEachAsync(c, s, 5);
            await c.Store.FlushAsync(s.ActivityId);
        }

        Assert.Equal(Stock - 50, wins);
        await AssertEndStateAsync(c, s, granted, draws: (Players * 7) + 10, usedByFirst: 8);
    }

    [Fact]
    public async Task Counters_are_rebuilt_from_the_database_when_the_stream_is_deleted_too()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(Chances), [new TierSpec("Grand", 1m, Stock)], Players);
        var c = fixture.Components();
        await using (await RunningConsumer.StartAsync(c.Consumer()))
        {
            Assert.Equal(40, await DrawEachAsync(c, s, 2));
            await c.Store.FlushAsync(s.ActivityId);
        }

        await DeleteAsync(s, stream: true);

        int wins;
        await using (await RunningConsumer.StartAsync(c.Consumer()))
        {
            wins = await DrawEachAsync(c, s, 5);
            await c.Store.FlushAsync(s.ActivityId);
        }

        Assert.Equal(Stock - 40, wins);
        await AssertEndStateAsync(c, s, granted: 0, draws: Players * 7, usedByFirst: 7);
    }

    [Fact]
    public async Task A_player_rebuild_that_raced_a_grant_is_not_written()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(3), [new TierSpec("Grand", 0.5m, 10)], 1);
        var c = fixture.Components();
        var player = s.Players[0];
        ResultAssert.Drawn(await c.Store.DrawAsync(s.Request(player, s.Pick(null))));
        await DeleteAsync(s, stream: false, players: false);
        await c.Store.RemainingStockAsync(s.ActivityId);
        RedisKey[] keys = [RedisKeys.Stock(s.ActivityId), RedisKeys.Player(s.ActivityId, player)];

        // A rebuild read "gen 0" from the database; a grant lands on the cold player before it writes.
        Assert.Equal(LuaScripts.ColdPlayer, await c.Scripts.EvaluateTextAsync(LuaScripts.GrantChances, keys, [2]));
        RedisValue[] counters = ["0", 1, 0, 0, ActivityLimits.DayKey(s.Clock.GetUtcNow()), 1];
        Assert.Equal("changed", await c.Scripts.EvaluateTextAsync(LuaScripts.RestorePlayer, keys, counters));

        counters[0] = "1";
        counters[2] = 2;
        Assert.Equal("ok", await c.Scripts.EvaluateTextAsync(LuaScripts.RestorePlayer, keys, counters));
        Assert.Equal("warm", await c.Scripts.EvaluateTextAsync(LuaScripts.RestorePlayer, keys, counters));
        Assert.Equal(4, await c.Store.RemainingChancesAsync(s.Limits, player, s.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task Reconciliation_reports_no_drift_with_orphans_pending_after_they_are_committed_and_the_drift_of_a_tampered_counter()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(6),
            [new TierSpec("Grand", 0.5m, 20), new TierSpec("Small", 0.5m, 30)], 10);
        var c = fixture.Components();
        var dead = fixture.Components(journalDatabase: RedisStockFixture.Unreachable);
        var reconciler = c.Reconciler();
        await Task.WhenAll(s.Players.SelectMany((p, i) => Enumerable.Range(0, 3).Select(_ => c.Store.DrawAsync(s.Request(p, s.Pick(i % 2))))));
        await dead.OrphansAsync(s, s.Players[0], 2, tier: 0);

        var midway = await reconciler.ReconcileAsync(s.ActivityId);
        Assert.True(midway.RedisWarm);
        Assert.True(midway.IsConsistent, string.Join("; ", midway.Prizes));
        Assert.Equal(2, midway.Prizes.Sum(p => p.UnpersistedWins));

        await using (await RunningConsumer.StartAsync(c.Consumer()))
        {
            await c.Store.FlushAsync(s.ActivityId);
        }

        var settled = await reconciler.ReconcileAsync(s.ActivityId);
        Assert.All(settled.Prizes, p => Assert.Equal((0, 0), (p.Drift, p.UnpersistedWins)));
        Assert.Equal([3, 15], settled.Prizes.Select(p => p.RedisRemaining ?? -1).Order().ToArray());

        await (await fixture.RedisDatabaseAsync()).HashIncrementAsync(RedisKeys.Stock(s.ActivityId), s.PrizeOf(0).ToString("D"), 3);
        var tampered = await reconciler.ReconcileAsync(s.ActivityId);
        Assert.False(tampered.IsConsistent);
        Assert.Equal(3, tampered.Prizes.Single(p => p.PrizeId == s.PrizeOf(0)).Drift);
        Assert.Equal(0, tampered.Prizes.Single(p => p.PrizeId == s.PrizeOf(1)).Drift);
    }

    private async Task AssertEndStateAsync(StockComponents c, StockScenario s, int granted, int draws, int usedByFirst)
    {
        var db = await Persisted.ReadAsync(fixture, s.ActivityId);
        Assert.Equal((draws, draws, Stock, Stock), (db.Draws, db.DistinctDraws, db.Wins, db.IssuedByPrize[s.PrizeOf(0)]));
        Assert.Equal(0, (await c.Store.RemainingStockAsync(s.ActivityId))[s.PrizeOf(0)]);
        var now = s.Clock.GetUtcNow();
        Assert.Equal(Chances + granted - usedByFirst, await c.Store.RemainingChancesAsync(s.Limits, s.Players[0], now));
        Assert.Equal(Chances - 7, await c.Store.RemainingChancesAsync(s.Limits, s.Players[^1], now));
        Assert.True((await c.Reconciler().ReconcileAsync(s.ActivityId)).IsConsistent);
    }

    private static async Task<int> DrawEachAsync(StockComponents c, StockScenario s, int draws)
    {
        var results = await Task.WhenAll(s.Players.Select(async p =>
        {
            var wins = 0;
            for (var i = 0; i < draws; i++)
            {
                wins += ResultAssert.Drawn(await c.Store.DrawAsync(s.Request(p, s.Pick(0)))).Won ? 1 : 0;
            }

            return wins;
        }));
        return results.Sum();
    }

    private async Task DeleteAsync(StockScenario s, bool stream, bool players = true)
    {
        var keys = new List<RedisKey> { RedisKeys.Stock(s.ActivityId) };
        if (players)
        {
            keys.AddRange(s.Players.Select(p => RedisKeys.Player(s.ActivityId, p)));
        }

        if (stream)
        {
            keys.Add(RedisKeys.Records(s.ActivityId));
        }

        await (await fixture.RedisDatabaseAsync()).KeyDeleteAsync([.. keys]);
    }
}

/// <summary>On one Redis server.</summary>
public sealed class SingleRedisRebuildTests(RedisStockFixture fixture) : RedisRebuildTests<RedisStockFixture>(fixture);

/// <summary>On a three-primary Redis Cluster.</summary>
public sealed class RedisClusterRebuildTests(RedisClusterStockFixture fixture) : RedisRebuildTests<RedisClusterStockFixture>(fixture);
