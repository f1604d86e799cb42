using Bunit;
using Lottery.Domain.Common;
using Lottery.Domain.Prizes;
using Lottery.Web.Components.Admin;
using Lottery.Web.Components.Pages.Admin.Prizes;
using Lottery.Web.Features.Catalogue;
using Lottery.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Lottery.Web.Tests.Catalogue;

/// <summary>The catalogue's MudBlazor pieces: the prize form's checks, the kind chips' tones and the delete confirmation.</summary>
public sealed class CatalogueComponentTests : MudTestContext
{
    private static readonly PrizeRow Voucher = new(Guid.NewGuid(), "Coffee voucher", PrizeKind.Code, "A free coffee.", 3.5m, null, null,
        Available: 50, Reserved: 150, Issued: 0, CodesUnused: 200, CodesUsed: 0);

    public CatalogueComponentTests() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    [Fact]
    public void A_new_prize_without_a_name_is_not_sent_and_the_name_field_says_why()
    {
        PrizeForm? sent = null;
        var form = Render<PrizeDetailsForm>(p => p.Add(f => f.CanEdit, true).Add(f => f.OnSave, (PrizeForm f) => sent = f));

        form.Find("[data-testid=prize-form]").Submit();

        Assert.Null(sent);
        Assert.Contains("Give the prize a name.", form.Markup, StringComparison.Ordinal);

        form.Find("input[data-testid=prize-name]").Input("Tote bag");
        form.Find("input[data-testid=prize-stock]").Change("40");
        form.Find("[data-testid=prize-form]").Submit();

        Assert.Equal(new PrizeForm("Tote bag", PrizeKind.Physical, null, 0m, null, 40), sent);
    }

    [Fact]
    public void The_domains_problems_show_on_their_field_and_the_rest_below_the_form()
    {
        var form = Render<PrizeDetailsForm>(p => p
            .Add(f => f.Prize, Voucher)
            .Add(f => f.CanEdit, true)
            .Add(f => f.Errors, [new ValidationError("unitCost", "The unit cost cannot be negative."), new ValidationError("", "The prize was changed by someone else.")]));

        var cost = form.Find("input[data-testid=prize-cost]");
        Assert.Equal("true", cost.GetAttribute("aria-invalid"));
        Assert.Contains("The unit cost cannot be negative.", cost.Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("The unit cost cannot be negative.", form.Find("[data-testid=problems]").TextContent, StringComparison.Ordinal);
        Assert.Equal("The prize was changed by someone else.", form.Find("[data-testid=problems]").TextContent.Trim());
        // A code prize's kind is shown, not chosen; its stock comes from codes, so there is no stock field.
        Assert.Empty(form.FindAll("[data-testid=prize-kind-select]"));
        Assert.Empty(form.FindAll("[data-testid=prize-stock]"));
    }

    [Fact]
    public void Every_input_of_the_prize_form_has_a_label()
    {
        var form = Render<PrizeDetailsForm>(p => p.Add(f => f.CanEdit, true));

        var inputs = form.FindAll("input:not([type=hidden]), textarea");
        Assert.NotEmpty(inputs);
        // Labelled by id (text fields), or wrapped in its label (MudCheckBox's input has no id).
        Assert.All(inputs, input => Assert.False(string.IsNullOrWhiteSpace(
            (string.IsNullOrEmpty(input.Id) ? input.Closest("label") : form.Find($"label[for='{input.Id}']"))?.TextContent), input.OuterHtml));
    }

    [Theory]
    [InlineData(PrizeKind.Physical, "tone-info")]
    [InlineData(PrizeKind.Code, "tone-warning")]
    [InlineData(PrizeKind.Points, "tone-success")]
    [InlineData(PrizeKind.Virtual, "tone-neutral")]
    public void A_prize_kind_is_a_tone_chip_never_in_the_danger_colour(PrizeKind kind, string tone)
    {
        var chip = Render<PrizeKindBadge>(p => p.Add(b => b.Kind, kind)).Find("[data-testid=prize-kind]");

        Assert.Contains(tone, chip.ClassList);
        Assert.DoesNotContain("tone-danger", chip.ClassList);
        Assert.Equal(PrizeKindBadge.Text(kind), chip.TextContent.Trim());
    }

    [Theory]
    [InlineData("confirm-ok", true)]
    [InlineData("confirm-cancel", false)]
    public async Task The_delete_confirmation_answers_what_was_chosen(string button, bool expected)
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();

        var asking = provider.InvokeAsync(() => DangerConfirmDialog.AskAsync(dialogs, "Delete this draft?", "“Summer” will be removed for good.", "Delete draft", "Keep it"));
        provider.WaitForElement("[data-testid=confirm-ok]");
        Assert.Contains("Delete this draft?", provider.Markup, StringComparison.Ordinal);
        Assert.Equal("Keep it", provider.Find("[data-testid=confirm-cancel]").TextContent.Trim());
        Assert.Contains("mud-button-filled-error", provider.Find("[data-testid=confirm-ok]").ClassName, StringComparison.Ordinal);
        provider.Find($"[data-testid={button}]").Click();

        Assert.Equal(expected, await asking);
    }
}
