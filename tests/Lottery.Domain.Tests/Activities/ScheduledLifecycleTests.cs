using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Tests.TestSupport;

namespace Lottery.Domain.Tests.Activities;

public sealed class ScheduledLifecycleTests
{
    private readonly Scenario _s = new();

    [Fact]
    public void Publish_moves_a_scheduled_draft_to_open_and_reserves_stock()
    {
        var activity = _s.CreateDraft(ActivityKind.Scheduled);

        Expect.Success(activity.Publish(_s.Catalogue, _s.Clock));

        Assert.Equal(ActivityStatus.Open, activity.Status);
        Assert.Equal(_s.Clock.GetUtcNow(), activity.PublishedAt);
        Assert.Equal(10 - Scenario.ScheduledPhoneAllocation, _s.Phone.PoolStock);
        Assert.Equal(100 - Scenario.ScheduledCouponAllocation, _s.Coupon.PoolStock);
    }

    [Fact]
    public void Publish_after_the_draw_time_is_refused_even_inside_the_window()
    {
        var activity = _s.CreateDraft(ActivityKind.Scheduled);
        _s.Clock.SetUtcNow(_s.DrawAt);
        Assert.True(_s.DrawAt < _s.EndsAt);

        Expect.Failure(activity.Publish(_s.Catalogue, _s.Clock), ErrorCodes.IllegalTransition);

        Assert.Equal(ActivityStatus.Draft, activity.Status);
        Assert.Equal(10, _s.Phone.PoolStock);
        Assert.Equal(100, _s.Coupon.PoolStock);
    }

    [Fact]
    public void BeginDraw_moves_an_open_activity_to_drawing_at_the_draw_time()
    {
        var activity = _s.Drive(ActivityKind.Scheduled, ActivityStatus.Open);
        _s.Clock.SetUtcNow(_s.DrawAt);

        Expect.Success(activity.BeginDraw(_s.Clock));

        Assert.Equal(ActivityStatus.Drawing, activity.Status);
        Assert.False(activity.IsFinished);
    }

    [Fact]
    public void BeginDraw_before_the_draw_time_is_refused_and_the_activity_stays_open()
    {
        var activity = _s.Drive(ActivityKind.Scheduled, ActivityStatus.Open);
        _s.Clock.SetUtcNow(_s.DrawAt.AddTicks(-1));

        Expect.Failure(activity.BeginDraw(_s.Clock), ErrorCodes.IllegalTransition);

        Assert.Equal(ActivityStatus.Open, activity.Status);
    }

    [Fact]
    public void CompleteDraw_moves_a_drawing_activity_to_drawn_and_records_when()
    {
        var activity = _s.Drive(ActivityKind.Scheduled, ActivityStatus.Drawing);
        _s.Clock.Advance(TimeSpan.FromSeconds(30));

        Expect.Success(activity.CompleteDraw(_s.Clock));

        Assert.Equal(ActivityStatus.Drawn, activity.Status);
        Assert.Equal(_s.Clock.GetUtcNow(), activity.EndedAt);
        Assert.True(activity.IsFinished);
    }

    [Theory]
    [InlineData(ActivityStatus.Draft)]
    [InlineData(ActivityStatus.Open)]
    public void Cancel_moves_a_scheduled_activity_to_cancelled_from_draft_or_open(ActivityStatus from)
    {
        var activity = _s.Drive(ActivityKind.Scheduled, from);

        Expect.Success(activity.Cancel(_s.Clock));

        Assert.Equal(ActivityStatus.Cancelled, activity.Status);
        Assert.Equal(_s.Clock.GetUtcNow(), activity.EndedAt);
        Assert.True(activity.IsFinished);
    }
}
