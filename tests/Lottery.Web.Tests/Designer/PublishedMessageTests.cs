using Lottery.Web.Features.Activities;

namespace Lottery.Web.Tests.Designer;

/// <summary>What the designer tells a marketer after publishing: "now" only when players really can play now.</summary>
public sealed class PublishedMessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_campaign_that_starts_tomorrow_says_from_when_players_can_play_not_now()
    {
        var view = new ActivityStatusView(Guid.NewGuid(), "Published");

        Assert.Equal("Players can play it from 2026-12-07 09:00 UTC; it starts by itself.",
            view.PublishedMessage(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero), Now));
    }

    [Theory]
    [InlineData("Running", "Players can play it now.")]
    [InlineData("Open", "Players can join the giveaway now.")]
    [InlineData("Paused", "It is paused.")]
    public void A_campaign_playable_now_says_so(string status, string expected) =>
        Assert.Equal(expected, new ActivityStatusView(Guid.NewGuid(), status).PublishedMessage(Now.AddHours(-1), Now));
}
