using System.Text.Json;
using Lottery.Domain.Activities;
using Lottery.Domain.Audit;
using Lottery.Domain.Common;
using Lottery.Domain.Draws;
using Lottery.Domain.Stock;
using Lottery.Infrastructure.Persistence;
using Lottery.Web.Features.Board;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Draws;

public sealed record ScheduledDrawSummary(Guid Id, string Status, int Entrants, int Winners, string EntrantsHash, string Seed);

/// <summary>
/// Runs a scheduled draw at (or after) its draw time: Open → Drawing (joins refused), winners derived from the committed
/// seed and the fixed entrant list (<see cref="ScheduledDrawing"/>), wins persisted, Drawn, unused stock returned — in one
/// transaction. Safe to run again: a draw interrupted in Drawing recomputes the same winners, and existing wins are kept.
/// </summary>
public sealed class ScheduledDrawRunner(
    IDbContextFactory<LotteryDbContext> contexts,
    IStockStore store,
    ActivityRuntimeCache runtimes,
    IRandomSource random,
    TimeProvider clock,
    BoardEventBus board,
    Risk.RiskCache risk)
{
    /// <summary>How long a run whose save failed waits for a concurrent run (the scheduler, another manager) to finish.</summary>
    private static readonly TimeSpan OtherRunWait = TimeSpan.FromSeconds(10);

    public async Task<Result<ScheduledDrawSummary>> RunAsync(Guid activityId, string actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var activity = await db.Activities.AsSplitQuery().SingleOrDefaultAsync(a => a.Id == activityId, cancellationToken);
        if (activity is null || activity.Kind != ActivityKind.Scheduled)
        {
            return Result<ScheduledDrawSummary>.Failure(new Error(ErrorCodes.NotFound, "No scheduled activity with this id."));
        }

        // A stop-loss stops scheduled draws too; the scheduler tries again (LifecycleJob) and draws once it is lifted.
        if (await risk.DrawStopAsync(activity.TenantId, cancellationToken) is not null)
        {
            return Result<ScheduledDrawSummary>.Failure(new Error(ErrorCodes.DrawsStopped, "Draws are stopped (stop-loss): the draw runs once they are resumed."));
        }

        if (activity.Status == ActivityStatus.Open)
        {
            var begun = activity.BeginDraw(clock);
            if (begun.IsFailure)
            {
                return Result<ScheduledDrawSummary>.Failure(begun.Error!);
            }

            activity.CommitSeed(random);
            // Persist Drawing first: from this commit on, no join is accepted, so the entrant list is final.
            if (!await TrySaveAsync(db, activityId, cancellationToken))
            {
                return RanConcurrently();
            }

            runtimes.Invalidate(activityId);
            board.Publish(BoardEvent.ForStatus(activityId, clock.GetUtcNow(), activity.Status.ToString()));
        }
        else if (activity.Status != ActivityStatus.Drawing)
        {
            return Result<ScheduledDrawSummary>.Failure(new Error(ErrorCodes.IllegalTransition, $"The draw cannot run: the activity is {activity.Status}."));
        }

        var entrants = await db.ScheduledEntries.Where(e => e.ActivityId == activityId).Select(e => e.PlayerId).ToListAsync(cancellationToken);
        var prizes = activity.Tiers.OrderBy(t => t.Order)
            .SelectMany(t => t.Slots.OrderBy(s => s.Order).Select(s => new ScheduledPrize(t.Id, s.PrizeId, s.PrizeName, s.PrizeKind, s.Stock)))
            .ToList();
        var result = ScheduledDrawing.Select(Convert.FromHexString(activity.Seed!), entrants, prizes);
        activity.RecordEntrants(result.EntrantsHash);

        var existing = await db.Wins.Where(w => w.ActivityId == activityId).Select(w => w.PlayerId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var winner in result.Winners.Where(w => !existing.Contains(w.PlayerId)))
        {
            db.Wins.Add(WinRecord.Create(Ids.New(clock), activity.TenantId, activityId, winner.PlayerId, winner.Prize.PrizeId,
                winner.Prize.TierId, null, winner.Prize.PrizeName, winner.Prize.Kind, now));
            activity.Prizes.Single(p => p.PrizeId == winner.Prize.PrizeId).RecordIssued();
        }

        activity.CompleteDraw(clock);
        var prizeIds = activity.Prizes.Select(p => p.PrizeId).ToList();
        var catalogue = await db.Prizes.Where(p => prizeIds.Contains(p.Id)).ToListAsync(cancellationToken);
        var returned = activity.ReturnUnusedStock(catalogue, clock).Value;
        db.Audit.Add(AuditEntry.Record(activity.TenantId, activityId, actor, "activity.draw", clock,
            JsonSerializer.Serialize(new { status = ActivityStatus.Open.ToString() }),
            JsonSerializer.Serialize(new
            {
                status = activity.Status.ToString(),
                entrants = entrants.Count,
                entrantsHash = result.EntrantsHash,
                seedCommitment = activity.SeedCommitment,
                seed = activity.Seed,
                winners = result.Winners.Select(w => new { w.PlayerId, w.Prize.PrizeId, w.Rank }),
                returned,
            })));
        if (!await TrySaveAsync(db, activityId, cancellationToken))
        {
            return RanConcurrently();
        }

        await store.SyncActivityAsync(ActivityLimits.For(activity), cancellationToken);
        await store.RetireAsync(activityId, cancellationToken); // drawn and returned: Redis may forget it after a while
        runtimes.Invalidate(activityId);
        // Issue #7 builds on this: boards show the winners ("drawn"), winner notifications follow the same moment.
        board.Publish(new BoardEvent(activityId, BoardEventKind.Drawn, now, Status: activity.Status.ToString(), Winners: result.Winners.Count));
        return new ScheduledDrawSummary(activityId, activity.Status.ToString(), entrants.Count, result.Winners.Count, result.EntrantsHash, activity.Seed!);
    }

    /// <summary>
    /// False when another run (the scheduler's job and a manager's trigger at the same moment) saved the activity first:
    /// that run draws, this one stops (a 409, not a 500).
    /// </summary>
    private async Task<bool> TrySaveAsync(LotteryDbContext db, Guid activityId, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        catch (DbUpdateException)
        {
            // Both runs passed "Drawing" and the other one is saving its winners (a busy database) or saved them first
            // (a duplicate win): once it has, this run lost the race.
            if (await DrawnElsewhereAsync(activityId, cancellationToken))
            {
                return false;
            }

            throw;
        }
    }

    /// <summary>Whether another run draws the activity: it is Drawn, or becomes Drawn within <see cref="OtherRunWait"/>.</summary>
    private async Task<bool> DrawnElsewhereAsync(Guid activityId, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + OtherRunWait;
        while (true)
        {
            await using (var fresh = await contexts.CreateDbContextAsync(cancellationToken))
            {
                if (await fresh.Activities.IgnoreAutoIncludes().AnyAsync(a => a.Id == activityId && a.Status == ActivityStatus.Drawn, cancellationToken))
                {
                    return true;
                }
            }

            if (clock.GetUtcNow() >= deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), clock, cancellationToken);
        }
    }

    private static Result<ScheduledDrawSummary> RanConcurrently() => Result<ScheduledDrawSummary>.Failure(new Error(ErrorCodes.Concurrency,
        "The draw was run at the same time by someone else (or the scheduler); look at the activity again."));
}
