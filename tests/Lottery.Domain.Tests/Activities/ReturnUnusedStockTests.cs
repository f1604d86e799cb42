using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Tests.TestSupport;

namespace Lottery.Domain.Tests.Activities;

public sealed class ReturnUnusedStockTests
{
    private readonly Scenario _s = new();

    [Fact]
    public void An_ended_activity_returns_allocated_minus_issued_to_each_pool()
    {
        var activity = _s.Drive(ActivityKind.Instant, ActivityStatus.Running);
        Expect.Success(PhonePool(activity).RecordIssued(2));
        Expect.Success(CouponPool(activity).RecordIssued());
        Expect.Success(activity.End(_s.Clock));
        _s.Clock.Advance(TimeSpan.FromMinutes(1));

        var returns = Expect.Success(activity.ReturnUnusedStock(_s.Catalogue, _s.Clock));

        Assert.Equal(
            [new StockReturn(_s.Phone.Id, 3), new StockReturn(_s.Coupon.Id, 29)],
            returns.OrderBy(r => r.Quantity));
        Assert.Equal(10 - 2, _s.Phone.PoolStock);
        Assert.Equal(100 - 1, _s.Coupon.PoolStock);
        Assert.Equal(3, PhonePool(activity).Returned);
        Assert.Equal(0, PhonePool(activity).Remaining);
        Assert.Equal(_s.Clock.GetUtcNow(), PhonePool(activity).ReturnedAt);
        Assert.Equal(_s.Clock.GetUtcNow(), activity.UpdatedAt);
    }

    [Fact]
    public void Returning_twice_gives_nothing_back_the_second_time()
    {
        var activity = _s.Drive(ActivityKind.Instant, ActivityStatus.Ended);
        Expect.Success(activity.ReturnUnusedStock(_s.Catalogue, _s.Clock));
        var version = activity.Version;

        var second = Expect.Success(activity.ReturnUnusedStock(_s.Catalogue, _s.Clock));

        Assert.Empty(second);
        Assert.Equal(10, _s.Phone.PoolStock);
        Assert.Equal(100, _s.Coupon.PoolStock);
        Assert.Equal(version, activity.Version);
    }

    [Fact]
    public void A_fully_issued_prize_returns_nothing_and_is_left_out_of_the_list()
    {
        var activity = _s.Drive(ActivityKind.Instant, ActivityStatus.Running);
        Expect.Success(PhonePool(activity).RecordIssued(Scenario.InstantPhoneAllocation));
        Expect.Success(activity.End(_s.Clock));

        var returns = Expect.Success(activity.ReturnUnusedStock(_s.Catalogue, _s.Clock));

        Assert.Equal(new StockReturn(_s.Coupon.Id, 30), Assert.Single(returns));
        Assert.Equal(5, _s.Phone.PoolStock);
    }

    [Fact]
    public void A_draft_cancelled_before_publishing_returns_nothing_because_nothing_was_reserved()
    {
        var activity = _s.Drive(ActivityKind.Instant, ActivityStatus.Cancelled);
        var version = activity.Version;

        var returns = Expect.Success(activity.ReturnUnusedStock(_s.Catalogue, _s.Clock));

        Assert.Empty(returns);
        Assert.Equal(10, _s.Phone.PoolStock);
        Assert.Equal(100, _s.Coupon.PoolStock);
        Assert.Equal(version, activity.Version);
    }

    [Theory]
    [InlineData(ActivityStatus.Published)]
    [InlineData(ActivityStatus.Running)]
    [InlineData(ActivityStatus.Paused)]
    public void A_cancelled_instant_activity_returns_its_whole_unissued_allocation(ActivityStatus cancelledFrom)
    {
        var activity = _s.Drive(ActivityKind.Instant, cancelledFrom);
        Expect.Success(activity.Cancel(_s.Clock));

        var returns = Expect.Success(activity.ReturnUnusedStock(_s.Catalogue, _s.Clock));

        Assert.Equal(2, returns.Count);
        Assert.Equal(10, _s.Phone.PoolStock);
        Assert.Equal(100, _s.Coupon.PoolStock);
    }

    [Fact]
    public void A_drawn_scheduled_activity_returns_what_was_not_awarded()
    {
        var activity = _s.Drive(ActivityKind.Scheduled, ActivityStatus.Drawing);
        Expect.Success(PhonePool(activity).RecordIssued());
        Expect.Success(CouponPool(activity).RecordIssued(4));
        Expect.Success(activity.CompleteDraw(_s.Clock));

        var returns = Expect.Success(activity.ReturnUnusedStock(_s.Catalogue, _s.Clock));

        Assert.Equal(new StockReturn(_s.Coupon.Id, 6), Assert.Single(returns));
        Assert.Equal(9, _s.Phone.PoolStock);
        Assert.Equal(96, _s.Coupon.PoolStock);
    }

