using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Tests.TestSupport;

namespace Lottery.Domain.Tests.Activities;

/// <summary>When an instant draw is accepted (<see cref="Activity.CanDrawAt"/>) and when a scheduled draw takes entries.</summary>
public sealed class DrawWindowTests
{
    private readonly Scenario _s = new();

    [Fact]
    public void A_running_activity_accepts_draws_from_its_start_until_just_before_its_end()
    {
        var activity = _s.Drive(ActivityKind.Instant, ActivityStatus.Running);

        Expect.Success(activity.CanDrawAt(_s.StartsAt));
        Expect.Success(activity.CanDrawAt(_s.InsideWindow));
        Expect.Success(activity.CanDrawAt(_s.EndsAt.AddTicks(-1)));
    }

    [Fact]
    public void A_running_activity_refuses_draws_before_its_start()
    {
        var activity = _s.Drive(ActivityKind.Instant, ActivityStatus.Running);

        var error = Expect.Failure(activity.CanDrawAt(_s.StartsAt.AddTicks(-1)), ErrorCodes.NotRunning);

        Assert.Contains("not started", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    public void A_running_activity_refuses_draws_at_or_after_its_end(int minutesAfterEnd)
    {
        var activity = _s.Drive(ActivityKind.Instant, ActivityStatus.Running);

        var error = Expect.Failure(activity.CanDrawAt(_s.EndsAt.AddMinutes(minutesAfterEnd)), ErrorCodes.NotRunning);

        Assert.Contains("ended", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ActivityStatus.Draft)]
    [InlineData(ActivityStatus.Published)]
    [InlineData(ActivityStatus.Paused)]
    [InlineData(ActivityStatus.Ended)]
    [InlineData(ActivityStatus.Cancelled)]
    public void An_instant_activity_that_is_not_running_refuses_draws_inside_its_window(ActivityStatus status)
    {
        var activity = _s.Drive(ActivityKind.Instant, status);

        var error = Expect.Failure(activity.CanDrawAt(_s.InsideWindow), ErrorCodes.NotRunning);

        Assert.Contains(status.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scheduled_activity_never_accepts_instant_draws()
    {
        var activity = _s.Drive(ActivityKind.Scheduled, ActivityStatus.Open);

        Expect.Failure(activity.CanDrawAt(_s.InsideWindow), ErrorCodes.NotRunning);
    }

    [Fact]
    public void An_open_scheduled_activity_takes_entries_from_its_start_until_just_before_the_draw()
    {
        var activity = _s.Drive(ActivityKind.Scheduled, ActivityStatus.Open);

        Expect.Success(activity.CanJoinAt(_s.StartsAt));
        Expect.Success(activity.CanJoinAt(_s.InsideWindow));
        Expect.Success(activity.CanJoinAt(_s.DrawAt.AddTicks(-1)));
    }

    [Fact]
    public void An_open_scheduled_activity_refuses_entries_before_its_start()
    {
        var activity = _s.Drive(ActivityKind.Scheduled, ActivityStatus.Open);

        var error = Expect.Failure(activity.CanJoinAt(_s.StartsAt.AddTicks(-1)), ErrorCodes.NotRunning);

        Assert.Contains("not opened", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void An_open_scheduled_activity_refuses_entries_at_or_after_the_draw_time(int minutesAfterDraw)
    {
        var activity = _s.Drive(ActivityKind.Scheduled, ActivityStatus.Open);

        var error = Expect.Failure(activity.CanJoinAt(_s.DrawAt.AddMinutes(minutesAfterDraw)), ErrorCodes.NotRunning);

        Assert.Contains("closed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ActivityStatus.Draft)]
    [InlineData(ActivityStatus.Drawing)]
    [InlineData(ActivityStatus.Drawn)]
    [InlineData(ActivityStatus.Cancelled)]
    public void A_scheduled_activity_that_is_not_open_refuses_entries(ActivityStatus status)
    {
        var activity = _s.Drive(ActivityKind.Scheduled, status);

        Expect.Failure(activity.CanJoinAt(_s.InsideWindow), ErrorCodes.NotRunning);
    }

    [Fact]
    public void An_instant_activity_never_takes_scheduled_entries()
    {
        var activity = _s.Drive(ActivityKind.Instant, ActivityStatus.Running);

        Expect.Failure(activity.CanJoinAt(_s.InsideWindow), ErrorCodes.NotRunning);
    }
}
