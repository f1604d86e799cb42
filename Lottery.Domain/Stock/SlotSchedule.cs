using Lottery.Domain.Activities;

namespace Lottery.Domain.Stock;

/// <summary>
/// The time slots of one prize's stock in an instant activity, resolved: slot <c>k</c> covers
/// [start + k·every, start + (k+1)·every) and releases <see cref="Quotas"/>[k] units. Unused units roll over, so what may
/// be issued at an instant is the cumulative quota of every slot up to and including the current one; the stock stores
/// keep <see cref="ReservedAt"/> units untouched. Pure arithmetic on instants the caller supplies (no clock).
/// </summary>
public sealed class SlotSchedule
{
    private readonly int[] _cumulative;

    private SlotSchedule(DateTimeOffset startsAt, TimeSpan every, int[] quotas)
    {
        StartsAt = startsAt;
        Every = every;
        Quotas = quotas;
        _cumulative = new int[quotas.Length];
        var sum = 0;
        for (var i = 0; i < quotas.Length; i++)
        {
            sum += quotas[i];
            _cumulative[i] = sum;
        }
    }

    public DateTimeOffset StartsAt { get; }

    public TimeSpan Every { get; }

    public IReadOnlyList<int> Quotas { get; }

    public int Count => Quotas.Count;

    /// <summary>The stock the slots share out (the sum of the quotas).</summary>
    public int Total => _cumulative.Length == 0 ? 0 : _cumulative[^1];

    /// <summary>
    /// The schedule of a validated plan over the window [<paramref name="startsAt"/>, <paramref name="endsAt"/>) for
    /// <paramref name="stock"/> units. The validator guarantees the window is a whole number of slots and explicit
    /// quotas add up to the stock; this throws if not (a broken invariant, not a user error).
    /// </summary>
    public static SlotSchedule Create(TimeSlotPlan plan, DateTimeOffset startsAt, DateTimeOffset endsAt, int stock)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var count = SlotCount(plan.Every, startsAt, endsAt)
            ?? throw new ArgumentException($"The window {startsAt:O} – {endsAt:O} is not a whole number of {plan.Every} slots.", nameof(plan));
        var quotas = plan.Quotas is { } explicitQuotas ? [.. explicitQuotas] : EvenQuotas(stock, count);
        if (quotas.Length != count || quotas.Sum(q => (long)q) != stock || quotas.Any(q => q < 0))
        {
            throw new ArgumentException($"The slot quotas do not share out {stock} unit(s) over {count} slot(s).", nameof(plan));
        }

        return new SlotSchedule(startsAt.ToUniversalTime(), plan.Every, quotas);
    }

    /// <summary>How many slots of <paramref name="every"/> the window holds, or null if it is not a whole, positive number.</summary>
    public static int? SlotCount(TimeSpan every, DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        var window = endsAt - startsAt;
        if (every <= TimeSpan.Zero || window <= TimeSpan.Zero || window.Ticks % every.Ticks != 0)
        {
            return null;
        }

        var count = window.Ticks / every.Ticks;
        return count > int.MaxValue ? null : (int)count;
    }

    /// <summary><paramref name="stock"/> shared evenly over <paramref name="count"/> slots, the remainder one each to the earliest.</summary>
    public static int[] EvenQuotas(int stock, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stock);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var (each, rest) = (stock / count, stock % count);
        return [.. Enumerable.Range(0, count).Select(i => each + (i < rest ? 1 : 0))];
    }

    /// <summary>The slot <paramref name="at"/> falls in (clamped to the first and last slot outside the window).</summary>
    public int IndexAt(DateTimeOffset at)
    {
        if (at <= StartsAt)
        {
            return 0;
        }

        var index = (at - StartsAt).Ticks / Every.Ticks;
        return (int)Math.Min(index, Count - 1);
    }

    public DateTimeOffset SlotStart(int index) => StartsAt + (Every * index);

    /// <summary>Units that may have been issued by <paramref name="at"/>: the quotas of every slot so far, current one included.</summary>
    public int CumulativeQuotaAt(DateTimeOffset at) => _cumulative[IndexAt(at)];

    /// <summary>Units held back for later slots at <paramref name="at"/>: a draw may take a unit only while more than this remain.</summary>
    public int ReservedAt(DateTimeOffset at) => Total - CumulativeQuotaAt(at);

    /// <summary>Units a draw may still take at <paramref name="at"/> when <paramref name="issued"/> were issued so far.</summary>
    public int AvailableAt(DateTimeOffset at, int issued) => Math.Max(0, Math.Min(CumulativeQuotaAt(at), Total) - issued);

    /// <summary>
    /// When units become available again after <paramref name="at"/>, given <paramref name="issued"/> so far: the start of
    /// the first later slot whose cumulative quota exceeds what was issued; null when no later slot releases anything.
    /// </summary>
    public DateTimeOffset? NextReleaseAfter(DateTimeOffset at, int issued)
    {
        for (var k = IndexAt(at) + 1; k < Count; k++)
        {
            if (_cumulative[k] > issued)
            {
                return SlotStart(k);
            }
        }

        return null;
    }
}
