using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Prizes;
using Lottery.Domain.Tests.TestSupport;

namespace Lottery.Domain.Tests.Activities;

public sealed class ActivityDefinitionValidatorTests
{
    private readonly Scenario _s = new();

    public static TheoryData<decimal> OutOfRangeProbabilities => [-0.000001m, -1m, 1.000001m, 1.5m, 100m];

    public static TheoryData<decimal> TooPreciseProbabilities => [0.0000001m, 0.1234567m, 0.99999999m];

    public static TheoryData<decimal> AcceptedProbabilities => [0m, 0.000001m, 0.5m, 0.123456m, 1m];

    public static TheoryData<string> BadColours => ["red", "#12", "#12345", "#GGGGGG", "#1234567", "123456", "", "#ABCD"];

    private DateTimeOffset StartsAt => _s.StartsAt;

    private DateTimeOffset EndsAt => _s.EndsAt;

    [Fact]
    public void A_valid_instant_definition_has_no_errors() =>
        Assert.Empty(ActivityDefinitionValidator.Validate(_s.InstantDefinition()));

    [Fact]
    public void A_valid_scheduled_definition_has_no_errors() =>
        Assert.Empty(ActivityDefinitionValidator.Validate(_s.ScheduledDefinition()));

    [Fact]
    public void A_minimal_definition_with_only_the_required_parts_has_no_errors() =>
        Assert.Empty(ActivityDefinitionValidator.Validate(Minimal(ActivityKind.Instant)));

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("   \t\n")]
    [InlineData(null)]
    public void A_missing_or_blank_name_is_refused(string? name) =>
        Assert.Equal(["name"], Paths(Minimal() with { Name = name! }));

    [Theory]
    [InlineData(101)]
    [InlineData(10_000)]
    public void A_name_longer_than_100_characters_is_refused(int length)
    {
        var errors = ActivityDefinitionValidator.Validate(Minimal() with { Name = new string('n', length) });

        var error = Assert.Single(errors);
        Assert.Equal("name", error.Path);
        Assert.Contains(length.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_of_exactly_100_characters_is_accepted() =>
        Assert.Empty(Paths(Minimal() with { Name = new string('n', 100) }));

    [Fact]
    public void A_description_longer_than_4000_characters_is_refused() =>
        Assert.Equal(["description"], Paths(Minimal() with { Description = new string('d', 4001) }));

    [Theory]
    [MemberData(nameof(OutOfRangeProbabilities))]
    public void An_instant_tier_probability_outside_zero_to_one_is_refused(decimal probability) =>
        Assert.Equal(["tiers[0].probability"], Paths(WithTiers(Tier("Only", probability))));

    [Theory]
    [MemberData(nameof(TooPreciseProbabilities))]
    public void An_instant_tier_probability_with_more_than_six_decimal_places_is_refused(decimal probability)
    {
        var error = Assert.Single(ActivityDefinitionValidator.Validate(WithTiers(Tier("Only", probability))));

        Assert.Equal("tiers[0].probability", error.Path);
        Assert.Equal("Chances go down to 0.0001 % (1 in a million), no finer.", error.Message);
    }

    [Theory]
    [MemberData(nameof(AcceptedProbabilities))]
    public void An_instant_tier_probability_from_zero_to_one_with_up_to_six_decimals_is_accepted(decimal probability) =>
        Assert.Empty(Paths(WithTiers(Tier("Only", probability))));

    [Fact]
    public void Instant_probabilities_adding_up_to_more_than_one_are_refused()
    {
        var error = Assert.Single(ActivityDefinitionValidator.Validate(
            WithTiers(Tier("A", 0.6m), Tier("B", 0.4m), Tier("C", 0.000001m))));

        Assert.Equal(("tiers", "The tiers' chances add up to 100.0001 %; together they may be at most 100 %."), (error.Path, error.Message));
    }

    [Fact]
    public void Instant_probabilities_adding_up_to_exactly_one_are_accepted() =>
        Assert.Empty(Paths(WithTiers(Tier("A", 0.333333m), Tier("B", 0.333333m), Tier("C", 0.333334m))));

    [Fact]
    public void A_scheduled_definition_ignores_tier_probabilities()
    {
        var definition = WithTiers(ActivityKind.Scheduled, Tier("A", 1.5m), Tier("B", -2m), Tier("C", 0.0000001m), Tier("D", 0.9m));

        Assert.Empty(ActivityDefinitionValidator.Validate(definition));
    }

    [Fact]
    public void Negative_slot_stock_is_refused() =>
        Assert.Equal(["tiers[0].prizes[1].stock"], Paths(WithTiers(Tier("Only", 0.1m, Slot("A", 1), Slot("B", -1)))));

    [Fact]
    public void Slot_stock_above_the_maximum_is_refused() =>
        Assert.Equal(["tiers[0].prizes[0].stock"], Paths(WithTiers(Tier("Only", 0.1m, Slot("A", Limits.MaxStock + 1)))));

    [Fact]
    public void Zero_slot_stock_is_accepted() =>
        Assert.Empty(Paths(WithTiers(Tier("Only", 0.1m, Slot("A", 0)))));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1_000_001)]
    public void A_slot_weight_outside_one_to_a_million_is_refused(int weight) =>
        Assert.Equal(["tiers[0].prizes[0].weight"], Paths(WithTiers(Tier("Only", 0.1m, Slot("A", 1, weight: weight)))));

    [Fact]
    public void A_blank_prize_name_is_refused() =>
        Assert.Equal(["tiers[0].prizes[0].name"], Paths(WithTiers(Tier("Only", 0.1m, Slot(" ", 1)))));

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public void An_end_at_or_before_the_start_is_refused(int endMinutesAfterStart) =>
        Assert.Equal(["endsAt"], Paths(Minimal() with { EndsAt = StartsAt.AddMinutes(endMinutesAfterStart) }));

    [Fact]
    public void A_scheduled_definition_without_a_draw_time_is_refused() =>
        Assert.Equal(["drawAt"], Paths(Minimal(ActivityKind.Scheduled) with { DrawAt = null }));

    [Theory]
    [InlineData(-60)]
    [InlineData(0)]
    [InlineData(7 * 24 * 60 + 1)]
    public void A_draw_time_outside_the_window_is_refused(int drawMinutesAfterStart) =>
        Assert.Equal(["drawAt"], Paths(Minimal(ActivityKind.Scheduled) with { DrawAt = StartsAt.AddMinutes(drawMinutesAfterStart) }));

    [Fact]
    public void A_draw_time_equal_to_the_end_is_accepted() =>
        Assert.Empty(Paths(Minimal(ActivityKind.Scheduled) with { DrawAt = EndsAt }));

    [Fact]
    public void An_instant_definition_with_a_draw_time_is_refused() =>
        Assert.Equal(["drawAt"], Paths(Minimal(ActivityKind.Instant) with { DrawAt = StartsAt.AddDays(1) }));

    [Fact]
    public void A_definition_without_tiers_is_refused()
    {
        Assert.Equal(["tiers"], Paths(Minimal() with { Tiers = [] }));
        Assert.Equal(["tiers"], Paths(Minimal() with { Tiers = null! }));
    }

    [Fact]
    public void More_than_twenty_tiers_are_refused()
    {
        var tiers = Enumerable.Range(0, Limits.MaxTiers + 1).Select(i => Tier($"T{i}", 0.01m)).ToArray();

        Assert.Equal(["tiers"], Paths(WithTiers(tiers)));
        Assert.Empty(Paths(WithTiers(tiers[..Limits.MaxTiers])));
    }

    [Fact]
    public void A_tier_without_prizes_is_refused()
    {
        Assert.Equal(["tiers[1].prizes"], Paths(WithTiers(Tier("A", 0.1m), new TierDefinition("B", 0.1m, []))));
        Assert.Equal(["tiers[1].prizes"], Paths(WithTiers(Tier("A", 0.1m), new TierDefinition("B", 0.1m, null!))));
    }

    [Fact]
    public void A_tier_with_more_than_twenty_prizes_is_refused()
    {
        var slots = Enumerable.Range(0, Limits.MaxPrizesPerTier + 1).Select(i => Slot($"P{i}", 1)).ToArray();

        Assert.Equal(["tiers[0].prizes"], Paths(WithTiers(Tier("Only", 0.1m, slots))));
    }

    [Fact]
    public void A_blank_tier_name_is_refused() =>
        Assert.Equal(["tiers[0].name"], Paths(WithTiers(Tier("", 0.1m))));

    [Fact]
    public void A_tier_win_limit_below_one_is_refused() =>
        Assert.Equal(["tiers[0].maxWinsPerPlayer"], Paths(WithTiers(Tier("Only", 0.1m) with { MaxWinsPerPlayer = 0 })));

    [Fact]
    public void The_same_prize_name_with_two_kinds_is_refused_regardless_of_case()
    {
        var definition = WithTiers(
            Tier("A", 0.1m, Slot("Mug", 1, PrizeKind.Physical)),
            Tier("B", 0.1m, Slot("Coupon", 1, PrizeKind.Code), Slot(" mug ", 1, PrizeKind.Virtual)));

        var error = Assert.Single(ActivityDefinitionValidator.Validate(definition));

        Assert.Equal("tiers[1].prizes[1].kind", error.Path);
    }

    [Fact]
    public void The_same_catalogue_prize_with_two_kinds_is_refused()
    {
        var id = Guid.NewGuid();
        var definition = WithTiers(
            Tier("A", 0.1m, new PrizeSlotDefinition("Mug", PrizeKind.Physical, 1, 1, id)),
            Tier("B", 0.1m, new PrizeSlotDefinition("Mug", PrizeKind.Code, 1, 1, id)));

        Assert.Equal(["tiers[1].prizes[0].kind"], Paths(definition));
    }

    [Fact]
    public void The_same_prize_with_the_same_kind_in_two_tiers_is_accepted() =>
        Assert.Empty(Paths(WithTiers(Tier("A", 0.1m, Slot("Mug", 1)), Tier("B", 0.1m, Slot("Mug", 2)))));

    [Fact]
    public void Two_consolation_tiers_are_refused() =>
        Assert.Equal(["tiers"], Paths(WithTiers(
            Tier("A", 0.1m) with { IsConsolation = true },
            Tier("B", 0.1m) with { IsConsolation = true })));

    [Fact]
    public void Falling_back_to_consolation_without_a_consolation_tier_is_refused() =>
        Assert.Equal(["soldOut"], Paths(Minimal() with { SoldOut = SoldOutBehavior.Consolation }));

    [Fact]
    public void Falling_back_to_consolation_with_one_consolation_tier_is_accepted() =>
        Assert.Empty(Paths(WithTiers(Tier("A", 0.1m), Tier("B", 0.5m) with { IsConsolation = true })
            with { SoldOut = SoldOutBehavior.Consolation }));

    [Fact]
    public void The_same_task_kind_twice_is_refused() =>
        Assert.Equal(["tasks[2].kind"], Paths(Minimal() with
        {
            Tasks = [new TaskDefinition(TaskKind.Share, 1), new TaskDefinition(TaskKind.DailyCheckIn, 1), new TaskDefinition(TaskKind.Share, 2)],
        }));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(101)]
    public void Task_chances_outside_one_to_a_hundred_are_refused(int chances) =>
        Assert.Equal(["tasks[0].chances"], Paths(Minimal() with { Tasks = [new TaskDefinition(TaskKind.Share, chances)] }));

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void A_task_daily_allowance_outside_one_to_a_hundred_is_refused(int maxPerDay) =>
        Assert.Equal(["tasks[0].maxPerDay"], Paths(Minimal() with { Tasks = [new TaskDefinition(TaskKind.Share, 1, maxPerDay)] }));

    [Fact]
    public void Task_limits_at_their_bounds_are_accepted() =>
        Assert.Empty(Paths(Minimal() with
        {
            Tasks = [new TaskDefinition(TaskKind.Share, 1, 1), new TaskDefinition(TaskKind.DailyCheckIn, 100, 100)],
        }));

    [Fact]
    public void Overlapping_rounds_are_refused() =>
        Assert.Equal(["rounds[1]"], Paths(Minimal() with
        {
            Rounds = [Round("A", 0, 4), Round("B", 3, 6)],
        }));

    [Fact]
    public void A_round_inside_another_is_refused() =>
        Assert.Equal(["rounds[1]"], Paths(Minimal() with { Rounds = [Round("A", 0, 10), Round("B", 2, 3)] }));

    [Fact]
    public void Back_to_back_rounds_are_accepted() =>
        Assert.Empty(Paths(Minimal() with { Rounds = [Round("A", 0, 4), Round("B", 4, 8), Round("C", 7 * 24 - 1, 7 * 24)] }));

    [Theory]
    [InlineData(-1, 2)]
    [InlineData(7 * 24 - 1, 7 * 24 + 1)]
    [InlineData(-10, -5)]
    public void A_round_outside_the_activity_window_is_refused(int startHour, int endHour) =>
        Assert.Equal(["rounds[0]"], Paths(Minimal() with { Rounds = [Round("A", startHour, endHour)] }));

    [Theory]
    [InlineData(5, 5)]
    [InlineData(5, 4)]
    public void A_round_ending_at_or_before_its_start_is_refused(int startHour, int endHour) =>
        Assert.Equal(["rounds[0].endsAt"], Paths(Minimal() with { Rounds = [Round("A", startHour, endHour)] }));

    [Fact]
    public void A_round_without_a_name_is_refused() =>
        Assert.Equal(["rounds[0].name"], Paths(Minimal() with { Rounds = [Round(" ", 0, 1)] }));

    [Theory]
    [MemberData(nameof(BadColours))]
    public void A_badly_written_tier_colour_is_refused(string colour) =>
        Assert.Equal(["tiers[0].color"], Paths(WithTiers(Tier("Only", 0.1m) with { Color = colour })));

    [Theory]
    [InlineData("#abc")]
    [InlineData("#A1B2C3")]
    [InlineData("#ffffff")]
    public void A_tier_colour_written_as_rgb_or_rrggbb_is_accepted(string colour) =>
        Assert.Empty(Paths(WithTiers(Tier("Only", 0.1m) with { Color = colour })));

    [Theory]
    [InlineData("primaryColor")]
    [InlineData("accentColor")]
    [InlineData("backgroundColor")]
    [InlineData("textColor")]
    public void Every_badly_written_theme_colour_is_refused(string field)
    {
        var theme = field switch
        {
            "primaryColor" => ActivityTheme.Default with { PrimaryColor = "blue" },
            "accentColor" => ActivityTheme.Default with { AccentColor = "#12" },
            "backgroundColor" => ActivityTheme.Default with { BackgroundColor = "#XYZXYZ" },
            _ => ActivityTheme.Default with { TextColor = "" },
        };

        Assert.Equal([$"theme.{field}"], Paths(Minimal() with { Theme = theme }));
    }

    [Fact]
    public void A_background_image_url_longer_than_the_limit_is_refused() =>
        Assert.Equal(["theme.backgroundImageUrl"], Paths(Minimal() with
        {
            Theme = ActivityTheme.Default with { BackgroundImageUrl = "https://x.test/" + new string('a', Limits.UrlMaxLength) },
        }));

    [Theory]
    [InlineData(GameplayType.Grid)]
    [InlineData(GameplayType.ScratchCard)]
    public void A_gameplay_other_than_the_wheel_is_refused(GameplayType type) =>
        Assert.Equal(["gameplay.type"], Paths(Minimal() with { Gameplay = new GameplaySettings(type) }));

    [Theory]
    [InlineData(-1)]
    [InlineData(13)]
    public void Try_again_segments_outside_zero_to_twelve_are_refused(int segments) =>
        Assert.Equal(["gameplay.tryAgainSegments"], Paths(Minimal() with { Gameplay = new GameplaySettings(GameplayType.Wheel, segments) }));

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(Limits.MaxChancesPerPlayer + 1)]
    public void Chances_per_player_outside_one_to_the_maximum_are_refused(int chances) =>
        Assert.Equal(["rules.chancesPerPlayer"], Paths(Minimal() with { Rules = new ActivityRules(chances) }));

    [Fact]
    public void Daily_chances_and_win_limit_below_one_are_refused() =>
        Assert.Equal(
            ["rules.chancesPerDay", "rules.maxWinsPerPlayer"],
            Paths(Minimal() with { Rules = new ActivityRules(3, 0, 0) }));

    [Fact]
    public void Missing_rules_are_refused() =>
        Assert.Equal(["rules"], Paths(Minimal() with { Rules = null! }));

    [Fact]
    public void Five_different_faults_are_all_reported_at_once()
    {
        var definition = Minimal() with
        {
            Name = "  ",
            EndsAt = StartsAt,
            Rules = new ActivityRules(0),
            Tiers = [Tier("Only", 0.5m, Slot("A", -5))],
            Gameplay = new GameplaySettings(GameplayType.Grid),
        };

        Assert.Equal(
            ["endsAt", "gameplay.type", "name", "rules.chancesPerPlayer", "tiers[0].prizes[0].stock"],
            Paths(definition).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_error_carries_a_message_for_people()
    {
        var definition = Minimal() with
        {
            Name = "",
            DrawAt = StartsAt,
            Tiers = [Tier("", -1m, Slot("", -1, weight: 0)) with { Color = "x" }],
            Tasks = [new TaskDefinition(TaskKind.Share, 0, 0)],
            Rounds = [Round("", 5, 1)],
        };

        var errors = ActivityDefinitionValidator.Validate(definition);

        Assert.True(errors.Count >= 10, $"Expected at least 10 errors, got {errors.Count}.");
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    private static IReadOnlyList<string> Paths(ActivityDefinition definition) =>
        [.. ActivityDefinitionValidator.Validate(definition).Select(e => e.Path)];

    private static PrizeSlotDefinition Slot(string name, int stock, PrizeKind kind = PrizeKind.Physical, int weight = 1) =>
        new(name, kind, stock, weight);

    private static TierDefinition Tier(string name, decimal probability, params PrizeSlotDefinition[] slots) =>
        new(name, probability, slots.Length == 0 ? [Slot(name + " prize", 1)] : slots);

    private RoundDefinition Round(string name, int startHour, int endHour) =>
        new(name, StartsAt.AddHours(startHour), StartsAt.AddHours(endHour));

    private ActivityDefinition Minimal(ActivityKind kind = ActivityKind.Instant) => new(
        "Wheel",
        kind,
        StartsAt,
        EndsAt,
        kind == ActivityKind.Scheduled ? StartsAt.AddDays(5) : null,
        ActivityRules.Default,
        [Tier("Only", 0.5m)]);

    private ActivityDefinition WithTiers(params TierDefinition[] tiers) => WithTiers(ActivityKind.Instant, tiers);

    private ActivityDefinition WithTiers(ActivityKind kind, params TierDefinition[] tiers) => Minimal(kind) with { Tiers = tiers };
}
