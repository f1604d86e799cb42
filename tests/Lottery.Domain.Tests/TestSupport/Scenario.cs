using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Prizes;

namespace Lottery.Domain.Tests.TestSupport;

/// <summary>
/// A tenant with a small prize catalogue, a fake clock and ready-made definitions, plus a helper that drives an
/// activity into any status through its public state-machine methods.
/// </summary>
public sealed class Scenario
{
    public const int InstantPhoneAllocation = 5;
    public const int InstantCouponAllocation = 30;
    public const int ScheduledPhoneAllocation = 1;
    public const int ScheduledCouponAllocation = 10;

    public Scenario()
    {
        Phone = Expect.Success(Prize.Create(TenantId, "Phone", PrizeKind.Physical, 10, Clock, unitCost: 500m));
        Coupon = Expect.Success(Prize.Create(TenantId, "Coupon", PrizeKind.Code, 100, Clock));
    }

    public FakeTimeProvider Clock { get; } = TestClock.New();

    public Guid TenantId { get; } = Guid.NewGuid();

    /// <summary>The clock's starting point: a day before the activity starts.</summary>
    public DateTimeOffset Origin { get; } = TestClock.Start;

    public DateTimeOffset StartsAt => Origin.AddDays(1);

    public DateTimeOffset EndsAt => StartsAt.AddDays(7);

    public DateTimeOffset DrawAt => StartsAt.AddDays(5);

    /// <summary>An instant inside the activity window and before the draw time.</summary>
    public DateTimeOffset InsideWindow => StartsAt.AddHours(1);

    /// <summary>Physical, pool of 10. The instant definition allocates 2 + 3 of it (two tiers).</summary>
    public Prize Phone { get; }

    /// <summary>Code, pool of 100. The instant definition allocates 20 + 10 of it (two tiers).</summary>
    public Prize Coupon { get; }

    public IReadOnlyCollection<Prize> Catalogue => [Phone, Coupon];

    public static PrizeSlotDefinition Slot(Prize prize, int stock, int weight = 1) =>
        new(prize.Name, prize.Kind, stock, weight, prize.Id);

    public ActivityDefinition InstantDefinition() => new(
        "Summer wheel",
        ActivityKind.Instant,
        StartsAt,
        EndsAt,
        null,
        new ActivityRules(3, 2, 1),
        [
            new TierDefinition("Grand", 0.01m, [Slot(Phone, 2)], "#FFD700", MaxWinsPerPlayer: 1),
            new TierDefinition("Small", 0.2m, [Slot(Coupon, 20, weight: 3), Slot(Phone, 3)]),
            new TierDefinition("Thanks", 0.3m, [Slot(Coupon, 10)], "#ABC", IsConsolation: true),
        ],
        Tasks: [new TaskDefinition(TaskKind.Share, 1), new TaskDefinition(TaskKind.DailyCheckIn, 2, 3)],
        Rounds:
        [
            new RoundDefinition("Morning", StartsAt, StartsAt.AddHours(4)),
            new RoundDefinition("Evening", StartsAt.AddHours(10), StartsAt.AddHours(14)),
        ],
        Gameplay: new GameplaySettings(GameplayType.Wheel, 4),
        Theme: new ActivityTheme("#111111", "#222", "#333333", "#FFF", "https://example.test/bg.png"),
        Description: "Spin to win.",
        SoldOut: SoldOutBehavior.Consolation);

    public ActivityDefinition ScheduledDefinition() => new(
        "Friday draw",
        ActivityKind.Scheduled,
        StartsAt,
        EndsAt,
        DrawAt,
        new ActivityRules(1),
        [
            new TierDefinition("First", 0m, [Slot(Phone, 1)]),
            new TierDefinition("Second", 0m, [Slot(Coupon, 10)]),
        ],
        Tasks: [new TaskDefinition(TaskKind.Share, 1)]);

    public ActivityDefinition Definition(ActivityKind kind) =>
        kind == ActivityKind.Instant ? InstantDefinition() : ScheduledDefinition();

    public Activity CreateDraft(ActivityKind kind) => Expect.Success(Activity.Create(TenantId, Definition(kind), Clock));

    /// <summary>Builds an activity and moves it through legal transitions until it reaches <paramref name="target"/>.</summary>
    public Activity Drive(ActivityKind kind, ActivityStatus target)
    {
        var activity = CreateDraft(kind);
        foreach (var step in PathTo(kind, target))
        {
            Expect.Success(step(activity));
        }

        Assert.Equal(target, activity.Status);
        return activity;
    }

    private IEnumerable<Func<Activity, Result>> PathTo(ActivityKind kind, ActivityStatus target)
    {
        if (target == ActivityStatus.Draft)
        {
            yield break;
        }

        if (target == ActivityStatus.Cancelled)
        {
            yield return a => a.Cancel(Clock);
            yield break;
        }

        yield return a => a.Publish(Catalogue, Clock);
        if (kind == ActivityKind.Instant)
        {
            if (target == ActivityStatus.Published)
            {
                yield break;
            }

            yield return a => StartAt(a, InsideWindow);
            switch (target)
            {
                case ActivityStatus.Running:
                    yield break;
                case ActivityStatus.Paused:
                    yield return a => a.Pause(Clock);
                    yield break;
                case ActivityStatus.Ended:
                    yield return a => a.End(Clock);
                    yield break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(target), target, "Not a status of an instant activity.");
            }
        }

        if (target == ActivityStatus.Open)
        {
            yield break;
        }

        yield return a =>
        {
            Clock.SetUtcNow(DrawAt);
            return a.BeginDraw(Clock);
        };
        switch (target)
        {
            case ActivityStatus.Drawing:
                yield break;
            case ActivityStatus.Drawn:
                yield return a => a.CompleteDraw(Clock);
                yield break;
            default:
                throw new ArgumentOutOfRangeException(nameof(target), target, "Not a status of a scheduled activity.");
        }
    }

    private Result StartAt(Activity activity, DateTimeOffset at)
    {
        Clock.SetUtcNow(at);
        return activity.Start(Clock);
    }
}
