using Lottery.Domain.Activities;
using Lottery.Domain.Draws;
using Lottery.Domain.Prizes;
using Lottery.Domain.Tests.TestSupport;

namespace Lottery.Domain.Tests.Engine;

public sealed class DrawEngineTests
{
    private const int Draws = 200_000;
    private static readonly FakeTimeProvider Clock = TestClock.New();
    private static readonly Guid Tenant = Guid.NewGuid();

    [Fact]
    public void Chi_square_test_confirms_the_p_value_helper_against_known_critical_values()
    {
        // Tabulated 1% critical values: df=1 → 6.635, df=4 → 13.277, df=10 → 23.209.
        Assert.Equal(0.01, ChiSquare.PValue(6.635, 1), 3);
        Assert.Equal(0.01, ChiSquare.PValue(13.277, 4), 3);
        Assert.Equal(0.01, ChiSquare.PValue(23.209, 10), 3);
    }

    [Fact]
    public void Alias_table_samples_every_outcome_in_proportion_to_its_weight()
    {
        long[] weights = [1, 2, 3, 4, 990];
        var table = new AliasTable(weights);
        var random = new SeededRandomSource(20261121);
        var counts = new long[weights.Length];
        for (var i = 0; i < Draws; i++)
        {
            counts[table.Sample(random)]++;
        }

        var p = ChiSquare.PValue(ChiSquare.Statistic(counts, [.. weights.Select(w => w / 1000.0)]), weights.Length - 1);
        Assert.True(p > 0.01, $"chi-square p = {p:0.0000}; counts {string.Join(", ", counts)}");
    }

    [Fact]
    public void Alias_table_never_picks_an_outcome_of_weight_zero()
    {
        var table = new AliasTable([0, 5, 0, 5]);
        var random = new SeededRandomSource(7);
        var picks = Enumerable.Range(0, 10_000).Select(_ => table.Sample(random)).ToHashSet();
        Assert.Equal([1, 3], picks.Order());
    }

    [Fact]
    public void Draws_honour_the_configured_tier_and_prize_odds_over_200000_draws()
    {
        // 1% grand, 15% second (two prizes weighted 3:1), 30% third, and the remaining 54% is "no prize".
        var activity = Build(
            new TierDefinition("Grand", 0.01m, [Slot("Phone", PrizeKind.Physical, 1)]),
            new TierDefinition("Second", 0.15m, [Slot("Coffee", PrizeKind.Code, 3), Slot("Tea", PrizeKind.Code, 1)]),
            new TierDefinition("Third", 0.30m, [Slot("Points", PrizeKind.Points, 1)]));
        var table = new DrawTable(activity, WheelLayout.For(activity));
        var random = new SeededRandomSource(42);
        var outcome = new Dictionary<string, long> { ["Phone"] = 0, ["Coffee"] = 0, ["Tea"] = 0, ["Points"] = 0, ["none"] = 0 };
        for (var i = 0; i < Draws; i++)
        {
            outcome[table.Pick(random).Primary?.PrizeName ?? "none"]++;
        }

        double[] expected = [0.01, 0.15 * 0.75, 0.15 * 0.25, 0.30, 0.54];
        var p = ChiSquare.PValue(ChiSquare.Statistic([.. outcome.Values], expected), expected.Length - 1);
        Assert.True(p > 0.01, $"chi-square p = {p:0.0000}; counts {string.Join(", ", outcome)}");
    }

    [Fact]
    public void A_tier_with_probability_one_always_yields_a_prize_and_zero_never_does()
    {
        var activity = Build(
            new TierDefinition("Always", 1m, [Slot("Pen", PrizeKind.Physical, 1)]),
            new TierDefinition("Never", 0m, [Slot("Car", PrizeKind.Physical, 1)]));
        var table = new DrawTable(activity, WheelLayout.For(activity));
        var random = new SeededRandomSource(1);
        Assert.All(Enumerable.Range(0, 5_000).Select(_ => table.Pick(random)), pick => Assert.Equal("Pen", pick.Primary?.PrizeName));
    }

