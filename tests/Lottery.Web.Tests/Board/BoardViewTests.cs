using AngleSharp.Dom;
using Bunit;
using Lottery.Web.Components.Pages.Board;
using Lottery.Web.Extensions;
using Lottery.Web.Features.Board;
using Lottery.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Lottery.Web.Tests.Board;

public sealed class BoardViewTests : MudTestContext
{
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 30, TimeSpan.Zero);

    public BoardViewTests()
    {
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<ViewerTimeZone>();
    }

    [Fact]
    public void Board_shows_the_totals_win_rate_stock_with_a_sold_out_marker_and_the_masked_winners_feed()
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
        // The same words as the kiosk screen: Winners and Win rate, never "Conversion".
        var labels = board.FindAll(".tile .label").Select(l => l.TextContent).ToList();
        Assert.Equal(["Draws", "Winners", "Players", "Win rate", "Draws this minute"], labels);
        Assert.DoesNotContain("Conversion", board.Find("[data-testid=board]").TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_chart_legend_says_draws_and_wins_in_words()
    {
        var board = Render<BoardView>(p => p.Add(b => b.Snapshot, Snapshot("Running")));

        var chart = board.Find("[data-testid=board-chart]");
        var legend = chart.QuerySelectorAll(".mud-chart-legend-item").Select(i => i.TextContent.Trim()).ToList();
        Assert.Equal(["Draws", "Wins"], legend);
    }

    [Fact]
    public void Stock_bars_are_green_while_plenty_is_left_amber_when_low_and_grey_when_sold_out_never_red()
    {
        var snapshot = Snapshot("Running") with
        {
            Prizes =
            [
                new PrizeStock(Guid.NewGuid(), "Full", 10, 10), new PrizeStock(Guid.NewGuid(), "Half", 10, 5),
                new PrizeStock(Guid.NewGuid(), "Low", 10, 1), new PrizeStock(Guid.NewGuid(), "Gone", 10, 0),
            ],
        };

        var board = Render<BoardView>(p => p.Add(b => b.Snapshot, snapshot));

        var prizes = board.FindAll("[data-testid=board-prize]");
        Assert.Equal(["success", "success", "warning", "neutral"], prizes.Select(p => p.GetAttribute("data-tone")));
        Assert.Equal(["success", "success", "warning", "default"], prizes.Select(BarColour));
        Assert.Empty(board.FindAll(".stock-card .mud-error, .stock-card [class*=color-error], .stock-card .tone-danger"));
        Assert.Equal("Full: 10 of 10 left", prizes[0].QuerySelector("[role=progressbar]")?.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Pausing_asks_first_keep_running_changes_nothing_and_confirming_pauses()
    {
        var paused = 0;
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var board = Render<BoardView>(p => p.Add(b => b.Snapshot, Snapshot("Running")).Add(b => b.CanControl, true)
            .Add(b => b.OnPause, () => paused++));

        // The click's handler waits for the answer, so it completes only once a dialog button is chosen.
        var asking = board.Find("[data-testid=board-pause]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Pause all draws?", dialogs.Markup, StringComparison.Ordinal));
        Assert.Contains("cannot draw until you resume", dialogs.Markup, StringComparison.Ordinal);
        Assert.Equal(0, paused);
        await DialogButton(dialogs, "Keep running").ClickAsync(new());
        await asking.WaitAsync(TimeSpan.FromSeconds(10));
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Pause all draws?", dialogs.Markup, StringComparison.Ordinal));
        Assert.Equal(0, paused);

        asking = board.Find("[data-testid=board-pause]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Pause all draws?", dialogs.Markup, StringComparison.Ordinal));
        await DialogButton(dialogs, "Pause draws").ClickAsync(new());
        await asking.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, paused);
    }

    [Fact]
    public void The_kill_switch_is_offered_only_to_those_allowed_and_matches_the_status()
    {
        var resumed = 0;

        var marketer = Render<BoardView>(p => p.Add(b => b.Snapshot, Snapshot("Running")).Add(b => b.CanControl, false));
        Assert.Empty(marketer.FindAll("[data-testid=board-pause]"));

        var manager = Render<BoardView>(p => p.Add(b => b.Snapshot, Snapshot("Running")).Add(b => b.CanControl, true)
            .Add(b => b.OnResume, () => resumed++));
        Assert.Single(manager.FindAll("[data-testid=board-pause]"));
        Assert.Empty(manager.FindAll("[data-testid=board-resume]"));

        manager.Render(p => p.Add(b => b.Snapshot, Snapshot("Paused")));
        Assert.Empty(manager.FindAll("[data-testid=board-pause]"));
        manager.Find("[data-testid=board-resume]").Click();
        Assert.Equal(1, resumed);

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

    [Fact]
    public void Feed_times_are_in_the_viewers_time_zone()
    {
        JSInterop.SetupModule("./Components/Shared/LocalTime.razor.js").Setup<string?>("timeZone").SetResult("Asia/Tokyo");

        var board = Render<BoardView>(p => p.Add(b => b.Snapshot, Snapshot("Running")));

        board.WaitForAssertion(() => Assert.Equal("21:00:21", board.Find("[data-testid=board-feed] li time").TextContent));
        Assert.Contains("Asia/Tokyo (UTC+09:00)", board.Find("[data-testid=time-zone-note]").TextContent, StringComparison.Ordinal);
    }

    private static string BarColour(IElement prize)
    {
        var classes = prize.QuerySelector(".mud-progress-linear")!.ClassList;
        return classes.FirstOrDefault(c => c.StartsWith("mud-progress-linear-color-", StringComparison.Ordinal))?["mud-progress-linear-color-".Length..] ?? "";
    }

    private static IElement DialogButton(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private static BoardSnapshot Snapshot(string status) => new(
        Guid.NewGuid(), "Summer wheel", "Instant", status, 1520, 212, 530,
        [.. Enumerable.Range(0, LiveBoard.ChartMinutes).Select(i => new MinuteCount(Now.AddMinutes(i - LiveBoard.ChartMinutes + 1), i == LiveBoard.ChartMinutes - 1 ? 7 : i, i % 3))],
        [new PrizeStock(Guid.NewGuid(), "Phone", 10, 7), new PrizeStock(Guid.NewGuid(), "Mug", 5, 0)],
        [new RecentWinner(Guid.NewGuid(), "M***a", "Phone", Now.AddSeconds(-9)), new RecentWinner(Guid.NewGuid(), "G***t", "Mug", Now.AddSeconds(-40))],
        Now, 3);
}
