using Bunit;
using Lottery.Domain.Activities;
using Lottery.Web.Components.Admin.Designer;
using Lottery.Web.Features.Activities;
using Lottery.Web.Features.Designer;
using Microsoft.Extensions.DependencyInjection;
using Radzen;

namespace Lottery.Web.Tests.Designer;

public sealed class ActivityDesignerComponentTests : BunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);
    private readonly List<ActivityDocument> _saved = [];

    public ActivityDesignerComponentTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddRadzenComponents();
    }

    private IRenderedComponent<ActivityDesigner> RenderDesigner(ActivityDocument document) =>
        Render<ActivityDesigner>(p => p
            .Add(d => d.Document, document)
            .Add(d => d.Now, Now)
            .Add(d => d.CanPublish, true)
            .Add(d => d.DocumentChanged, (ActivityDocument d) => _saved.Add(d)));

    [Fact]
    public void Dropping_a_palette_block_on_the_canvas_adds_it_and_selects_it()
    {
        var designer = RenderDesigner(DesignerDocuments.Empty());
        Assert.Empty(designer.FindAll("[data-testid=block-tier]"));

        designer.Find("[data-testid=palette-Tier]").DragStart();
        designer.Find("[data-testid=zone-tiers]").Drop();

        var tier = Assert.Single(designer.FindAll("[data-testid=block-tier]"));
        Assert.Contains("Tier 1", tier.TextContent, StringComparison.Ordinal);
        Assert.Contains("selected", tier.ClassList);
        Assert.Equal("Prize tier", designer.Find("#props-title").TextContent);
        Assert.Equal("Tier 1", Assert.Single(_saved).Tiers![0]!.Name);

        // A prize dropped on the tier goes into it.
        designer.Find("[data-testid=palette-Prize]").DragStart();
        designer.Find("[data-testid=block-tier]").Drop();
        Assert.Single(designer.FindAll("[data-testid=block-prize]"));
    }

    [Fact]
    public void Every_problem_is_listed_on_the_block_at_fault_and_publish_stays_disabled_until_fixed()
    {
        var template = DesignerDocuments.FromTemplate(ActivityTemplates.DailySpin, Now);
        var broken = DesignerDocuments.SetPrize(template, 0, 0, template.Tiers![0]!.Prizes![0]! with { Stock = -1 });
        broken = DesignerDocuments.Remove(broken, DesignerDocuments.ChancesPerPlayer);

        var designer = RenderDesigner(broken);

        Assert.Contains("cannot be negative", designer.Find("[data-testid='problems-tiers[0].prizes[0]']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Chances per player", designer.Find("[data-testid='problems-rules.chancesPerPlayer']").TextContent, StringComparison.Ordinal);
        Assert.Empty(designer.FindAll("[data-testid='problems-tiers[1]']"));
        Assert.Equal("2 things to fix", designer.Find("[data-testid=problem-count]").TextContent.Trim());
        Assert.True(designer.Find("[data-testid=publish]").HasAttribute("disabled"));

        // Fix the rule by dropping it back, and the stock in the prize's properties.
        designer.Find("[data-testid=palette-RuleChances]").DragStart();
        designer.Find("[data-testid=zone-rules]").Drop();
        designer.Find("[data-block='tiers[0].prizes[0]']").Click();
        Assert.Contains(designer.FindAll("[data-testid=field-problem]"), p => p.TextContent.Length > 0);
        designer.Find("[data-testid=prop-prize-stock] input").Change("25");

        Assert.Empty(designer.FindAll("[data-testid='problems-tiers[0].prizes[0]']"));
        Assert.Equal("Ready to publish", designer.Find("[data-testid=problem-count]").TextContent.Trim());
        Assert.False(designer.Find("[data-testid=publish]").HasAttribute("disabled"));
        Assert.Equal(25, _saved[^1].Tiers![0]!.Prizes![0]!.Stock);
    }

    [Fact]
    public void A_prize_of_an_instant_campaign_can_hand_out_its_stock_in_daily_slots_and_back_to_all_at_once()
    {
        var designer = RenderDesigner(DesignerDocuments.FromTemplate(ActivityTemplates.DailySpin, Now));
        designer.Find("[data-block='tiers[0].prizes[0]']").Click();

        designer.FindAll("[data-testid=prop-prize-slots] .rz-button").Single(b => b.TextContent.Contains("Daily", StringComparison.Ordinal)).Click();
        Assert.Equal("day", _saved[^1].Tiers![0]!.Prizes![0]!.Slots?.Every);
        Assert.Equal("daily", designer.Find("[data-block='tiers[0].prizes[0]'] [data-testid=slots-chip]").TextContent);

        designer.FindAll("[data-testid=prop-prize-slots] .rz-button").Single(b => b.TextContent.Contains("All at once", StringComparison.Ordinal)).Click();
        Assert.Null(_saved[^1].Tiers![0]!.Prizes![0]!.Slots);
        Assert.Empty(designer.FindAll("[data-testid=slots-chip]"));
    }

    [Fact]
    public void Undo_and_redo_step_through_changes()
    {
        var designer = RenderDesigner(DesignerDocuments.Empty());
        Assert.True(designer.Find("[data-testid=undo]").HasAttribute("disabled"));

        designer.Find("[data-testid=palette-Tier]").DragStart();
        designer.Find("[data-testid=zone-tiers]").Drop();
        designer.Find("[data-testid=palette-Wheel]").DragStart();
        designer.Find("[data-testid=canvas]").Drop();
        Assert.Single(designer.FindAll("[data-testid=block-gameplay]"));

        designer.Find("[data-testid=undo]").Click();
        Assert.Empty(designer.FindAll("[data-testid=block-gameplay]"));
        Assert.Single(designer.FindAll("[data-testid=block-tier]"));

        designer.Find("[data-testid=undo]").Click();
        Assert.Empty(designer.FindAll("[data-testid=block-tier]"));
        Assert.True(designer.Find("[data-testid=undo]").HasAttribute("disabled"));

        designer.Find("[data-testid=redo]").Click();
        designer.Find("[data-testid=redo]").Click();
        Assert.Single(designer.FindAll("[data-testid=block-tier]"));
        Assert.Single(designer.FindAll("[data-testid=block-gameplay]"));
        Assert.True(designer.Find("[data-testid=redo]").HasAttribute("disabled"));
        Assert.NotNull(_saved[^1].Gameplay);
    }

    [Fact]
    public void A_read_only_designer_has_no_palette_no_publish_and_no_remove_buttons()
    {
        var designer = Render<ActivityDesigner>(p => p
            .Add(d => d.Document, DesignerDocuments.FromTemplate(ActivityTemplates.FestivalWheel, Now))
            .Add(d => d.Now, Now)
            .Add(d => d.ReadOnly, true)
            .Add(d => d.CanPublish, true));

        Assert.Empty(designer.FindAll("[data-testid=palette]"));
        Assert.Empty(designer.FindAll("[data-testid=publish]"));
        Assert.All(designer.FindAll("[data-testid=remove]"), b => Assert.True(b.HasAttribute("hidden")));
        Assert.Equal(3, designer.FindAll("[data-testid=block-tier]").Count);
        Assert.Equal(4 + 3, designer.FindAll("[data-testid=preview-segments] li").Count);
    }

    [Fact]
    public async Task Changing_the_expected_draws_simulates_the_odds_again()
    {
        var designer = RenderDesigner(DesignerDocuments.FromTemplate(ActivityTemplates.DailySpin, Now));
        Assert.Contains("Expected values for 10,000 draws", designer.Find("[data-testid=odds] .note").TextContent, StringComparison.Ordinal);

        await designer.InvokeAsync(() => designer.FindComponent<OddsPanel>().Instance.DrawsChanged.InvokeAsync(250_000));

        Assert.Contains("Expected values for 250,000 draws", designer.Find("[data-testid=odds] .note").TextContent, StringComparison.Ordinal);
    }
}
