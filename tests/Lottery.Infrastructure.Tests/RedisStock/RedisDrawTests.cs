using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Draws;
using Lottery.Domain.Stock;
using Lottery.Infrastructure.Stock;
using Lottery.Infrastructure.Stock.Redis;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Infrastructure.Tests.RedisStock;

/// <summary>The draw script (<see cref="LuaScripts.Draw"/>) and the chance scripts through <see cref="RedisStockStore"/>.</summary>
public abstract class RedisDrawTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : RedisStockFixture
{
    [Fact]
    public async Task Draw_never_issues_more_than_stock_under_concurrency()
    {
        const int players = 200, drawsEach = 25, stock = 100;
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(drawsEach), [new TierSpec("Grand", 1m, stock)], players);
        var c = fixture.Components();
        await c.Store.SyncActivityAsync(s.Limits);

        List<DrawResult>[] results;
        await using (await RunningConsumer.StartAsync(c.Consumer()))
        {
            results = await Task.WhenAll(s.Players.Select(async player =>
            {
                var mine = new List<DrawResult>();
                for (var i = 0; i < drawsEach; i++)
                {
                    mine.Add(ResultAssert.Drawn(await c.Store.DrawAsync(s.Request(player, s.Pick(0)))));
                }

                return mine;
            }));
            await c.Store.FlushAsync(s.ActivityId);
        }

