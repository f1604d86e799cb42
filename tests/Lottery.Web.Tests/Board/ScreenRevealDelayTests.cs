using Lottery.Web.Features.Board;
using Microsoft.Extensions.Configuration;

namespace Lottery.Web.Tests.Board;

/// <summary>How long a kiosk screen holds each update: the link's <c>?reveal=</c>, else configuration, else 5 s; 0–30 s.</summary>
public sealed class ScreenRevealDelayTests
{
    [Theory]
    [InlineData(null, null, 5_000)]
    [InlineData(null, "00:00:03", 3_000)]
    [InlineData(0, "00:00:03", 0)]
    [InlineData(8, null, 8_000)]
    [InlineData(99, null, 30_000)]
    [InlineData(-4, null, 0)]
    public void A_screen_waits_what_its_link_asks_else_what_the_app_is_configured_with_within_bounds(int? reveal, string? configured, int expectedMs)
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Board:ScreenRevealDelay"] = configured })
            .Build();

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), BoardRegistration.ScreenRevealDelay(reveal, config));
    }
}
