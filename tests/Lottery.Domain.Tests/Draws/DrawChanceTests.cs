using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Draws;
using Lottery.Domain.Tests.TestSupport;

namespace Lottery.Domain.Tests.Draws;

public sealed class DrawChanceTests
{
    private readonly Scenario _s = new();
    private readonly Guid _playerId = Guid.NewGuid();

    [Fact]
    public void Completing_a_task_grants_its_chances_for_the_day()
    {
        var activity = _s.Drive(ActivityKind.Instant, ActivityStatus.Running);
        var share = ShareTask(activity);

        var chance = Expect.Success(DrawChance.ForTask(activity, share, _playerId, 0, _s.Clock));

        Assert.Equal(ChanceSource.Task, chance.Source);
        Assert.Equal(TaskKind.Share, chance.Task);
        Assert.Equal(share.Chances, chance.Amount);
        Assert.Equal(1, chance.Sequence);
        Assert.Equal(DateOnly.FromDateTime(_s.InsideWindow.UtcDateTime), chance.Day);
        Assert.Equal(_s.Clock.GetUtcNow(), chance.GrantedAt);
        Assert.Equal((_s.TenantId, activity.Id, _playerId), (chance.TenantId, chance.ActivityId, chance.PlayerId));
    }

    [Fact]
    public void A_task_done_once_a_day_is_refused_the_second_time_that_day()
    {
        var activity = _s.Drive(ActivityKind.Instant, ActivityStatus.Running);

        Expect.Failure(DrawChance.ForTask(activity, ShareTask(activity), _playerId, 1, _s.Clock), ErrorCodes.TaskAlreadyDone);
    }

    [Fact]
    public void A_task_allowed_three_times_a_day_counts_three_times_with_increasing_sequence()
    {
        var activity = _s.Drive(ActivityKind.Instant, ActivityStatus.Running);
        var checkIn = activity.Tasks.Single(t => t.Kind == TaskKind.DailyCheckIn);
        Assert.Equal(3, checkIn.MaxPerDay);

        var sequences = Enumerable.Range(0, 3)
            .Select(done => Expect.Success(DrawChance.ForTask(activity, checkIn, _playerId, done, _s.Clock)).Sequence);

        Assert.Equal([1, 2, 3], sequences);
        var error = Expect.Failure(DrawChance.ForTask(activity, checkIn, _playerId, 3, _s.Clock), ErrorCodes.TaskAlreadyDone);
        Assert.Contains("3 times a day", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_day_of_a_grant_is_the_utc_day()
    {
        var activity = _s.Drive(ActivityKind.Instant, ActivityStatus.Running);
        _s.Clock.SetUtcNow(new DateTimeOffset(2030, 6, 3, 7, 30, 0, TimeSpan.FromHours(8)));

        var chance = Expect.Success(DrawChance.ForTask(activity, ShareTask(activity), _playerId, 0, _s.Clock));

        Assert.Equal(new DateOnly(2030, 6, 2), chance.Day);
    }

    [Theory]
    [InlineData(ActivityKind.Instant, ActivityStatus.Published)]
    [InlineData(ActivityKind.Instant, ActivityStatus.Paused)]
    [InlineData(ActivityKind.Scheduled, ActivityStatus.Open)]
    public void Tasks_count_while_the_activity_is_live(ActivityKind kind, ActivityStatus status)
    {
        var activity = _s.Drive(kind, status);

        Expect.Success(DrawChance.ForTask(activity, ShareTask(activity), _playerId, 0, _s.Clock));
    }

    [Theory]
    [InlineData(ActivityKind.Instant, ActivityStatus.Draft)]
    [InlineData(ActivityKind.Instant, ActivityStatus.Ended)]
    [InlineData(ActivityKind.Instant, ActivityStatus.Cancelled)]
    [InlineData(ActivityKind.Scheduled, ActivityStatus.Drawn)]
    public void Tasks_are_refused_before_publishing_and_after_the_activity_is_over(ActivityKind kind, ActivityStatus status)
    {
        var activity = _s.Drive(kind, status);

        Expect.Failure(DrawChance.ForTask(activity, ShareTask(activity), _playerId, 0, _s.Clock), ErrorCodes.NotRunning);
    }

    private static ActivityTask ShareTask(Activity activity) => activity.Tasks.Single(t => t.Kind == TaskKind.Share);
}
