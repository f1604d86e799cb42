using Lottery.Domain.Activities;
using Lottery.Domain.Draws;
using Lottery.Domain.Stock;
using Lottery.Infrastructure.Stock.Embedded;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lottery.Infrastructure.Stock.Redis;

/// <summary>
/// Commits orphaned draws: records the draw script kept in an activity's stream whose node did not commit and delete
/// them within <see cref="RedisOptions.OrphanAfter"/> (it died, or lost the database, between the script and its commit).
/// They go through the same <see cref="DrawJournal"/> as live draws, with the script's verdict, so the database's guards
/// apply and a record already committed (by its node, just late) is not written twice. Such a draw was never answered:
/// if the database refuses it now (the activity stopped, a limit), it is dropped and Redis's counters are put right.
/// Any node may commit any orphan. Live activities: Running or Paused, plus recently Ended or Cancelled ones whose
/// stream still holds records (asked of the database every <see cref="RedisOptions.ActivityRefreshInterval"/>), plus any
/// a flush nudged through <see cref="StreamActivitySignal"/>.
/// </summary>
public sealed partial class DrawRecordConsumer(
    RedisDrawRecords records,
    RedisScriptRunner scripts,
    DrawJournal journal,
    IDbContextFactory<LotteryDbContext> dbFactory,
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

    /// <summary>
    /// One pass over every live activity: commits at most one batch of orphans each. Returns how many records were
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
        LogStarted();
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
        var orphans = await records.OrphansAsync(activityId, o.OrphanAfter, o.ConsumerBatchSize);
        if (orphans.Count == 0)
        {
            return 0;
        }

        LogOrphans(orphans.Count, activityId);
        var limits = await LimitsAsync(activityId, cancellationToken);
        foreach (var unusable in orphans.Where(r => r.Draw is null || limits is null))
        {
            await records.DeadLetterAsync(activityId, unusable, unusable.Draw is null ? "unreadable payload" : "activity not found");
        }

        if (limits is null)
        {
            return orphans.Count;
        }

        var readable = orphans.Where(r => r.Draw is not null).ToList();
        var committed = await Task.WhenAll(readable.Select(r => CommitAsync(limits, r.Draw!)));
        // Entries whose commit failed (the database is down) stay for the next pass.
        await records.DeleteAsync(activityId, [.. readable.Where((_, i) => committed[i]).Select(r => r.Id)]);
        return orphans.Count;
    }

    /// <summary>Commits one orphan with the script's verdict; false if the commit failed and it should be tried again.</summary>
    private async Task<bool> CommitAsync(ActivityLimits limits, PendingDraw draw)
    {
        var request = new DrawRequest(draw.DrawId, limits with { DefinitionVersion = draw.DefinitionVersion }, draw.PlayerId, draw.At,
            new DrawPick(null, null, draw.SegmentIndex), draw.IdempotencyKey);
        var won = draw is { Outcome: DrawOutcome.Won, TierId: { } tierId, PrizeId: { } prizeId }
            ? new DrawCandidate(tierId, prizeId, Guid.Empty, draw.SegmentIndex, "", "")
            : null;
        var verdict = new GateVerdict(won is null && draw.Outcome == DrawOutcome.Won ? DrawOutcome.SoldOut : draw.Outcome, won);
        try
        {
            var committed = await journal.CommitAsync(new JournalDraw(request, verdict));
            await RedisStockStore.SettleAsync(scripts, request, verdict, committed);
            if (committed.IsFailure)
            {
                LogOrphanRefused(draw.DrawId, limits.ActivityId, committed.Error!.Message);
            }

            return true;
        }
#pragma warning disable CA1031 // one orphan's failure (the database is down) leaves it in the stream for the next pass
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogOrphanFailed(draw.DrawId, limits.ActivityId, ex);
            return false;
        }
    }

    /// <summary>The activity's current limits (null if the activity no longer exists).</summary>
    private async Task<ActivityLimits?> LimitsAsync(Guid activityId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var activity = await db.Activities.IgnoreQueryFilters().AsNoTracking().AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == activityId, cancellationToken);
        return activity is null ? null : ActivityLimits.For(activity);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Draw-record consumer started")]
    private partial void LogStarted();

    [LoggerMessage(Level = LogLevel.Warning, Message = "A draw-record consumer pass failed; retrying")]
    private partial void LogPassFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Committing the orphaned records of activity {ActivityId} failed; they stay and will be retried")]
    private partial void LogActivityFailed(Guid activityId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Found {Count} orphaned draw record(s) of activity {ActivityId} (their node did not commit them); committing them")]
    private partial void LogOrphans(int count, Guid activityId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orphaned draw {DrawId} of activity {ActivityId} was refused by the database and dropped (it was never answered): {Reason}")]
    private partial void LogOrphanRefused(Guid drawId, Guid activityId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orphaned draw {DrawId} of activity {ActivityId} could not be committed; it stays for the next pass")]
    private partial void LogOrphanFailed(Guid drawId, Guid activityId, Exception exception);
}
