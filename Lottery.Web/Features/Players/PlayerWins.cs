using Lottery.Infrastructure.Persistence;
using Lottery.Web.Endpoints;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Players;

/// <summary>A player's own wins across activities (players belong to no tenant; they only ever see their own rows).</summary>
public sealed class PlayerWins(IDbContextFactory<LotteryDbContext> contexts)
{
    public async Task<IReadOnlyList<MyWinView>> ForPlayerAsync(Guid playerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var wins = await db.Wins.IgnoreQueryFilters().AsNoTracking()
            .Where(w => w.PlayerId == playerId)
            .ToListAsync(cancellationToken);
        return [.. wins.OrderByDescending(w => w.WonAt).Select(w => new MyWinView(
            w.Id, w.ActivityId, w.PrizeName, w.PrizeKind.ToString().ToLowerInvariant(), w.WonAt, w.Status.ToString(), w.Code))];
    }
}
