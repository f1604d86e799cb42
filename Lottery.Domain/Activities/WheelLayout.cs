using Lottery.Domain.Prizes;

namespace Lottery.Domain.Activities;

/// <summary>One wheel segment: a prize slot, or a "try again" segment.</summary>
public sealed record WheelSegment(int Index, string Label, string Color, Guid? TierId, Guid? PrizeId, Guid? SlotId, PrizeKind? PrizeKind)
{
    public bool IsTryAgain => SlotId is null;
}

/// <summary>
/// The wheel players see, derived from the definition: one segment per prize slot (tier order, then slot order), with
/// the "try again" segments spread evenly between them. The server returns the index of the segment a draw landed on,
/// and the page spins to exactly that segment. There is always at least one "try again" segment.
/// </summary>
public sealed class WheelLayout
{
    public const string TryAgainLabel = "Try again";
    private static readonly string[] Palette = ["#D7263D", "#F4B942", "#1B998B", "#2E86AB", "#8E44AD", "#E4572E", "#3BB273", "#F29E4C"];
    private readonly Dictionary<Guid, int> _bySlot;

    private WheelLayout(IReadOnlyList<WheelSegment> segments)
    {
        Segments = segments;
        _bySlot = segments.Where(s => s.SlotId is not null).ToDictionary(s => s.SlotId!.Value, s => s.Index);
    }

    public IReadOnlyList<WheelSegment> Segments { get; }

    public int SegmentOf(Guid slotId) => _bySlot[slotId];

    public static WheelLayout For(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var prizes = activity.Tiers.OrderBy(t => t.Order)
            .SelectMany((t, ti) => t.Slots.OrderBy(s => s.Order).Select(s => (Tier: t, TierIndex: ti, Slot: s)))
            .ToList();
        var tryAgain = Math.Max(1, activity.Gameplay.TryAgainSegments);
        var total = prizes.Count + tryAgain;

        // Place try-again segments at evenly spaced positions; prizes fill the rest in order.
        var tryAgainPositions = Enumerable.Range(0, tryAgain).Select(k => (int)((k + 0.5) * total / tryAgain)).ToHashSet();
        var segments = new List<WheelSegment>(total);
        var next = 0;
        for (var index = 0; index < total; index++)
        {
            if (tryAgainPositions.Contains(index) || next >= prizes.Count)
            {
                segments.Add(new WheelSegment(index, TryAgainLabel, "#F5F1EA", null, null, null, null));
                continue;
            }

            var (tier, tierIndex, slot) = prizes[next++];
            segments.Add(new WheelSegment(index, slot.PrizeName, tier.Color ?? Palette[tierIndex % Palette.Length],
                tier.Id, slot.PrizeId, slot.Id, slot.PrizeKind));
        }

        return new WheelLayout(segments);
    }
}
