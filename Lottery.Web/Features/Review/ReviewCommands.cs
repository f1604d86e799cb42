using System.Text.Json;
using Lottery.Domain.Audit;
using Lottery.Domain.Common;
using Lottery.Domain.Risk;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Review;

/// <summary>
/// A manager approves or rejects a held win, audited. Two managers deciding one win at once: the review's
/// <see cref="WinReview.Version"/> is a concurrency token, so exactly one decision is saved and the other is told.
/// A rejected win is void: it is never shipped nor its code shown; its unit is not put back into the activity's stock
/// (decision 028).
/// </summary>
public sealed class ReviewCommands(IDbContextFactory<LotteryDbContext> contexts, TimeProvider clock)
{
    public const string ApproveAction = "win.approve";
    public const string RejectAction = "win.reject";

    public Task<Result> ApproveAsync(Guid winId, string? note, string actor, CancellationToken cancellationToken) =>
        DecideAsync(winId, approve: true, note, actor, cancellationToken);

    public Task<Result> RejectAsync(Guid winId, string? note, string actor, CancellationToken cancellationToken) =>
        DecideAsync(winId, approve: false, note, actor, cancellationToken);

    private async Task<Result> DecideAsync(Guid winId, bool approve, string? note, string actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var review = await db.WinReviews.SingleOrDefaultAsync(r => r.WinId == winId, cancellationToken);
        if (review is null)
        {
            return Result.Failure(new Error(ErrorCodes.NotFound, "No held win with this id is in your organisation."));
        }

        var decided = approve ? review.Approve(actor, note, clock) : review.Reject(actor, note, clock);
        if (decided.IsFailure)
        {
            return decided;
        }

        var prize = await db.Wins.Where(w => w.Id == winId).Select(w => new { w.PrizeName, w.PrizeId }).SingleAsync(cancellationToken);
        db.Audit.Add(AuditEntry.Record(review.TenantId, review.ActivityId, actor, approve ? ApproveAction : RejectAction, clock,
            JsonSerializer.Serialize(new { winId, prize = prize.PrizeName, decision = nameof(ReviewDecision.Pending), reason = review.Reason }),
            JsonSerializer.Serialize(new { winId, prize = prize.PrizeName, decision = review.Decision.ToString(), reason = review.Reason, note = review.Note }),
            prize.PrizeId));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Failure(new Error(ErrorCodes.Concurrency,
                "Another manager decided this win at the same moment; their decision stands. Reload to see it."));
        }

        return Result.Success();
    }
}
