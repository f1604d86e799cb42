using Bunit;
using Lottery.Domain.Activities;
using Lottery.Web.Components.Admin.Designer;
using Lottery.Web.Tests.Support;
using MudBlazor;

namespace Lottery.Web.Tests.Designer;

/// <summary>Choosing a template on a design the marketer has changed asks first; cancel keeps the design.</summary>
public sealed class TemplatePickerTests : MudTestContext
{
    private readonly List<string> _chosen = [];
    private IRenderedComponent<MudPopoverProvider> _popovers = default!;
    private IRenderedComponent<MudDialogProvider> _dialogs = default!;

    private IRenderedComponent<TemplatePicker> RenderPicker(bool dirty)
    {
        _popovers = Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        return Render<TemplatePicker>(p => p.Add(t => t.Dirty, dirty).Add(t => t.OnChosen, (string key) => _chosen.Add(key)));
    }

    private void Choose(IRenderedComponent<TemplatePicker> picker, string key)
    {
        picker.Find("button").Click();
        _popovers.WaitForElement($"[data-testid=template-{key}]").Click();
    }

    private void Answer(string button) =>
        _dialogs.WaitForElements(".mud-dialog button").Single(b => b.TextContent.Trim() == button).Click();

    [Fact]
    public void A_design_nobody_changed_takes_the_template_without_asking()
    {
        var picker = RenderPicker(dirty: false);

        Choose(picker, ActivityTemplates.FestivalWheel);

        Assert.Equal([ActivityTemplates.FestivalWheel], _chosen);
        Assert.Empty(_dialogs.FindAll(".mud-dialog"));
    }

    [Fact]
    public void An_edited_design_is_kept_when_the_marketer_cancels()
    {
        var picker = RenderPicker(dirty: true);

        Choose(picker, ActivityTemplates.FestivalWheel);
        Assert.Contains("Replace your design?", _dialogs.WaitForElement(".mud-dialog").TextContent, StringComparison.Ordinal);
        Answer("Keep my design");

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll(".mud-dialog")));
        Assert.Empty(_chosen);
    }

    [Fact]
    public void An_edited_design_is_replaced_once_the_marketer_confirms()
    {
        var picker = RenderPicker(dirty: true);

        Choose(picker, ActivityTemplates.DailySpin);
        Answer("Replace design");

        picker.WaitForAssertion(() => Assert.Equal([ActivityTemplates.DailySpin], _chosen));
    }
}
