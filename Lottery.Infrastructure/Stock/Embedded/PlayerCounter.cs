using Lottery.Domain.Common;

namespace Lottery.Infrastructure.Stock.Embedded;

/// <summary>
/// The embedded stock store's per-player counters in one activity. Every draw updates this row with a guarded
/// conditional UPDATE, which both checks the limits and serialises the player's concurrent draws. Chances earned from
/// tasks are not copied here: the UPDATE sums the <c>DrawChances</c> ledger, so a grant counts the moment it commits.
/// </summary>
public sealed class PlayerCounter : ITenantOwned
{
    public Guid ActivityId { get; set; }

    public Guid PlayerId { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>Draws made.</summary>
    public int Used { get; set; }

    public int Wins { get; set; }

    /// <summary>UTC day (yyyyMMdd) <see cref="DayUsed"/> counts for.</summary>
    public string Day { get; set; } = "";

    public int DayUsed { get; set; }
}
