using Lottery.Domain.Common;
using Lottery.Domain.Players;

namespace Lottery.Domain.Tests.Players;

public sealed class PlayerPromotionTests
{
    private readonly FakeTimeProvider _clock = TestClock.New();

    [Fact]
    public void A_promoted_guest_keeps_its_id_and_becomes_the_player_of_the_address()
    {
        var guest = Expect.Success(Player.CreateGuest("Lucky", "wechat", _clock));
        var id = guest.Id;

        Expect.Success(guest.PromoteToEmail("  Ana@Example.COM "));

        Assert.Equal(id, guest.Id);
        Assert.Equal(PlayerIdentityKind.Email, guest.Kind);
        Assert.Equal("ana@example.com", guest.Email);
        Assert.Equal(Player.EmailKey("ana@example.com"), guest.IdentityKey);
        Assert.Equal(Expect.Success(Player.ForEmail("ana@example.com", null, null, _clock)).IdentityKey, guest.IdentityKey);
        Assert.True(guest.IsVerified);
        Assert.Equal("Lucky", guest.Nickname);
        Assert.Equal("wechat", guest.Source);
    }

    [Fact]
    public void A_verified_player_cannot_be_promoted_again()
    {
        var emailPlayer = Expect.Success(Player.ForEmail("ana@example.com", null, null, _clock));
        var partner = Expect.Success(Player.ForPartner(Guid.NewGuid(), "user-1", null, null, _clock));
        var promoted = Expect.Success(Player.CreateGuest(null, null, _clock));
        Expect.Success(promoted.PromoteToEmail("bob@example.com"));

        Expect.Failure(emailPlayer.PromoteToEmail("other@example.com"), ErrorCodes.IllegalTransition);
        Expect.Failure(partner.PromoteToEmail("other@example.com"), ErrorCodes.IllegalTransition);
        Expect.Failure(promoted.PromoteToEmail("other@example.com"), ErrorCodes.IllegalTransition);
        Assert.Equal("ana@example.com", emailPlayer.Email);
        Assert.Equal(PlayerIdentityKind.Partner, partner.Kind);
        Assert.Null(partner.Email);
        Assert.Equal("bob@example.com", promoted.Email);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not an address")]
    [InlineData("Ana <ana@example.com>")]
    [InlineData("ana@localhost")]
    public void A_guest_is_not_promoted_to_something_that_is_not_one_address(string email)
    {
        var guest = Expect.Success(Player.CreateGuest(null, null, _clock));

        Assert.Contains("email", Expect.Invalid(guest.PromoteToEmail(email)));

        Assert.Equal(PlayerIdentityKind.Guest, guest.Kind);
        Assert.Null(guest.Email);
        Assert.Null(guest.IdentityKey);
    }
}
