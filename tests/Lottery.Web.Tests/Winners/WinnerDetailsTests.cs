using Bunit;
using Lottery.Web.Components.Pages.Winners;
using Lottery.Web.Tests.Support;
using Microsoft.AspNetCore.Components;

namespace Lottery.Web.Tests.Winners;

/// <summary>The winner panel: "Mark shipped" says what it needs, and every unavailable action says why.</summary>
public sealed class WinnerDetailsTests : MudTestContext
{
    public WinnerDetailsTests() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    [Fact]
    public void Mark_shipped_waits_for_a_tracking_number_and_says_so_then_ships_with_it()
    {
        string? shipped = null;
        var details = Render<WinnerDetails>(p => p
            .Add(d => d.Line, Winners.Claimed("Mia"))
            .Add(d => d.CanChange, true)
            .Add(d => d.OnShip, tracking => shipped = tracking));

        Assert.True(details.Find("[data-testid=mark-shipped]").HasAttribute("disabled"));
        Assert.Contains("Enter a tracking number to mark it shipped.", details.Find("[data-testid=winner-action]").TextContent, StringComparison.Ordinal);

        details.Find("input[data-testid=tracking-number]").Input("SF123456");
        details.Find("[data-testid=mark-shipped]").Click();

        Assert.Equal("SF123456", shipped);
    }

    [Theory]
    [InlineData("awaiting", true, "The winner has not given a shipping address yet.")]
    [InlineData("voucher", true, "Nothing to ship: this prize is handed over online.")]
    [InlineData("claimed", false, "Managers update shipping; your role can see winners but not change their fulfilment.")]
    public void A_winner_that_cannot_be_shipped_now_says_why_instead_of_a_silent_disabled_button(string which, bool manager, string reason)
    {
        var line = which switch
        {
            "awaiting" => Winners.AwaitingAddress("Liam"),
            "voucher" => Winners.Voucher("Ava"),
            _ => Winners.Claimed("Mia"),
        };

        var details = Render<WinnerDetails>(p => p.Add(d => d.Line, line).Add(d => d.CanChange, manager));

        Assert.Equal(reason, details.Find("[data-testid=action-reason]").TextContent);
        Assert.Empty(details.FindAll("[data-testid=mark-shipped]"));
    }
}
