using Lottery.Domain.Draws;
using Lottery.Domain.Prizes;
using Lottery.Domain.Risk;
using Lottery.Infrastructure.Persistence;
using Lottery.Web.Features.Review;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Players;

/// <summary>
/// A player's own win, as <c>GET /api/me/wins</c> shows it. <see cref="VerificationRequired"/>: a high-value prize won
/// by a guest, claimable (and its code shown) once the player confirms an identity. <see cref="Review"/>: <c>pending</c>
/// while a manager checks the win, <c>approved</c> or <c>rejected</c> after; null when it was never held. The code is
/// null while either stands in the way.
/// </summary>
public sealed record MyWin(Guid Id, Guid ActivityId, string Prize, string Kind, DateTimeOffset WonAt, string Status, string? Code, ClaimView? Claim,
    bool VerificationRequired = false, string? Review = null);

/// <summary>A player's own wins across activities (players belong to no tenant; they only ever see their own rows).</summary>
public sealed class PlayerWins(IDbContextFactory<LotteryDbContext> contexts, WinHolds holds)
{
    public Task<IReadOnlyList<MyWin>> ForPlayerAsync(Guid playerId, Guid? activityId, CancellationToken cancellationToken) =>
        ForPlayerAsync(playerId, activityId, null, cancellationToken);

    /// <summary>
    /// The player's wins. A code or virtual win not yet checked is checked against the per-address rule with the
    /// request's address before its code is first shown (decision 028).
    /// </summary>
    public async Task<IReadOnlyList<MyWin>> ForPlayerAsync(Guid playerId, Guid? activityId, string? ipAddress, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var wins = await db.Wins.IgnoreQueryFilters().AsNoTracking()
            .Where(w => w.PlayerId == playerId && (activityId == null || w.ActivityId == activityId))
            .ToListAsync(cancellationToken);
        var highValue = await WinHolds.HighValuePrizesAsync(db, wins.Select(w => w.PrizeId), cancellationToken);
        var verified = highValue.Count > 0 && await WinHolds.IsVerifiedAsync(db, playerId, cancellationToken);
        var decisions = await WinHolds.DecisionsAsync(db, wins.Select(w => w.Id), cancellationToken);
        foreach (var win in wins.Where(w => w.PrizeKind is PrizeKind.Code or PrizeKind.Virtual && !decisions.ContainsKey(w.Id)))
        {
            if (await holds.CheckHandOverAsync(win.Id, ipAddress, cancellationToken) is { } held)
            {
                decisions[win.Id] = held;
            }
        }

        return [.. wins.OrderByDescending(w => w.WonAt).Select(w => ToView(w,
            highValue.Contains(w.PrizeId) && !verified, decisions.TryGetValue(w.Id, out var d) ? d : null))];
    }

    public static MyWin ToView(WinRecord w, bool verificationRequired = false, ReviewDecision? review = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        var withheld = verificationRequired || review is ReviewDecision.Pending or ReviewDecision.Rejected;
        return new(
            w.Id, w.ActivityId, w.PrizeName, w.PrizeKind.ToString().ToLowerInvariant(), w.WonAt, w.Status.ToString(), withheld ? null : w.Code,
            w.Claim is { } c
                ? new ClaimView(c.Address.RecipientName, c.Address.Phone, c.Address.Line1, c.Address.Line2, c.Address.City, c.Address.Region,
                    c.Address.PostalCode, c.Address.Country, c.SubmittedAt, c.TrackingNumber, c.ShippedAt)
                : null,
            verificationRequired,
            review is { } r ? ReviewQueries.Word(r) : null);
    }
}
