using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Draws;
using Lottery.Domain.Stock;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Infrastructure.Stock.Embedded;

/// <summary>
/// The stock store without Redis: the database is the source of truth. One transaction per draw: a guarded
/// conditional UPDATE of the player's counter row checks and uses a chance (and, in PostgreSQL, locks the row so the
/// player's concurrent draws queue up; SQLite has a single writer anyway), a guarded UPDATE takes one unit of the
/// prize only while <c>Issued &lt; Allocated - Returned</c>, and the draw record is written in the same transaction —
/// so stock never goes below zero and no record is ever lost.
/// </summary>
public sealed class EmbeddedStockStore(IDbContextFactory<LotteryDbContext> contexts, DrawRecordWriter writer) : IStockStore
{
    public async Task<Result<DrawResult>> DrawAsync(DrawRequest request, CancellationToken cancellationToken = default)
    {
        var limits = request.Limits;
        if (!InWindow(limits, request.At))
        {
            return NotRunning(limits, request.At);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (request.IdempotencyKey is { } key && await ReplayAsync(db, limits, request.PlayerId, key, request.At, cancellationToken) is { } replay)
        {
            return replay;
        }

        await EnsureCounterAsync(db, limits, request.PlayerId, cancellationToken);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            var day = ActivityLimits.DayKey(request.At);
            var perDay = limits.Rules.ChancesPerDay ?? int.MaxValue;
            var maxWins = limits.Rules.MaxWinsPerPlayer ?? int.MaxValue;
            var baseChances = limits.Rules.ChancesPerPlayer;
            var used = await Counter(db, limits.ActivityId, request.PlayerId)
                .Where(c => db.Activities.IgnoreQueryFilters().Any(a => a.Id == c.ActivityId && a.Status == ActivityStatus.Running))
                .Where(c => c.Wins < maxWins)
                .Where(c => c.Day != day || c.DayUsed < perDay)
                .Where(c => c.Used < baseChances + db.DrawChances.IgnoreQueryFilters()
                    .Where(g => g.ActivityId == c.ActivityId && g.PlayerId == c.PlayerId).Sum(g => g.Amount))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.Used, c => c.Used + 1)
                    .SetProperty(c => c.DayUsed, c => c.Day == day ? c.DayUsed + 1 : 1)
                    .SetProperty(c => c.Day, day), cancellationToken);
            if (used == 0)
            {
                return await RefusalAsync(db, limits, request.PlayerId, cancellationToken);
            }

