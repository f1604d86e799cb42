using Lottery.Web.Features.Board;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lottery.Web.Tests.Board;

public sealed class LiveBoardTests : IDisposable
{
    private static readonly Guid Activity = Guid.NewGuid();
    private static readonly Guid Phone = Guid.NewGuid();
    private static readonly Guid Mug = Guid.NewGuid();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 6, 1, 12, 0, 30, TimeSpan.Zero));
    private readonly BoardNotifier _notifier = new();
    private readonly FakeSource _source = new();
    private readonly List<BoardSnapshot> _snapshots = [];
    private LiveBoard? _board;

    public void Dispose() => _board?.Dispose();

    [Fact]
    public async Task A_burst_of_thousands_of_draws_a_second_is_rendered_at_most_four_times_a_second()
    {
        await StartAsync();
        _clock.Advance(TimeSpan.FromSeconds(5)); // a quiet moment since the first snapshot
        var before = _snapshots.Count;
        var burst = _clock.GetUtcNow();

        // One second at 6,000 draws/s: 60 draws every 10 ms.
        for (var step = 0; step < 100; step++)
        {
            _notifier.Deliver(Activity, [.. Enumerable.Range(0, 60).Select(_ => Draw(won: false))]);
            _clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        var rendered = _snapshots.Skip(before).ToList();
        Assert.Equal(4, rendered.Count(s => s.At < burst.AddSeconds(1)));
        Assert.All(rendered.Zip(rendered.Skip(1)), pair => Assert.True(pair.Second.At - pair.First.At >= LiveBoard.MinInterval));
        _clock.Advance(LiveBoard.MinInterval);
        Assert.Equal(100 + 6_000, _snapshots[^1].Draws);
        Assert.Equal(_snapshots.Select(s => s.Sequence).Order(), _snapshots.Select(s => s.Sequence));
    }

    [Fact]
    public async Task A_single_win_after_a_quiet_moment_is_shown_at_once_with_the_masked_winner_and_the_stock_taken()
    {
        await StartAsync();
        _clock.Advance(TimeSpan.FromSeconds(2));

        _notifier.Deliver(Activity, [Draw(won: true, prize: Phone, player: _source.NamedPlayer)]);

        var shown = _snapshots[^1];
        Assert.Equal(101, shown.Draws);
        Assert.Equal(11, shown.Wins);
        Assert.Equal(51, shown.Players);
        Assert.Equal(4, shown.Prizes.Single(p => p.Id == Phone).Remaining);
        var line = shown.LatestWinners[0];
        Assert.Equal(("M***a", "Phone"), (line.Player, line.Prize));
        Assert.Equal(1, shown.PerMinute[^1].Draws);
        Assert.Equal(1, shown.PerMinute[^1].Wins);
        Assert.Equal(11.0 / 101, shown.Conversion, 6);
    }

    [Fact]
    public async Task A_prize_whose_last_unit_is_won_is_marked_sold_out()
    {
        await StartAsync();
        _clock.Advance(TimeSpan.FromSeconds(1));

        _notifier.Deliver(Activity, [Draw(won: true, prize: Mug)]);

        var mug = _snapshots[^1].Prizes.Single(p => p.Id == Mug);
        Assert.True(mug.SoldOut);
        Assert.False(_snapshots[^1].Prizes.Single(p => p.Id == Phone).SoldOut);
    }

    [Fact]
    public async Task Draws_racing_the_first_load_are_counted_once_whether_or_not_the_load_saw_them()
    {
        var gate = new TaskCompletionSource();
        _source.Gate = gate.Task;
        var start = StartAsync();
        var seen = Draw(won: false);
        var unseen = Draw(won: false);
        _source.Known.Add(seen.DrawId!.Value); // committed before the load read the database

        _notifier.Deliver(Activity, [seen, unseen]);
        gate.SetResult();
        await start;

        Assert.Equal(101, _snapshots[^1].Draws);
    }

    [Fact]
    public async Task A_pause_from_anywhere_changes_the_status_and_what_the_kill_switch_offers()
    {
        await StartAsync();
        Assert.True(_snapshots[^1].CanPause);
        _clock.Advance(TimeSpan.FromSeconds(1));

        _notifier.Deliver(Activity, [BoardEvent.ForStatus(Activity, _clock.GetUtcNow(), "Paused")]);

        Assert.Equal("Paused", _snapshots[^1].Status);
        Assert.True(_snapshots[^1].CanResume);
        Assert.False(_snapshots[^1].CanPause);
    }

    [Fact]
    public async Task A_scheduled_draw_reloads_the_board_for_its_winners_and_a_cancellation_shows_at_once()
    {
        await StartAsync();
        _clock.Advance(TimeSpan.FromSeconds(1));

        _notifier.Deliver(Activity, [new BoardEvent(Activity, BoardEventKind.Drawn, _clock.GetUtcNow(), Status: "Drawn", Winners: 1)]);

        Assert.Equal(2, _source.Loads);
        _clock.Advance(LiveBoard.MinInterval);
        Assert.Equal("Running", _snapshots[^1].Status); // what the (fake) database says after the reload
        _notifier.Deliver(Activity, [BoardEvent.ForStatus(Activity, _clock.GetUtcNow(), "Cancelled")]);
        _clock.Advance(LiveBoard.MinInterval);
        Assert.Equal("Cancelled", _snapshots[^1].Status);
        Assert.False(_snapshots[^1].CanPause || _snapshots[^1].CanResume);
    }

    [Fact]
    public async Task The_chart_keeps_thirty_minutes_and_counts_each_draw_in_its_minute()
    {
        await StartAsync();
        _clock.Advance(TimeSpan.FromMinutes(2));

        _notifier.Deliver(Activity, [Draw(won: false), Draw(won: true, prize: Phone)]);
        _clock.Advance(LiveBoard.MinInterval); // the periodic resync may have just rendered

        var chart = _snapshots[^1].PerMinute;
        Assert.Equal(LiveBoard.ChartMinutes, chart.Count);
        Assert.Equal((2, 1), (chart[^1].Draws, chart[^1].Wins));
        Assert.Equal((3, 1), (chart[^4].Draws, chart[^4].Wins)); // the seed's recent draws, at 11:59
        Assert.Equal(0, chart[^2].Draws + chart[^3].Draws);
    }

    [Fact]
    public async Task A_board_left_by_its_last_watcher_stops_listening()
    {
        var registry = new BoardRegistry(_notifier, _source, _clock, NullLoggerFactory.Instance);
        var first = await registry.AcquireAsync(Activity, CancellationToken.None);
        var second = await registry.AcquireAsync(Activity, CancellationToken.None);
        Assert.Same(first!.Board, second!.Board);
        Assert.Equal(1, _source.Loads);

        first.Dispose();
        Assert.Contains(Activity, _notifier.WatchedActivities);
        second.Dispose();
        Assert.DoesNotContain(Activity, _notifier.WatchedActivities);
        Assert.Null(await registry.AcquireAsync(Guid.NewGuid(), CancellationToken.None));
    }

    private async Task StartAsync()
    {
        _board = new LiveBoard(Activity, _source, _clock, NullLogger<LiveBoard>.Instance);
        _board.Changed += _snapshots.Add;
        Assert.True(await _board.StartAsync(_notifier, CancellationToken.None));
    }

    private BoardEvent Draw(bool won, Guid? prize = null, Guid? player = null) =>
        BoardEvent.ForDraw(Activity, _clock.GetUtcNow(), Guid.NewGuid(), player ?? Guid.NewGuid(), won ? prize ?? Phone : null);

    private sealed class FakeSource : IBoardSource
    {
        public Guid NamedPlayer { get; } = Guid.NewGuid();

        public HashSet<Guid> Known { get; } = [];

        public Task Gate { get; set; } = Task.CompletedTask;

        public int Loads { get; private set; }

        public async Task<BoardSeed?> LoadAsync(Guid activityId, DateTimeOffset since, CancellationToken cancellationToken)
        {
            await Gate;
            if (activityId != Activity)
            {
                return null;
            }

            Loads++;
            var minuteAgo = new DateTimeOffset(2030, 6, 1, 11, 59, 10, TimeSpan.Zero); // the clock starts at 12:00:30
            return new BoardSeed(Guid.NewGuid(), "Lucky Wheel", "Instant", "Running", 100, 10,
                [.. Enumerable.Range(0, 50).Select(_ => Guid.NewGuid())],
                [(minuteAgo, false), (minuteAgo, true), (minuteAgo, false)],
                [new PrizeStock(Phone, "Phone", 10, 5), new PrizeStock(Mug, "Mug", 20, 1)],
                [new RecentWinner(Guid.NewGuid(), "A***e", "Mug", minuteAgo)]);
        }

        public Task<IReadOnlySet<Guid>> KnownDrawsAsync(IReadOnlyCollection<Guid> drawIds, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlySet<Guid>>(drawIds.Where(Known.Contains).ToHashSet());

        public Task<IReadOnlyDictionary<Guid, string>> MaskedNamesAsync(IReadOnlyCollection<Guid> playerIds, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<Guid, string>>(playerIds.ToDictionary(id => id, id => id == NamedPlayer ? "M***a" : "Guest"));

        public Task FlushAsync(Guid activityId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
