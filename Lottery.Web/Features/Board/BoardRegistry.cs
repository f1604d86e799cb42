namespace Lottery.Web.Features.Board;

/// <summary>A board handed to one watcher; disposing it lets the board go when nobody watches any more.</summary>
public sealed class BoardLease(LiveBoard board, Action release) : IDisposable
{
    private int _released;

    public LiveBoard Board { get; } = board;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            release();
        }
    }
}

/// <summary>
/// One <see cref="LiveBoard"/> per watched activity per node, shared by all its watchers and started on first use
/// (one database load however many open the board at once), released when the last watcher leaves.
/// </summary>
public sealed class BoardRegistry(BoardNotifier notifier, IBoardSource source, TimeProvider clock, ILoggerFactory loggers)
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, Entry> _boards = [];

    /// <summary>The activity's board, or null when the activity does not exist. Check access before showing it.</summary>
    public async Task<BoardLease?> AcquireAsync(Guid activityId, CancellationToken cancellationToken)
    {
        Entry? entry;
        lock (_gate)
        {
            if (!_boards.TryGetValue(activityId, out entry))
            {
                entry = new Entry(StartAsync(activityId));
                _boards[activityId] = entry;
            }

            entry.Count++;
        }

        LiveBoard? board;
        try
        {
            board = await entry.Board.WaitAsync(cancellationToken);
        }
        catch
        {
            Release(activityId, entry);
            throw;
        }

        if (board is null)
        {
            Release(activityId, entry);
            return null;
        }

        return new BoardLease(board, () => Release(activityId, entry));
    }

    private async Task<LiveBoard?> StartAsync(Guid activityId)
    {
        var board = new LiveBoard(activityId, source, clock, loggers.CreateLogger<LiveBoard>());
        try
        {
            if (await board.StartAsync(notifier, CancellationToken.None))
            {
                return board;
            }
        }
        catch
        {
            board.Dispose();
            throw;
        }

        board.Dispose();
        return null;
    }

    private void Release(Guid activityId, Entry entry)
    {
        lock (_gate)
        {
            if (--entry.Count > 0)
            {
                return;
            }

            if (_boards.TryGetValue(activityId, out var current) && current == entry)
            {
                _boards.Remove(activityId);
            }
        }

        _ = entry.Board.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully)
            {
                t.Result?.Dispose();
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private sealed class Entry(Task<LiveBoard?> board)
    {
        public Task<LiveBoard?> Board { get; } = board;

        public int Count { get; set; }
    }
}
