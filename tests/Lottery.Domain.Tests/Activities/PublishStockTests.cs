using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Prizes;
using Lottery.Domain.Tests.TestSupport;

namespace Lottery.Domain.Tests.Activities;

public sealed class PublishStockTests
{
    private readonly Scenario _s = new();

    [Fact]
    public void A_prize_in_two_tiers_is_allocated_the_sum_of_both_slots()
    {
        var activity = _s.CreateDraft(ActivityKind.Instant);

        Assert.Equal(2, activity.Prizes.Count);
        var phone = Assert.Single(activity.Prizes, p => p.PrizeId == _s.Phone.Id);
        var coupon = Assert.Single(activity.Prizes, p => p.PrizeId == _s.Coupon.Id);
        Assert.Equal(2 + 3, phone.Allocated);
        Assert.Equal(20 + 10, coupon.Allocated);
        Assert.All(activity.Prizes, p =>
        {
            Assert.False(p.IsReserved);
            Assert.Equal(0, p.Issued);
            Assert.Equal(p.Allocated, p.Remaining);
            Assert.Equal(activity.Id, p.ActivityId);
            Assert.Equal(_s.TenantId, p.TenantId);
        });
    }

    [Fact]
    public void Publish_takes_each_allocation_from_its_catalogue_pool()
    {
        var activity = _s.CreateDraft(ActivityKind.Instant);
        var (phoneVersion, couponVersion) = (_s.Phone.Version, _s.Coupon.Version);

        Expect.Success(activity.Publish(_s.Catalogue, _s.Clock));

        Assert.Equal(5, _s.Phone.PoolStock);
        Assert.Equal(70, _s.Coupon.PoolStock);
        Assert.Equal(phoneVersion + 1, _s.Phone.Version);
        Assert.Equal(couponVersion + 1, _s.Coupon.Version);
        Assert.All(activity.Prizes, p => Assert.True(p.IsReserved));
    }

    [Fact]
    public void Publish_can_take_a_pool_down_to_exactly_zero()
    {
        Expect.Success(_s.Phone.AdjustPool(Scenario.InstantPhoneAllocation - 10));
        var activity = _s.CreateDraft(ActivityKind.Instant);

        Expect.Success(activity.Publish(_s.Catalogue, _s.Clock));

        Assert.Equal(0, _s.Phone.PoolStock);
    }

    [Fact]
    public void Publish_with_one_short_pool_reserves_nothing_and_names_the_short_prize()
    {
        Expect.Success(_s.Phone.AdjustPool(-6));
        var activity = _s.CreateDraft(ActivityKind.Instant);

        var result = activity.Publish(_s.Catalogue, _s.Clock);

        Expect.Failure(result, ErrorCodes.StockPoolShort);
        var reason = Assert.Single(result.ValidationErrors);
        Assert.Equal("prizes[Phone]", reason.Path);
        Assert.Contains("4", reason.Message, StringComparison.Ordinal);
        Assert.Contains("5", reason.Message, StringComparison.Ordinal);
        Assert.Equal(4, _s.Phone.PoolStock);
        Assert.Equal(100, _s.Coupon.PoolStock);
        Assert.Equal(ActivityStatus.Draft, activity.Status);
        Assert.Null(activity.PublishedAt);
        Assert.All(activity.Prizes, p => Assert.False(p.IsReserved));
    }

    [Fact]
    public void Publish_lists_every_short_prize_and_reserves_nothing()
    {
        Expect.Success(_s.Phone.AdjustPool(-10));
        Expect.Success(_s.Coupon.AdjustPool(-71));
        var activity = _s.CreateDraft(ActivityKind.Instant);

        var result = activity.Publish(_s.Catalogue, _s.Clock);

        Expect.Failure(result, ErrorCodes.StockPoolShort);
        Assert.Equal(
            ["prizes[Coupon]", "prizes[Phone]"],
            result.ValidationErrors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Equal(0, _s.Phone.PoolStock);
        Assert.Equal(29, _s.Coupon.PoolStock);
        Assert.Equal(ActivityStatus.Draft, activity.Status);
    }

    [Fact]
    public void Publish_succeeds_after_a_short_pool_is_restocked()
    {
        Expect.Success(_s.Phone.AdjustPool(-6));
        var activity = _s.CreateDraft(ActivityKind.Instant);
        Expect.Failure(activity.Publish(_s.Catalogue, _s.Clock), ErrorCodes.StockPoolShort);

        Expect.Success(_s.Phone.AdjustPool(1));
        Expect.Success(activity.Publish(_s.Catalogue, _s.Clock));

        Assert.Equal(0, _s.Phone.PoolStock);
        Assert.Equal(70, _s.Coupon.PoolStock);
        Assert.Equal(ActivityStatus.Published, activity.Status);
    }

    [Fact]
    public void Publish_without_one_of_the_activity_prizes_in_the_catalogue_is_a_bug_and_throws()
    {
        var activity = _s.CreateDraft(ActivityKind.Instant);

        Assert.Throws<ArgumentException>(() => activity.Publish([_s.Phone], _s.Clock));

        Assert.Equal(ActivityStatus.Draft, activity.Status);
        Assert.Equal(10, _s.Phone.PoolStock);
    }

    [Fact]
    public void Two_activities_sharing_a_prize_each_take_their_allocation_until_the_pool_runs_short()
    {
        var first = _s.CreateDraft(ActivityKind.Instant);
        var second = _s.CreateDraft(ActivityKind.Instant);
        var third = _s.CreateDraft(ActivityKind.Instant);

        Expect.Success(first.Publish(_s.Catalogue, _s.Clock));
        Expect.Success(second.Publish(_s.Catalogue, _s.Clock));
        var result = third.Publish(_s.Catalogue, _s.Clock);

        Expect.Failure(result, ErrorCodes.StockPoolShort);
        Assert.Equal("prizes[Phone]", Assert.Single(result.ValidationErrors).Path);
        Assert.Equal(0, _s.Phone.PoolStock);
        Assert.Equal(40, _s.Coupon.PoolStock);
    }

    [Fact]
    public void A_zero_stock_slot_allocates_nothing_and_publishes_against_an_empty_pool()
    {
        var empty = Expect.Success(Prize.Create(_s.TenantId, "Sticker", PrizeKind.Virtual, 0, _s.Clock));
        var definition = _s.InstantDefinition() with
        {
            Tiers = [new TierDefinition("Nothing left", 0.5m, [Scenario.Slot(empty, 0)])],
            SoldOut = SoldOutBehavior.NoPrize,
        };
        var activity = Expect.Success(Activity.Create(_s.TenantId, definition, _s.Clock));

        Expect.Success(activity.Publish([empty], _s.Clock));

        Assert.Equal(0, Assert.Single(activity.Prizes).Allocated);
        Assert.Equal(0, empty.PoolStock);
    }
}
