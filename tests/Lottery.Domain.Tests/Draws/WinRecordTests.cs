using Lottery.Domain.Common;
using Lottery.Domain.Draws;
using Lottery.Domain.Prizes;

namespace Lottery.Domain.Tests.Draws;

public sealed class WinRecordTests
{
    private static readonly ShippingAddress _address =
        new("Li Lei", "+86 138-0013-8000", "1 Long Road", "Flat 2", "Shanghai", null, "200000", "China");

    private readonly FakeTimeProvider _clock = TestClock.New();

    [Fact]
    public void A_physical_win_waits_for_a_claim()
    {
        var win = Win(PrizeKind.Physical);

        Assert.Equal(WinStatus.AwaitingClaim, win.Status);
        Assert.Null(win.Claim);
    }

    [Theory]
    [InlineData(PrizeKind.Code)]
    [InlineData(PrizeKind.Virtual)]
    [InlineData(PrizeKind.Points)]
    public void A_code_virtual_or_points_win_is_claimed_at_once(PrizeKind kind) =>
        Assert.Equal(WinStatus.Claimed, Win(kind).Status);

    [Fact]
    public void SubmitClaim_records_the_address_and_claims_the_prize()
    {
        var win = Win(PrizeKind.Physical);
        _clock.Advance(TimeSpan.FromDays(1));

        Expect.Success(win.SubmitClaim(_address, _clock));

        Assert.Equal(WinStatus.Claimed, win.Status);
        Assert.Equal(_address, win.Claim!.Address);
        Assert.Equal(_clock.GetUtcNow(), win.Claim.SubmittedAt);
        Assert.Null(win.Claim.TrackingNumber);
        Assert.Equal(1, win.Version);
    }

    [Fact]
    public void SubmitClaim_lists_every_fault_of_the_address_and_claims_nothing()
    {
        var win = Win(PrizeKind.Physical);
        var bad = new ShippingAddress(" ", "call me", "", new string('l', 201), " ", new string('r', 101), "", "");

        var result = win.SubmitClaim(bad, _clock);

        Assert.Equal(
            ["recipientName", "phone", "line1", "line2", "city", "region", "postalCode", "country"],
            Expect.Invalid(result));
        Assert.Equal(WinStatus.AwaitingClaim, win.Status);
        Assert.Null(win.Claim);
        Assert.Equal(0, win.Version);
    }

    [Fact]
    public void Overlong_required_address_fields_are_refused() =>
        Assert.Equal(
            ["recipientName", "line1", "city", "postalCode", "country"],
            (_address with
            {
                RecipientName = new string('n', 101),
                Line1 = new string('l', 201),
                City = new string('c', 101),
                PostalCode = new string('1', 21),
                Country = new string('c', 101),
            }).Validate().Select(e => e.Path));

    [Theory]
    [InlineData("12345")]
    [InlineData("+44 20 7946 0958")]
    [InlineData("(010) 6552-9988")]
    public void A_phone_of_digits_with_plus_spaces_dashes_or_brackets_is_accepted(string phone) =>
        Assert.Empty((_address with { Phone = phone }).Validate());

    [Theory]
    [InlineData("1234")]
    [InlineData("")]
    [InlineData("12345 ext 6")]
    [InlineData("12345.678")]
    [InlineData("123456789012345678901234567890123")]
    public void A_phone_with_too_few_digits_other_characters_or_too_long_is_refused(string phone) =>
        Assert.Equal(["phone"], (_address with { Phone = phone }).Validate().Select(e => e.Path));

    [Fact]
    public void A_second_claim_is_refused_and_the_first_address_stays()
    {
        var win = Win(PrizeKind.Physical);
        Expect.Success(win.SubmitClaim(_address, _clock));

        Expect.Failure(win.SubmitClaim(_address with { City = "Beijing" }, _clock), ErrorCodes.AlreadyClaimed);

        Assert.Equal("Shanghai", win.Claim!.Address.City);
        Assert.Equal(1, win.Version);
    }

    [Theory]
    [InlineData(PrizeKind.Code)]
    [InlineData(PrizeKind.Virtual)]
    [InlineData(PrizeKind.Points)]
    public void Only_a_physical_prize_is_claimed_with_an_address(PrizeKind kind)
    {
        var win = Win(kind);

        Expect.Failure(win.SubmitClaim(_address, _clock), ErrorCodes.IllegalTransition);

        Assert.Null(win.Claim);
    }

