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
        var pools = await db.ActivityPrizes.Where(p => p.ActivityId == activityId)
            .Join(db.Prizes, p => p.PrizeId, c => c.Id, (p, c) => new { p.PrizeId, c.Name, p.Allocated, p.Issued, p.Returned })
            .ToListAsync(cancellationToken);
        var live = await store.RemainingStockAsync(activityId, cancellationToken);
        var prizes = pools.OrderBy(p => p.Name)
            .Select(p => new PrizeStats(p.PrizeId, p.Name, p.Allocated, p.Issued,
                live.TryGetValue(p.PrizeId, out var remaining) ? remaining : p.Allocated - p.Returned - p.Issued))
            .ToList();
        return new ActivityStats(activity.Status.ToString(), draws, wins, players, prizes);
    }

    public async Task<IReadOnlyList<WinnerRow>?> WinnersAsync(Guid activityId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Activities.AnyAsync(a => a.Id == activityId, cancellationToken))
        {
            return null;
        }

        var tiers = await db.Set<Domain.Activities.PrizeTier>().Where(t => t.ActivityId == activityId)
            .ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var rows = await db.Wins.AsNoTracking().Where(w => w.ActivityId == activityId)
            .Join(db.Players, w => w.PlayerId, p => p.Id, (w, p) => new { Win = w, p.Nickname })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Win.WonAt).Select(r => new WinnerRow(
            r.Win.Id, r.Win.PlayerId, Player.Mask(r.Nickname), r.Win.PrizeName, r.Win.PrizeKind.ToString().ToLowerInvariant(),
            r.Win.TierId is { } t && tiers.TryGetValue(t, out var tier) ? tier : null, r.Win.WonAt, r.Win.Status.ToString(),
            r.Win.Code, r.Win.Claim?.TrackingNumber))];
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
