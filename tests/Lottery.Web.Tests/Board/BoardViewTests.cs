using Bunit;
using Lottery.Web.Components.Pages.Board;
using Lottery.Web.Features.Board;
using Microsoft.Extensions.DependencyInjection;
using Radzen;
using Radzen.Blazor;

namespace Lottery.Web.Tests.Board;

public sealed class BoardViewTests : BunitContext
{
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 30, TimeSpan.Zero);

    public BoardViewTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddRadzenComponents();
        // The chart draws itself with Radzen's browser script; here only its place on the board matters.
        ComponentFactories.AddStub<RadzenChart>();
    }

    [Fact]
    public void Board_shows_the_totals_conversion_stock_with_a_sold_out_marker_and_the_masked_winners_feed()
    {
        var board = Render<BoardView>(p => p.Add(b => b.Snapshot, Snapshot("Running")));

        Assert.Equal("Summer wheel", board.Find("[data-testid=board-name]").TextContent);
        Assert.Equal("1,520", board.Find("[data-testid=board-draws]").TextContent);
        Assert.Equal("212", board.Find("[data-testid=board-wins]").TextContent);
        Assert.Equal("530", board.Find("[data-testid=board-players]").TextContent);
        Assert.Equal("13.9%", board.Find("[data-testid=board-conversion]").TextContent);
        Assert.Equal("7", board.Find("[data-testid=board-this-minute]").TextContent);
        var prizes = board.FindAll("[data-testid=board-prize]");
        Assert.Equal(2, prizes.Count);
        Assert.Contains("7 of 10 left", prizes[0].TextContent, StringComparison.Ordinal);
        Assert.Empty(prizes[0].QuerySelectorAll("[data-testid=sold-out]"));
        Assert.Contains("sold-out", prizes[1].ClassList);
        Assert.Equal("Sold out", prizes[1].QuerySelector("[data-testid=sold-out]")!.TextContent.Trim());
        var feed = board.FindAll("[data-testid=board-feed] li");
        Assert.Equal(2, feed.Count);
        Assert.Contains("M***a", feed[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Phone", feed[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("12:00:21", feed[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("Running", board.Find("[data-testid=status-badge]").TextContent.Trim());
    }

    [Fact]
    public void The_kill_switch_is_offered_only_to_those_allowed_and_matches_the_status()
    {
        var paused = 0;
        var resumed = 0;

        var marketer = Render<BoardView>(p => p.Add(b => b.Snapshot, Snapshot("Running")).Add(b => b.CanControl, false));
        Assert.Empty(marketer.FindAll("[data-testid=board-pause]"));

        var manager = Render<BoardView>(p => p.Add(b => b.Snapshot, Snapshot("Running")).Add(b => b.CanControl, true)
            .Add(b => b.OnPause, () => paused++).Add(b => b.OnResume, () => resumed++));
        manager.Find("[data-testid=board-pause]").Click();
        Assert.Equal((1, 0), (paused, resumed));
        Assert.Empty(manager.FindAll("[data-testid=board-resume]"));

        manager.Render(p => p.Add(b => b.Snapshot, Snapshot("Paused")));
        Assert.Empty(manager.FindAll("[data-testid=board-pause]"));
        manager.Find("[data-testid=board-resume]").Click();
        Assert.Equal((1, 1), (paused, resumed));

        manager.Render(p => p.Add(b => b.Snapshot, Snapshot("Ended")));
        Assert.Empty(manager.FindAll("[data-testid=board-pause], [data-testid=board-resume]"));
    }

    [Fact]
    public void A_board_without_winners_says_where_they_will_appear()
    {
        var board = Render<BoardView>(p => p.Add(b => b.Snapshot, Snapshot("Running") with { LatestWinners = [] }));

        Assert.Empty(board.FindAll("[data-testid=board-feed]"));
        Assert.Contains("No winners yet", board.Markup, StringComparison.Ordinal);
    }

    private static BoardSnapshot Snapshot(string status) => new(
        Guid.NewGuid(), "Summer wheel", "Instant", status, 1520, 212, 530,
        [.. Enumerable.Range(0, LiveBoard.ChartMinutes).Select(i => new MinuteCount(Now.AddMinutes(i - LiveBoard.ChartMinutes + 1), i == LiveBoard.ChartMinutes - 1 ? 7 : i, 0))],
        [new PrizeStock(Guid.NewGuid(), "Phone", 10, 7), new PrizeStock(Guid.NewGuid(), "Mug", 5, 0)],
        [new RecentWinner(Guid.NewGuid(), "M***a", "Phone", Now.AddSeconds(-9)), new RecentWinner(Guid.NewGuid(), "G***t", "Mug", Now.AddSeconds(-40))],
        Now, 3);
}
