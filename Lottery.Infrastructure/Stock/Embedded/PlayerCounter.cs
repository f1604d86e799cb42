using Lottery.Domain.Common;

namespace Lottery.Infrastructure.Stock.Embedded;

/// <summary>
/// The embedded store's per-player counters in one activity, written only by <see cref="DrawJournal"/> batches (which
/// hold the activity's prize rows locked while they read and replace them). Chances earned from tasks are not copied
/// here: each batch sums the <c>DrawChances</c> ledger, so a grant counts from the first batch after it commits.
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
