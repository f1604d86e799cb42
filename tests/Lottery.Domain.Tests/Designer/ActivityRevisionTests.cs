using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Tests.TestSupport;

namespace Lottery.Domain.Tests.Designer;

/// <summary>A running activity's definition changes only through a new version, which moves stock to or from the pool.</summary>
public sealed class ActivityRevisionTests
{
    private readonly Scenario _s = new();

    private static readonly Dictionary<Guid, int> NothingWon = [];

    [Fact]
    public void A_new_version_takes_more_stock_from_the_pool_gives_less_back_and_bumps_the_version()
    {
        var activity = _s.Drive(ActivityKind.Instant, ActivityStatus.Running);
        var version = activity.DefinitionVersion;
        var phonePool = _s.Phone.PoolStock;
        var couponPool = _s.Coupon.PoolStock;
        var d = _s.InstantDefinition();
        var next = d with
        {
            Tiers =
            [
                d.Tiers[0] with { Probability = 0.05m, Prizes = [Scenario.Slot(_s.Phone, 4)] },
                d.Tiers[1] with { Prizes = [Scenario.Slot(_s.Coupon, 20, weight: 3), Scenario.Slot(_s.Phone, 3)] },
                d.Tiers[2] with { Prizes = [Scenario.Slot(_s.Coupon, 2)] },
            ],
        };
        var grandId = activity.Tiers.Single(t => t.Name == "Grand").Id;

        var changes = Expect.Success(activity.Revise(next, _s.Catalogue, NothingWon, _s.Clock));

        Assert.Equal(version + 1, activity.DefinitionVersion);
        Assert.Equal(ActivityStatus.Running, activity.Status);
        Assert.Contains(new StockChange(_s.Phone.Id, 2), changes);
        Assert.Contains(new StockChange(_s.Coupon.Id, -8), changes);
        Assert.Equal(phonePool - 2, _s.Phone.PoolStock);
        Assert.Equal(couponPool + 8, _s.Coupon.PoolStock);
        Assert.Equal(7, activity.Prizes.Single(p => p.PrizeId == _s.Phone.Id).Allocated);
        Assert.Equal(22, activity.Prizes.Single(p => p.PrizeId == _s.Coupon.Id).Allocated);
        var grand = activity.Tiers.Single(t => t.Name == "Grand");
        Assert.Equal(grandId, grand.Id);
        Assert.Equal(0.05m, grand.Probability);
    }

    [Fact]
    public void A_short_pool_lists_the_slot_and_changes_nothing()
    {
        var activity = _s.Drive(ActivityKind.Instant, ActivityStatus.Running);
        var before = activity.ToDefinition();
        var version = activity.DefinitionVersion;
        var pool = _s.Phone.PoolStock;
        var d = _s.InstantDefinition();
        var greedy = d with { Tiers = [d.Tiers[0] with { Prizes = [Scenario.Slot(_s.Phone, 2 + pool + 1)] }, d.Tiers[1], d.Tiers[2]] };

        var result = activity.Revise(greedy, _s.Catalogue, NothingWon, _s.Clock);

        Assert.Equal(ErrorCodes.StockPoolShort, result.Error?.Code);
        var problem = Assert.Single(result.ValidationErrors);
        Assert.Equal("tiers[0].prizes[0].stock", problem.Path);
        Assert.Equal(version, activity.DefinitionVersion);
        Assert.Equal(pool, _s.Phone.PoolStock);
        Assert.Equivalent(before, activity.ToDefinition());
    }

    [Fact]
    public void Stock_cannot_go_below_what_was_already_won_including_wins_not_yet_persisted()
    {
        var activity = _s.Drive(ActivityKind.Instant, ActivityStatus.Running);
        var d = _s.InstantDefinition();
        var fewer = d with { Tiers = [d.Tiers[0] with { Prizes = [Scenario.Slot(_s.Phone, 0)] }, d.Tiers[1] with { Prizes = [Scenario.Slot(_s.Coupon, 20, weight: 3)] }, d.Tiers[2]] };

        var result = activity.Revise(fewer, _s.Catalogue, new Dictionary<Guid, int> { [_s.Phone.Id] = 1 }, _s.Clock);

        Assert.Equal(ErrorCodes.StockPoolShort, result.Error?.Code);
        Assert.Contains(result.ValidationErrors, e => e.Path == "tiers[0].prizes[0].stock" && e.Message.Contains("already won", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ActivityStatus.Draft)]
    [InlineData(ActivityStatus.Ended)]
    [InlineData(ActivityStatus.Cancelled)]
    public void Only_a_live_activity_takes_a_new_version(ActivityStatus status)
    {
        var activity = _s.Drive(ActivityKind.Instant, status);

        var result = activity.Revise(_s.InstantDefinition(), _s.Catalogue, NothingWon, _s.Clock);

        Assert.Equal(ErrorCodes.IllegalTransition, result.Error?.Code);
    }

    [Fact]
    public void The_kind_of_a_live_activity_cannot_change()
    {
        var activity = _s.Drive(ActivityKind.Instant, ActivityStatus.Running);

        var result = activity.Revise(_s.ScheduledDefinition() with { Name = "x" }, _s.Catalogue, NothingWon, _s.Clock);

        Assert.Contains(result.ValidationErrors, e => e.Path == "kind");
    }
}
