using System.Data;
using Lottery.Domain.Draws;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Lottery.Infrastructure.Stock.Redis;

/// <summary>One prize of a reconciliation: what Redis says is left against what the database says should be.</summary>
/// <param name="RedisRemaining">Units left per Redis, or null when the activity's counters are not in Redis.</param>
/// <param name="ExpectedRemaining">Allocated − Returned − Issued − wins still in the stream.</param>
/// <param name="UnpersistedWins">Wins of this prize in the stream and not yet in the database.</param>
public sealed record PrizeDrift(Guid PrizeId, int? RedisRemaining, int ExpectedRemaining, int UnpersistedWins)
{
    /// <summary>Redis minus expected: positive, Redis would hand out more than the database allows; negative, fewer.</summary>
    public int Drift => (RedisRemaining ?? ExpectedRemaining) - ExpectedRemaining;
}

/// <summary>A comparison of an activity's Redis stock with the database's.</summary>
public sealed record StockReconciliation(Guid ActivityId, bool RedisWarm, IReadOnlyList<PrizeDrift> Prizes)
{
    public bool IsConsistent => Prizes.All(p => p.Drift == 0);
}

/// <summary>
/// Compares Redis's remaining units per prize with the database's (Allocated − Returned − Issued − unpersisted wins in
/// the stream). The Redis side is one atomic snapshot of the stock hash and the stream; the database side one snapshot
/// read after it, so a record moving into the database meanwhile is counted once.
/// </summary>
public sealed class StockReconciler(RedisScriptRunner scripts, IDbContextFactory<LotteryDbContext> dbFactory)
{
    public async Task<StockReconciliation> ReconcileAsync(Guid activityId, CancellationToken cancellationToken = default)
    {
        var snapshot = await scripts.EvaluateArrayAsync(LuaScripts.SnapshotStock,
            [RedisKeys.Stock(activityId), RedisKeys.Records(activityId)], []);
        var flat = snapshot[0].Items();
        var hash = new HashEntry[flat.Length / 2];
        for (var i = 0; i < hash.Length; i++)
        {
            hash[i] = new HashEntry(flat[2 * i].Text(), (RedisValue)flat[(2 * i) + 1]);
        }

        var warm = hash.Length > 0;
        var redisStock = RedisStockStore.StockFields(hash);
        var streamDraws = StreamRecord.ParseAll(snapshot[1]).Where(r => r.Draw is not null).Select(r => r.Draw!).ToList();
        var streamIds = streamDraws.Select(d => d.DrawId).ToList();

        await using var db = dbFactory.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var persisted = (await db.DrawRecords.IgnoreQueryFilters()
            .Where(r => r.ActivityId == activityId && streamIds.Contains(r.Id))
            .Select(r => r.Id)
            .ToListAsync(cancellationToken)).ToHashSet();
        var pools = await db.ActivityPrizes.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.ActivityId == activityId)
            .ToListAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);

        var pendingWins = streamDraws
            .Where(d => d.Outcome == DrawOutcome.Won && d.PrizeId is not null && !persisted.Contains(d.DrawId))
            .GroupBy(d => d.PrizeId!.Value)
            .ToDictionary(g => g.Key, g => g.Count());
        var prizes = pools
            .Select(p =>
            {
                var pending = pendingWins.GetValueOrDefault(p.PrizeId);
                var expected = (p.IsReserved ? p.Allocated : 0) - p.Returned - p.Issued - pending;
                int? redis = warm ? redisStock.GetValueOrDefault(p.PrizeId) : null;
                return new PrizeDrift(p.PrizeId, redis, expected, pending);
            })
            .ToList();
        return new StockReconciliation(activityId, warm, prizes);
    }
}
