using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Prizes;
using Lottery.Domain.Tests.TestSupport;

namespace Lottery.Domain.Tests.Activities;

/// <summary>Creating an activity from a definition, editing the draft, and reading the definition back.</summary>
public sealed class ActivityDefinitionLifecycleTests
{
    private readonly Scenario _s = new();

    [Fact]
    public void Create_builds_a_draft_from_the_definition()
    {
        var definition = _s.InstantDefinition() with { Name = "  Summer wheel  " };

        var activity = Expect.Success(Activity.Create(_s.TenantId, definition, _s.Clock));

        Assert.Equal(ActivityStatus.Draft, activity.Status);
        Assert.Equal(ActivityKind.Instant, activity.Kind);
        Assert.Equal(_s.TenantId, activity.TenantId);
        Assert.Equal("Summer wheel", activity.Name);
        Assert.Equal(new ActivitySchedule(_s.StartsAt, _s.EndsAt), activity.Schedule);
        Assert.Equal(SoldOutBehavior.Consolation, activity.SoldOut);
        Assert.Equal(1, activity.DefinitionVersion);
        Assert.Equal(_s.Clock.GetUtcNow(), activity.CreatedAt);
        Assert.Equal(_s.Clock.GetUtcNow(), activity.UpdatedAt);
        Assert.Null(activity.PublishedAt);
        Assert.Null(activity.EndedAt);
        Assert.False(activity.IsFinished);
        Assert.Equal(7, activity.Id.Version);
        Assert.Equal(["Grand", "Small", "Thanks"], activity.Tiers.Select(t => t.Name));
        Assert.Equal([0, 1, 2], activity.Tiers.Select(t => t.Order));
        Assert.Equal([1, 2, 1], activity.Tiers.Select(t => t.Slots.Count));
        Assert.Equal(2, activity.Tasks.Count);
        Assert.Equal(2, activity.Rounds.Count);
    }

    [Fact]
    public void Every_part_of_a_new_activity_belongs_to_its_tenant_and_activity()
    {
        var activity = _s.CreateDraft(ActivityKind.Instant);

        Assert.All(activity.Tiers, t =>
        {
            Assert.Equal(_s.TenantId, t.TenantId);
            Assert.Equal(activity.Id, t.ActivityId);
            Assert.All(t.Slots, slot =>
            {
                Assert.Equal(_s.TenantId, slot.TenantId);
                Assert.Equal(t.Id, slot.TierId);
            });
        });
        Assert.All(activity.Tasks, t => Assert.Equal((_s.TenantId, activity.Id), (t.TenantId, t.ActivityId)));
        Assert.All(activity.Rounds, r => Assert.Equal((_s.TenantId, activity.Id), (r.TenantId, r.ActivityId)));
        Assert.All(activity.Prizes, p => Assert.Equal((_s.TenantId, activity.Id), (p.TenantId, p.ActivityId)));
    }

    [Fact]
    public void Create_fills_in_the_wheel_and_the_default_theme_when_none_is_given()
    {
        var definition = _s.ScheduledDefinition() with { Gameplay = null, Theme = null };

        var activity = Expect.Success(Activity.Create(_s.TenantId, definition, _s.Clock));

        Assert.Equal(GameplaySettings.Wheel, activity.Gameplay);
        Assert.Equal(ActivityTheme.Default, activity.Theme);
        Assert.Equal(_s.DrawAt, activity.Schedule.DrawAt);
    }

    [Fact]
    public void Create_refuses_an_invalid_definition_with_every_reason()
    {
        var definition = _s.InstantDefinition() with
        {
            Name = "",
            EndsAt = _s.StartsAt.AddHours(-1),
            DrawAt = _s.StartsAt,
            Rules = new ActivityRules(0),
        };

        var result = Activity.Create(_s.TenantId, definition, _s.Clock);

        Assert.Equal(
            ["drawAt", "endsAt", "name", "rounds[0]", "rounds[1]", "rules.chancesPerPlayer"],
            Expect.Invalid(result).Order(StringComparer.Ordinal));
        Assert.Throws<InvalidOperationException>(() => result.Value);
    }

    [Fact]
    public void Create_with_a_slot_not_resolved_to_a_catalogue_prize_is_a_bug_and_throws()
    {
        var definition = _s.ScheduledDefinition() with
        {
            Tiers = [new TierDefinition("First", 0m, [new PrizeSlotDefinition("Mystery", PrizeKind.Virtual, 1)])],
        };

        Assert.Throws<ArgumentException>(() => Activity.Create(_s.TenantId, definition, _s.Clock));
    }

    [Theory]
    [InlineData(ActivityKind.Instant)]
    [InlineData(ActivityKind.Scheduled)]
    public void ToDefinition_gives_back_what_was_created(ActivityKind kind)
    {
        var original = _s.Definition(kind);

        var copy = _s.CreateDraft(kind).ToDefinition();

        AssertSameDefinition(original, copy);
    }

    [Fact]
    public void ToDefinition_lists_tasks_by_kind_whatever_order_they_were_given_in()
    {
        var definition = _s.InstantDefinition() with
        {
            Tasks = [new TaskDefinition(TaskKind.DailyCheckIn, 2, 3), new TaskDefinition(TaskKind.Share, 1)],
        };

        var copy = Expect.Success(Activity.Create(_s.TenantId, definition, _s.Clock)).ToDefinition();

        Assert.Equal([TaskKind.Share, TaskKind.DailyCheckIn], copy.TasksOrEmpty.Select(t => t.Kind));
    }

