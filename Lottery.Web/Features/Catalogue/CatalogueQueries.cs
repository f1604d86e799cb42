using Lottery.Domain.Prizes;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Catalogue;

/// <summary>
/// A catalogue prize with its stock picture. <see cref="Available"/> is the pool not yet reserved by any activity;
/// <see cref="Reserved"/> is what live activities hold and have not yet issued; <see cref="Total"/> is their sum (the
/// units on hand); <see cref="Issued"/> counts units won, across every activity.
/// </summary>
public sealed record PrizeRow(
    Guid Id,
    string Name,
    PrizeKind Kind,
    string? Description,
    decimal UnitCost,
    int? Points,
    string? ImageUrl,
    int Available,
    int Reserved,
    int Issued,
    int CodesUnused,
    int CodesUsed,
    bool IsHighValue = false)
{
    public int Total => Available + Reserved;

    public int Codes => CodesUnused + CodesUsed;
}

/// <summary>Read models of the current tenant's prize catalogue (the tenant filter scopes every query).</summary>
public sealed class CatalogueQueries(IDbContextFactory<LotteryDbContext> contexts)
{
    public async Task<IReadOnlyList<PrizeRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await RowsAsync(db, null, cancellationToken);
    }

    /// <summary>One prize of the current tenant, or null (another tenant's prize is simply not found).</summary>
    public async Task<PrizeRow?> GetAsync(Guid prizeId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await RowsAsync(db, prizeId, cancellationToken)).SingleOrDefault();
    }

    internal static async Task<IReadOnlyList<PrizeRow>> RowsAsync(LotteryDbContext db, Guid? prizeId, CancellationToken cancellationToken)
    {
        var prizes = db.Prizes.AsNoTracking();
        var pools = db.ActivityPrizes.AsNoTracking();
        var codes = db.PrizeCodes.AsNoTracking();
        if (prizeId is { } id)
        {
            prizes = prizes.Where(p => p.Id == id);
            pools = pools.Where(p => p.PrizeId == id);
            codes = codes.Where(c => c.PrizeId == id);
        }

        var list = await prizes.OrderBy(p => p.Name).ToListAsync(cancellationToken);
        var usage = await pools.GroupBy(p => p.PrizeId)
            .Select(g => new
            {
                PrizeId = g.Key,
                Reserved = g.Sum(p => p.IsReserved && p.ReturnedAt == null ? p.Allocated - p.Issued : 0),
                Issued = g.Sum(p => p.Issued),
            })
            .ToDictionaryAsync(u => u.PrizeId, cancellationToken);
        var pool = await codes.GroupBy(c => c.PrizeId)
            .Select(g => new { PrizeId = g.Key, Unused = g.Count(c => c.WinId == null), Used = g.Count(c => c.WinId != null) })
            .ToDictionaryAsync(c => c.PrizeId, cancellationToken);

        return [.. list.Select(p =>
        {
            var u = usage.GetValueOrDefault(p.Id);
            var c = pool.GetValueOrDefault(p.Id);
            return new PrizeRow(p.Id, p.Name, p.Kind, p.Description, p.UnitCost, p.Points, p.ImageUrl,
                p.PoolStock, u?.Reserved ?? 0, u?.Issued ?? 0, c?.Unused ?? 0, c?.Used ?? 0, p.IsHighValue);
        })];
    }
}
