using System.Text.Json.Serialization;
using Lottery.Domain.Players;
using Lottery.Domain.Risk;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Review;

/// <summary>
/// A win held for review, as the winners page and <c>GET /api/admin/reviews</c> show it. <see cref="Email"/> is set only
/// for a verified e-mail player and only for viewers who may see personal data (managers); <see cref="Player"/> is
/// always the masked nickname. <see cref="Decision"/> is <c>pending</c>, <c>approved</c> or <c>rejected</c>.
/// </summary>
public sealed record ReviewLine(
    Guid WinId, Guid ActivityId, string Activity, string Player, string? Email, string Prize, string Kind, DateTimeOffset WonAt,
    DateTimeOffset HeldAt, string Reason, string Decision, string? Note, string? DecidedBy, DateTimeOffset? DecidedAt)
{
    [JsonIgnore]
    public bool IsPending => Decision == "pending";
}

/// <summary>A win whose fulfilment waits for a review (<see cref="Rejected"/>: never), and why, in words.</summary>
public sealed record WinHold(bool Rejected, string Why)
{
    public string Label => Rejected ? "Rejected" : "Held for review";
}

/// <summary>The current tenant's held wins (the tenant filter applies: a tenant never sees another's reviews).</summary>
public sealed class ReviewQueries(IDbContextFactory<LotteryDbContext> contexts)
{
    /// <summary>Held wins, pending first and then newest first; <paramref name="activityId"/> narrows to one activity.</summary>
    public async Task<IReadOnlyList<ReviewLine>> ListAsync(Guid? activityId, bool pendingOnly, bool personalData, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // No IgnoreQueryFilters here: it would lift the tenant filter of the whole query, not only of one set.
        var rows = await (
                from r in db.WinReviews
                join w in db.Wins on r.WinId equals w.Id
                join a in db.Activities.IgnoreAutoIncludes() on r.ActivityId equals a.Id
                where (activityId == null || r.ActivityId == activityId) && (!pendingOnly || r.Decision == ReviewDecision.Pending)
                select new { Review = r, w.PlayerId, w.PrizeName, w.PrizeKind, w.WonAt, Activity = a.Name })
            .AsNoTracking().ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.PlayerId).Distinct().ToList();
        var players = await db.Players.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Nickname, p.Kind, p.Email }).ToDictionaryAsync(p => p.Id, cancellationToken);
        return [.. rows
            .OrderBy(x => x.Review.Decision == ReviewDecision.Pending ? 0 : 1).ThenByDescending(x => x.Review.HeldAt)
            .Select(x =>
            {
                var p = players.GetValueOrDefault(x.PlayerId);
                return new ReviewLine(
                    x.Review.WinId, x.Review.ActivityId, x.Activity, Player.Mask(p?.Nickname),
                    personalData && p?.Kind == PlayerIdentityKind.Email ? p.Email : null,
                    x.PrizeName, x.PrizeKind.ToString().ToLowerInvariant(), x.WonAt, x.Review.HeldAt, x.Review.Reason,
                    Word(x.Review.Decision), x.Review.Note, x.Review.DecidedBy, x.Review.DecidedAt);
            })];
    }

    /// <summary>Why each of these wins cannot be handed over yet (pending or rejected reviews), in words; absent when it can.</summary>
    public async Task<IReadOnlyDictionary<Guid, WinHold>> BlockedAsync(Guid activityId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var reviews = await db.WinReviews.AsNoTracking()
            .Where(r => r.ActivityId == activityId && r.Decision != ReviewDecision.Approved)
            .ToListAsync(cancellationToken);
        return reviews.ToDictionary(r => r.WinId, r => new WinHold(r.Decision == ReviewDecision.Rejected, WhyBlocked(r)));
    }

    public static string WhyBlocked(WinReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        return review.Decision == ReviewDecision.Rejected
            ? $"Rejected after review: {review.Note}"
            : $"Held for review: {review.Reason} Approve it under Needs review first.";
    }

    public static string Word(ReviewDecision decision) => decision.ToString().ToLowerInvariant();
}
