using Lottery.Domain.Common;

namespace Lottery.Domain.Risk;

public enum ReviewDecision
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// A win held for review because it looks farmed (the same shipping address or phone across players, too many wins
/// from one address in a day). Fulfilment (shipping, showing a virtual code) waits until a manager approves it.
/// </summary>
public sealed class WinReview : ITenantOwned
{
    public const int ReasonMaxLength = 500;

    private WinReview()
    {
        Reason = null!;
    }

    /// <summary>The held win's id (one review per win).</summary>
    public Guid WinId { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid ActivityId { get; private set; }

    /// <summary>Why the win was held, in words for the manager.</summary>
    public string Reason { get; private set; }

    public DateTimeOffset HeldAt { get; private set; }

    public ReviewDecision Decision { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    /// <summary>The manager's reason for the decision (required to reject).</summary>
    public string? Note { get; private set; }

    public int Version { get; private set; }

    public static WinReview Hold(Guid winId, Guid tenantId, Guid activityId, string reason, TimeProvider clock) => new()
    {
        WinId = winId,
        TenantId = tenantId,
        ActivityId = activityId,
        Reason = reason.Length > ReasonMaxLength ? reason[..ReasonMaxLength] : reason,
        HeldAt = clock.GetUtcNow(),
        Decision = ReviewDecision.Pending,
    };

    public Result Approve(string decidedBy, string? note, TimeProvider clock) => Decide(ReviewDecision.Approved, decidedBy, note, clock);

    public Result Reject(string decidedBy, string? note, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            return Result.Invalid([new("note", "Say why the win is rejected.")]);
        }

        return Decide(ReviewDecision.Rejected, decidedBy, note, clock);
    }

    private Result Decide(ReviewDecision decision, string decidedBy, string? note, TimeProvider clock)
    {
        if (Decision != ReviewDecision.Pending)
        {
            return Result.Failure(new Error(ErrorCodes.IllegalTransition, $"This win was already {Decision.ToString().ToLowerInvariant()}."));
        }

        var trimmed = note?.Trim();
        if (trimmed is { Length: > ReasonMaxLength })
        {
            return Result.Invalid([new("note", $"At most {ReasonMaxLength} characters.")]);
        }

        Decision = decision;
        DecidedBy = decidedBy;
        Note = string.IsNullOrEmpty(trimmed) ? null : trimmed;
        DecidedAt = clock.GetUtcNow();
        Version++;
        return Result.Success();
    }
}
