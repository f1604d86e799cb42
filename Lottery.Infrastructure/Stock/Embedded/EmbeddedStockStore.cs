using Lottery.Domain.Common;
using Lottery.Domain.Stock;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Infrastructure.Stock.Embedded;

/// <summary>
/// The stock store without Redis: the database is the source of truth and the gate. Draws go through the
/// <see cref="DrawJournal"/>, which commits concurrent draws together (group commit) with guarded statements and
/// answers each draw only once its record is committed, so stock never goes below zero and no answered draw is lost.
/// </summary>
public sealed class EmbeddedStockStore(IDbContextFactory<LotteryDbContext> contexts, DrawJournal journal) : IStockStore
{
    public async Task<Result<DrawResult>> DrawAsync(DrawRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limits = request.Limits;
        if (!InWindow(limits, request.At))
        {
            return NotRunning(limits, request.At);
        }

        // Not cancelled with the request: once queued, the draw is decided and committed whether or not anyone waits.
        return await journal.CommitAsync(request);
    }

    public async Task<int> RemainingChancesAsync(ActivityLimits limits, Guid playerId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        (await StandingAsync(limits, playerId, now, cancellationToken)).RemainingChances;

    public async Task<PlayerStanding> StandingAsync(ActivityLimits limits, Guid playerId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limits);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counter = await Counter(db, limits.ActivityId, playerId).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var granted = await GrantedAsync(db, limits, playerId, cancellationToken);
        var remaining = ChanceMath.Remaining(limits.Rules, granted, counter?.Used ?? 0, counter?.Day, counter?.DayUsed ?? 0, now);
        return PlayerStanding.Of(limits.Rules, remaining, counter?.Wins ?? 0);
    }

    /// <summary>Nothing to do: each journal batch sums the DrawChances ledger the caller has committed.</summary>
    public Task GrantChancesAsync(ActivityLimits limits, Guid playerId, int amount, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    /// <summary>Nothing to warm: the database rows are the counters, and each journal batch reads the activity's status.</summary>
    public Task SyncActivityAsync(ActivityLimits limits, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public async Task<IReadOnlyDictionary<Guid, int>> RemainingStockAsync(Guid activityId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ActivityPrizes.IgnoreQueryFilters()
            .Where(p => p.ActivityId == activityId)
            .ToDictionaryAsync(p => p.PrizeId, p => p.Allocated - p.Returned - p.Issued, cancellationToken);
    }

    /// <summary>Every accepted draw is already committed with its record.</summary>
    public Task FlushAsync(Guid activityId, CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>Nothing to forget: the counter rows are the activity's history in the database.</summary>
    public Task<bool> RetireAsync(Guid activityId, CancellationToken cancellationToken = default) => Task.FromResult(true);

    private static IQueryable<PlayerCounter> Counter(LotteryDbContext db, Guid activityId, Guid playerId) =>
        db.Set<PlayerCounter>().IgnoreQueryFilters().Where(c => c.ActivityId == activityId && c.PlayerId == playerId);

    private static bool InWindow(ActivityLimits limits, DateTimeOffset at) => at >= limits.StartsAt && at < limits.EndsAt;

    private static Result<DrawResult> NotRunning(ActivityLimits limits, DateTimeOffset at) =>
        Result<DrawResult>.Failure(new Error(ErrorCodes.NotRunning,
            at < limits.StartsAt ? "The activity has not started yet." : at >= limits.EndsAt ? "The activity has ended." : "The activity is not running."));

    private static Task<int> GrantedAsync(LotteryDbContext db, ActivityLimits limits, Guid playerId, CancellationToken cancellationToken) =>
        db.DrawChances.IgnoreQueryFilters()
            .Where(g => g.ActivityId == limits.ActivityId && g.PlayerId == playerId)
            .SumAsync(g => g.Amount, cancellationToken);
}