    [Fact]
    public void UpdateDefinition_replaces_a_draft_definition_and_recomputes_allocations()
    {
        var activity = _s.CreateDraft(ActivityKind.Instant);
        var createdAt = activity.CreatedAt;
        _s.Clock.Advance(TimeSpan.FromHours(1));
        var changed = _s.InstantDefinition() with
        {
            Name = "Autumn wheel",
            Tiers = [new TierDefinition("Only", 0.25m, [Scenario.Slot(_s.Phone, 7)], IsConsolation: true)],
            Tasks = null,
            Rounds = null,
        };

        Expect.Success(activity.UpdateDefinition(changed, _s.Clock));

        Assert.Equal("Autumn wheel", activity.Name);
        Assert.Equal(2, activity.DefinitionVersion);
        Assert.Equal(createdAt, activity.CreatedAt);
        Assert.Equal(_s.Clock.GetUtcNow(), activity.UpdatedAt);
        Assert.Equal("Only", Assert.Single(activity.Tiers).Name);
        var pool = Assert.Single(activity.Prizes);
        Assert.Equal((_s.Phone.Id, 7), (pool.PrizeId, pool.Allocated));
        Assert.Empty(activity.Tasks);
        Assert.Empty(activity.Rounds);
        AssertSameDefinition(changed, activity.ToDefinition());
    }

    [Theory]
    [InlineData(ActivityKind.Instant, ActivityStatus.Published)]
    [InlineData(ActivityKind.Instant, ActivityStatus.Running)]
    [InlineData(ActivityKind.Instant, ActivityStatus.Paused)]
    [InlineData(ActivityKind.Instant, ActivityStatus.Ended)]
    [InlineData(ActivityKind.Instant, ActivityStatus.Cancelled)]
    [InlineData(ActivityKind.Scheduled, ActivityStatus.Open)]
    [InlineData(ActivityKind.Scheduled, ActivityStatus.Drawing)]
    [InlineData(ActivityKind.Scheduled, ActivityStatus.Drawn)]
    public void UpdateDefinition_is_refused_once_the_activity_has_left_draft(ActivityKind kind, ActivityStatus status)
    {
        var activity = _s.Drive(kind, status);
        var (version, definitionVersion) = (activity.Version, activity.DefinitionVersion);

        Expect.Failure(activity.UpdateDefinition(_s.Definition(kind) with { Name = "Renamed" }, _s.Clock), ErrorCodes.IllegalTransition);

        Assert.NotEqual("Renamed", activity.Name);
        Assert.Equal(version, activity.Version);
        Assert.Equal(definitionVersion, activity.DefinitionVersion);
    }

    [Theory]
    [InlineData(ActivityKind.Instant)]
    [InlineData(ActivityKind.Scheduled)]
    public void UpdateDefinition_cannot_change_the_kind(ActivityKind kind)
    {
        var activity = _s.CreateDraft(kind);
        var other = kind == ActivityKind.Instant ? ActivityKind.Scheduled : ActivityKind.Instant;

        var result = activity.UpdateDefinition(_s.Definition(other), _s.Clock);

        Assert.Equal(["kind"], Expect.Invalid(result));
        Assert.Equal(kind, activity.Kind);
        Assert.Equal(1, activity.DefinitionVersion);
    }

    [Fact]
    public void UpdateDefinition_refuses_an_invalid_definition_with_every_reason_and_keeps_the_old_one()
    {
        var activity = _s.CreateDraft(ActivityKind.Scheduled);
        var invalid = _s.ScheduledDefinition() with { Name = " ", DrawAt = null, Tiers = [] };

        var result = activity.UpdateDefinition(invalid, _s.Clock);

        Assert.Equal(["drawAt", "name", "tiers"], Expect.Invalid(result).Order(StringComparer.Ordinal));
        Assert.Equal("Friday draw", activity.Name);
        Assert.Equal(2, activity.Tiers.Count);
        Assert.Equal(1, activity.DefinitionVersion);
    }

    private static void AssertSameDefinition(ActivityDefinition expected, ActivityDefinition actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.StartsAt, actual.StartsAt);
        Assert.Equal(expected.EndsAt, actual.EndsAt);
        Assert.Equal(expected.DrawAt, actual.DrawAt);
        Assert.Equal(expected.Rules, actual.Rules);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.SoldOut, actual.SoldOut);
        Assert.Equal(expected.Gameplay ?? GameplaySettings.Wheel, actual.Gameplay);
        Assert.Equal(expected.Theme ?? ActivityTheme.Default, actual.Theme);
        Assert.Equal(expected.Tiers.Count, actual.Tiers.Count);
        for (var i = 0; i < expected.Tiers.Count; i++)
        {
            var (e, a) = (expected.Tiers[i], actual.Tiers[i]);
            Assert.Equal(
                (e.Name, e.Probability, e.Color, e.IsConsolation, e.MaxWinsPerPlayer),
                (a.Name, a.Probability, a.Color, a.IsConsolation, a.MaxWinsPerPlayer));
            Assert.Equal(e.Prizes, a.Prizes);
        }

        Assert.Equal(expected.TasksOrEmpty, actual.TasksOrEmpty);
        Assert.Equal(expected.RoundsOrEmpty, actual.RoundsOrEmpty);
    }
}
