using Lottery.Domain.Activities;
using Lottery.Domain.Draws;
using Lottery.Infrastructure.Stock.Redis;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Infrastructure.Tests.RedisStock;

/// <summary>
/// A new version's stock changes on live Redis counters (<see cref="RedisStockRevision"/>, <see cref="LuaScripts.LowerStock"/>,
/// <see cref="LuaScripts.RaiseStock"/>): decreases before the commit, all or nothing and never below what is left;
/// increases after it, only on the counters the decreases were taken from.
/// </summary>
public sealed class RedisStockRevisionTests(RedisStockFixture fixture) : IClassFixture<RedisStockFixture>
{
    [Fact]
    public async Task A_decrease_is_refused_whole_when_draws_left_fewer_units_than_it_takes()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(10), [new TierSpec("Gold", 0.5m, 5), new TierSpec("Silver", 0.5m, 20)], 3);
        var c = fixture.Components();
        var revision = Revision(c);
        Assert.All(await Task.WhenAll(s.Players.Take(2).Select(p => c.Store.DrawAsync(s.Request(p, s.Pick(0))))), r => Assert.Equal(DrawOutcome.Won, ResultAssert.Drawn(r).Outcome));

        // Gold has 3 left: taking 4 is refused, and Silver's decrease in the same revision is not applied either.
        var refused = await revision.LowerAsync(s.ActivityId, [new StockChange(s.PrizeOf(1), -5), new StockChange(s.PrizeOf(0), -4)]);
        Assert.Null(refused);
        Assert.Equal((3, 20), await LeftAsync(c, s));

        var lowered = await revision.LowerAsync(s.ActivityId, [new StockChange(s.PrizeOf(1), -5), new StockChange(s.PrizeOf(0), -3)]);
        Assert.NotNull(lowered?.Epoch);
        Assert.Equal((0, 15), await LeftAsync(c, s));
        Assert.Equal(DrawOutcome.SoldOut, ResultAssert.Drawn(await c.Store.DrawAsync(s.Request(s.Players[2], s.Pick(0)))).Outcome);
    }

    [Fact]
    public async Task Increases_land_after_the_commit_and_a_failed_commit_gives_the_decreases_back()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(10), [new TierSpec("Gold", 0.5m, 5), new TierSpec("Silver", 0.5m, 20)], 1);
        var c = fixture.Components();
        var revision = Revision(c);
        await c.Store.RemainingStockAsync(s.ActivityId);
        StockChange[] changes = [new(s.PrizeOf(0), 7), new(s.PrizeOf(1), -6)];

        var lowered = await revision.LowerAsync(s.ActivityId, changes);
        Assert.Equal((5, 14), await LeftAsync(c, s));
        await revision.UndoAsync(lowered!);
        Assert.Equal((5, 20), await LeftAsync(c, s));

        var again = await revision.LowerAsync(s.ActivityId, changes);
        await revision.CompleteAsync(again!, CancellationToken.None);
        Assert.Equal((12, 14), await LeftAsync(c, s));
    }

    [Fact]
    public async Task Counters_rebuilt_between_the_decrease_and_the_commit_are_rebuilt_again_from_the_committed_database()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(10), [new TierSpec("Gold", 0.5m, 5), new TierSpec("Silver", 0.5m, 20)], 1);
        var c = fixture.Components();
        var revision = Revision(c);
        await c.Store.RemainingStockAsync(s.ActivityId);
        var lowered = await revision.LowerAsync(s.ActivityId, [new StockChange(s.PrizeOf(0), -2)]);

        // The hash is lost and rebuilt from the database as it was before the commit (Gold: 5).
        var redis = await fixture.RedisDatabaseAsync();
        await redis.KeyDeleteAsync(RedisKeys.Stock(s.ActivityId));
        Assert.Equal((5, 20), await LeftAsync(c, s));
        // The commit: Gold's allocation becomes 3.
        var gold = s.PrizeOf(0);
        await using (var db = fixture.CreateDbContext())
        {
            await db.ActivityPrizes.IgnoreQueryFilters().Where(p => p.ActivityId == s.ActivityId && p.PrizeId == gold)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.Allocated, 3));
        }

        await revision.CompleteAsync(lowered!, CancellationToken.None);

        Assert.Equal((3, 20), await LeftAsync(c, s));
    }

    private static RedisStockRevision Revision(StockComponents c) =>
        new(c.Scripts, c.Rebuilder);

    private static async Task<(int Gold, int Silver)> LeftAsync(StockComponents c, StockScenario s)
    {
        var left = await c.Store.RemainingStockAsync(s.ActivityId);
        return (left[s.PrizeOf(0)], left[s.PrizeOf(1)]);
    }
}