            var (outcome, won) = await TakePrizeAsync(db, limits, request, cancellationToken);
            if (won is not null)
            {
                await Counter(db, limits.ActivityId, request.PlayerId)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Wins, c => c.Wins + 1), cancellationToken);
            }

            var segment = won?.SegmentIndex ?? request.Pick.NoPrizeSegmentIndex;
            await writer.WriteAsync(db, [new PendingDraw(request.DrawId, limits.TenantId, limits.ActivityId, request.PlayerId, request.At,
                outcome, won?.TierId, won?.PrizeId, segment, limits.DefinitionVersion, request.IdempotencyKey)], incrementIssued: false, cancellationToken);
            await tx.CommitAsync(cancellationToken);
            var remaining = await RemainingAsync(db, limits, request.PlayerId, request.At, cancellationToken);
            return new DrawResult(request.DrawId, outcome, won?.TierId, won?.PrizeId, segment, remaining);
        }
        catch (DbUpdateException) when (request.IdempotencyKey is not null)
        {
            // A concurrent request with the same idempotency key committed first: answer with its result.
            db.ChangeTracker.Clear();
            return await ReplayAsync(db, limits, request.PlayerId, request.IdempotencyKey, request.At, cancellationToken)
                ?? throw new InvalidOperationException("An idempotent draw conflicted but no earlier draw was found.");
        }
    }

    public async Task<int> RemainingChancesAsync(ActivityLimits limits, Guid playerId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await RemainingAsync(db, limits, playerId, now, cancellationToken);
    }

    /// <summary>Nothing to do: the guarded UPDATE sums the DrawChances ledger the caller has committed.</summary>
    public Task GrantChancesAsync(ActivityLimits limits, Guid playerId, int amount, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    /// <summary>Nothing to warm: the database rows are the counters, and the UPDATE checks the activity's status itself.</summary>
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

    private static IQueryable<PlayerCounter> Counter(LotteryDbContext db, Guid activityId, Guid playerId) =>
        db.Set<PlayerCounter>().IgnoreQueryFilters().Where(c => c.ActivityId == activityId && c.PlayerId == playerId);

    private static bool InWindow(ActivityLimits limits, DateTimeOffset at) => at >= limits.StartsAt && at < limits.EndsAt;

    private static Result<DrawResult> NotRunning(ActivityLimits limits, DateTimeOffset at) =>
        Result<DrawResult>.Failure(new Error(ErrorCodes.NotRunning,
            at < limits.StartsAt ? "The activity has not started yet." : at >= limits.EndsAt ? "The activity has ended." : "The activity is not running."));

    /// <summary>Creates the player's counter row on their first draw (outside the draw transaction: a lost insert race is harmless).</summary>
    private static async Task EnsureCounterAsync(LotteryDbContext db, ActivityLimits limits, Guid playerId, CancellationToken cancellationToken)
    {
        if (await Counter(db, limits.ActivityId, playerId).AnyAsync(cancellationToken))
        {
            return;
        }

        db.Add(new PlayerCounter { ActivityId = limits.ActivityId, PlayerId = playerId, TenantId = limits.TenantId });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another draw of the same player created it first.
        }

        db.ChangeTracker.Clear();
    }

    /// <summary>Takes one unit of the picked prize (or of the fallback) if it has stock and the tier's own limit allows.</summary>
    private static async Task<(DrawOutcome Outcome, DrawCandidate? Won)> TakePrizeAsync(
        LotteryDbContext db, ActivityLimits limits, DrawRequest request, CancellationToken cancellationToken)
    {
        if (request.Pick.Primary is not { } primary)
        {
            return (DrawOutcome.NoPrize, null);
        }

        foreach (var candidate in new[] { primary, request.Pick.Fallback })
        {
            if (candidate is null)
            {
                continue;
            }

            if (limits.TierMaxWins.TryGetValue(candidate.TierId, out var tierMax)
                && await db.Wins.IgnoreQueryFilters().CountAsync(
                    w => w.ActivityId == limits.ActivityId && w.PlayerId == request.PlayerId && w.TierId == candidate.TierId, cancellationToken) >= tierMax)
            {
                continue;
            }

            var taken = await db.ActivityPrizes.IgnoreQueryFilters()
                .Where(p => p.ActivityId == limits.ActivityId && p.PrizeId == candidate.PrizeId && p.Issued < p.Allocated - p.Returned)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Issued, p => p.Issued + 1).SetProperty(p => p.Version, p => p.Version + 1),
                    cancellationToken);
            if (taken == 1)
            {
                return (DrawOutcome.Won, candidate);
            }
        }

        return (DrawOutcome.SoldOut, null);
    }

    private static async Task<Result<DrawResult>> RefusalAsync(LotteryDbContext db, ActivityLimits limits, Guid playerId, CancellationToken cancellationToken)
    {
        var running = await db.Activities.IgnoreQueryFilters().AnyAsync(a => a.Id == limits.ActivityId && a.Status == ActivityStatus.Running, cancellationToken);
        if (!running)
        {
            return Result<DrawResult>.Failure(new Error(ErrorCodes.NotRunning, "The activity is not running."));
        }

        var wins = await Counter(db, limits.ActivityId, playerId).Select(c => c.Wins).SingleAsync(cancellationToken);
        return wins >= (limits.Rules.MaxWinsPerPlayer ?? int.MaxValue)
            ? Result<DrawResult>.Failure(new Error(ErrorCodes.WinLimitReached, "You have won as many prizes as this activity allows."))
            : Result<DrawResult>.Failure(new Error(ErrorCodes.NoChancesLeft, "You have no draw chances left."));
    }

    private static async Task<int> RemainingAsync(LotteryDbContext db, ActivityLimits limits, Guid playerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var counter = await Counter(db, limits.ActivityId, playerId).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var granted = await db.DrawChances.IgnoreQueryFilters()
            .Where(g => g.ActivityId == limits.ActivityId && g.PlayerId == playerId)
            .SumAsync(g => g.Amount, cancellationToken);
        return ChanceMath.Remaining(limits.Rules, granted, counter?.Used ?? 0, counter?.Day, counter?.DayUsed ?? 0, now);
    }

    private static async Task<Result<DrawResult>?> ReplayAsync(
        LotteryDbContext db, ActivityLimits limits, Guid playerId, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var first = await db.DrawRecords.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.ActivityId == limits.ActivityId && r.PlayerId == playerId && r.IdempotencyKey == key)
            .SingleOrDefaultAsync(cancellationToken);
        if (first is null)
        {
            return null;
        }

        var remaining = await RemainingAsync(db, limits, playerId, now, cancellationToken);
        return new DrawResult(first.Id, first.Outcome, first.TierId, first.PrizeId, first.SegmentIndex, remaining, Replayed: true);
    }
}
