using Lottery.Domain.Draws;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Players;

/// <summary>A player's own win, as <c>GET /api/me/wins</c> shows it.</summary>
public sealed record MyWin(Guid Id, Guid ActivityId, string Prize, string Kind, DateTimeOffset WonAt, string Status, string? Code, ClaimView? Claim);

/// <summary>A player's own wins across activities (players belong to no tenant; they only ever see their own rows).</summary>
public sealed class PlayerWins(IDbContextFactory<LotteryDbContext> contexts)
{
    public async Task<IReadOnlyList<MyWin>> ForPlayerAsync(Guid playerId, Guid? activityId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var wins = await db.Wins.IgnoreQueryFilters().AsNoTracking()
            .Where(w => w.PlayerId == playerId && (activityId == null || w.ActivityId == activityId))
            .ToListAsync(cancellationToken);
        return [.. wins.OrderByDescending(w => w.WonAt).Select(ToView)];
    }

    public static MyWin ToView(WinRecord w) => new(
        w.Id, w.ActivityId, w.PrizeName, w.PrizeKind.ToString().ToLowerInvariant(), w.WonAt, w.Status.ToString(), w.Code,
        w.Claim is { } c
            ? new ClaimView(c.Address.RecipientName, c.Address.Phone, c.Address.Line1, c.Address.Line2, c.Address.City, c.Address.Region,
                c.Address.PostalCode, c.Address.Country, c.SubmittedAt, c.TrackingNumber, c.ShippedAt)
            : null);
}
