using Bunit;
using Lottery.Web.Components.Admin.Designer;
using Lottery.Web.Components.Pages;
using Lottery.Web.Extensions;
using Lottery.Web.Features.Activities;
using Lottery.Web.Features.Designer;
using Lottery.Web.Features.Partners;
using Lottery.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Lottery.Web.Tests.Partners;

/// <summary>The Integrations page's keys panel (secret shown once, revoke asks first) and the designer's "Who can play".</summary>
public sealed class IntegrationsComponentTests : MudTestContext
{
    private static readonly PartnerKeyView Android = new("pk_0123456789abcdef0123456789abcdef", "Android app", new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), null);
    private readonly List<string?> _created = [];
    private readonly List<string> _revoked = [];

    public IntegrationsComponentTests()
    {
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<ViewerTimeZone>();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private (IRenderedComponent<IntegrationsKeys> Panel, IRenderedComponent<MudDialogProvider> Dialogs) RenderPanel(IReadOnlyList<PartnerKeyView> keys)
    {
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var panel = Render<IntegrationsKeys>(p => p
            .Add(k => k.Keys, keys)
            .Add(k => k.CanEdit, true)
            .Add(k => k.Create, name =>
            {
                _created.Add(name);
                return Task.FromResult<(PartnerKeyCreated?, string?)>((new PartnerKeyCreated("pk_new", "s3cr3t-shown-once", name ?? "Partner key", DateTimeOffset.UtcNow), null));
            })
            .Add(k => k.Revoke, keyId =>
            {
                _revoked.Add(keyId);
                return Task.CompletedTask;
            }));
        return (panel, dialogs);
    }

    [Fact]
    public void Creating_a_key_shows_its_secret_once_in_a_dialog_with_a_warning_and_a_copy_button()
    {
        var (panel, dialogs) = RenderPanel([]);

        panel.Find("input[data-testid=partner-key-name]").Change("Web shop");
        panel.Find("[data-testid=partner-key-create]").Click();

        var dialog = dialogs.WaitForElement("[data-testid=partner-secret-dialog]");
        Assert.Equal(["Web shop"], _created);
        Assert.Equal("s3cr3t-shown-once", dialogs.Find("input[data-testid=partner-secret-value]").GetAttribute("value"));
        Assert.Equal("pk_new", dialogs.Find("input[data-testid=partner-secret-kid]").GetAttribute("value"));
        Assert.Contains("You won't see it again", dialogs.Find("[data-testid=partner-secret-warning]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(dialogs.Find("[data-testid=partner-copy-secret]"));

        dialogs.Find("[data-testid=partner-copy-secret]").Click();
        JSInterop.VerifyInvoke("navigator.clipboard.writeText");
        dialogs.Find("[data-testid=partner-secret-done]").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=partner-secret-dialog]")));
        Assert.DoesNotContain("s3cr3t-shown-once", panel.Markup + dialogs.Markup, StringComparison.Ordinal);
        Assert.True(string.IsNullOrEmpty(panel.Find("input[data-testid=partner-key-name]").GetAttribute("value")));
    }

    [Fact]
    public void Revoking_asks_first_and_keeping_the_key_revokes_nothing()
    {
        var (panel, dialogs) = RenderPanel([Android]);

        panel.Find("[data-testid=partner-key-revoke]").Click();
        Assert.Contains("Android app", dialogs.WaitForElement("[data-testid=confirm-dialog]").TextContent, StringComparison.Ordinal);
        dialogs.Find("[data-testid=confirm-cancel]").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=confirm-dialog]")));
        Assert.Empty(_revoked);

        panel.Find("[data-testid=partner-key-revoke]").Click();
        dialogs.WaitForElement("[data-testid=confirm-ok]").Click();

        panel.WaitForAssertion(() => Assert.Equal([Android.KeyId], _revoked));
    }

    [Fact]
    public void The_list_shows_name_key_id_and_status_in_words_and_a_revoked_key_has_no_revoke_button()
    {
        var revoked = Android with { KeyId = "pk_revoked", Name = "Old kiosk", RevokedAt = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero) };
        var (panel, _) = RenderPanel([Android, revoked]);

        var statuses = panel.FindAll("[data-testid=partner-key-status]").Select(s => s.TextContent.Trim()).ToList();
        Assert.Equal("Active", statuses[0]);
        Assert.StartsWith("Revoked", statuses[1], StringComparison.Ordinal);
        Assert.Equal(["pk_0123456789abcdef0123456789abcdef", "pk_revoked"], panel.FindAll("[data-testid=partner-key-row-kid]").Select(c => c.TextContent));
        Assert.Single(panel.FindAll("[data-testid=partner-key-revoke]"));
        Assert.StartsWith("1 Dec 2026, 09:00", panel.Find("time").TextContent, StringComparison.Ordinal); // words, not an ISO stamp
    }

    [Fact]
    public void Who_can_play_shows_the_choice_in_words_and_writes_the_identity_into_the_definition()
    {
        var changed = new List<ActivityDocument>();
        var document = DesignerDocuments.Empty();
        Render<MudPopoverProvider>();
        var panel = Render<PlayersProperties>(p => p
            .Add(x => x.Ctx, new DesignerContext(document, [], [], ReadOnly: false))
            .Add(x => x.Changed, (ActivityDocument d) => changed.Add(d)));

        Assert.Contains("Anyone (guest)", panel.Markup, StringComparison.Ordinal);
        Assert.Contains("Anyone with the link plays", panel.Markup, StringComparison.Ordinal);

        var select = panel.FindComponent<MudSelect<string>>();
        panel.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("partner"));

        Assert.Equal("partner", Assert.Single(changed).Players?.Identity);
        panel.Render(p => p.Add(x => x.Ctx, new DesignerContext(changed[0], [], [], ReadOnly: false)));
        Assert.Contains("Signed-in users of our app or site (partner sign-in)", panel.Markup, StringComparison.Ordinal);
        Assert.Equal("/integrations", panel.Find("[data-testid=prop-players-partner-hint] a").GetAttribute("href"));
    }

    [Fact]
    public void Who_can_play_offers_the_three_choices_and_is_locked_on_a_read_only_design()
    {
        var popovers = Render<MudPopoverProvider>();
        var panel = Render<PlayersProperties>(p => p
            .Add(x => x.Ctx, new DesignerContext(DesignerDocuments.Empty(), [], [], ReadOnly: false)));

        panel.Find(".mud-select .mud-input-control-input-container, .mud-select .mud-input").MouseDown();

        popovers.WaitForAssertion(() => Assert.Equal(
            ["Anyone (guest)", "Players who confirm an e-mail address", "Signed-in users of our app or site (partner sign-in)"],
            popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim())));

        var locked = Render<PlayersProperties>(p => p.Add(x => x.Ctx, new DesignerContext(DesignerDocuments.Empty(), [], [], ReadOnly: true)));
        Assert.True(locked.FindComponent<MudSelect<string>>().Instance.Disabled);
    }
}
