using Lottery.Domain.Common;

namespace Lottery.Domain.Players;

/// <summary>A player's entry into a scheduled draw (one per player per activity).</summary>
public sealed class ScheduledEntry : ITenantOwned
{
    private ScheduledEntry()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid ActivityId { get; private set; }

    public Guid PlayerId { get; private set; }

    public DateTimeOffset JoinedAt { get; private set; }

    public static ScheduledEntry Create(Guid tenantId, Guid activityId, Guid playerId, TimeProvider clock) => new()
    {
        Id = Ids.New(clock),
        TenantId = tenantId,
        ActivityId = activityId,
        PlayerId = playerId,
        JoinedAt = clock.GetUtcNow(),
    };
}
