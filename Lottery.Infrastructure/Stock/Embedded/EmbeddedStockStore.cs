using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Draws;
using Lottery.Domain.Prizes;
using Lottery.Domain.Stock;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Lottery.Infrastructure.Stock.Embedded;

/// <summary>
/// The stock store without Redis: the database is the source of truth. One transaction per draw: a guarded
/// conditional UPDATE of the player's counter row checks and uses a chance (and, in PostgreSQL, locks the row so the
/// player's concurrent draws queue up; SQLite has a single writer anyway), a guarded UPDATE takes one unit of the
/// prize only while <c>Issued &lt; Allocated - Returned - (units later time slots hold back)</c>, and the draw record is written in the same transaction —
/// so stock never goes below zero and no record is ever lost.
/// </summary>
public sealed class EmbeddedStockStore(IDbContextFactory<LotteryDbContext> contexts, DrawRecordWriter writer, IMemoryCache cache) : IStockStore
{
    private const string TakeSavepoint = "take_unit";

    public async Task<Result<DrawResult>> DrawAsync(DrawRequest request, CancellationToken cancellationToken = default)
    {
        var limits = request.Limits;
        if (!InWindow(limits, request.At))
        {
            return NotRunning(limits, request.At);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One transaction, no savepoints: a failure rolls the whole draw back.
        db.Database.AutoSavepointsEnabled = false;
        if (request.IdempotencyKey is { } key && await ReplayAsync(db, limits, request.PlayerId, key, request.At, cancellationToken) is { } replay)
        {
            return replay;
        }

        var prizes = await PrizeInfoAsync(db, limits, cancellationToken);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
                if (await UseChanceAsync(db, limits, request, cancellationToken) == 0)
                {
                    await tx.RollbackAsync(cancellationToken);
                    if (attempt == 0)
                    {
                        // Perhaps the player's first draw: make sure the counter row exists (ours or a concurrent
                        // draw's) and try once more; a second refusal is a real one.
                        await EnsureCounterAsync(db, limits, request.PlayerId, cancellationToken);
                        continue;
                    }

                    return await RefusalAsync(db, limits, request.PlayerId, cancellationToken);
                }

                // The player's row is locked by the UPDATE above. Everything that does not need the prize row happens
                // first: the prize row's lock is then held only from its guarded UPDATE to the COMMIT.
                var counter = await Counter(db, limits.ActivityId, request.PlayerId).AsNoTracking().SingleAsync(cancellationToken);
                var granted = await GrantedAsync(db, limits, request.PlayerId, cancellationToken);
                var remaining = ChanceMath.Remaining(limits.Rules, granted, counter.Used, counter.Day, counter.DayUsed, request.At);
                foreach (var candidate in await AvailableAsync(db, limits, request, cancellationToken))
                {
                    await tx.CreateSavepointAsync(TakeSavepoint, cancellationToken);
                    db.Attach(counter).Entity.Wins++;
                    var win = Record(db, request, DrawOutcome.Won, candidate, prizes)!;
                    await db.SaveChangesAsync(cancellationToken);
                    await writer.AssignCodesAsync(db, [win], cancellationToken);
                    if (await TakeUnitAsync(db, limits, candidate, request.At, cancellationToken))
                    {
                        await tx.CommitAsync(cancellationToken);
                        return new DrawResult(request.DrawId, DrawOutcome.Won, candidate.TierId, candidate.PrizeId, candidate.SegmentIndex, remaining);
                    }

                    // Another draw took the last unit meanwhile: undo this attempt and try the next candidate.
                    await tx.RollbackToSavepointAsync(TakeSavepoint, cancellationToken);
                    db.ChangeTracker.Clear();
                    counter.Wins--;
                }

                var outcome = request.Pick.Primary is null ? DrawOutcome.NoPrize : DrawOutcome.SoldOut;
                Record(db, request, outcome, null, prizes);
                await db.SaveChangesAsync(cancellationToken);
                await tx.CommitAsync(cancellationToken);
                return new DrawResult(request.DrawId, outcome, null, null, request.Pick.NoPrizeSegmentIndex, remaining);
            }
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

    /// <summary>Nothing to forget: the counter rows are the activity's history in the database.</summary>
    public Task<bool> RetireAsync(Guid activityId, CancellationToken cancellationToken = default) => Task.FromResult(true);

    private static IQueryable<PlayerCounter> Counter(LotteryDbContext db, Guid activityId, Guid playerId) =>
        db.Set<PlayerCounter>().IgnoreQueryFilters().Where(c => c.ActivityId == activityId && c.PlayerId == playerId);

    private static bool InWindow(ActivityLimits limits, DateTimeOffset at) => at >= limits.StartsAt && at < limits.EndsAt;

    private static Result<DrawResult> NotRunning(ActivityLimits limits, DateTimeOffset at) =>
        Result<DrawResult>.Failure(new Error(ErrorCodes.NotRunning,
            at < limits.StartsAt ? "The activity has not started yet." : at >= limits.EndsAt ? "The activity has ended." : "The activity is not running."));

    /// <summary>The guarded UPDATE that checks every limit and uses one chance; 0 rows means refused (or no counter row yet).</summary>
    private static Task<int> UseChanceAsync(LotteryDbContext db, ActivityLimits limits, DrawRequest request, CancellationToken cancellationToken)
    {
        var day = ActivityLimits.DayKey(request.At);
        var perDay = limits.Rules.ChancesPerDay ?? int.MaxValue;
        var maxWins = limits.Rules.MaxWinsPerPlayer ?? int.MaxValue;
        var baseChances = limits.Rules.ChancesPerPlayer;
        return Counter(db, limits.ActivityId, request.PlayerId)
            .Where(c => db.Activities.IgnoreQueryFilters().Any(a => a.Id == c.ActivityId && a.Status == ActivityStatus.Running))
            .Where(c => c.Wins < maxWins)
            .Where(c => c.Day != day || c.DayUsed < perDay)
            .Where(c => c.Used < baseChances + db.DrawChances.IgnoreQueryFilters()
                .Where(g => g.ActivityId == c.ActivityId && g.PlayerId == c.PlayerId).Sum(g => g.Amount))
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Used, c => c.Used + 1)
                .SetProperty(c => c.DayUsed, c => c.Day == day ? c.DayUsed + 1 : 1)
                .SetProperty(c => c.Day, day), cancellationToken);
    }

    /// <summary>Creates the player's counter row on their first draw, unless it exists.</summary>
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

    private static Task<int> GrantedAsync(LotteryDbContext db, ActivityLimits limits, Guid playerId, CancellationToken cancellationToken) =>
        db.DrawChances.IgnoreQueryFilters()
            .Where(g => g.ActivityId == limits.ActivityId && g.PlayerId == playerId)
            .SumAsync(g => g.Amount, cancellationToken);

    /// <summary>
    /// The picked prize, then the fallback, that still have stock in a plain (non-locking) read — beyond what later time
    /// slots hold back — and whose tier's own win limit the player has not reached. For the draw's instant, what is
    /// available only shrinks (stock never grows while an activity runs; a slot releases more only at its start, and this
    /// read uses the draw's own instant), so a prize seen sold out here is sold out for this draw: thousands of late draws
    /// skip the prize row instead of queueing on its lock.
    /// </summary>
    private static async Task<List<DrawCandidate>> AvailableAsync(LotteryDbContext db, ActivityLimits limits, DrawRequest request, CancellationToken cancellationToken)
    {
        var candidates = new[] { request.Pick.Primary, request.Pick.Primary is null ? null : request.Pick.Fallback }.OfType<DrawCandidate>().ToList();
        if (candidates.Count == 0)
        {
            return candidates;
        }

        var ids = candidates.Select(c => c.PrizeId).ToList();
        var left = await db.ActivityPrizes.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.ActivityId == limits.ActivityId && ids.Contains(p.PrizeId))
            .ToDictionaryAsync(p => p.PrizeId, p => p.Allocated - p.Returned - p.Issued, cancellationToken);
        var available = new List<DrawCandidate>();
        foreach (var candidate in candidates.Where(c => left.GetValueOrDefault(c.PrizeId) > limits.ReservedForLaterSlots(c.PrizeId, request.At)))
        {
            if (!limits.TierMaxWins.TryGetValue(candidate.TierId, out var tierMax)
                || await db.Wins.IgnoreQueryFilters().CountAsync(
                    w => w.ActivityId == limits.ActivityId && w.PlayerId == request.PlayerId && w.TierId == candidate.TierId, cancellationToken) < tierMax)
            {
                available.Add(candidate);
            }
        }

        return available;
    }

    /// <summary>
    /// Takes one unit of the prize if one is left that no later time slot holds back (never below zero, never into a
    /// later slot's quota: the UPDATE is guarded). Locks the prize row.
    /// </summary>
    private static async Task<bool> TakeUnitAsync(
        LotteryDbContext db, ActivityLimits limits, DrawCandidate candidate, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var reserved = limits.ReservedForLaterSlots(candidate.PrizeId, at);
        return await db.ActivityPrizes.IgnoreQueryFilters()
            .Where(p => p.ActivityId == limits.ActivityId && p.PrizeId == candidate.PrizeId && p.Issued < p.Allocated - p.Returned - reserved)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Issued, p => p.Issued + 1).SetProperty(p => p.Version, p => p.Version + 1),
                cancellationToken) == 1;
    }

    private static WinRecord? Record(LotteryDbContext db, DrawRequest request, DrawOutcome outcome, DrawCandidate? prize,
        IReadOnlyDictionary<(Guid TierId, Guid PrizeId), (string Name, PrizeKind Kind)> prizes) =>
        DrawRecordWriter.Add(db, new PendingDraw(request.DrawId, request.Limits.TenantId, request.Limits.ActivityId, request.PlayerId,
            request.At, outcome, prize?.TierId, prize?.PrizeId, prize?.SegmentIndex ?? request.Pick.NoPrizeSegmentIndex,
            request.Limits.DefinitionVersion, request.IdempotencyKey), prizes);

    /// <summary>Prize names and kinds per activity version, cached: they never change within a version.</summary>
    private async Task<IReadOnlyDictionary<(Guid TierId, Guid PrizeId), (string Name, PrizeKind Kind)>> PrizeInfoAsync(
        LotteryDbContext db, ActivityLimits limits, CancellationToken cancellationToken)
    {
        var key = ("prize-info", limits.ActivityId, limits.DefinitionVersion);
        if (!cache.TryGetValue(key, out IReadOnlyDictionary<(Guid, Guid), (string, PrizeKind)>? info))
        {
            info = await DrawRecordWriter.PrizeInfoAsync(db, [limits.ActivityId], cancellationToken);
            cache.Set(key, info, TimeSpan.FromMinutes(10));
        }

        return info!;
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
        var granted = await GrantedAsync(db, limits, playerId, cancellationToken);
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
