using System.Text.Json;
using Lottery.Domain.Audit;
using Lottery.Domain.Common;
using Lottery.Domain.Draws;
using Lottery.Domain.Players;
using Lottery.Domain.Prizes;
using Lottery.Domain.Risk;
using Lottery.Infrastructure.Persistence;
using Lottery.Web.Features.Risk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lottery.Web.Features.Review;

/// <summary>
/// The player-side half of high-value prizes and farmed-win reviews (docs/decisions/028-high-value-and-review.md):
/// whether a player must verify before claiming, and whether a win is held for a manager's review. Players belong to
/// no tenant, so every read here ignores the tenant filter and names the win's tenant itself.
/// </summary>
public sealed class WinHolds(IDbContextFactory<LotteryDbContext> contexts, IOptions<ReviewOptions> options, RiskCache risk, TimeProvider clock)
{
    public const string HoldAction = "win.hold";

    public const string VerificationMessage =
        "This is a high-value prize: confirm your e-mail address to claim it. Your win is kept for you.";

    /// <summary>Which of these wins are of high-value prizes (the prize as it is in the catalogue now).</summary>
    public static async Task<HashSet<Guid>> HighValuePrizesAsync(LotteryDbContext db, IEnumerable<Guid> prizeIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = prizeIds.Distinct().ToList();
        return ids.Count == 0
            ? []
            : [.. await db.Prizes.IgnoreQueryFilters().Where(p => ids.Contains(p.Id) && p.IsHighValue).Select(p => p.Id).ToListAsync(cancellationToken)];
    }

    /// <summary>A guest's claim of a high-value prize is refused (403 verification-required); a verified player's is not.</summary>
    public static async Task<Error?> VerificationNeededAsync(LotteryDbContext db, WinRecord win, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(win);
        if ((await HighValuePrizesAsync(db, [win.PrizeId], cancellationToken)).Count == 0)
        {
            return null;
        }

        // The stored player, not the session's cached claims: a guest promoted in place is verified from that moment.
        var verified = await IsVerifiedAsync(db, win.PlayerId, cancellationToken);
        return verified ? null : new Error(ErrorCodes.VerificationRequired, VerificationMessage);
    }

    public static async Task<bool> IsVerifiedAsync(LotteryDbContext db, Guid playerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Players.IgnoreQueryFilters().Where(p => p.Id == playerId)
            .Select(p => p.Kind != PlayerIdentityKind.Guest).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The review decisions of these wins (absent: never held).</summary>
    public static async Task<Dictionary<Guid, ReviewDecision>> DecisionsAsync(LotteryDbContext db, IEnumerable<Guid> winIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = winIds.Distinct().ToList();
        return ids.Count == 0
            ? []
            : await db.WinReviews.IgnoreQueryFilters().Where(r => ids.Contains(r.WinId))
                .ToDictionaryAsync(r => r.WinId, r => r.Decision, cancellationToken);
    }

    /// <summary>
    /// Checks a claimed physical win against both rules and holds it when either matches; called after the claim is
    /// saved, so that of two claims racing with one address the later one always sees the earlier (decision 028).
    /// </summary>
    public Task<ReviewDecision?> CheckClaimAsync(Guid winId, string? ipAddress, CancellationToken cancellationToken) =>
        CheckAsync(winId, ipAddress, sameAddress: true, cancellationToken);

    /// <summary>Checks a code or virtual win against the per-address rule before its code is first shown.</summary>
    public Task<ReviewDecision?> CheckHandOverAsync(Guid winId, string? ipAddress, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(ipAddress)
            ? Task.FromResult<ReviewDecision?>(null)
            : CheckAsync(winId, ipAddress, sameAddress: false, cancellationToken);

    private async Task<ReviewDecision?> CheckAsync(Guid winId, string? ipAddress, bool sameAddress, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.WinReviews.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(r => r.WinId == winId, cancellationToken) is { } existing)
        {
            return existing.Decision;
        }

        var win = await db.Wins.IgnoreQueryFilters().AsNoTracking().SingleAsync(w => w.Id == winId, cancellationToken);
        var reason = (sameAddress ? await SameAddressOrPhoneAsync(db, win, cancellationToken) : null)
            ?? await TooManyFromAddressAsync(db, win, ipAddress, cancellationToken);
        if (reason is null)
        {
            return null;
        }

        db.WinReviews.Add(WinReview.Hold(win.Id, win.TenantId, win.ActivityId, reason, clock));
        db.Audit.Add(AuditEntry.Record(win.TenantId, win.ActivityId, "system", HoldAction, clock,
            after: JsonSerializer.Serialize(new { winId = win.Id, prize = win.PrizeName, reason }), prizeId: win.PrizeId));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Held by a concurrent check of the same win: one review per win (its key), the first one stands.
            db.ChangeTracker.Clear();
            return (await db.WinReviews.IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.WinId == winId, cancellationToken)).Decision;
        }

        return ReviewDecision.Pending;
    }

    /// <summary>Rule (a): another player of the tenant already claimed with the same address or phone.</summary>
    private static async Task<string?> SameAddressOrPhoneAsync(LotteryDbContext db, WinRecord win, CancellationToken cancellationToken)
    {
        if (win.Claim is not { } mine)
        {
            return null;
        }

        // Normalised in memory: the rule ignores case and spacing, which no index can (a tenant's physical claims
        // are thousands, not millions; decision 028 names the column that would make this a lookup).
        var others = await db.Wins.IgnoreQueryFilters().AsNoTracking()
            .Where(w => w.TenantId == win.TenantId && w.PlayerId != win.PlayerId && w.PrizeKind == PrizeKind.Physical
                && w.Status != WinStatus.AwaitingClaim)
            .Select(w => new { w.Claim!.Address.Line1, w.Claim.Address.PostalCode, w.Claim.Address.Country, w.Claim.Address.Phone })
            .ToListAsync(cancellationToken);
        var address = ReviewRules.AddressKey(mine.Address);
        var phone = ReviewRules.PhoneKey(mine.Address.Phone);
        if (others.Any(o => o.Line1 is not null && ReviewRules.AddressKey(o.Line1, o.PostalCode, o.Country) == address))
        {
            return "The same shipping address as another player's claim.";
        }

        return phone.Length > 0 && others.Any(o => ReviewRules.PhoneKey(o.Phone) == phone)
            ? "The same phone number as another player's claim."
            : null;
    }

    /// <summary>
    /// Rule (b): counting this win, more than N wins of the tenant on this win's day (UTC, up to this win) went to
    /// players who opened a session from the request's network address.
    /// </summary>
    private async Task<string?> TooManyFromAddressAsync(LotteryDbContext db, WinRecord win, string? ipAddress, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(ipAddress))
        {
            return null;
        }

        var limit = (await risk.TenantAsync(win.TenantId, cancellationToken)).WinsPerAddressPerDay ?? options.Value.WinsPerAddressPerDay;
        if (limit <= 0)
        {
            return null;
        }

        var day = new DateTimeOffset(win.WonAt.UtcDateTime.Date, TimeSpan.Zero);
        var players = db.PlayerSessions.Where(s => s.IpAddress == ipAddress).Select(s => s.PlayerId);
        var wins = await db.Wins.IgnoreQueryFilters()
            .Where(w => w.TenantId == win.TenantId && w.WonAt >= day && w.WonAt <= win.WonAt
                && (w.PlayerId == win.PlayerId || players.Contains(w.PlayerId)))
            .CountAsync(cancellationToken);
        return wins > limit
            ? $"{wins} wins on {day:d MMMM yyyy} went to players from one network address (the limit is {limit} a day)."
            : null;
    }
}
