using System.Globalization;

namespace Lottery.Domain.Activities;

/// <summary>
/// Splits an instant activity's stock of one prize into time slots (e.g. one per hour or per day, counted from the
/// activity's start), so the prizes do not all go in the first minutes. Each slot releases a quota; what a slot does not
/// hand out rolls into the next. <paramref name="Quotas"/> gives the quota of every slot explicitly (they add up to the
/// prize's stock); without it the stock is split evenly and the remainder goes to the earliest slots.
/// See docs/decisions/015-time-slot-stock.md.
/// </summary>
/// <param name="Every">The slot length: whole minutes, at least one minute.</param>
public sealed record TimeSlotPlan(TimeSpan Every, IReadOnlyList<int>? Quotas = null)
{
    public static TimeSpan Hour { get; } = TimeSpan.FromHours(1);

    public static TimeSpan Day { get; } = TimeSpan.FromDays(1);

    /// <summary>Equality by value, quotas included (records compare lists by reference).</summary>
    public bool Equals(TimeSlotPlan? other) =>
        other is not null && Every == other.Every
        && (Quotas is null ? other.Quotas is null : other.Quotas is not null && Quotas.SequenceEqual(other.Quotas));

    public override int GetHashCode() => HashCode.Combine(Every, Quotas?.Count);

    /// <summary>
    /// Reads a slot length as marketers write it: <c>hour</c>, <c>day</c>, <c>week</c>, or a number with a unit —
    /// <c>30m</c>, <c>6h</c>, <c>2d</c>. Null for anything else.
    /// </summary>
    public static TimeSpan? ParseEvery(string? text)
    {
        var value = text?.Trim().ToLowerInvariant();
        switch (value)
        {
            case null or "":
                return null;
            case "hour" or "hourly":
                return Hour;
            case "day" or "daily":
                return Day;
            case "week" or "weekly":
                return TimeSpan.FromDays(7);
        }

        if (value.Length < 2 || !int.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            return null;
        }

        return value[^1] switch
        {
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => null,
        };
    }

    /// <summary>The shortest text <see cref="ParseEvery"/> reads back to <paramref name="every"/> (<c>hour</c>, <c>day</c>, <c>90m</c>).</summary>
    public static string FormatEvery(TimeSpan every) => every switch
    {
        _ when every == Hour => "hour",
        _ when every == Day => "day",
        _ when every.Ticks % TimeSpan.TicksPerDay == 0 => $"{every.Ticks / TimeSpan.TicksPerDay}d",
        _ when every.Ticks % TimeSpan.TicksPerHour == 0 => $"{every.Ticks / TimeSpan.TicksPerHour}h",
        _ => $"{(long)every.TotalMinutes}m",
    };
}
