using Lottery.Domain.Activities;
using Lottery.Web.Features.Designer;
using static Lottery.Web.Features.Designer.DesignerDocuments;

namespace Lottery.Web.Tests.Designer;

/// <summary>What a drop (MudDropContainer's final index), a palette press and a keyboard move do to the document.</summary>
public sealed class DesignerCanvasTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);
    private static readonly Lottery.Web.Features.Activities.ActivityDocument Festival = FromTemplate(ActivityTemplates.FestivalWheel, Now);

    private static CanvasItem Block(string key) => DesignerCanvas.Items(Festival, [], readOnly: false).Single(i => i.Key == key);

    [Fact]
    public void A_tier_dropped_at_a_final_position_ends_up_there_and_stays_selected()
    {
        var down = DesignerCanvas.Drop(Festival, Block(TierKey(0)), Tiers, 2, Now)!;
        Assert.Equal(["Second prize", "Souvenir", "Grand prize"], down.Document.Tiers!.Select(t => t!.Name));
        Assert.Equal(TierKey(2), down.Selected);

        var up = DesignerCanvas.Drop(Festival, Block(TierKey(2)), Tiers, 0, Now)!;
        Assert.Equal(["Souvenir", "Grand prize", "Second prize"], up.Document.Tiers!.Select(t => t!.Name));
        Assert.Null(DesignerCanvas.Drop(Festival, Block(TierKey(1)), Tiers, 1, Now));
    }

    [Fact]
    public void A_prize_dropped_into_another_tier_moves_there_at_the_drop_position()
    {
        var edit = DesignerCanvas.Drop(Festival, Block(PrizeKey(1, 1)), TierKey(2), 0, Now)!;

        Assert.Equal(["Headphones"], edit.Document.Tiers![1]!.Prizes!.Select(p => p!.Name));
        Assert.Equal(["Speaker", "Festival T-shirt"], edit.Document.Tiers![2]!.Prizes!.Select(p => p!.Name));
        Assert.Equal(PrizeKey(2, 0), edit.Selected);
    }

    [Fact]
    public void Blocks_drop_only_where_they_belong_and_never_back_on_the_palette()
    {
        var tier = DesignerCanvas.Items(Festival, [], readOnly: false).Single(i => i.Key == DesignerCanvas.PaletteKey(BlockType.Tier));

        Assert.True(DesignerCanvas.CanDrop(tier, Tiers));
        Assert.False(DesignerCanvas.CanDrop(tier, TierKey(0)));
        Assert.False(DesignerCanvas.CanDrop(tier, Rules));
        Assert.False(DesignerCanvas.CanDrop(Block(TierKey(0)), DesignerCanvas.PaletteKey(BlockType.Tier)));
        Assert.True(DesignerCanvas.CanDrop(Block(PrizeKey(0, 0)), TierKey(2)));
        Assert.False(DesignerCanvas.CanDrop(Block(PrizeKey(0, 0)), Tiers));
        Assert.Null(DesignerCanvas.Drop(Festival, tier, Rules, -1, Now));
    }

    [Fact]
    public void Read_only_canvases_offer_no_palette_and_every_edit_makes_new_items()
    {
        Assert.DoesNotContain(DesignerCanvas.Items(Festival, [], readOnly: true), i => i.FromPalette);
        var first = DesignerCanvas.Items(Festival, [], readOnly: false, version: 1);
        var second = DesignerCanvas.Items(Festival, [], readOnly: false, version: 2);
        Assert.Empty(first.Where(i => !i.FromPalette).Intersect(second));
        Assert.Equal(first.Where(i => i.FromPalette), second.Where(i => i.FromPalette));
    }

    [Fact]
    public void The_last_prize_of_a_tier_moves_down_into_the_next_tier_and_the_last_tier_cannot_move_down()
    {
        var edit = DesignerCanvas.MoveBy(Festival, PrizeKey(1, 1), 1)!;

        Assert.Equal(["Speaker", "Festival T-shirt"], edit.Document.Tiers![2]!.Prizes!.Select(p => p!.Name));
        Assert.Equal(PrizeKey(2, 0), edit.Selected);
        Assert.Null(DesignerCanvas.MoveBy(Festival, TierKey(2), 1));
        Assert.Null(DesignerCanvas.MoveBy(Festival, Gameplay, -1));
    }
}
