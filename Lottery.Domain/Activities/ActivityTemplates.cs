using Lottery.Domain.Prizes;

namespace Lottery.Domain.Activities;

/// <summary>A starting point for the designer.</summary>
public sealed record ActivityTemplate(string Key, string Title, string Summary);

/// <summary>Ready-made campaigns a marketer starts from. Prizes are named, not catalogue ids: publishing finds or creates them.</summary>
public static class ActivityTemplates
{
    public const string DailySpin = "daily-spin";
    public const string FestivalWheel = "festival-wheel";
    public const string ScheduledGiveaway = "scheduled-giveaway";

    public static IReadOnlyList<ActivityTemplate> All { get; } =
    [
        new(DailySpin, "Daily spin", "A wheel with one spin a day for two weeks, coupons and points, plus a daily check-in."),
        new(FestivalWheel, "Festival wheel with physical prizes", "Three tiers of physical prizes for a weekend festival, with a share task."),
        new(ScheduledGiveaway, "Scheduled giveaway", "Players join during the week; winners are drawn at a set time."),
    ];

    /// <summary>The template's definition, starting at the next full hour after <paramref name="now"/>; null for an unknown key.</summary>
    public static ActivityDefinition? Create(string? key, DateTimeOffset now)
    {
        var start = new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour + 1), TimeSpan.Zero);
        return key switch
        {
            DailySpin => new ActivityDefinition("Daily spin", ActivityKind.Instant, start, start.AddDays(14), null,
                new ActivityRules(14, ChancesPerDay: 1, MaxWinsPerPlayer: 3),
                [
                    new TierDefinition("Coupons", 0.20m, [new PrizeSlotDefinition("10% coupon", PrizeKind.Code, 500)], "#1B998B"),
                    new TierDefinition("Points", 0.30m, [new PrizeSlotDefinition("50 points", PrizeKind.Points, 2000)], "#F4B942"),
                ],
                [new TaskDefinition(TaskKind.DailyCheckIn, 1)],
                Gameplay: new GameplaySettings(GameplayType.Wheel, 2)),
            FestivalWheel => new ActivityDefinition("Festival wheel", ActivityKind.Instant, start, start.AddDays(3), null,
                new ActivityRules(3, MaxWinsPerPlayer: 1),
                [
                    new TierDefinition("Grand prize", 0.001m, [new PrizeSlotDefinition("Bicycle", PrizeKind.Physical, 2)], "#D7263D"),
                    new TierDefinition("Second prize", 0.02m,
                        [new PrizeSlotDefinition("Headphones", PrizeKind.Physical, 20), new PrizeSlotDefinition("Speaker", PrizeKind.Physical, 20)], "#2E86AB"),
                    new TierDefinition("Souvenir", 0.15m, [new PrizeSlotDefinition("Festival T-shirt", PrizeKind.Physical, 300)], "#3BB273"),
                ],
                [new TaskDefinition(TaskKind.Share, 1)],
                Gameplay: new GameplaySettings(GameplayType.Wheel, 3),
                Theme: new ActivityTheme("#E4572E", "#F4B942", "#1D1A39", "#FFFFFF")),
            ScheduledGiveaway => new ActivityDefinition("Weekly giveaway", ActivityKind.Scheduled, start, start.AddDays(7), start.AddDays(7),
                new ActivityRules(1),
                [
                    new TierDefinition("Winners", 0m, [new PrizeSlotDefinition("Gift card", PrizeKind.Code, 10)], "#8E44AD"),
                ]),
            _ => null,
        };
    }
}
