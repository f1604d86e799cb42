using Lottery.Domain.Draws;
using Lottery.Domain.Players;
using Lottery.Domain.Stock;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Activities;

public sealed record PrizeStats(Guid Id, string Name, int Stock, int Issued, int Remaining);

/// <summary>The contract of <c>GET /api/admin/activities/{id}/stats</c>: issued counts persisted wins.</summary>
public sealed record ActivityStats(string Status, int Draws, int Wins, int Players, IReadOnlyList<PrizeStats> Prizes);

[CsvHelper.CsvRecord]
public sealed partial record WinnerRow(
    Guid WinId, Guid PlayerId, string Player, string Prize, string Kind, string? Tier, DateTimeOffset WonAt, string Status,
    string? Code, string? TrackingNumber);

/// <summary>A win with its winner's masked nickname and its tier's name (null when the win has no tier).</summary>
public sealed record WinEntry(WinRecord Win, string Player, string? Tier)
{
    /// <summary>The prize kind as the exports write it ("physical", "code", ...).</summary>
    public string Kind => Win.PrizeKind.ToString().ToLowerInvariant();
}

/// <summary>Numbers and winner lists of the current tenant's activities.</summary>
public sealed class ActivityReports(IDbContextFactory<LotteryDbContext> contexts, IStockStore store)
{
    public async Task<ActivityStats?> StatsAsync(Guid activityId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var activity = await db.Activities.IgnoreAutoIncludes().Where(a => a.Id == activityId)
            .Select(a => new { a.Status }).SingleOrDefaultAsync(cancellationToken);
        if (activity is null)
        {
            return null;
        }

        var draws = await db.DrawRecords.CountAsync(r => r.ActivityId == activityId, cancellationToken);
        var wins = await db.Wins.CountAsync(w => w.ActivityId == activityId, cancellationToken);
        var players = await db.DrawRecords.Where(r => r.ActivityId == activityId).Select(r => r.PlayerId)
            .Union(db.ScheduledEntries.Where(e => e.ActivityId == activityId).Select(e => e.PlayerId))
            .CountAsync(cancellationToken);
        var prizes = await PrizesAsync(db, activityId, cancellationToken);
        return new ActivityStats(activity.Status.ToString(), draws, wins, players, prizes);
    }

    /// <summary>
    /// The prize part of <see cref="StatsAsync"/> alone (no counting of draws, wins and players), or null when the activity
    /// is not the tenant's.
    /// </summary>
    public async Task<IReadOnlyList<PrizeStats>?> PrizesAsync(Guid activityId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Activities.IgnoreAutoIncludes().AnyAsync(a => a.Id == activityId, cancellationToken)
            ? await PrizesAsync(db, activityId, cancellationToken)
            : null;
    }

    /// <summary>Issued counts persisted wins; remaining is the live stock (Redis mode) or what the database derives.</summary>
    private async Task<IReadOnlyList<PrizeStats>> PrizesAsync(LotteryDbContext db, Guid activityId, CancellationToken cancellationToken)
    {
        var pools = await db.ActivityPrizes.Where(p => p.ActivityId == activityId)
            .Join(db.Prizes, p => p.PrizeId, c => c.Id, (p, c) => new { p.PrizeId, c.Name, p.Allocated, p.Issued, p.Returned })
            .ToListAsync(cancellationToken);
        var live = await store.RemainingStockAsync(activityId, cancellationToken);
        return [.. pools.OrderBy(p => p.Name)
            .Select(p => new PrizeStats(p.PrizeId, p.Name, p.Allocated, p.Issued,
                live.TryGetValue(p.PrizeId, out var remaining) ? remaining : p.Allocated - p.Returned - p.Issued))];
    }

    public async Task<IReadOnlyList<WinnerRow>?> WinnersAsync(Guid activityId, CancellationToken cancellationToken) =>
        await WinEntriesAsync(activityId, cancellationToken) is { } wins
            ? [.. wins.Select(w => new WinnerRow(
                w.Win.Id, w.Win.PlayerId, w.Player, w.Win.PrizeName, w.Kind, w.Tier, w.Win.WonAt, w.Win.Status.ToString(),
                w.Win.Code, w.Win.Claim?.TrackingNumber))]
            : null;

    /// <summary>
    /// The activity's wins, oldest first, each with its winner's masked nickname and its tier's name, or null when the
    /// activity is not the tenant's. The one winner query behind the management API and the staff winners page.
    /// </summary>
    public async Task<IReadOnlyList<WinEntry>?> WinEntriesAsync(Guid activityId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Activities.IgnoreAutoIncludes().AnyAsync(a => a.Id == activityId, cancellationToken))
        {
            return null;
        }

        var tiers = await db.Set<Domain.Activities.PrizeTier>().Where(t => t.ActivityId == activityId)
            .ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var rows = await db.Wins.AsNoTracking().Where(w => w.ActivityId == activityId)
            .Join(db.Players, w => w.PlayerId, p => p.Id, (w, p) => new { Win = w, p.Nickname })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Win.WonAt).Select(r => new WinEntry(
            r.Win, Player.Mask(r.Nickname), r.Win.TierId is { } t && tiers.TryGetValue(t, out var tier) ? tier : null))];
    }

    /// <summary>Whether the activity exists in the current tenant.</summary>
    public async Task<bool> ExistsAsync(Guid activityId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Activities.IgnoreAutoIncludes().AnyAsync(a => a.Id == activityId, cancellationToken);
    }

    /// <summary>Makes every accepted draw visible in the database before counting (Redis mode persists asynchronously).</summary>
    public Task FlushAsync(Guid activityId, CancellationToken cancellationToken) => store.FlushAsync(activityId, cancellationToken);
}