    [Fact]
    public void A_scheduled_activity_cancelled_while_open_returns_its_whole_allocation()
    {
        var activity = _s.Drive(ActivityKind.Scheduled, ActivityStatus.Open);
        Expect.Success(activity.Cancel(_s.Clock));

        Expect.Success(activity.ReturnUnusedStock(_s.Catalogue, _s.Clock));

        Assert.Equal(10, _s.Phone.PoolStock);
        Assert.Equal(100, _s.Coupon.PoolStock);
    }

    [Theory]
    [InlineData(ActivityKind.Instant, ActivityStatus.Draft)]
    [InlineData(ActivityKind.Instant, ActivityStatus.Published)]
    [InlineData(ActivityKind.Instant, ActivityStatus.Running)]
    [InlineData(ActivityKind.Instant, ActivityStatus.Paused)]
    [InlineData(ActivityKind.Scheduled, ActivityStatus.Draft)]
    [InlineData(ActivityKind.Scheduled, ActivityStatus.Open)]
    [InlineData(ActivityKind.Scheduled, ActivityStatus.Drawing)]
    public void Stock_is_not_returned_while_the_activity_is_not_finished(ActivityKind kind, ActivityStatus status)
    {
        var activity = _s.Drive(kind, status);
        var (phone, coupon) = (_s.Phone.PoolStock, _s.Coupon.PoolStock);

        var result = activity.ReturnUnusedStock(_s.Catalogue, _s.Clock);

        Expect.Failure(result, ErrorCodes.IllegalTransition);
        Assert.Equal(phone, _s.Phone.PoolStock);
        Assert.Equal(coupon, _s.Coupon.PoolStock);
        Assert.All(activity.Prizes, p => Assert.Null(p.ReturnedAt));
    }

    [Fact]
    public void RecordIssued_counts_wins_up_to_the_allocation_and_refuses_one_more()
    {
        var activity = _s.Drive(ActivityKind.Instant, ActivityStatus.Running);
        var pool = PhonePool(activity);

        for (var i = 0; i < Scenario.InstantPhoneAllocation; i++)
        {
            Expect.Success(pool.RecordIssued());
        }

        var version = pool.Version;
        Expect.Failure(pool.RecordIssued(), ErrorCodes.SoldOut);
        Assert.Equal(Scenario.InstantPhoneAllocation, pool.Issued);
        Assert.Equal(0, pool.Remaining);
        Assert.Equal(version, pool.Version);
    }

    [Fact]
    public void RecordIssued_refuses_a_batch_that_would_overshoot_the_allocation()
    {
        var pool = PhonePool(_s.Drive(ActivityKind.Instant, ActivityStatus.Running));
        Expect.Success(pool.RecordIssued(3));

        Expect.Failure(pool.RecordIssued(3), ErrorCodes.SoldOut);

        Assert.Equal(3, pool.Issued);
        Assert.Equal(2, pool.Remaining);
    }

    [Fact]
    public void RecordIssued_is_refused_once_the_unused_stock_went_back_to_the_pool()
    {
        var activity = _s.Drive(ActivityKind.Instant, ActivityStatus.Ended);
        Expect.Success(activity.ReturnUnusedStock(_s.Catalogue, _s.Clock));

        Expect.Failure(PhonePool(activity).RecordIssued(), ErrorCodes.SoldOut);

        Assert.Equal(0, PhonePool(activity).Issued);
    }

    [Fact]
    public void A_negative_issued_count_cannot_make_the_activity_return_more_stock_than_it_reserved()
    {
        var activity = _s.Drive(ActivityKind.Instant, ActivityStatus.Running);
        try
        {
            PhonePool(activity).RecordIssued(-3);
        }
        catch (ArgumentOutOfRangeException)
        {
            // Refusing the call outright is one acceptable answer; the invariant below is what matters.
        }

        Expect.Success(activity.End(_s.Clock));
        Expect.Success(activity.ReturnUnusedStock(_s.Catalogue, _s.Clock));

        Assert.Equal(10, _s.Phone.PoolStock);
        Assert.InRange(PhonePool(activity).Issued, 0, PhonePool(activity).Allocated);
    }

    private ActivityPrize PhonePool(Activity activity) => activity.Prizes.Single(p => p.PrizeId == _s.Phone.Id);

    private ActivityPrize CouponPool(Activity activity) => activity.Prizes.Single(p => p.PrizeId == _s.Coupon.Id);
}
