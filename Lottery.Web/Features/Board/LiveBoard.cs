namespace Lottery.Web.Features.Board;

/// <summary>
/// The live numbers of one activity on one node, shared by every board watching it there (Blazor pages and SignalR
/// kiosk groups). Starts from the database (<see cref="IBoardSource"/>), then counts the events the notifier delivers.
/// Snapshots are coalesced: at most one per <see cref="MinInterval"/> (4 a second), the first at once, so a single draw
/// shows immediately and a burst of thousands costs four renders a second. When the activity has been quiet for a
/// moment, the board reloads from the database every <see cref="ResyncEvery"/>, which heals anything a lost pub/sub
/// message left out.
/// </summary>
public sealed partial class LiveBoard : IDisposable
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan ResyncEvery = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(2);
    public const int ChartMinutes = 30;
    public const int FeedSize = 20;

    private readonly object _gate = new();
    private readonly IBoardSource _source;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Dictionary<long, (int Draws, int Wins)> _minutes = [];
    private readonly List<FeedLine> _feed = [];
    private readonly List<PrizeState> _prizes = [];
    private HashSet<Guid> _players = [];
    private IDisposable? _subscription;
    private ITimer? _flushTimer;
    private ITimer? _resyncTimer;
    private List<BoardEvent>? _buffer;
    private BoardSeed? _seed;
    private BoardSnapshot? _current;
    private string _status = "";
    private long _draws;
    private long _wins;
    private long _sequence;
    private bool _dirty;
    private bool _flushing;
    private bool _disposed;
    private DateTimeOffset _lastEmit = DateTimeOffset.MinValue;
    private DateTimeOffset _lastEvent = DateTimeOffset.MinValue;
    private DateTimeOffset _loadedAt;

    public LiveBoard(Guid activityId, IBoardSource source, TimeProvider clock, ILogger<LiveBoard> logger)
    {
        ActivityId = activityId;
        _source = source;
        _clock = clock;
        _logger = logger;
    }

    public Guid ActivityId { get; }

    /// <summary>The activity's tenant (known once started).</summary>
    public Guid TenantId => _seed?.TenantId ?? Guid.Empty;

    /// <summary>The latest emitted snapshot (null before the first load completes).</summary>
    public BoardSnapshot? Current => Volatile.Read(ref _current);

    /// <summary>Raised with each coalesced snapshot, at most once per <see cref="MinInterval"/>, outside any lock.</summary>
    public event Action<BoardSnapshot>? Changed;

    /// <summary>Subscribes to the notifier, then loads from the database; false when the activity does not exist.</summary>
    public async Task<bool> StartAsync(BoardNotifier notifier, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _buffer = [];
        }

        // Subscribe before loading: an event racing the load is buffered, then counted only if the load missed it.
        _subscription = await notifier.SubscribeAsync(ActivityId, OnEvents);
        if (!await LoadAsync(cancellationToken))
        {
            return false;
        }

        _resyncTimer = _clock.CreateTimer(_ => _ = ResyncIfQuietAsync(), null, ResyncEvery, ResyncEvery);
        await FlushAsync();
        return true;
    }

    /// <summary>Applies delivered events (called by the notifier, from any thread).</summary>
    public void OnEvents(IReadOnlyList<BoardEvent> events)
    {
        bool flushNow;
        var reload = false;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (_buffer is not null)
            {
                _buffer.AddRange(events);
                return;
            }

            foreach (var e in events)
            {
                reload |= Apply(e);
            }

            _lastEvent = _clock.GetUtcNow();
            _dirty = true;
            flushNow = ScheduleLocked();
        }

        if (reload)
        {
            _ = ReloadAsync();
        }
        else if (flushNow)
        {
            _ = FlushAsync();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _flushTimer?.Dispose();
            _flushTimer = null;
        }

        _resyncTimer?.Dispose();
        _subscription?.Dispose();
    }

    /// <summary>Loads the seed; events that arrive meanwhile are buffered and applied unless the load already counted them.</summary>
    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var seed = await _source.LoadAsync(ActivityId, MinuteOf(now).AddMinutes(-ChartMinutes), cancellationToken);
        if (seed is null)
        {
            return false;
        }

        var known = new HashSet<Guid>();
        var checkedCount = 0;
        while (true)
        {
            List<Guid> toCheck;
            lock (_gate)
            {
                var buffer = _buffer ?? [];
                if (checkedCount == buffer.Count)
                {
                    Reset(seed);
                    foreach (var e in buffer.Where(e => e.DrawId is not { } id || !known.Contains(id)))
                    {
                        Apply(e);
                    }

                    _buffer = null;
                    _loadedAt = _clock.GetUtcNow();
                    _dirty = true;
                    return true;
                }

                toCheck = [.. buffer.Skip(checkedCount).Where(e => e.DrawId is not null).Select(e => e.DrawId!.Value)];
                checkedCount = buffer.Count;
            }

            if (toCheck.Count > 0)
            {
                known.UnionWith(await _source.KnownDrawsAsync(toCheck, cancellationToken));
            }
        }
    }

    private void Reset(BoardSeed seed)
    {
        _seed = seed;
        _status = seed.Status;
        _draws = seed.Draws;
        _wins = seed.Wins;
        _players = [.. seed.Players];
        _minutes.Clear();
        foreach (var (at, won) in seed.RecentDraws)
        {
            Count(at, won);
        }

        _prizes.Clear();
        _prizes.AddRange(seed.Prizes.Select(p => new PrizeState(p.Id, p.Name, p.Stock) { Remaining = p.Remaining }));
        _feed.Clear();
        _feed.AddRange(seed.LatestWinners.Take(FeedSize).Select(w => new FeedLine(w.Id, null, w.Player, w.Prize, w.At)));
    }

    /// <summary>Applies one event; true when the board must reload (a scheduled draw fixed its winners).</summary>
    private bool Apply(BoardEvent e)
    {
        switch (e.Kind)
        {
            case BoardEventKind.Draw:
                _draws++;
                Count(e.At, e.Won);
                if (e.PlayerId is { } player)
                {
                    _players.Add(player);
                }

                if (e.Won)
                {
                    _wins++;
                    var prize = _prizes.Find(p => p.Id == e.PrizeId);
                    if (prize is not null)
                    {
                        prize.Remaining = Math.Max(0, prize.Remaining - 1);
                    }

                    _feed.Insert(0, new FeedLine(e.DrawId ?? Guid.Empty, e.PlayerId, null, prize?.Name ?? "Prize", e.At));
                    if (_feed.Count > FeedSize)
                    {
                        _feed.RemoveAt(_feed.Count - 1);
                    }
                }

                return false;
            case BoardEventKind.Status:
                _status = e.Status ?? _status;
                return false;
            case BoardEventKind.Drawn:
                _status = e.Status ?? "Drawn";
                return true;
            default:
                return false;
        }
    }

    private void Count(DateTimeOffset at, bool won)
    {
        var key = MinuteOf(at).UtcTicks;
        _minutes.TryGetValue(key, out var count);
        _minutes[key] = (count.Draws + 1, count.Wins + (won ? 1 : 0));
    }

    /// <summary>Decides when the pending change is emitted: now (returns true), or by a timer at the end of the interval.</summary>
    private bool ScheduleLocked()
    {
        if (!_dirty || _flushing || _flushTimer is not null || _disposed)
        {
            return false;
        }

        var wait = _lastEmit == DateTimeOffset.MinValue ? TimeSpan.Zero : _lastEmit + MinInterval - _clock.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            return true;
        }

        _flushTimer = _clock.CreateTimer(_ =>
        {
            lock (_gate)
            {
                _flushTimer?.Dispose();
                _flushTimer = null;
            }

            _ = FlushAsync();
        }, null, wait, Timeout.InfiniteTimeSpan);
        return false;
    }

    private async Task FlushAsync()
    {
        List<Guid> unnamed;
        lock (_gate)
        {
            if (_flushing || _disposed || _buffer is not null)
            {
                return;
            }

            _flushing = true;
            _dirty = false;
            unnamed = [.. _feed.Where(f => f.Player is null && f.PlayerId is not null).Select(f => f.PlayerId!.Value).Distinct()];
        }

        IReadOnlyDictionary<Guid, string> names = new Dictionary<Guid, string>();
        try
        {
            if (unnamed.Count > 0)
            {
                names = await _source.MaskedNamesAsync(unnamed, CancellationToken.None);
            }
        }
#pragma warning disable CA1031 // a board must keep running when a name lookup fails; the line shows "Guest"
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogNamesFailed(_logger, ActivityId, ex);
        }

        BoardSnapshot snapshot;
        bool again;
        lock (_gate)
        {
            foreach (var line in _feed.Where(f => f.Player is null))
            {
                line.Player = line.PlayerId is { } id && names.TryGetValue(id, out var name) ? name : "Guest";
            }

            var now = _clock.GetUtcNow();
            snapshot = BuildLocked(now);
            Volatile.Write(ref _current, snapshot);
            _lastEmit = now;
            _flushing = false;
            again = ScheduleLocked();
        }

        Changed?.Invoke(snapshot);
        if (again)
        {
            await FlushAsync();
        }
    }

    private BoardSnapshot BuildLocked(DateTimeOffset now)
    {
        var first = MinuteOf(now).AddMinutes(-(ChartMinutes - 1));
        foreach (var old in _minutes.Keys.Where(k => k < first.UtcTicks).ToList())
        {
            _minutes.Remove(old);
        }

        var perMinute = Enumerable.Range(0, ChartMinutes).Select(i =>
        {
            var minute = first.AddMinutes(i);
            _minutes.TryGetValue(minute.UtcTicks, out var count);
            return new MinuteCount(minute, count.Draws, count.Wins);
        }).ToList();
        var seed = _seed!;
        return new BoardSnapshot(ActivityId, seed.Name, seed.Kind, _status, _draws, _wins, _players.Count, perMinute,
            [.. _prizes.Select(p => new PrizeStock(p.Id, p.Name, p.Stock, p.Remaining))],
            [.. _feed.Select(f => new RecentWinner(f.Id, f.Player ?? "Guest", f.Prize, f.At))],
            now, ++_sequence);
    }

    private async Task ResyncIfQuietAsync()
    {
        var now = _clock.GetUtcNow();
        bool due;
        lock (_gate)
        {
            due = !_disposed && _buffer is null && now - _lastEvent >= QuietFor && now - _loadedAt >= ResyncEvery;
        }

        if (due)
        {
            await _source.FlushAsync(ActivityId, CancellationToken.None);
            await ReloadAsync();
        }
    }

    private async Task ReloadAsync()
    {
        try
        {
            lock (_gate)
            {
                if (_buffer is not null || _disposed)
                {
                    return;
                }

                _buffer = [];
            }

            if (!await LoadAsync(CancellationToken.None))
            {
                lock (_gate)
                {
                    _buffer = null;
                }

                return;
            }

            await FlushAsync();
        }
#pragma warning disable CA1031 // a failed reload keeps the board on its counted numbers; the next one retries
        catch (Exception ex)
#pragma warning restore CA1031
        {
            lock (_gate)
            {
                _buffer = null;
            }

            LogReloadFailed(_logger, ActivityId, ex);
        }
    }

    private static DateTimeOffset MinuteOf(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Board of activity {ActivityId}: winner names could not be loaded")]
    private static partial void LogNamesFailed(ILogger logger, Guid activityId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Board of activity {ActivityId}: reloading from the database failed")]
    private static partial void LogReloadFailed(ILogger logger, Guid activityId, Exception exception);

    private sealed class PrizeState(Guid id, string name, int stock)
    {
        public Guid Id { get; } = id;

        public string Name { get; } = name;

        public int Stock { get; } = stock;

        public int Remaining { get; set; }
    }

    private sealed class FeedLine(Guid id, Guid? playerId, string? player, string prize, DateTimeOffset at)
    {
        public Guid Id { get; } = id;

        public Guid? PlayerId { get; } = playerId;

        public string? Player { get; set; } = player;

        public string Prize { get; } = prize;

        public DateTimeOffset At { get; } = at;
    }
}
