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
            .SelectMany((t, ti) => t.Slots.OrderBy(s => s.Order).Select(s =>
                new WheelPrize(s.PrizeName, TierColor(t.Color, ti), t.Id, s.PrizeId, s.Id, s.PrizeKind)))
            .ToList();
        return Build(prizes, activity.Gameplay.TryAgainSegments);
    }

    /// <summary>
    /// The wheel a definition will show once published, for the designer's live preview: the same segments, labels and
    /// colours as <see cref="For(Activity)"/>. Tiers and slots have no ids yet, so segments carry positional stand-ins
    /// (tier index, slot index) that identify a slot within this preview only.
    /// </summary>
    public static WheelLayout Preview(ActivityDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var prizes = definition.Tiers
            .SelectMany((t, ti) => t.Prizes.Select((s, si) =>
                new WheelPrize(s.Name.Trim(), TierColor(t.Color, ti), Positional(ti, -1), s.PrizeId, Positional(ti, si), s.Kind)))
            .ToList();
        return Build(prizes, (definition.Gameplay ?? GameplaySettings.Wheel).TryAgainSegments);
    }

    /// <summary>A tier's segment colour: its own, or the palette's colour for its position.</summary>
    public static string TierColor(string? color, int tierIndex) => color ?? Palette[tierIndex % Palette.Length];

    private static Guid Positional(int tier, int slot) => new(tier, (short)slot, 0, 0, 0, 0, 0, 0, 0, 0, 1);

    private static WheelLayout Build(List<WheelPrize> prizes, int tryAgainSegments)
    {
        var tryAgain = Math.Max(1, tryAgainSegments);
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

            var p = prizes[next++];
            segments.Add(new WheelSegment(index, p.Label, p.Color, p.TierId, p.PrizeId, p.SlotId, p.Kind));
        }

        return new WheelLayout(segments);
    }

    private sealed record WheelPrize(string Label, string Color, Guid TierId, Guid? PrizeId, Guid SlotId, PrizeKind Kind);
}
