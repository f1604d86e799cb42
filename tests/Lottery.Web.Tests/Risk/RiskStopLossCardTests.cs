using Bunit;
using Lottery.Web.Components.Pages.Risk;
using Lottery.Web.Extensions;
using Lottery.Web.Features.Risk;
using Lottery.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Lottery.Web.Tests.Risk;

/// <summary>The stop-loss card: stopping asks first in a danger dialog that says what happens; only "Stop all draws" stops.</summary>
public sealed class RiskStopLossCardTests : MudTestContext
{
    private readonly List<string?> _stops = [];
    private int _resumes;

    public RiskStopLossCardTests()
    {
        Services.AddScoped<ViewerTimeZone>();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private IRenderedComponent<MudBlazor.MudDialogProvider>? _dialogs;

    private IRenderedComponent<RiskStopLossCard> Card(StopLossView state, bool canChange = true)
    {
        Render<MudBlazor.MudPopoverProvider>();
        _dialogs = Render<MudBlazor.MudDialogProvider>();
        return Render<RiskStopLossCard>(p => p
        .Add(c => c.State, state)
        .Add(c => c.Title, "Stop-loss")
        .Add(c => c.Description, "One switch.")
        .Add(c => c.Consequence, "Every draw of every campaign of your organisation stops at once.")
        .Add(c => c.TestId, "tenant-stop")
        .Add(c => c.CanChange, canChange)
        .Add(c => c.OnStop, EventCallback.Factory.Create<string?>(this, r => _stops.Add(r)))
        .Add(c => c.OnResume, EventCallback.Factory.Create(this, () => _resumes++)));
    }

    [Fact]
    public void Stopping_asks_first_and_keep_running_changes_nothing()
    {
        var card = Card(new StopLossView(false));
        card.Find("input[data-testid=tenant-stop-reason]").Input("Budget spent");
        card.Find("[data-testid=tenant-stop-stop]").Click();

        var dialog = _dialogs!;
        var confirm = dialog.WaitForElement("[data-testid=risk-confirm-yes]");
        Assert.Contains("Every draw of every campaign of your organisation stops at once.", dialog.Markup, StringComparison.Ordinal);
        Assert.Contains("mud-button-filled-error", confirm.ClassName, StringComparison.Ordinal); // danger style
        Assert.Empty(_stops);

        dialog.Find("[data-testid=risk-confirm-cancel]").Click();
        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll("[data-testid=risk-confirm-yes]")));
        Assert.Empty(_stops);

        card.Find("[data-testid=tenant-stop-stop]").Click();
        dialog.WaitForElement("[data-testid=risk-confirm-yes]").Click();
        card.WaitForAssertion(() => Assert.Equal(["Budget spent"], _stops));
    }

    [Fact]
    public void A_stopped_switch_says_who_when_and_why_and_offers_resume()
    {
        var card = Card(new StopLossView(true, new DateTimeOffset(2026, 12, 6, 9, 30, 0, TimeSpan.Zero), "Ann (you)", "Budget spent"));
        Assert.Equal("Draws stopped", card.Find("[data-testid=tenant-stop-state]").TextContent.Trim());
        var who = card.Find("[data-testid=tenant-stop-who]").TextContent;
        Assert.Contains("Stopped by Ann (you)", who, StringComparison.Ordinal);
        Assert.Contains("6 Dec 2026", who, StringComparison.Ordinal);
        Assert.Contains("Reason: Budget spent", who, StringComparison.Ordinal);
        Assert.Empty(card.FindAll("[data-testid=tenant-stop-stop]"));
        card.Find("[data-testid=tenant-stop-resume]").Click();
        Assert.Equal(1, _resumes);
    }

    [Fact]
    public void Without_the_right_to_change_there_is_no_switch()
    {
        var card = Card(new StopLossView(false), canChange: false);
        Assert.Equal("Draws running", card.Find("[data-testid=tenant-stop-state]").TextContent.Trim());
        Assert.Empty(card.FindAll("[data-testid=tenant-stop-stop]"));
        Assert.Empty(card.FindAll("[data-testid=tenant-stop-reason]"));
    }
}
