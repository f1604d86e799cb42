using System.Text.Json;
using Lottery.Domain.Activities;
using Lottery.Domain.Audit;
using Lottery.Domain.Common;
using Lottery.Domain.Stock;
using Lottery.Infrastructure.Persistence;
using Lottery.Web.Features.Board;
using Lottery.Web.Features.Draws;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Lifecycle;

/// <summary>
/// The time-driven transitions of an activity and the return of its unused stock. Returning is exactly-once: each
/// activity prize row records when it returned, and concurrency tokens make a second, racing return fail harmlessly.
/// </summary>
public sealed class ActivityFinisher(
    IDbContextFactory<LotteryDbContext> contexts,
    IStockStore store,
    ActivityRuntimeCache runtimes,
    TimeProvider clock,
    BoardEventBus board)
{
    /// <summary>Published → Running at the start time.</summary>
    public Task<Result> StartAsync(Guid activityId, string actor, CancellationToken cancellationToken) =>
        TransitionAsync(activityId, actor, "activity.start", a => a.Status == ActivityStatus.Published ? a.Start(clock) : Result.Success(), cancellationToken);

    /// <summary>Running/Paused → Ended at the end time (draws after the end instant are refused by the draw path itself), then returns stock.</summary>
    public async Task<Result> EndAsync(Guid activityId, string actor, CancellationToken cancellationToken)
    {
        var ended = await TransitionAsync(activityId, actor, "activity.end",
            a => a.Status switch
            {
                ActivityStatus.Running or ActivityStatus.Paused => a.End(clock),
                // Never started (its window passed while published): it ends by being cancelled, returning everything.
                ActivityStatus.Published => a.Cancel(clock),
                _ => Result.Success(),
            }, cancellationToken);
        return ended.IsFailure ? ended : await ReturnStockAsync(activityId, actor, cancellationToken);
    }

    /// <summary>
    /// Returns a finished activity's unused pre-allocation to each prize's pool, once, after every accepted draw record is
    /// in the database, then retires it from the stock store (Redis keys expire). Does nothing for an activity that is not
    /// finished; one that has returned already is only retired (again).
    /// </summary>
    public async Task<Result> ReturnStockAsync(Guid activityId, string actor, CancellationToken cancellationToken)
    {
        await store.FlushAsync(activityId, cancellationToken);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var activity = await db.Activities.AsSplitQuery().SingleOrDefaultAsync(a => a.Id == activityId, cancellationToken);
            if (activity is null || !activity.IsFinished)
            {
                return Result.Success();
            }

            var prizeIds = activity.Prizes.Select(p => p.PrizeId).ToList();
            var catalogue = await db.Prizes.Where(p => prizeIds.Contains(p.Id)).ToListAsync(cancellationToken);
            var returned = activity.ReturnUnusedStock(catalogue, clock).Value;
            if (returned.Count == 0)
            {
                await store.RetireAsync(activityId, cancellationToken);
                return Result.Success();
            }

            db.Audit.Add(AuditEntry.Record(activity.TenantId, activityId, actor, "stock.return", clock,
                after: JsonSerializer.Serialize(returned.Select(r => new
                {
                    r.PrizeId,
                    prize = catalogue.Single(p => p.Id == r.PrizeId).Name,
                    returned = r.Quantity,
                    poolNow = catalogue.Single(p => p.Id == r.PrizeId).PoolStock,
                }))));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await store.RetireAsync(activityId, cancellationToken);
                return Result.Success();
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone else changed a prize pool or returned meanwhile: read again; a done return yields nothing.
            }
        }

        return Result.Failure(new Error(ErrorCodes.Concurrency, "The stock return kept conflicting; it will be retried."));
    }

    private async Task<Result> TransitionAsync(Guid activityId, string actor, string action, Func<Activity, Result> move, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var activity = await db.Activities.AsSplitQuery().SingleOrDefaultAsync(a => a.Id == activityId, cancellationToken);
        if (activity is null)
        {
            return Result.Failure(new Error(ErrorCodes.NotFound, "The activity was not found."));
        }

        var before = activity.Status;
        var moved = move(activity);
        if (moved.IsFailure || activity.Status == before)
        {
            return moved;
        }

        db.Audit.Add(AuditEntry.Record(activity.TenantId, activityId, actor, action, clock,
            JsonSerializer.Serialize(new { status = before.ToString() }), JsonSerializer.Serialize(new { status = activity.Status.ToString() })));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Failure(new Error(ErrorCodes.Concurrency, "The activity changed at the same moment."));
        }

        await store.SyncActivityAsync(ActivityLimits.For(activity), cancellationToken);
        runtimes.Invalidate(activityId);
        board.Publish(BoardEvent.ForStatus(activityId, clock.GetUtcNow(), activity.Status.ToString()));
        return Result.Success();
    }
}
