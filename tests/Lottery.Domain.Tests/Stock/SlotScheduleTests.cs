using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Prizes;
using Lottery.Domain.Stock;
using Lottery.Domain.Tests.TestSupport;

namespace Lottery.Domain.Tests.Stock;

/// <summary>The arithmetic of time-slot stock: quotas, roll-over, what is held back, when more comes (fake time).</summary>
public sealed class SlotScheduleTests
{
    private static readonly DateTimeOffset Start = new(2030, 6, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Even_quotas_give_the_remainder_to_the_earliest_slots()
    {
        Assert.Equal([4, 3, 3], SlotSchedule.EvenQuotas(10, 3));
        Assert.Equal([1, 1, 0, 0], SlotSchedule.EvenQuotas(2, 4));
        Assert.Equal([5, 5], SlotSchedule.EvenQuotas(10, 2));
        Assert.Equal([0, 0, 0], SlotSchedule.EvenQuotas(0, 3));
    }

    [Fact]
    public void A_day_of_hourly_slots_shares_the_stock_and_the_cumulative_quota_grows_each_hour()
    {
        var slots = SlotSchedule.Create(new TimeSlotPlan(TimeSlotPlan.Hour), Start, Start.AddDays(1), 50);

        Assert.Equal(24, slots.Count);
        Assert.Equal(50, slots.Total);
        Assert.Equal(3, slots.Quotas[0]); // 50 = 24·2 + 2: the first two hours get 3
        Assert.Equal(3, slots.Quotas[1]);
        Assert.Equal(2, slots.Quotas[2]);
        Assert.Equal(3, slots.CumulativeQuotaAt(Start));
        Assert.Equal(3, slots.CumulativeQuotaAt(Start.AddMinutes(59)));
        Assert.Equal(6, slots.CumulativeQuotaAt(Start.AddHours(1)));
        Assert.Equal(8, slots.CumulativeQuotaAt(Start.AddHours(2).AddSeconds(1)));
        Assert.Equal(50, slots.CumulativeQuotaAt(Start.AddHours(23)));
    }

    [Fact]
    public void Unused_quota_rolls_into_the_next_slot()
    {
        var slots = SlotSchedule.Create(new TimeSlotPlan(TimeSlotPlan.Hour, [5, 5, 5]), Start, Start.AddHours(3), 15);

        // Nothing issued in the first hour: the second hour may hand out its own 5 and the first hour's 5.
        Assert.Equal(5, slots.AvailableAt(Start.AddMinutes(30), issued: 0));
        Assert.Equal(10, slots.AvailableAt(Start.AddHours(1), issued: 0));
        Assert.Equal(2, slots.AvailableAt(Start.AddHours(1), issued: 8));
        Assert.Equal(15, slots.AvailableAt(Start.AddHours(2), issued: 0));
        Assert.Equal(0, slots.AvailableAt(Start.AddHours(2), issued: 15));
    }

    [Fact]
    public void What_is_held_back_for_later_slots_shrinks_to_nothing_by_the_last_slot()
    {
        var slots = SlotSchedule.Create(new TimeSlotPlan(TimeSlotPlan.Day, [2, 0, 3]), Start, Start.AddDays(3), 5);

        Assert.Equal(3, slots.ReservedAt(Start));
        Assert.Equal(3, slots.ReservedAt(Start.AddDays(1))); // a zero-quota day releases nothing
        Assert.Equal(0, slots.ReservedAt(Start.AddDays(2)));
        Assert.Equal(0, slots.ReservedAt(Start.AddDays(30))); // after the window: clamped to the last slot
        Assert.Equal(3, slots.ReservedAt(Start.AddDays(-1))); // before it: the first slot
    }

    [Fact]
    public void Availability_never_exceeds_what_is_left_of_the_stock()
    {
        var slots = SlotSchedule.Create(new TimeSlotPlan(TimeSlotPlan.Hour), Start, Start.AddHours(4), 8);

        for (var issued = 0; issued <= 8; issued++)
        {
            for (var minute = 0; minute < 4 * 60; minute += 7)
            {
                var at = Start.AddMinutes(minute);
                var available = slots.AvailableAt(at, issued);
                Assert.InRange(available, 0, 8 - issued);
                Assert.Equal(Math.Max(0, 8 - slots.ReservedAt(at) - issued), available);
            }
        }
    }

    [Fact]
    public void The_next_release_is_the_first_later_slot_that_adds_more_than_was_issued()
    {
        var slots = SlotSchedule.Create(new TimeSlotPlan(TimeSpan.FromMinutes(30), [2, 0, 0, 1]), Start, Start.AddHours(2), 3);

        Assert.Equal(Start.AddMinutes(90), slots.NextReleaseAfter(Start.AddMinutes(5), issued: 2));
        Assert.Equal(Start.AddMinutes(90), slots.NextReleaseAfter(Start.AddMinutes(45), issued: 2));
        Assert.Null(slots.NextReleaseAfter(Start.AddMinutes(95), issued: 2));
        Assert.Null(slots.NextReleaseAfter(Start, issued: 3));
    }

    [Fact]
    public void A_window_that_is_not_a_whole_number_of_slots_has_no_slot_count()
    {
        Assert.Equal(7, SlotSchedule.SlotCount(TimeSlotPlan.Day, Start, Start.AddDays(7)));
        Assert.Null(SlotSchedule.SlotCount(TimeSlotPlan.Day, Start, Start.AddDays(7).AddHours(5)));
        Assert.Null(SlotSchedule.SlotCount(TimeSpan.Zero, Start, Start.AddDays(1)));
        Assert.Throws<ArgumentException>(() => SlotSchedule.Create(new TimeSlotPlan(TimeSlotPlan.Day), Start, Start.AddHours(36), 10));
    }

    [Theory]
    [InlineData("hour", 60)]
    [InlineData("Day", 1440)]
    [InlineData("week", 10080)]
    [InlineData("30m", 30)]
    [InlineData("6h", 360)]
    [InlineData("2d", 2880)]
    public void Slot_lengths_read_as_marketers_write_them_and_format_back(string text, int minutes)
    {
        var every = TimeSlotPlan.ParseEvery(text);

        Assert.Equal(TimeSpan.FromMinutes(minutes), every);
        Assert.Equal(every, TimeSlotPlan.ParseEvery(TimeSlotPlan.FormatEvery(every!.Value)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("fortnight")]
    [InlineData("0h")]
    [InlineData("-1d")]
    [InlineData("1.5h")]
    [InlineData("h")]
    [InlineData(null)]
    public void Unknown_slot_lengths_are_not_read(string? text) => Assert.Null(TimeSlotPlan.ParseEvery(text));

    [Fact]
    public void The_limits_of_a_running_activity_hold_back_the_later_slots_of_a_slotted_prize_only()
    {
        var s = new Scenario();
        var definition = s.InstantDefinition() with
        {
            EndsAt = s.StartsAt.AddDays(4),
            Tiers =
            [
                new TierDefinition("Grand", 0.01m, [Scenario.Slot(s.Phone, 4) with { Slots = new TimeSlotPlan(TimeSlotPlan.Day) }]),
                new TierDefinition("Small", 0.2m, [Scenario.Slot(s.Coupon, 20)]),
            ],
            SoldOut = SoldOutBehavior.NoPrize,
        };
        var activity = Expect.Success(Activity.Create(s.TenantId, definition, s.Clock));
        var limits = ActivityLimits.For(activity);

        Assert.Equal(3, limits.ReservedForLaterSlots(s.Phone.Id, s.StartsAt.AddHours(3)));
        Assert.Equal(1, limits.ReservedForLaterSlots(s.Phone.Id, s.StartsAt.AddDays(2)));
        Assert.Equal(0, limits.ReservedForLaterSlots(s.Phone.Id, s.StartsAt.AddDays(3)));
        Assert.Equal(0, limits.ReservedForLaterSlots(s.Coupon.Id, s.StartsAt.AddHours(3)));
        Assert.Equal(definition.Tiers[0].Prizes[0].Slots, activity.ToDefinition().Tiers[0].Prizes[0].Slots);
    }

    [Fact]
    public void Slot_rules_are_all_reported_at_once_with_their_paths()
    {
        var s = new Scenario();
        var definition = s.InstantDefinition() with
        {
            EndsAt = s.StartsAt.AddDays(3),
            Tiers =
            [
                new TierDefinition("Grand", 0.01m,
                [
                    Scenario.Slot(s.Phone, 5) with { Slots = new TimeSlotPlan(TimeSlotPlan.Day, [1, -1, 2, 1]) },
                    Scenario.Slot(s.Coupon, 5) with { Slots = new TimeSlotPlan(TimeSpan.FromHours(7)) },
                ]),
                new TierDefinition("Small", 0.2m, [Scenario.Slot(s.Phone, 3)]),
                new TierDefinition("Tiny", 0.2m, [new PrizeSlotDefinition("Pen", PrizeKind.Physical, 3, Slots: new TimeSlotPlan(TimeSpan.FromSeconds(90)))]),
            ],
            SoldOut = SoldOutBehavior.NoPrize,
        };

        var errors = ActivityDefinitionValidator.Validate(definition);

        Assert.Equal(
            [
                "tiers[0].prizes[0].slots",           // the phone is also in tier 1
                "tiers[0].prizes[0].slots.quotas",    // 4 quotas for 3 days
                "tiers[0].prizes[0].slots.quotas[1]", // negative
                "tiers[0].prizes[0].slots.quotas",    // adds up to 3, not 5
                "tiers[0].prizes[1].slots.every",     // 3 days are not a whole number of 7 h slots
                "tiers[2].prizes[0].slots.every",     // not whole minutes
            ],
            errors.Select(e => e.Path));
        Assert.Contains("lasts 3 day(s), which is not a whole number of 7h slots", errors[4].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Time_slots_are_refused_on_a_scheduled_activity_and_limited_in_number()
    {
        var s = new Scenario();
        var scheduled = s.ScheduledDefinition();
        scheduled = scheduled with
        {
            Tiers = [new TierDefinition("First", 0m, [Scenario.Slot(s.Phone, 1) with { Slots = new TimeSlotPlan(TimeSlotPlan.Day) }])],
        };
        var tooMany = s.InstantDefinition() with
        {
            EndsAt = s.StartsAt.AddDays(7),
            Tiers = [new TierDefinition("Grand", 0.01m, [Scenario.Slot(s.Phone, 1) with { Slots = new TimeSlotPlan(TimeSpan.FromMinutes(1)) }])],
            SoldOut = SoldOutBehavior.NoPrize,
        };

        Assert.Equal(["tiers[0].prizes[0].slots"], ActivityDefinitionValidator.Validate(scheduled).Select(e => e.Path));
        var error = Assert.Single(ActivityDefinitionValidator.Validate(tooMany));
        Assert.Equal("tiers[0].prizes[0].slots.every", error.Path);
        Assert.Contains(Limits.MaxTimeSlots.ToString("N0", System.Globalization.CultureInfo.CurrentCulture), error.Message, StringComparison.Ordinal);
    }
}