        var all = results.SelectMany(r => r).ToList();
        Assert.Equal(players * drawsEach, all.Count);
        Assert.Equal(stock, all.Count(r => r.Won));
        Assert.Equal(players * drawsEach - stock, all.Count(r => r.Outcome == DrawOutcome.SoldOut));
        var db = await Persisted.ReadAsync(fixture, s.ActivityId);
        Assert.Equal(players * drawsEach, db.Draws);
        Assert.Equal(stock, db.Wins);
        Assert.Equal(stock, db.IssuedByPrize[s.PrizeOf(0)]);
        Assert.Equal(0, (await c.Store.RemainingStockAsync(s.ActivityId))[s.PrizeOf(0)]);
    }

    [Fact]
    public async Task Flush_waits_for_the_orphans_left_before_it_not_for_those_after_so_nonstop_trouble_cannot_hold_it_up()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(100), [new TierSpec("Grand", 0.5m, 10)], 1);
        var live = fixture.Components(new RedisOptions { Configuration = fixture.RedisAddress, FlushTimeout = TimeSpan.FromSeconds(10) });
        // A node that runs the draw script but never gets its commit through (its database is gone): each of its draws
        // fails and leaves its record in the stream, an orphan.
        var dead = fixture.Components(journalDatabase: RedisStockFixture.Unreachable);
        var player = s.Players[0];
        var before = await dead.OrphansAsync(s, player, 10);

        var flush = live.Store.FlushAsync(s.ActivityId);
        Assert.True(await live.Signal.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None), "the flush nudged the consumer");
        await dead.OrphansAsync(s, player, 5);

        // One consumer pass commits exactly the ten earlier records; the five later ones stay in the stream.
        Assert.Equal(10, await live.Consumer(batchSize: 10).DrainOnceAsync());
        await flush.WaitAsync(TimeSpan.FromSeconds(10));

        await using var db = fixture.CreateDbContext();
        var persisted = await db.DrawRecords.IgnoreQueryFilters().Where(r => r.ActivityId == s.ActivityId).Select(r => r.Id).ToListAsync();
        Assert.Equal(before.Order(), persisted.Order());
        Assert.Equal(5, await live.Records.CountAsync(s.ActivityId));
    }

    [Fact]
    public async Task A_player_with_three_chances_firing_fifty_parallel_draws_gets_exactly_three()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(3), [new TierSpec("Grand", 0.5m, 100)], 1);
        var c = fixture.Components();
        var player = s.Players[0];

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => c.Store.DrawAsync(s.Request(player, s.Pick(null)))));

        Assert.Equal(3, results.Count(r => r.IsSuccess));
        Assert.Equal(47, results.Count(r => r.Error?.Code == ErrorCodes.NoChancesLeft));
        Assert.Equal([0, 1, 2], results.Where(r => r.IsSuccess).Select(r => r.Value.RemainingChances).Order().ToArray());
        Assert.Equal(0, await c.Store.RemainingChancesAsync(s.Limits, player, s.Clock.GetUtcNow()));
        Assert.Equal(3, (await Persisted.ReadAsync(fixture, s.ActivityId)).Draws);
        Assert.Equal(0, await c.Records.CountAsync(s.ActivityId));
    }

    [Fact]
    public async Task Idempotency_key_replays_the_first_result_without_using_a_chance()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(3), [new TierSpec("Grand", 1m, 10)], 1);
        var c = fixture.Components();
        var player = s.Players[0];

        var first = ResultAssert.Drawn(await c.Store.DrawAsync(s.Request(player, s.Pick(0), "spin-1")));
        var again = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => c.Store.DrawAsync(s.Request(player, s.Pick(null), "spin-1"))));

        Assert.False(first.Replayed);
        Assert.Equal(DrawOutcome.Won, first.Outcome);
        Assert.All(again, r => Assert.Equal(first with { Replayed = true }, ResultAssert.Drawn(r)));
        Assert.Equal(2, await c.Store.RemainingChancesAsync(s.Limits, player, s.Clock.GetUtcNow()));
        Assert.Equal(9, (await c.Store.RemainingStockAsync(s.ActivityId))[s.PrizeOf(0)]);
        Assert.Equal((1, 1), ((await Persisted.ReadAsync(fixture, s.ActivityId)).Draws, (await Persisted.ReadAsync(fixture, s.ActivityId)).Wins));
        var other = ResultAssert.Drawn(await c.Store.DrawAsync(s.Request(player, s.Pick(null), "spin-2")));
        Assert.NotEqual(first.DrawId, other.DrawId);
        Assert.Equal(1, other.RemainingChances);
    }

    [Fact]
    public async Task A_key_whose_Redis_result_expired_replays_the_draw_the_database_holds_and_Redis_gets_back_what_the_script_took()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(5), [new TierSpec("Grand", 1m, 10)], 1);
        var c = fixture.Components();
        var player = s.Players[0];
        var first = ResultAssert.Drawn(await c.Store.DrawAsync(s.Request(player, s.Pick(0), "key-1")));

        // Redis forgot the key's first result (it expired, or Redis lost its data); the database has not.
        await (await fixture.RedisDatabaseAsync()).KeyDeleteAsync(RedisKeys.Idempotency(s.ActivityId, player, "key-1"));
        var again = ResultAssert.Drawn(await c.Store.DrawAsync(s.Request(player, s.Pick(0), "key-1")));

        Assert.Equal((first.DrawId, DrawOutcome.Won, true), (again.DrawId, again.Outcome, again.Replayed));
        var db = await Persisted.ReadAsync(fixture, s.ActivityId);
        Assert.Equal((1, 1, 1), (db.Draws, db.Wins, db.IssuedByPrize[s.PrizeOf(0)]));
        Assert.Equal(9, (await c.Store.RemainingStockAsync(s.ActivityId))[s.PrizeOf(0)]);
        Assert.Equal(4, await c.Store.RemainingChancesAsync(s.Limits, player, s.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task A_committed_draw_is_answered_even_when_Redis_fails_after_the_commit_and_its_entry_is_cleaned_up_later()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(5), [new TierSpec("Grand", 1m, 10)], 1);
        var c = fixture.Components();
        // This node's stream deletes go through a connection that is gone by the time the draw is committed.
        var gone = fixture.NewRedisConnection();
        await gone.GetDatabaseAsync();
        await gone.DisposeAsync();
        var store = new RedisStockStore(c.Redis, c.Scripts, c.Rebuilder, new RedisDrawRecords(gone, c.Scripts), c.Journal, fixture,
            c.Signal, TimeProvider.System, Microsoft.Extensions.Options.Options.Create(c.Options));

        var won = ResultAssert.Drawn(await store.DrawAsync(s.Request(s.Players[0], s.Pick(0))));

        Assert.Equal(DrawOutcome.Won, won.Outcome);
        Assert.Equal((1, 1), ((await Persisted.ReadAsync(fixture, s.ActivityId)).Draws, (await Persisted.ReadAsync(fixture, s.ActivityId)).Wins));
        Assert.Equal(1, await c.Records.CountAsync(s.ActivityId));
        Assert.Equal(1, await c.Consumer().DrainOnceAsync());
        Assert.Equal(0, await c.Records.CountAsync(s.ActivityId));
        Assert.Equal((1, 1), ((await Persisted.ReadAsync(fixture, s.ActivityId)).Draws, (await Persisted.ReadAsync(fixture, s.ActivityId)).Wins));
    }

    [Fact]
    public async Task Per_day_limit_refuses_further_draws_until_the_next_day()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(10, ChancesPerDay: 2), [new TierSpec("Grand", 0.1m, 10)], 1);
        var c = fixture.Components();
        var player = s.Players[0];

        ResultAssert.Outcome(await c.Store.DrawAsync(s.Request(player, s.Pick(null))), DrawOutcome.NoPrize);
        var second = ResultAssert.Drawn(await c.Store.DrawAsync(s.Request(player, s.Pick(null))));
        ResultAssert.Refused(await c.Store.DrawAsync(s.Request(player, s.Pick(null))), ErrorCodes.NoChancesLeft);
        Assert.Equal(0, second.RemainingChances);
        Assert.Equal(0, await c.Store.RemainingChancesAsync(s.Limits, player, s.Clock.GetUtcNow()));

        s.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(2, await c.Store.RemainingChancesAsync(s.Limits, player, s.Clock.GetUtcNow()));
        var nextDay = ResultAssert.Drawn(await c.Store.DrawAsync(s.Request(player, s.Pick(null))));
        Assert.Equal(1, nextDay.RemainingChances);
    }

    [Fact]
    public async Task Max_wins_per_player_refuses_draws_once_reached_without_using_a_chance()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(5, MaxWinsPerPlayer: 1), [new TierSpec("Grand", 1m, 10)], 1);
        var c = fixture.Components();
        var player = s.Players[0];

        ResultAssert.Outcome(await c.Store.DrawAsync(s.Request(player, s.Pick(0))), DrawOutcome.Won);
        ResultAssert.Refused(await c.Store.DrawAsync(s.Request(player, s.Pick(0))), ErrorCodes.WinLimitReached);

        Assert.Equal(4, await c.Store.RemainingChancesAsync(s.Limits, player, s.Clock.GetUtcNow()));
        Assert.Equal(9, (await c.Store.RemainingStockAsync(s.ActivityId))[s.PrizeOf(0)]);
    }

    [Fact]
    public async Task Tier_max_wins_keeps_a_player_from_winning_that_tier_again()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(5),
            [new TierSpec("Grand", 0.5m, 10, MaxWinsPerPlayer: 1), new TierSpec("Thanks", 0.5m, 10, IsConsolation: true)], 1,
            SoldOutBehavior.Consolation);
        var c = fixture.Components();
        var player = s.Players[0];

        var won = ResultAssert.Drawn(await c.Store.DrawAsync(s.Request(player, s.Pick(0, fallback: 1))));
        var capped = ResultAssert.Drawn(await c.Store.DrawAsync(s.Request(player, s.Pick(0))));
        var consoled = ResultAssert.Drawn(await c.Store.DrawAsync(s.Request(player, s.Pick(0, fallback: 1))));

        Assert.Equal((DrawOutcome.Won, s.PrizeOf(0)), (won.Outcome, won.PrizeId!.Value));
        Assert.Equal((DrawOutcome.SoldOut, (Guid?)null, s.NoPrizeSegment), (capped.Outcome, capped.PrizeId, capped.SegmentIndex));
        Assert.Equal((DrawOutcome.Won, s.PrizeOf(1), s.Tiers[1].Id), (consoled.Outcome, consoled.PrizeId!.Value, consoled.TierId!.Value));
        var stock = await c.Store.RemainingStockAsync(s.ActivityId);
        Assert.Equal((9, 9), (stock[s.PrizeOf(0)], stock[s.PrizeOf(1)]));
    }

    [Fact]
    public async Task A_sold_out_primary_falls_back_to_consolation_then_reports_sold_out()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(5),
            [new TierSpec("Grand", 0.5m, 1), new TierSpec("Thanks", 0.5m, 2, IsConsolation: true)], 4, SoldOutBehavior.Consolation);
        var c = fixture.Components();
        var grandSegment = s.Wheel.SegmentOf(s.Tiers[0].Slots[0].Id);
        var thanksSegment = s.Wheel.SegmentOf(s.Tiers[1].Slots[0].Id);

        var results = new List<DrawResult>();
        foreach (var player in s.Players)
        {
            results.Add(ResultAssert.Drawn(await c.Store.DrawAsync(s.Request(player, s.Pick(0, fallback: 1)))));
        }

        var nothing = ResultAssert.Drawn(await c.Store.DrawAsync(s.Request(s.Players[0], s.Pick(null))));

        Assert.Equal(
            [(DrawOutcome.Won, s.PrizeOf(0), grandSegment), (DrawOutcome.Won, s.PrizeOf(1), thanksSegment),
             (DrawOutcome.Won, s.PrizeOf(1), thanksSegment), (DrawOutcome.SoldOut, Guid.Empty, s.NoPrizeSegment)],
            results.Select(r => (r.Outcome, r.PrizeId ?? Guid.Empty, r.SegmentIndex)));
        Assert.Equal((DrawOutcome.NoPrize, s.NoPrizeSegment), (nothing.Outcome, nothing.SegmentIndex));
        Assert.All(await c.Store.RemainingStockAsync(s.ActivityId), p => Assert.Equal(0, p.Value));
    }

    [Fact]
    public async Task A_paused_activity_refuses_draws_until_it_is_resumed()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(5), [new TierSpec("Grand", 0.5m, 10)], 1);
        var c = fixture.Components();
        var player = s.Players[0];
        ResultAssert.Drawn(await c.Store.DrawAsync(s.Request(player, s.Pick(null))));

        await s.ChangeAsync(fixture, (a, clock) => a.Pause(clock));
        await c.Store.SyncActivityAsync(s.Limits);
        ResultAssert.Refused(await c.Store.DrawAsync(s.Request(player, s.Pick(null))), ErrorCodes.NotRunning);

        await s.ChangeAsync(fixture, (a, clock) => a.Resume(clock));
        await c.Store.SyncActivityAsync(s.Limits);
        var resumed = ResultAssert.Drawn(await c.Store.DrawAsync(s.Request(player, s.Pick(null))));
        Assert.Equal(3, resumed.RemainingChances);
    }

    [Fact]
    public async Task Draws_outside_the_activity_window_are_refused()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(5), [new TierSpec("Grand", 0.5m, 10)], 1);
        var c = fixture.Components();
        var player = s.Players[0];

        ResultAssert.Refused(await c.Store.DrawAsync(s.Request(player, s.Pick(0), at: s.Activity.Schedule.StartsAt.AddMilliseconds(-1))), ErrorCodes.NotRunning);
        s.Clock.SetUtcNow(s.Activity.Schedule.EndsAt);
        var late = await c.Store.DrawAsync(s.Request(player, s.Pick(0)));

        ResultAssert.Refused(late, ErrorCodes.NotRunning);
        Assert.Equal("The activity has ended.", late.Error!.Message);
        Assert.Equal(5, await c.Store.RemainingChancesAsync(s.Limits, player, s.Clock.GetUtcNow()));
        Assert.Equal(0, await c.Records.CountAsync(s.ActivityId));
    }

    [Fact]
    public async Task Granted_chances_add_to_the_chances_per_player()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(1), [new TierSpec("Grand", 0.5m, 10)], 2);
        var c = fixture.Components();
        var (drawn, fresh) = (s.Players[0], s.Players[1]);
        ResultAssert.Drawn(await c.Store.DrawAsync(s.Request(drawn, s.Pick(null))));
        ResultAssert.Refused(await c.Store.DrawAsync(s.Request(drawn, s.Pick(null))), ErrorCodes.NoChancesLeft);

        await c.Store.GrantChancesAsync(s.Limits, drawn, await s.GrantInDatabaseAsync(fixture, drawn));
        await c.Store.GrantChancesAsync(s.Limits, fresh, await s.GrantInDatabaseAsync(fixture, fresh));

        Assert.Equal(2, await c.Store.RemainingChancesAsync(s.Limits, drawn, s.Clock.GetUtcNow()));
        Assert.Equal(3, await c.Store.RemainingChancesAsync(s.Limits, fresh, s.Clock.GetUtcNow()));
        Assert.Equal(1, ResultAssert.Drawn(await c.Store.DrawAsync(s.Request(drawn, s.Pick(null)))).RemainingChances);
    }

    [Fact]
    public async Task Scripts_are_loaded_again_when_the_server_forgets_them()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(5), [new TierSpec("Grand", 1m, 10)], 1);
        var c = fixture.Components();
        ResultAssert.Outcome(await c.Store.DrawAsync(s.Request(s.Players[0], s.Pick(0))), DrawOutcome.Won);

        var multiplexer = await fixture.Redis.GetAsync();
        foreach (var server in multiplexer.GetServers())
        {
            await server.ScriptFlushAsync();
        }

        ResultAssert.Outcome(await c.Store.DrawAsync(s.Request(s.Players[0], s.Pick(0))), DrawOutcome.Won);
        Assert.Equal(8, (await c.Store.RemainingStockAsync(s.ActivityId))[s.PrizeOf(0)]);
    }

    [Fact]
    public void Keys_of_an_activity_share_one_cluster_hash_tag()
    {
        var activity = Guid.NewGuid();
        var tag = $"{{{activity:D}}}";
        string[] keys =
        [
            .. new[]
            {
                RedisKeys.Stock(activity), RedisKeys.Player(activity, Guid.NewGuid()), RedisKeys.Records(activity),
                RedisKeys.DeadRecords(activity), RedisKeys.Idempotency(activity, Guid.NewGuid(), "k"), RedisKeys.RebuildLock(activity),
            }.Select(k => k.ToString()),
        ];
        Assert.All(keys, k => Assert.Equal(tag, k[k.IndexOf('{', StringComparison.Ordinal)..(k.IndexOf('}', StringComparison.Ordinal) + 1)]));
        Assert.Equal(keys.Length, keys.Distinct().Count());
    }
}

/// <summary>On one Redis server.</summary>
public sealed class SingleRedisDrawTests(RedisStockFixture fixture) : RedisDrawTests<RedisStockFixture>(fixture);

/// <summary>On a three-primary Redis Cluster.</summary>
public sealed class RedisClusterDrawTests(RedisClusterStockFixture fixture) : RedisDrawTests<RedisClusterStockFixture>(fixture);
