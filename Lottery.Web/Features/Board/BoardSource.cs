using Lottery.Domain.Draws;
using Lottery.Domain.Players;
using Lottery.Domain.Stock;
using Lottery.Infrastructure.Persistence;
using Lottery.Web.Features.Activities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Lottery.Web.Features.Board;

/// <summary>
/// The database side of live boards. A board is shared by everyone on the node who may see the activity, so it loads
/// by activity id: the activity's own tenant is set on the operation's scope and the numbers come from
/// <see cref="ActivityReports.StatsAsync"/> — the very query behind <c>GET /api/admin/activities/{id}/stats</c>.
/// Who may watch is decided before a board is handed out (<see cref="BoardAccess"/>).
/// </summary>
public sealed class BoardSource(IServiceScopeFactory scopes, IMemoryCache cache) : IBoardSource
{
    public async Task<BoardSeed?> LoadAsync(Guid activityId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var contexts = services.GetRequiredService<IDbContextFactory<LotteryDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The activity id is the key; its tenant scopes everything after this line.
        var activity = await db.Activities.IgnoreQueryFilters().IgnoreAutoIncludes().Where(a => a.Id == activityId)
            .Select(a => new { a.TenantId, a.Name, a.Kind }).SingleOrDefaultAsync(cancellationToken);
        if (activity is null)
        {
            return null;
        }

        services.GetRequiredService<TenantScope>().Set(activity.TenantId);
        var stats = await services.GetRequiredService<ActivityReports>().StatsAsync(activityId, cancellationToken);
        if (stats is null)
        {
            return null;
        }

        var players = await db.DrawRecords.Where(r => r.ActivityId == activityId).Select(r => r.PlayerId)
            .Union(db.ScheduledEntries.Where(e => e.ActivityId == activityId).Select(e => e.PlayerId))
            .ToListAsync(cancellationToken);
        var recent = await db.DrawRecords.Where(r => r.ActivityId == activityId && r.DrawnAt >= since)
            .Select(r => new { r.DrawnAt, r.Outcome }).ToListAsync(cancellationToken);
        var winners = await db.Wins.Where(w => w.ActivityId == activityId).OrderByDescending(w => w.WonAt).Take(LiveBoard.FeedSize)
            .Join(db.Players, w => w.PlayerId, p => p.Id, (w, p) => new { w.Id, p.Nickname, w.PrizeName, w.WonAt })
            .ToListAsync(cancellationToken);
        return new BoardSeed(
            activity.TenantId, activity.Name, activity.Kind.ToString(), stats.Status, stats.Draws, stats.Wins, players,
            [.. recent.Select(r => (r.DrawnAt, r.Outcome == DrawOutcome.Won))],
            [.. stats.Prizes.Select(p => new PrizeStock(p.Id, p.Name, p.Stock, p.Remaining))],
            [.. winners.OrderByDescending(w => w.WonAt).Select(w => new RecentWinner(w.Id, Player.Mask(w.Nickname), w.PrizeName, w.WonAt))]);
    }

    public async Task<IReadOnlySet<Guid>> KnownDrawsAsync(IReadOnlyCollection<Guid> drawIds, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContextAsync(cancellationToken);
        var known = new HashSet<Guid>();
        foreach (var chunk in drawIds.Chunk(500))
        {
            known.UnionWith(await db.DrawRecords.IgnoreQueryFilters().Where(r => chunk.Contains(r.Id)).Select(r => r.Id).ToListAsync(cancellationToken));
        }

        return known;
    }

    public async Task<IReadOnlyDictionary<Guid, string>> MaskedNamesAsync(IReadOnlyCollection<Guid> playerIds, CancellationToken cancellationToken)
    {
        var names = new Dictionary<Guid, string>();
        var missing = new List<Guid>();
        foreach (var id in playerIds)
        {
            if (cache.TryGetValue(("board-player", id), out string? name))
            {
                names[id] = name!;
            }
            else
            {
                missing.Add(id);
            }
        }

        if (missing.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContextAsync(cancellationToken);
            // Players belong to no tenant (docs/decisions/004): only masked nicknames leave this method.
            var rows = await db.Players.AsNoTracking().Where(p => missing.Contains(p.Id)).Select(p => new { p.Id, p.Nickname }).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                names[row.Id] = Player.Mask(row.Nickname);
                cache.Set(("board-player", row.Id), names[row.Id], TimeSpan.FromMinutes(10));
            }
        }

        return names;
    }

    public async Task FlushAsync(Guid activityId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IStockStore>().FlushAsync(activityId, cancellationToken);
    }
}
