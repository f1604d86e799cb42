using Lottery.Domain.Draws;

namespace Lottery.Infrastructure.Stock;

/// <summary>
/// A draw accepted by the stock store, on its way into the database (the JSON of a Redis stream entry, or built in
/// process by the embedded store). Its <see cref="DrawId"/> is unique, which makes persisting it idempotent.
/// </summary>
public sealed record PendingDraw(
    Guid DrawId,
    Guid TenantId,
    Guid ActivityId,
    Guid PlayerId,
    DateTimeOffset At,
    DrawOutcome Outcome,
    Guid? TierId,
    Guid? PrizeId,
    int SegmentIndex,
    int DefinitionVersion,
    string? IdempotencyKey);