    [Fact]
    public void The_picked_segment_is_the_prize_slot_segment_and_no_prize_lands_on_a_try_again_segment()
    {
        var activity = Build(
            new TierDefinition("Grand", 0.2m, [Slot("Phone", PrizeKind.Physical, 1)]),
            new TierDefinition("Second", 0.3m, [Slot("Coffee", PrizeKind.Code, 1)]));
        var wheel = WheelLayout.For(activity);
        var table = new DrawTable(activity, wheel);
        var random = new SeededRandomSource(3);
        for (var i = 0; i < 2_000; i++)
        {
            var pick = table.Pick(random);
            Assert.True(wheel.Segments[pick.NoPrizeSegmentIndex].IsTryAgain);
            if (pick.Primary is { } prize)
            {
                Assert.Equal(prize.PrizeName, wheel.Segments[prize.SegmentIndex].Label);
                Assert.Equal(prize.PrizeId, wheel.Segments[prize.SegmentIndex].PrizeId);
            }
        }
    }

    [Fact]
    public void A_consolation_fallback_is_offered_only_when_the_activity_falls_back_and_the_pick_is_another_tier()
    {
        var tiers = new[]
        {
            new TierDefinition("Grand", 0.5m, [Slot("Phone", PrizeKind.Physical, 1)]),
            new TierDefinition("Consolation", 0.5m, [Slot("Sticker", PrizeKind.Physical, 1)], IsConsolation: true),
        };
        var random = new SeededRandomSource(9);
        var falling = Build(SoldOutBehavior.Consolation, tiers);
        var fallingTable = new DrawTable(falling, WheelLayout.For(falling));
        var picks = Enumerable.Range(0, 1_000).Select(_ => fallingTable.Pick(random)).ToList();
        Assert.All(picks.Where(p => p.Primary?.PrizeName == "Phone"), p => Assert.Equal("Sticker", p.Fallback?.PrizeName));
        Assert.All(picks.Where(p => p.Primary?.PrizeName == "Sticker"), p => Assert.Null(p.Fallback));

        var strict = Build(SoldOutBehavior.NoPrize, tiers);
        var strictTable = new DrawTable(strict, WheelLayout.For(strict));
        Assert.All(Enumerable.Range(0, 1_000).Select(_ => strictTable.Pick(random)), p => Assert.Null(p.Fallback));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 2)]
    [InlineData(5, 5)]
    public void The_wheel_has_a_segment_per_prize_and_at_least_one_try_again_segment(int tryAgain, int expectedTryAgain)
    {
        var activity = Build(SoldOutBehavior.NoPrize, new GameplaySettings(GameplayType.Wheel, tryAgain),
            new TierDefinition("Grand", 0.1m, [Slot("Phone", PrizeKind.Physical, 1), Slot("Tablet", PrizeKind.Physical, 1)]),
            new TierDefinition("Second", 0.2m, [Slot("Coffee", PrizeKind.Code, 1)]));
        var wheel = WheelLayout.For(activity);
        Assert.Equal(3 + expectedTryAgain, wheel.Segments.Count);
        Assert.Equal(expectedTryAgain, wheel.Segments.Count(s => s.IsTryAgain));
        Assert.Equal(["Phone", "Tablet", "Coffee"], wheel.Segments.Where(s => !s.IsTryAgain).Select(s => s.Label));
        Assert.Equal(Enumerable.Range(0, wheel.Segments.Count), wheel.Segments.Select(s => s.Index));
    }

    private static PrizeSlotDefinition Slot(string name, PrizeKind kind, int weight) => new(name, kind, 100, weight, Guid.NewGuid());

    private static Activity Build(params TierDefinition[] tiers) => Build(SoldOutBehavior.NoPrize, tiers);

    private static Activity Build(SoldOutBehavior soldOut, params TierDefinition[] tiers) => Build(soldOut, null, tiers);

    private static Activity Build(SoldOutBehavior soldOut, GameplaySettings? gameplay, params TierDefinition[] tiers)
    {
        var now = Clock.GetUtcNow();
        var definition = new ActivityDefinition("Odds", ActivityKind.Instant, now, now.AddDays(1), null, new ActivityRules(3), tiers,
            Gameplay: gameplay, SoldOut: soldOut);
        var created = Activity.Create(Tenant, definition, Clock);
        Assert.True(created.IsSuccess, string.Join("; ", created.ValidationErrors.Select(e => $"{e.Path}: {e.Message}")));
        return created.Value;
    }
}