    [Fact]
    public void MarkShipped_ships_a_claimed_prize_with_its_trimmed_tracking_number()
    {
        var win = Claimed();
        _clock.Advance(TimeSpan.FromDays(2));

        Expect.Success(win.MarkShipped("  SF123456 ", _clock));

        Assert.Equal(WinStatus.Shipped, win.Status);
        Assert.Equal("SF123456", win.Claim!.TrackingNumber);
        Assert.Equal(_clock.GetUtcNow(), win.Claim.ShippedAt);
    }

    [Fact]
    public void MarkShipped_before_the_claim_is_refused() =>
        Expect.Failure(Win(PrizeKind.Physical).MarkShipped("SF1", _clock), ErrorCodes.IllegalTransition);

    [Fact]
    public void A_code_prize_is_never_shipped() =>
        Expect.Failure(Win(PrizeKind.Code).MarkShipped("SF1", _clock), ErrorCodes.IllegalTransition);

    [Fact]
    public void Shipping_twice_is_refused()
    {
        var win = Claimed();
        Expect.Success(win.MarkShipped("SF1", _clock));

        Expect.Failure(win.MarkShipped("SF2", _clock), ErrorCodes.IllegalTransition);

        Assert.Equal("SF1", win.Claim!.TrackingNumber);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void MarkShipped_without_a_tracking_number_is_refused(string? trackingNumber)
    {
        var win = Claimed();

        Assert.Equal(["trackingNumber"], Expect.Invalid(win.MarkShipped(trackingNumber!, _clock)));
        Assert.Equal(WinStatus.Claimed, win.Status);
    }

    [Fact]
    public void MarkShipped_with_a_tracking_number_over_128_characters_is_refused()
    {
        var win = Claimed();

        Assert.Equal(["trackingNumber"], Expect.Invalid(win.MarkShipped(new string('9', 129), _clock)));
        Expect.Success(win.MarkShipped(new string('9', 128), _clock));
    }

    [Fact]
    public void MarkDelivered_completes_a_shipped_prize()
    {
        var win = Claimed();
        Expect.Success(win.MarkShipped("SF1", _clock));
        _clock.Advance(TimeSpan.FromDays(3));

        Expect.Success(win.MarkDelivered(_clock));

        Assert.Equal(WinStatus.Delivered, win.Status);
        Assert.Equal(_clock.GetUtcNow(), win.Claim!.DeliveredAt);
        Assert.Equal(3, win.Version);
    }

    [Fact]
    public void MarkDelivered_is_refused_unless_the_prize_was_shipped()
    {
        Expect.Failure(Win(PrizeKind.Physical).MarkDelivered(_clock), ErrorCodes.IllegalTransition);
        Expect.Failure(Claimed().MarkDelivered(_clock), ErrorCodes.IllegalTransition);
        Expect.Failure(Win(PrizeKind.Code).MarkDelivered(_clock), ErrorCodes.IllegalTransition);
    }

    [Fact]
    public void Delivering_twice_is_refused()
    {
        var win = Claimed();
        Expect.Success(win.MarkShipped("SF1", _clock));
        Expect.Success(win.MarkDelivered(_clock));

        Expect.Failure(win.MarkDelivered(_clock), ErrorCodes.IllegalTransition);
    }

    [Fact]
    public void A_code_prize_carries_the_code_it_was_given()
    {
        var win = Win(PrizeKind.Code);

        win.AssignCode("XMAS-2030");

        Assert.Equal("XMAS-2030", win.Code);
        Assert.Equal(1, win.Version);
    }

    [Theory]
    [InlineData(PrizeKind.Physical)]
    [InlineData(PrizeKind.Virtual)]
    [InlineData(PrizeKind.Points)]
    public void Giving_a_code_to_a_prize_that_is_not_a_code_prize_is_a_bug_and_throws(PrizeKind kind) =>
        Assert.Throws<InvalidOperationException>(() => Win(kind).AssignCode("X"));

    [Fact]
    public void Create_keeps_what_was_won_where_and_when()
    {
        var (id, tenant, activity, player, prize, tier) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        var win = WinRecord.Create(id, tenant, activity, player, prize, tier, id, "Phone", PrizeKind.Physical, _clock.GetUtcNow());

        Assert.Equal((id, tenant, activity, player, prize, tier, id), (win.Id, win.TenantId, win.ActivityId, win.PlayerId, win.PrizeId, win.TierId, win.DrawId));
        Assert.Equal(("Phone", PrizeKind.Physical, _clock.GetUtcNow()), (win.PrizeName, win.PrizeKind, win.WonAt));
    }

    private WinRecord Win(PrizeKind kind) => WinRecord.Create(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
        Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Prize", kind, _clock.GetUtcNow());

    private WinRecord Claimed()
    {
        var win = Win(PrizeKind.Physical);
        Expect.Success(win.SubmitClaim(_address, _clock));
        return win;
    }
}
