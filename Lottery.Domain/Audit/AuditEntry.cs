using Lottery.Domain.Common;

namespace Lottery.Domain.Audit;

/// <summary>An append-only record of an operator or system action: who, when, what, and the state before and after.</summary>
public sealed class AuditEntry : ITenantOwned
{
    private AuditEntry()
    {
        Actor = null!;
        Action = null!;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid? ActivityId { get; private set; }

    /// <summary>The catalogue prize the action concerned (stock, codes, picture), if any.</summary>
    public Guid? PrizeId { get; private set; }

    /// <summary>User name, "api-key:prefix", or "system".</summary>
    public string Actor { get; private set; }

    /// <summary>What happened, e.g. "activity.publish", "stock.return".</summary>
    public string Action { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>JSON of the state before (or null).</summary>
    public string? Before { get; private set; }

    /// <summary>JSON of the state after (or null).</summary>
    public string? After { get; private set; }

    public static AuditEntry Record(Guid tenantId, Guid? activityId, string actor, string action, TimeProvider clock,
        string? before = null, string? after = null, Guid? prizeId = null) => new()
    {
        Id = Ids.New(clock),
        TenantId = tenantId,
        ActivityId = activityId,
        PrizeId = prizeId,
        Actor = actor,
        Action = action,
        At = clock.GetUtcNow(),
        Before = before,
        After = after,
    };
}
