using AngleSharp.Dom;
using Bunit;
using Lottery.Domain.Activities;
using Lottery.Web.Components.Admin.Designer;
using Lottery.Web.Features.Activities;
using Lottery.Web.Features.Designer;
using Lottery.Web.Tests.Support;
using Microsoft.AspNetCore.Components.Web;

namespace Lottery.Web.Tests.Designer;

public sealed class ActivityDesignerComponentTests : MudTestContext
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);
    private readonly List<ActivityDocument> _saved = [];

    private IRenderedComponent<ActivityDesigner> RenderDesigner(ActivityDocument document) =>
        RenderWithProviders<ActivityDesigner>(p => p
            .Add(d => d.Document, document)
            .Add(d => d.Now, Now)
            .Add(d => d.CanPublish, true)
            .Add(d => d.DocumentChanged, (ActivityDocument d) => _saved.Add(d)));

    /// <summary>A drag with MudDropContainer as the browser sends it: dragstart on the item, dragenter and drop on the zone.</summary>
    private static void DragAndDrop(IRenderedComponent<ActivityDesigner> designer, string item, string zone)
    {
        designer.Find(item).Closest(".mud-drop-item")!.DragStart();
        designer.Find(zone).DragEnter();
        designer.Find(zone).Drop();
    }

    [Fact]
    public void Dropping_a_palette_block_on_its_zone_adds_it_and_selects_it()
    {
        var designer = RenderDesigner(DesignerDocuments.Empty());
        Assert.Empty(designer.FindAll("[data-testid=block-tier]"));

        DragAndDrop(designer, "[data-testid=palette-Tier]", "[data-testid=zone-tiers]");

        var tier = Assert.Single(designer.FindAll("[data-testid=block-tier]"));
        Assert.Contains("Tier 1", tier.TextContent, StringComparison.Ordinal);
        Assert.Contains("selected", tier.ClassList);
        Assert.Equal("Prize tier", designer.Find("#props-title").TextContent);
        Assert.Equal("Tier 1", Assert.Single(_saved).Tiers![0]!.Name);

        // A prize dropped on the tier's prize zone goes into it.
        DragAndDrop(designer, "[data-testid=palette-Prize]", "[data-testid=zone-prizes]");
        Assert.Single(designer.FindAll("[data-block='tiers[0].prizes[0]']"));
    }

    [Fact]
    public async Task Pressing_a_palette_block_adds_it_where_it_belongs_without_dragging()
    {
        var designer = RenderDesigner(DesignerDocuments.Empty());

        // A prize with no tier yet gets a first tier made for it.
        await designer.Find("[data-testid=palette-Prize]").ClickAsync(new());
        Assert.Single(designer.FindAll("[data-testid=block-tier]"));
        Assert.Contains("selected", designer.Find("[data-block='tiers[0].prizes[0]']").ClassList);

        await designer.Find("[data-testid=palette-Tier]").ClickAsync(new());
        await designer.Find("[data-testid=palette-Prize]").ClickAsync(new());
        Assert.Single(designer.FindAll("[data-block='tiers[1].prizes[0]']"));

        // A prize goes into the selected tier.
        designer.Find("[data-block='tiers[0]'] .block-select").Click();
        await designer.Find("[data-testid=palette-Prize]").ClickAsync(new());
        Assert.Equal(2, _saved[^1].Tiers![0]!.Prizes!.Count);

        await designer.Find("[data-testid=palette-Wheel]").ClickAsync(new());
        await designer.Find("[data-testid=palette-RuleChances]").ClickAsync(new());
        await designer.Find("[data-testid=palette-TaskShare]").ClickAsync(new());
        await designer.Find("[data-testid=palette-InstantWindow]").ClickAsync(new());
        Assert.Single(designer.FindAll("[data-testid=block-gameplay]"));
        Assert.Single(designer.FindAll("[data-testid='block-rules.chancesPerPlayer']"));
        Assert.Single(designer.FindAll("[data-testid=block-task]"));
        Assert.Single(designer.FindAll("[data-testid=block-schedule]"));
        Assert.Equal("Schedule", designer.Find("#props-title").TextContent);
    }

    [Fact]
    public async Task A_focused_block_moves_with_alt_and_the_arrow_keys_and_keeps_the_focus()
    {
        var module = JSInterop.SetupModule("./designer/designer.js");
        module.Mode = JSRuntimeMode.Loose;
        var designer = RenderDesigner(DesignerDocuments.FromTemplate(ActivityTemplates.FestivalWheel, Now));
        Assert.True(designer.Find("[data-block='tiers[0]'] [data-testid=move-up]").HasAttribute("disabled"));

        designer.Find("[data-block='tiers[0]']").KeyDown(new KeyboardEventArgs { Key = "ArrowDown", AltKey = true });

        Assert.Equal(["Second prize", "Grand prize", "Souvenir"], _saved[^1].Tiers!.Select(t => t!.Name));
        Assert.Contains("selected", designer.Find("[data-block='tiers[1]']").ClassList);
        Assert.Equal("tiers[1]", module.VerifyInvoke("focusBlock").Arguments[1]);

        // Without Alt an arrow key does nothing; a prize at the top of its tier moves on into the tier above.
        designer.Find("[data-block='tiers[1]']").KeyDown(new KeyboardEventArgs { Key = "ArrowUp" });
        Assert.Single(_saved);
        await designer.Find("[data-block='tiers[2].prizes[0]'] [data-testid=move-up]").ClickAsync(new());
        Assert.Equal(["Bicycle", "Festival T-shirt"], _saved[^1].Tiers![1]!.Prizes!.Select(p => p!.Name));
        Assert.Empty(_saved[^1].Tiers![2]!.Prizes!);

        // Delete on a focused block removes it.
        designer.Find("[data-block='tiers[1].prizes[1]']").KeyDown(new KeyboardEventArgs { Key = "Delete" });
        Assert.Single(_saved[^1].Tiers![1]!.Prizes!);
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
        DragAndDrop(designer, "[data-testid=palette-RuleChances]", "[data-testid=zone-rules]");
        designer.Find("[data-block='tiers[0].prizes[0]'] .block-select").Click();
        Assert.Contains("cannot be negative", designer.Find("[data-testid=properties]").TextContent, StringComparison.Ordinal);
        designer.Find("input[data-testid=prop-prize-stock]").Change("25");

        Assert.Empty(designer.FindAll("[data-testid='problems-tiers[0].prizes[0]']"));
        Assert.Equal("Ready to publish", designer.Find("[data-testid=problem-count]").TextContent.Trim());
        Assert.False(designer.Find("[data-testid=publish]").HasAttribute("disabled"));
        Assert.Equal(25, _saved[^1].Tiers![0]!.Prizes![0]!.Stock);
    }

    [Fact]
    public void The_prize_kind_is_offered_in_words_not_as_raw_values()
    {
        var designer = RenderDesigner(DesignerDocuments.FromTemplate(ActivityTemplates.DailySpin, Now));

        designer.Find("[data-block='tiers[0].prizes[0]'] .block-select").Click();

        var shown = designer.FindAll("[data-testid=properties] input").Select(i => i.GetAttribute("value")).ToList();
        Assert.Contains("Voucher code", shown);
        Assert.DoesNotContain("code", shown);
        Assert.DoesNotContain(shown, v => v is "physical" or "virtual" or "points");
    }

    [Fact]
    public async Task A_prize_of_an_instant_campaign_can_hand_out_its_stock_in_daily_slots_and_back_to_all_at_once()
    {
        var designer = RenderDesigner(DesignerDocuments.FromTemplate(ActivityTemplates.DailySpin, Now));
        designer.Find("[data-block='tiers[0].prizes[0]'] .block-select").Click();

        await Toggle(designer, "Daily").ClickAsync(new());
        Assert.Equal("day", _saved[^1].Tiers![0]!.Prizes![0]!.Slots?.Every);
        Assert.Equal("daily", designer.Find("[data-block='tiers[0].prizes[0]'] [data-testid=slots-chip]").TextContent);

        await Toggle(designer, "All at once").ClickAsync(new());
        Assert.Null(_saved[^1].Tiers![0]!.Prizes![0]!.Slots);
        Assert.Empty(designer.FindAll("[data-testid=slots-chip]"));
    }

    private static IElement Toggle(IRenderedComponent<ActivityDesigner> designer, string text) =>
        designer.FindAll("[data-testid=properties] .mud-toggle-item").Single(b => b.TextContent.Contains(text, StringComparison.Ordinal));

    [Fact]
    public void The_odds_summary_the_tier_rows_and_the_total_row_agree()
    {
        var designer = RenderDesigner(DesignerDocuments.FromTemplate(ActivityTemplates.DailySpin, Now));

        // Coupons 20 % and points 30 % per draw: the same numbers above the tiers, above the table and in its rows.
        Assert.Equal("50 % win · 50 % no prize", designer.Find("[data-testid=odds-summary]").TextContent.Trim());
        Assert.Equal("50 % win · 50 % no prize", designer.Find("[data-testid=win-summary]").TextContent.Trim());
        Assert.Equal(["20 %", "30 %"], designer.FindAll("[data-testid=odds-tier-chance]").Select(c => c.TextContent.Trim()));
        Assert.Equal("50 %", designer.Find("[data-testid=odds-no-prize]").TextContent.Trim());

        // The total is a row of its own, not the "No prize" row.
        var total = designer.Find("[data-testid=odds-total]");
        Assert.Contains("Total", total.TextContent, StringComparison.Ordinal);
        Assert.Equal("100 %", designer.Find("[data-testid=odds-total-chance]").TextContent.Trim());
        Assert.Equal("2,500", designer.Find("[data-testid=odds-total-winners]").TextContent.Trim());
        Assert.DoesNotContain("Total", designer.Find("[data-testid=odds-no-prize-row]").TextContent, StringComparison.Ordinal);

        // Short stock outlooks: both prizes run out before 10,000 draws.
        Assert.Equal(["Sold out ~2,500", "Sold out ~6,667"], designer.FindAll("[data-testid=odds-runs-out]").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public void The_expected_cost_says_why_it_is_empty_until_unit_costs_are_entered()
    {
        var designer = RenderDesigner(DesignerDocuments.FromTemplate(ActivityTemplates.DailySpin, Now));
        Assert.Equal("Enter unit costs on the prizes to see the expected cost.", designer.Find("[data-testid=odds-cost-hint]").TextContent.Trim());
        Assert.Equal("—", designer.Find("[data-testid=odds-total-cost]").TextContent.Trim());

        designer.Find("[data-block='tiers[0].prizes[0]'] .block-select").Click();
        designer.Find("input[data-testid=prop-prize-cost]").Change("2");

        Assert.Equal("1,000.00", designer.Find("[data-testid=odds-total-cost]").TextContent.Trim());
        Assert.Contains("50 points", designer.Find("[data-testid=odds-cost-hint]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undo_and_redo_step_through_changes()
    {
        var designer = RenderDesigner(DesignerDocuments.Empty());
        Assert.True(designer.Find("[data-testid=undo]").HasAttribute("disabled"));

        DragAndDrop(designer, "[data-testid=palette-Tier]", "[data-testid=zone-tiers]");
        DragAndDrop(designer, "[data-testid=palette-Wheel]", "[data-testid=zone-gameplay]");
        Assert.Single(designer.FindAll("[data-testid=block-gameplay]"));

        await designer.Find("[data-testid=undo]").ClickAsync(new());
        Assert.Empty(designer.FindAll("[data-testid=block-gameplay]"));
        Assert.Single(designer.FindAll("[data-testid=block-tier]"));

        await designer.Find("[data-testid=undo]").ClickAsync(new());
        Assert.Empty(designer.FindAll("[data-testid=block-tier]"));
        Assert.True(designer.Find("[data-testid=undo]").HasAttribute("disabled"));

        await designer.Find("[data-testid=redo]").ClickAsync(new());
        await designer.Find("[data-testid=redo]").ClickAsync(new());
        Assert.Single(designer.FindAll("[data-testid=block-tier]"));
        Assert.Single(designer.FindAll("[data-testid=block-gameplay]"));
        Assert.True(designer.Find("[data-testid=redo]").HasAttribute("disabled"));
        Assert.NotNull(_saved[^1].Gameplay);
    }

    [Fact]
    public void A_read_only_designer_has_no_palette_no_publish_and_no_move_or_remove_buttons()
    {
        var designer = RenderWithProviders<ActivityDesigner>(p => p
            .Add(d => d.Document, DesignerDocuments.FromTemplate(ActivityTemplates.FestivalWheel, Now))
            .Add(d => d.Now, Now)
            .Add(d => d.ReadOnly, true)
            .Add(d => d.CanPublish, true));

        Assert.Empty(designer.FindAll("[data-testid=palette]"));
        Assert.Empty(designer.FindAll("[data-testid=publish]"));
        Assert.Empty(designer.FindAll("[data-testid=remove]"));
        Assert.Empty(designer.FindAll("[data-testid=move-up]"));
        Assert.All(designer.FindAll("[data-testid=properties] input"), i => Assert.True(i.HasAttribute("disabled")));
        Assert.Equal(3, designer.FindAll("[data-testid=block-tier]").Count);
        Assert.Equal(4 + 3, designer.FindAll("[data-testid=preview-segments] li").Count);
    }

    [Fact]
    public async Task Changing_the_expected_draws_simulates_the_odds_again()
    {
        var designer = RenderDesigner(DesignerDocuments.FromTemplate(ActivityTemplates.DailySpin, Now));
        Assert.Contains("expected values for 10,000 draws", designer.Find("[data-testid=odds] .note").TextContent, StringComparison.Ordinal);

        await designer.InvokeAsync(() => designer.FindComponent<OddsPanel>().Instance.DrawsChanged.InvokeAsync(250_000));

        Assert.Contains("expected values for 250,000 draws", designer.Find("[data-testid=odds] .note").TextContent, StringComparison.Ordinal);
    }
}
