using Lottery.Domain.Common;

namespace Lottery.Domain.Draws;

public enum DrawOutcome
{
    /// <summary>The draw landed on the "no prize" share of the odds.</summary>
    NoPrize,

    Won,

    /// <summary>The draw landed on a prize whose stock was used up (and no fallback applied).</summary>
    SoldOut,
}

/// <summary>
/// One draw, won or not: the audit trail of every spin. Its id is the draw id given to the player, and is unique, so
/// moving records from the stock store into the database is idempotent.
/// </summary>
public sealed class DrawRecord : ITenantOwned
{
    private DrawRecord()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid ActivityId { get; private set; }

    public Guid PlayerId { get; private set; }

    public DateTimeOffset DrawnAt { get; private set; }

    public DrawOutcome Outcome { get; private set; }

    public Guid? TierId { get; private set; }

    public Guid? PrizeId { get; private set; }

    /// <summary>The wheel segment the player was shown.</summary>
    public int SegmentIndex { get; private set; }

    /// <summary>The definition version the draw used.</summary>
    public int DefinitionVersion { get; private set; }

    public string? IdempotencyKey { get; private set; }

    public static DrawRecord Create(Guid id, Guid tenantId, Guid activityId, Guid playerId, DateTimeOffset drawnAt,
        DrawOutcome outcome, Guid? tierId, Guid? prizeId, int segmentIndex, int definitionVersion, string? idempotencyKey)
    {
        if (outcome == DrawOutcome.Won && (tierId is null || prizeId is null))
        {
            throw new ArgumentException("A winning draw names its tier and prize.", nameof(outcome));
        }

        return new DrawRecord
        {
            Id = id,
            TenantId = tenantId,
            ActivityId = activityId,
            PlayerId = playerId,
            DrawnAt = drawnAt,
            Outcome = outcome,
            TierId = tierId,
            PrizeId = prizeId,
            SegmentIndex = segmentIndex,
            DefinitionVersion = definitionVersion,
            IdempotencyKey = idempotencyKey,
        };
    }
}
