using Lottery.Domain.Activities;
using Lottery.Domain.Prizes;
using Lottery.Domain.Tenants;

namespace Lottery.Infrastructure.Tests.TestSupport;

/// <summary>
/// One tenant's data, built through the domain's factories: a prize catalogue and a published instant activity with
/// three tiers, rules, tasks and rounds. The phone sits in two tiers, so publishing reserves the sum of both slots.
/// </summary>
public sealed class TenantData
{
    public const int PhonePool = 10;
    public const int VoucherPool = 100;
    public const int PointsPool = 1_000;

    /// <summary>2 units in the grand tier plus 3 in the second tier.</summary>
    public const int PhoneAllocation = 2 + 3;
    public const int VoucherAllocation = 20;
    public const int PointsAllocation = 50;

    public TenantData(FakeTimeProvider clock)
    {
        Clock = clock;
        Tenant = Expect.Success(Tenant.Create("Tenant " + Guid.NewGuid().ToString("N")[..8], "t-" + Guid.NewGuid().ToString("N"), clock));
        Phone = Expect.Success(Prize.Create(Tenant.Id, "Phone", PrizeKind.Physical, PhonePool, clock, 499.99m, "A phone."));
        Voucher = Expect.Success(Prize.Create(Tenant.Id, "Voucher", PrizeKind.Code, VoucherPool, clock, 5m));
        Points = Expect.Success(Prize.Create(Tenant.Id, "50 points", PrizeKind.Points, PointsPool, clock, 0.05m, points: 50));
        Definition = InstantDefinition();
        Activity = Expect.Success(Activity.Create(Tenant.Id, Definition, clock));
        Expect.Success(Activity.Publish(Catalogue, clock));
    }

    public FakeTimeProvider Clock { get; }

    public Tenant Tenant { get; }

    public Prize Phone { get; }

    public Prize Voucher { get; }

    public Prize Points { get; }

    public IReadOnlyList<Prize> Catalogue => [Phone, Voucher, Points];

    /// <summary>The definition <see cref="Activity"/> was created from.</summary>
    public ActivityDefinition Definition { get; }

    /// <summary>Published: every allocation is reserved from its prize's pool.</summary>
    public Activity Activity { get; }

    /// <summary>Saves the tenant, its catalogue and its activity in the tenant's own scope.</summary>
    public async Task SaveAsync(TestDatabase database)
    {
        await using var db = database.CreateContext(Tenant.Id);
        db.Tenants.Add(Tenant);
        db.Prizes.AddRange(Catalogue);
        db.Activities.Add(Activity);
        await db.SaveChangesAsync();
    }

    private ActivityDefinition InstantDefinition()
    {
        var startsAt = Clock.GetUtcNow().AddDays(1);
        return new ActivityDefinition(
            "Summer wheel",
            ActivityKind.Instant,
            startsAt,
            startsAt.AddDays(7),
            null,
            new ActivityRules(ChancesPerPlayer: 3, ChancesPerDay: 2, MaxWinsPerPlayer: 1),
            [
                new TierDefinition("Grand", 0.01m, [Slot(Phone, 2)], "#FFD700", MaxWinsPerPlayer: 1),
                new TierDefinition("Second", 0.125m, [Slot(Voucher, VoucherAllocation, weight: 3), Slot(Phone, 3)]),
                new TierDefinition("Thanks", 0.333333m, [Slot(Points, PointsAllocation)], "#ABC", IsConsolation: true),
            ],
            Tasks: [new TaskDefinition(TaskKind.Share, 1), new TaskDefinition(TaskKind.DailyCheckIn, 2, 3)],
            Rounds:
            [
                new RoundDefinition("Morning", startsAt, startsAt.AddHours(4)),
                new RoundDefinition("Evening", startsAt.AddHours(10), startsAt.AddHours(14)),
            ],
            Gameplay: new GameplaySettings(GameplayType.Wheel, 4),
            Theme: new ActivityTheme("#111111", "#222", "#333333", "#FFF", "https://example.test/bg.png"),
            Description: "Spin to win.",
            SoldOut: SoldOutBehavior.Consolation);
    }

    private static PrizeSlotDefinition Slot(Prize prize, int stock, int weight = 1) => new(prize.Name, prize.Kind, stock, weight, prize.Id);
}
