using Bunit;
using Lottery.Web.Components.Pages.Winners;
using Lottery.Web.Features.Winners;
using Lottery.Web.Tests.Support;
using Microsoft.AspNetCore.Components;

namespace Lottery.Web.Tests.Winners;

/// <summary>The winners list: boxes select winners to ship together, and the bulk action says why it cannot be used.</summary>
public sealed class WinnersGridTests : MudTestContext
{
    private readonly WinnerLine _mia = Winners.Claimed("Mia", minutes: 3);
    private readonly WinnerLine _noah = Winners.Claimed("Noah", minutes: 2);
    private readonly WinnerLine _liam = Winners.AwaitingAddress("Liam");

    public WinnersGridTests() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    /// <summary>A row's box, found by its accessible name as a screen reader announces it.</summary>
    private static AngleSharp.Dom.IElement Box(IRenderedComponent<WinnersGrid> grid, string name)
    {
        var label = grid.FindAll("span.mud-sr-only").Single(s => s.TextContent == name);
        return grid.Find($"input[type=checkbox][aria-labelledby='{label.Id}']");
    }


    [Fact]
    public void Ticking_two_claimed_winners_and_choosing_bulk_ship_hands_both_over_newest_first()
    {
        HashSet<WinnerLine> chosen = [];
        IReadOnlyList<WinnerLine>? shipped = null;
        var grid = Render<WinnersGrid>(p => p
            .Add(g => g.Lines, [_liam, _noah, _mia])
            .Add(g => g.CanChange, true)
            .Add(g => g.ChosenChanged, set => chosen = set)
            .Add(g => g.OnBulkShip, list => shipped = list));

        foreach (var player in new[] { "N***h", "M***a" })
        {
            Box(grid, $"Select {player}, Festival hoodie").Change(true);
            grid.Render(p => p.Add(g => g.Chosen, chosen));
        }

        Assert.Equal("2 selected", grid.Find("[data-testid=bulk-count]").TextContent);
        Assert.Empty(grid.FindAll("[data-testid=bulk-ship-reason]"));
        grid.Find("[data-testid=bulk-ship]").Click();
        Assert.Equal([_mia, _noah], shipped);
    }

    [Fact]
    public void The_bulk_ship_button_is_never_disabled_without_a_visible_reason()
    {
        HashSet<WinnerLine> chosen = [];
        var grid = Render<WinnersGrid>(p => p
            .Add(g => g.Lines, [_liam, _noah, _mia])
            .Add(g => g.CanChange, true)
            .Add(g => g.ChosenChanged, set => chosen = set));

        Assert.True(grid.Find("[data-testid=bulk-ship]").HasAttribute("disabled"));
        Assert.Equal("Tick the boxes of claimed winners to ship them together.", grid.Find("[data-testid=bulk-ship-reason]").TextContent);

        Box(grid, "Select L***m, Festival hoodie").Change(true);
        grid.Render(p => p.Add(g => g.Chosen, chosen));

        Assert.True(grid.Find("[data-testid=bulk-ship]").HasAttribute("disabled"));
        Assert.Equal("None of the selected winners can be shipped: only claimed physical prizes can.",
            grid.Find("[data-testid=bulk-ship-reason]").TextContent);
    }

    [Fact]
    public void A_marketer_sees_the_winners_without_boxes_or_bulk_actions()
    {
        var grid = Render<WinnersGrid>(p => p.Add(g => g.Lines, [_liam, _noah, _mia]).Add(g => g.CanChange, false));

        Assert.Equal(3, grid.FindAll("[data-testid=winner-grid] tbody tr").Count);
        Assert.Empty(grid.FindAll("input[type=checkbox]"));
        Assert.Empty(grid.FindAll("[data-testid=bulk-bar]"));
    }

    [Fact]
    public void Shipped_and_claimed_statuses_read_in_words_and_are_never_red()
    {
        var shipped = Winners.Shipped("Emma", "SF1");
        var grid = Render<WinnersGrid>(p => p.Add(g => g.Lines, [_liam, _mia, shipped, Winners.Voucher("Ava")]));

        var chips = grid.FindAll("[data-testid=win-status]");
        Assert.Equal(["Awaiting address", "Claimed", "Shipped", "Claimed"], chips.Select(c => c.TextContent));
        Assert.Equal(["tone-warning", "tone-info", "tone-success", "tone-success"],
            chips.Select(c => c.ClassList.Single(k => k.StartsWith("tone-", StringComparison.Ordinal) && k != "tone-dot")));
    }
}
