using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Tests.TestSupport;

namespace Lottery.Domain.Tests.Activities;

public sealed class InstantLifecycleTests
{
    private readonly Scenario _s = new();

    [Fact]
    public void Publish_moves_an_instant_draft_to_published_and_reserves_stock()
    {
        var activity = _s.CreateDraft(ActivityKind.Instant);

        Expect.Success(activity.Publish(_s.Catalogue, _s.Clock));

        Assert.Equal(ActivityStatus.Published, activity.Status);
        Assert.Equal(_s.Clock.GetUtcNow(), activity.PublishedAt);
        Assert.Equal(10 - Scenario.InstantPhoneAllocation, _s.Phone.PoolStock);
        Assert.Equal(100 - Scenario.InstantCouponAllocation, _s.Coupon.PoolStock);
        Assert.All(activity.Prizes, p => Assert.True(p.IsReserved));
    }

    [Fact]
    public void Publish_after_the_end_is_refused_and_leaves_the_draft_and_its_stock_alone()
    {
        var activity = _s.CreateDraft(ActivityKind.Instant);
        _s.Clock.SetUtcNow(_s.EndsAt);

        Expect.Failure(activity.Publish(_s.Catalogue, _s.Clock), ErrorCodes.IllegalTransition);

        Assert.Equal(ActivityStatus.Draft, activity.Status);
        Assert.Null(activity.PublishedAt);
        Assert.Equal(10, _s.Phone.PoolStock);
        Assert.Equal(100, _s.Coupon.PoolStock);
    }

    [Fact]
    public void Publish_during_the_window_is_allowed()
    {
        var activity = _s.CreateDraft(ActivityKind.Instant);
        _s.Clock.SetUtcNow(_s.EndsAt.AddTicks(-1));

        Expect.Success(activity.Publish(_s.Catalogue, _s.Clock));

        Assert.Equal(ActivityStatus.Published, activity.Status);
    }

    [Fact]
    public void Start_moves_a_published_activity_to_running_exactly_at_its_start_time()
    {
        var activity = _s.Drive(ActivityKind.Instant, ActivityStatus.Published);
        _s.Clock.SetUtcNow(_s.StartsAt);

        Expect.Success(activity.Start(_s.Clock));

        Assert.Equal(ActivityStatus.Running, activity.Status);
    }

    [Fact]
    public void Start_before_the_start_time_is_refused_and_the_activity_stays_published()
    {
        var activity = _s.Drive(ActivityKind.Instant, ActivityStatus.Published);
        _s.Clock.SetUtcNow(_s.StartsAt.AddTicks(-1));

        Expect.Failure(activity.Start(_s.Clock), ErrorCodes.IllegalTransition);

        Assert.Equal(ActivityStatus.Published, activity.Status);
    }

    [Fact]
    public void Pause_moves_a_running_activity_to_paused()
    {
        var activity = _s.Drive(ActivityKind.Instant, ActivityStatus.Running);

        Expect.Success(activity.Pause(_s.Clock));

        Assert.Equal(ActivityStatus.Paused, activity.Status);
    }

    [Fact]
    public void Resume_moves_a_paused_activity_back_to_running_before_the_end()
    {
        var activity = _s.Drive(ActivityKind.Instant, ActivityStatus.Paused);
        _s.Clock.SetUtcNow(_s.EndsAt.AddTicks(-1));

        Expect.Success(activity.Resume(_s.Clock));

        Assert.Equal(ActivityStatus.Running, activity.Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(60 * 24)]
    public void Resume_at_or_after_the_end_is_refused_and_the_activity_stays_paused(int minutesAfterEnd)
    {
        var activity = _s.Drive(ActivityKind.Instant, ActivityStatus.Paused);
        _s.Clock.SetUtcNow(_s.EndsAt.AddMinutes(minutesAfterEnd));

        Expect.Failure(activity.Resume(_s.Clock), ErrorCodes.IllegalTransition);

        Assert.Equal(ActivityStatus.Paused, activity.Status);
    }

    [Fact]
    public void Running_and_paused_toggle_back_and_forth()
    {
        var activity = _s.Drive(ActivityKind.Instant, ActivityStatus.Running);

        for (var i = 0; i < 3; i++)
        {
            Expect.Success(activity.Pause(_s.Clock));
            Assert.Equal(ActivityStatus.Paused, activity.Status);
            Expect.Success(activity.Resume(_s.Clock));
            Assert.Equal(ActivityStatus.Running, activity.Status);
        }
    }

    [Theory]
    [InlineData(ActivityStatus.Running)]
    [InlineData(ActivityStatus.Paused)]
    public void End_moves_a_running_or_paused_activity_to_ended_and_records_when(ActivityStatus from)
    {
        var activity = _s.Drive(ActivityKind.Instant, from);
        _s.Clock.Advance(TimeSpan.FromMinutes(5));

        Expect.Success(activity.End(_s.Clock));

        Assert.Equal(ActivityStatus.Ended, activity.Status);
        Assert.Equal(_s.Clock.GetUtcNow(), activity.EndedAt);
        Assert.True(activity.IsFinished);
    }

    [Theory]
    [InlineData(ActivityStatus.Draft)]
    [InlineData(ActivityStatus.Published)]
    [InlineData(ActivityStatus.Running)]
    [InlineData(ActivityStatus.Paused)]
    public void Cancel_moves_an_instant_activity_to_cancelled_from_every_live_status(ActivityStatus from)
    {
        var activity = _s.Drive(ActivityKind.Instant, from);
        _s.Clock.Advance(TimeSpan.FromMinutes(5));

        Expect.Success(activity.Cancel(_s.Clock));

        Assert.Equal(ActivityStatus.Cancelled, activity.Status);
        Assert.Equal(_s.Clock.GetUtcNow(), activity.EndedAt);
        Assert.True(activity.IsFinished);
    }

    [Fact]
    public void Every_move_bumps_the_version_and_the_update_time()
    {
        var activity = _s.CreateDraft(ActivityKind.Instant);
        var moves = new Func<Result>[]
        {
            () => activity.Publish(_s.Catalogue, _s.Clock),
            () => activity.Start(_s.Clock),
            () => activity.Pause(_s.Clock),
            () => activity.Resume(_s.Clock),
            () => activity.End(_s.Clock),
        };
        _s.Clock.SetUtcNow(_s.InsideWindow);

        foreach (var move in moves)
        {
            var version = activity.Version;
            _s.Clock.Advance(TimeSpan.FromMinutes(1));

            Expect.Success(move());

            Assert.Equal(version + 1, activity.Version);
            Assert.Equal(_s.Clock.GetUtcNow(), activity.UpdatedAt);
        }
    }
}
