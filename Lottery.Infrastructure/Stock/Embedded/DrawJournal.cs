using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Lottery.Domain.Common;
using Lottery.Domain.Stock;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Lottery.Infrastructure.Stock.Embedded;

/// <summary>
/// Group commit for the embedded store: concurrent draws wait in a queue, one writer takes everything queued (up to
/// <see cref="MaxBatch"/>) and decides and writes the whole batch in one transaction, then answers every waiting draw.
/// A draw is answered only after its record, its win, the player's counters and the prize's issued count are committed,
/// so an answered draw is never lost. The database is the gate: the batch reads the counters, grants, stock and earlier
/// idempotent draws it needs, decides each draw in order in memory (limits, stock beyond what later time slots hold
/// back, per-tier win limits), and writes the result with guarded statements (a counter or prize row changed by another
/// node since the read, or an insert that collides, rolls the batch back and it is decided again). The hot prize row is
/// written once per batch, not once per draw, and a SQLite database has one writer instead of many waiting for its lock.
/// </summary>
public sealed partial class DrawJournal : IAsyncDisposable
{
    public const int MaxBatch = 256;

    /// <summary>The meter of the draw path's instruments (<see cref="WaitInstrument"/>, <see cref="BatchInstrument"/>).</summary>
    public const string MeterName = "Lottery.Draws";

    /// <summary>Milliseconds a draw spends in the journal: queued, decided and committed with its batch.</summary>
    public const string WaitInstrument = "lottery.draw.journal.wait";

    /// <summary>Draws per committed batch.</summary>
    public const string BatchInstrument = "lottery.draw.journal.batch";

    private const int MaxAttempts = 5;

    private readonly IDbContextFactory<LotteryDbContext> _contexts;
    private readonly ILogger<DrawJournal> _logger;
    private readonly Channel<Entry> _queue = Channel.CreateUnbounded<Entry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lazy<Task> _writer;
    private readonly Histogram<double>? _wait;
    private readonly Histogram<int>? _batch;
    private long _commits;

    public DrawJournal(IDbContextFactory<LotteryDbContext> contexts, DrawRecordWriter writer, ILogger<DrawJournal> logger, IMeterFactory? meters = null)
    {
        _contexts = contexts;
        Writer = writer;
        _logger = logger;
        _writer = new Lazy<Task>(() => Task.Run(RunAsync));
        if (meters is not null)
        {
            var meter = meters.Create(MeterName);
            _wait = meter.CreateHistogram<double>(WaitInstrument, "ms", "Time a draw spends in the journal: queued, decided and committed with its batch.");
            _batch = meter.CreateHistogram<int>(BatchInstrument, "{draw}", "Draws per committed batch.");
        }
    }

    /// <summary>Transactions committed so far (each carries one or more draws).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    private DrawRecordWriter Writer { get; }

    /// <summary>Queues the draw and completes once its batch is committed (or refused, or failed).</summary>
    public Task<Result<DrawResult>> CommitAsync(DrawRequest request) => CommitAsync(new JournalDraw(request));

    /// <summary>Queues a draw (with the gate's verdict, if a gate decided it) and completes once its batch is committed.</summary>
    public Task<Result<DrawResult>> CommitAsync(JournalDraw draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        var entry = new Entry(draw, new TaskCompletionSource<Result<DrawResult>>(TaskCreationOptions.RunContinuationsAsynchronously),
            Stopwatch.GetTimestamp());
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(entry), this);

        _ = _writer.Value;
        return entry.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer.IsValueCreated)
        {
            await _writer.Value;
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<Entry>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            try
            {
                var results = await CommitWithRetriesAsync(batch);
                _batch?.Record(batch.Count);
                for (var i = 0; i < batch.Count; i++)
                {
                    _wait?.Record(Stopwatch.GetElapsedTime(batch[i].Queued).TotalMilliseconds);
                    batch[i].Done.TrySetResult(results[i]);
                }
            }
#pragma warning disable CA1031 // the writer outlives any failure: the batch's draws fail (nothing was answered), the next batch goes on
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogBatchFailed(_logger, batch.Count, ex);
                foreach (var entry in batch)
                {
                    entry.Done.TrySetException(ex);
                }
            }

            batch.Clear();
        }
    }

    private async Task<Result<DrawResult>[]> CommitWithRetriesAsync(List<Entry> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var results = await CommitAsync(batch);
                Interlocked.Increment(ref _commits);
                return results;
            }
            catch (Exception ex) when (attempt < MaxAttempts
                && (ex is JournalConflictException or System.Data.Common.DbException { IsTransient: true } || DatabaseErrors.IsConstraintViolation(ex)))
            {
                // Another node changed a row this batch read, wrote the same player's first counter or idempotent draw,
                // or the database chose this transaction as a deadlock victim: decide the batch again on fresh data.
                LogBatchRetried(_logger, batch.Count, attempt);
            }
        }
    }

    private async Task<Result<DrawResult>[]> CommitAsync(List<Entry> batch)
    {
        await using var db = await _contexts.CreateDbContextAsync();
        db.Database.AutoSavepointsEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync();
        var draws = batch.Select(e => e.Draw).ToList();
        // Lock the prize rows of the batch's activities before reading anything: batches of other nodes on the same
        // database that draw in these activities queue behind this one, so what it reads (stock, and its players'
        // counters, which only journal batches of the same activity write) stays true until it commits. SQLite's write
        // transaction holds the whole database already.
        var activityIds = draws.Select(d => d.Request.Limits.ActivityId).Distinct().ToList();
        await db.ActivityPrizes.IgnoreQueryFilters().Where(p => activityIds.Contains(p.ActivityId))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Issued, p => p.Issued));

        var state = await JournalState.ReadAsync(db, draws);
        var results = draws.Select(state.Decide).ToArray();
        await state.WriteAsync(db, Writer);
        await tx.CommitAsync();
        return results;
    }

    private sealed record Entry(JournalDraw Draw, TaskCompletionSource<Result<DrawResult>> Done, long Queued);

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} draw(s) could not be committed; none was answered as accepted")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "A batch of {Count} draw(s) met a concurrent change and is decided again (attempt {Attempt})")]
    private static partial void LogBatchRetried(ILogger logger, int count, int attempt);
}

/// <summary>A row the batch read was changed by someone else before the batch wrote it.</summary>
public sealed class JournalConflictException(string message) : Exception(message);
