using Lottery.Domain.Players;

namespace Lottery.Domain.Tests.Players;

public sealed class PlayerTests
{
    private readonly FakeTimeProvider _clock = TestClock.New();

    [Theory]
    [InlineData(null, "Guest")]
    [InlineData("", "Guest")]
    [InlineData("A", "*")]
    [InlineData("Al", "A*")]
    [InlineData("Ann", "A***n")]
    [InlineData("Alice", "A***e")]
    [InlineData("王小明", "王***明")]
    public void Mask_shows_only_the_first_and_last_character(string? nickname, string expected) =>
        Assert.Equal(expected, Player.Mask(nickname));

    [Fact]
    public void Mask_never_reveals_the_middle_or_the_length_of_a_long_nickname()
    {
        Assert.Equal("B***w", Player.Mask("Bartholomew"));
        Assert.Equal(Player.Mask("Bow"), Player.Mask("Bartholomew"));
    }

    [Theory]
    [InlineData("\U0001F600", "*")]
    [InlineData("A\U0001F600", "A*")]
    [InlineData("\U0001F600Bob\U0001F600", "\U0001F600***\U0001F600")]
    [InlineData("Bob\U0001F600", "B***\U0001F600")]
    public void Mask_never_splits_a_character_written_with_two_utf16_units(string nickname, string expected)
    {
        var masked = Player.Mask(nickname);

        // A lone surrogate is not text: strict UTF-8 (what the API writes) cannot encode it.
        var strictUtf8 = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        Assert.Null(Record.Exception(() => strictUtf8.GetBytes(masked)));
        Assert.Equal(expected, masked);
    }

    [Fact]
    public void CreateGuest_trims_the_nickname_and_has_no_shared_identity()
    {
        var player = Expect.Success(Player.CreateGuest("  Lucky ", "wechat", _clock));

        Assert.Equal("Lucky", player.Nickname);
        Assert.Equal(PlayerIdentityKind.Guest, player.Kind);
        Assert.Null(player.IdentityKey);
        Assert.False(player.IsVerified);
        Assert.Equal("wechat", player.Source);
        Assert.Equal(_clock.GetUtcNow(), player.CreatedAt);
        Assert.Equal(7, player.Id.Version);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_nickname_becomes_no_nickname(string? nickname) =>
        Assert.Null(Expect.Success(Player.CreateGuest(nickname, null, _clock)).Nickname);

    [Fact]
    public void CreateGuest_refuses_a_long_nickname_and_source_together()
    {
        var result = Player.CreateGuest(new string('n', 41), new string('s', 101), _clock);

        Assert.Equal(["nickname", "source"], Expect.Invalid(result));
    }

    [Fact]
    public void A_nickname_of_40_characters_after_trimming_is_accepted() =>
        Expect.Success(Player.CreateGuest("  " + new string('n', 40) + "  ", null, _clock));

    [Theory]
    [InlineData("  Mia@Example.COM ", "mia@example.com")]
    [InlineData("a.b+tag@sub.example.org", "a.b+tag@sub.example.org")]
    public void An_email_player_is_keyed_by_the_normalised_address(string typed, string normalized)
    {
        var player = Expect.Success(Player.ForEmail(typed, null, null, _clock));

        Assert.Equal(PlayerIdentityKind.Email, player.Kind);
        Assert.Equal(normalized, player.Email);
        Assert.Equal("email:" + normalized, player.IdentityKey);
        Assert.True(player.IsVerified);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-address")]
    [InlineData("Mia <mia@example.com>")]
    [InlineData("mia@localhost")]
    [InlineData("a@b.com, c@d.com")]
    [InlineData("mia @example.com")]
    public void Anything_but_one_address_is_refused(string typed) =>
        Assert.Equal(["email"], Expect.Invalid(Player.ForEmail(typed, null, null, _clock)));

    [Fact]
    public void A_partner_player_is_keyed_by_tenant_and_partner_user_id()
    {
        var tenant = Guid.NewGuid();
        var player = Expect.Success(Player.ForPartner(tenant, "user-42", "  Ada ", "app", _clock));

        Assert.Equal(PlayerIdentityKind.Partner, player.Kind);
        Assert.Equal(tenant, player.TenantId);
        Assert.Equal("user-42", player.PartnerUserId);
        Assert.Equal("Ada", player.Nickname);
        Assert.Equal($"partner:{tenant:N}:user-42", player.IdentityKey);
        Assert.NotEqual(player.IdentityKey, Expect.Success(Player.ForPartner(Guid.NewGuid(), "user-42", null, null, _clock)).IdentityKey);
    }

    [Fact]
    public void A_partner_player_needs_a_user_id() =>
        Assert.Equal(["sub"], Expect.Invalid(Player.ForPartner(Guid.NewGuid(), " ", null, null, _clock)));

    [Fact]
    public void A_scheduled_entry_records_who_joined_and_when()
    {
        var (tenant, activity, player) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        var entry = ScheduledEntry.Create(tenant, activity, player, _clock);

        Assert.Equal((tenant, activity, player, _clock.GetUtcNow()), (entry.TenantId, entry.ActivityId, entry.PlayerId, entry.JoinedAt));
    }
}
