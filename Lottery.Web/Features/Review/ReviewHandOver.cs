using Lottery.Domain.Common;
using Lottery.Domain.Risk;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Review;

/// <summary>Fulfilment waits for a review: a pending win is not shipped yet, a rejected one never is.</summary>
public static class ReviewHandOver
{
    /// <summary>The error that refuses shipping each of these wins that is held or rejected (wins of the current tenant).</summary>
    public static async Task<Dictionary<Guid, Error>> BlockedAsync(LotteryDbContext db, IReadOnlyCollection<Guid> winIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var reviews = await db.WinReviews.AsNoTracking()
            .Where(r => winIds.Contains(r.WinId) && r.Decision != ReviewDecision.Approved)
            .ToListAsync(cancellationToken);
        return reviews.ToDictionary(r => r.WinId, r => r.Decision == ReviewDecision.Rejected
            ? new Error(ErrorCodes.IllegalTransition, ReviewQueries.WhyBlocked(r))
            : new Error(ErrorCodes.HeldForReview, ReviewQueries.WhyBlocked(r)));
    }
}
