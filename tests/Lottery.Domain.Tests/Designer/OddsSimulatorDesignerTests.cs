using Lottery.Domain.Activities;
using Lottery.Domain.Prizes;

namespace Lottery.Domain.Tests.Designer;

public sealed class OddsSimulatorDesignerTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static ActivityDefinition Instant(params TierDefinition[] tiers) =>
        new("Wheel", ActivityKind.Instant, Start, Start.AddDays(7), null, new ActivityRules(3), tiers);

    [Fact]
    public void Each_prize_gets_its_tiers_probability_split_by_weight_and_expected_winners_and_cost_follow()
    {
        var definition = Instant(
            new TierDefinition("Grand", 0.01m, [new PrizeSlotDefinition("Bike", PrizeKind.Physical, 1000)]),
            new TierDefinition("Small", 0.2m,
            [
                new PrizeSlotDefinition("Mug", PrizeKind.Physical, 100_000, Weight: 3),
                new PrizeSlotDefinition("Pen", PrizeKind.Physical, 100_000, Weight: 1),
            ]));
        decimal[][] costs = [[200m], [5m, 1m]];

        var report = OddsSimulator.Simulate(definition, 10_000, (t, s) => costs[t][s]);

        Assert.Equal(0.01m, report.Tiers[0].Probability);
        Assert.Equal(100m, report.Tiers[0].ExpectedWinners);
        Assert.Equal(20_000m, report.Tiers[0].ExpectedCost);
        Assert.Equal(0.15m, report.Tiers[1].Prizes[0].Probability);
        Assert.Equal(0.05m, report.Tiers[1].Prizes[1].Probability);
        Assert.Equal(1500m, report.Tiers[1].Prizes[0].ExpectedWinners);
        Assert.Equal(500m, report.Tiers[1].Prizes[1].ExpectedWinners);
        Assert.Equal(20_000m + 7500m + 500m, report.ExpectedCost);
        Assert.Equal(0.79m, report.NoPrizeShare);
        Assert.All(report.Tiers.SelectMany(t => t.Prizes), p => Assert.False(p.LikelyToRunOut(report.Draws)));
    }

    [Fact]
    public void A_prize_whose_stock_is_too_small_is_capped_flagged_and_its_misses_count_as_no_prize()
    {
        var definition = Instant(new TierDefinition("All", 0.5m, [new PrizeSlotDefinition("Cap", PrizeKind.Physical, 100)]));

        var report = OddsSimulator.Simulate(definition, 1000, (_, _) => 2m);

        var cap = report.Tiers[0].Prizes[0];
        Assert.Equal(100m, cap.ExpectedWinners);
        Assert.Equal(200m, cap.ExpectedCost);
        Assert.Equal(200, cap.RunsOutAfter);
        Assert.True(cap.LikelyToRunOut(report.Draws));
        Assert.False(cap.LikelyToRunOut(199));
        Assert.Equal(0.9m, report.NoPrizeShare);
    }

    [Fact]
    public void A_scheduled_giveaway_draws_one_winner_per_unit_while_entrants_last()
    {
        var definition = new ActivityDefinition("Draw", ActivityKind.Scheduled, Start, Start.AddDays(7), Start.AddDays(7), new ActivityRules(1),
        [
            new TierDefinition("First", 0m, [new PrizeSlotDefinition("TV", PrizeKind.Physical, 2)]),
            new TierDefinition("Second", 0m, [new PrizeSlotDefinition("Voucher", PrizeKind.Code, 10)]),
        ]);

        var report = OddsSimulator.Simulate(definition, 5, (t, _) => t == 0 ? 500m : 10m);

        Assert.Equal(2m, report.Tiers[0].ExpectedWinners);
        Assert.Equal(3m, report.Tiers[1].ExpectedWinners);
        Assert.Equal(1000m + 30m, report.ExpectedCost);
        Assert.Equal(0m, report.NoPrizeShare);
        Assert.Equal(0.4m, report.Tiers[0].Probability);
    }

    [Fact]
    public void With_no_draws_the_no_prize_share_is_what_the_tiers_leave_over()
    {
        var definition = Instant(new TierDefinition("T", 0.25m, [new PrizeSlotDefinition("P", PrizeKind.Virtual, 1)]));

        var report = OddsSimulator.Simulate(definition, 0, (_, _) => 1m);

        Assert.Equal(0.75m, report.NoPrizeShare);
        Assert.Equal(0m, report.ExpectedCost);
    }

    [Fact]
    public void Every_template_is_a_valid_definition()
    {
        foreach (var template in ActivityTemplates.All)
        {
            var definition = ActivityTemplates.Create(template.Key, Start);
            Assert.NotNull(definition);
            Assert.Empty(ActivityDefinitionValidator.Validate(definition));
        }

        Assert.Null(ActivityTemplates.Create("no-such-template", Start));
        Assert.Equal(3, ActivityTemplates.All.Count);
    }

    [Fact]
    public void The_preview_wheel_has_the_same_segments_as_the_published_wheel()
    {
        var s = new TestSupport.Scenario();
        var activity = s.CreateDraft(ActivityKind.Instant);

        var preview = WheelLayout.Preview(s.InstantDefinition());
        var published = WheelLayout.For(activity);

        Assert.Equal(published.Segments.Select(x => (x.Label, x.Color, x.IsTryAgain, x.PrizeId)),
            preview.Segments.Select(x => (x.Label, x.Color, x.IsTryAgain, x.PrizeId)));
    }
}
