using System.Text.Json;
using Lottery.Domain.Activities;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lottery.Infrastructure.Stock.Redis;

/// <summary>
/// Moves accepted draws from every live activity's stream into the database, in batches, each in one transaction
/// (<see cref="DrawRecordWriter"/>, idempotent by draw id); records are acknowledged and deleted only after the commit.
/// One consumer group per stream; this node's consumer name comes from <see cref="RedisOptions.ConsumerName"/> so a
/// restarted node resumes its own pending records, and records another node left idle longer than
/// <see cref="RedisOptions.ClaimIdleAfter"/> are taken over. Live activities: Running or Paused, plus recently Ended or
/// Cancelled ones whose stream still holds records (asked of the database every
/// <see cref="RedisOptions.ActivityRefreshInterval"/>), plus any the store nudged through <see cref="StreamActivitySignal"/>.
/// </summary>
public sealed partial class DrawRecordConsumer(
    RedisDrawRecords records,
    IDbContextFactory<LotteryDbContext> dbFactory,
    DrawRecordWriter writer,
    StreamActivitySignal signal,
    TimeProvider clock,
    IOptions<RedisOptions> options,
    ILogger<DrawRecordConsumer> logger) : BackgroundService
{
    /// <summary>Ended or cancelled activities are looked at for this long after their end (the store's flush nudges later ones).</summary>
    private static readonly TimeSpan FinishedLookBack = TimeSpan.FromDays(7);

    private static readonly TimeSpan ErrorBackOff = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _pass = new(1, 1);
    private readonly HashSet<Guid> _fromDatabase = [];
    private readonly HashSet<Guid> _nudged = [];
    private long _nextRefresh;

    public string ConsumerName => options.Value.EffectiveConsumerName;

    /// <summary>
    /// One pass over every live activity: claims and persists at most one batch each. Returns how many records were
    /// handled (0: nothing to do). Safe to call while the background loop runs (passes do not overlap).
    /// </summary>
    public async Task<int> DrainOnceAsync(CancellationToken cancellationToken = default)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            await RefreshActivitiesAsync(cancellationToken);
            var handled = 0;
            foreach (var activityId in _fromDatabase.Union(_nudged).ToList())
            {
                int count;
                try
                {
                    count = await DrainActivityAsync(activityId, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One activity's trouble does not hold up the others; its records stay pending and are retried.
                    LogActivityFailed(activityId, ex);
                    continue;
                }

                handled += count;
                if (count == 0)
                {
                    _nudged.Remove(activityId);
                }
            }

            return handled;
        }
        finally
        {
            _pass.Release();
        }
    }

    public override void Dispose()
    {
        _pass.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarted(ConsumerName);
        while (!stoppingToken.IsCancellationRequested)
        {
            int handled;
            try
            {
                handled = await DrainOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // A background loop must outlive any failure (an escaping exception would stop the host); records stay pending.
                LogPassFailed(ex);
                await signal.WaitAsync(ErrorBackOff, stoppingToken);
                continue;
            }

            // Busy: go again at once. Idle: sleep until a draw nudges us or the delay passes (no busy loop).
            if (handled == 0)
            {
                await signal.WaitAsync(options.Value.ConsumerIdleDelay, stoppingToken);
            }
        }
    }

    private async Task RefreshActivitiesAsync(CancellationToken cancellationToken)
    {
        foreach (var id in signal.TakeNotified())
        {
            _nudged.Add(id);
        }

        var now = clock.GetUtcNow();
        if (now.UtcTicks < _nextRefresh)
        {
            return;
        }

        var since = now - FinishedLookBack;
        List<(Guid Id, bool Live)> candidates;
        await using (var db = dbFactory.CreateDbContext())
        {
            candidates = (await db.Activities.IgnoreQueryFilters().AsNoTracking()
                    .Where(a => a.Kind == ActivityKind.Instant
                        && (a.Status == ActivityStatus.Running || a.Status == ActivityStatus.Paused
                            || ((a.Status == ActivityStatus.Ended || a.Status == ActivityStatus.Cancelled) && a.EndedAt >= since)))
                    .Select(a => new { a.Id, a.Status })
                    .ToListAsync(cancellationToken))
                .Select(a => (a.Id, a.Status is ActivityStatus.Running or ActivityStatus.Paused))
                .ToList();
        }

        var finished = candidates.Where(c => !c.Live).Select(c => c.Id).ToList();
        var lengths = await Task.WhenAll(finished.Select(records.CountAsync));
        _fromDatabase.Clear();
        _fromDatabase.UnionWith(candidates.Where(c => c.Live).Select(c => c.Id));
        _fromDatabase.UnionWith(finished.Where((_, i) => lengths[i] > 0));
        _nextRefresh = (now + options.Value.ActivityRefreshInterval).UtcTicks;
    }

    private async Task<int> DrainActivityAsync(Guid activityId, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var claim = await records.ClaimAsync(activityId, ConsumerName, o.ConsumerBatchSize, o.ClaimIdleAfter);
        var batch = claim.Records;
        if (batch.Count == 0)
        {
            return 0;
        }

        if (claim.Source == RecordSource.Claimed)
        {
            LogClaimed(batch.Count, activityId, ConsumerName);
        }

        foreach (var unreadable in batch.Where(r => r.Draw is null && r.Payload is not null))
        {
            await records.DeadLetterAsync(activityId, unreadable, "unreadable payload");
        }

        var readable = batch.Where(r => r.Draw is not null).ToList();
        var done = await PersistAsync(activityId, readable, cancellationToken);

        // Entries already deleted (Draw and Payload null) are acknowledged too, so they leave the pending list.
        await records.AcknowledgeAsync(activityId, [.. batch.Where(r => r.Payload is null).Select(r => r.Id).Concat(done)]);
        return batch.Count;
    }

    /// <summary>Writes the batch in one transaction; if the database refuses it, record by record. Returns the ids to acknowledge.</summary>
    private async Task<List<string>> PersistAsync(Guid activityId, List<StreamRecord> batch, CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(batch, cancellationToken);
            return [.. batch.Select(r => r.Id)];
        }
        catch (Exception ex) when (IsRefusal(ex))
        {
            LogBatchRefused(activityId, batch.Count, ex);
        }

        var done = new List<string>();
        foreach (var record in batch)
        {
            Exception? refusal = null;
            for (var attempt = 0; attempt < 2; attempt++)
            {
                try
                {
                    // A second try settles a race with another consumer writing the same record (it is then skipped).
                    await WriteAsync([record], cancellationToken);
                    refusal = null;
                    break;
                }
                catch (Exception ex) when (IsRefusal(ex))
                {
                    refusal = ex;
                }
            }

            if (refusal is null)
            {
                done.Add(record.Id);
            }
            else
            {
                LogRecordRefused(record.Id, activityId, refusal);
                await records.DeadLetterAsync(activityId, record, refusal.GetBaseException().Message);
            }
        }

        return done;
    }

    private async Task WriteAsync(IReadOnlyList<StreamRecord> batch, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await writer.WriteAsync(db, [.. batch.Select(r => r.Draw!)], incrementIssued: true, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The database refused the data itself (a constraint, a prize unknown to the activity, bad JSON): writing it again
    /// cannot succeed. Anything else (connection lost, timeout) is transient and the batch is retried as it is.
    /// </summary>
    private static bool IsRefusal(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (DatabaseErrors.IsConstraintViolation(e) || e is KeyNotFoundException or JsonException)
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Draw-record consumer {Consumer} started")]
    private partial void LogStarted(string consumer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A draw-record consumer pass failed; retrying")]
    private partial void LogPassFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Moving the records of activity {ActivityId} failed; they stay pending and will be retried")]
    private partial void LogActivityFailed(Guid activityId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Took over {Count} idle record(s) of activity {ActivityId} as consumer {Consumer}")]
    private partial void LogClaimed(int count, Guid activityId, string consumer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database refused a batch of {Count} record(s) of activity {ActivityId}; writing them one by one")]
    private partial void LogBatchRefused(Guid activityId, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Record {RecordId} of activity {ActivityId} was refused by the database and moved to the dead-letter stream")]
    private partial void LogRecordRefused(string recordId, Guid activityId, Exception exception);
}
