using System.Globalization;
using Lottery.Domain.Common;
using Lottery.Web.Features.Activities;
using static Lottery.Web.Features.Designer.DesignerDocuments;

namespace Lottery.Web.Features.Designer;

/// <summary>
/// One thing that can be dragged in the designer: a palette entry (its zone starts with <see cref="DesignerCanvas.Palette"/>)
/// or a block on the canvas, addressed by its key (see <see cref="DesignerDocuments"/>). Keys are unique within a
/// <paramref name="Version"/> of the document: a key is a position, so every edit makes new items (MudDropZone keeps
/// its own order per item, which must not outlive the position it was taken for).
/// </summary>
public sealed record CanvasItem(string Key, string Zone, BlockType Block, CataloguePrize? Prize = null, int Version = 0)
{
    public bool FromPalette => Zone.StartsWith(DesignerCanvas.Palette, StringComparison.Ordinal);
}

/// <summary>An edit of the canvas: the next document and the block to select (and focus) afterwards.</summary>
public sealed record CanvasEdit(ActivityDocument Document, string Selected);

/// <summary>
/// The canvas as drag-and-drop items, and what a drop, a palette click or a keyboard move does to the document. Pure,
/// so the mouse path (MudDropContainer), the keyboard path and the tests share one set of rules.
/// </summary>
public static class DesignerCanvas
{
    public const string Palette = "palette";

    /// <summary>The palette's groups, in order, with the blocks each offers (the catalogue's prizes join "Prizes").</summary>
    public static IReadOnlyList<(string Group, BlockType[] Blocks)> PaletteGroups { get; } =
    [
        ("Gameplay", [BlockType.Wheel]),
        ("Prizes", [BlockType.Tier, BlockType.Prize]),
        ("Rules", [BlockType.RuleChances, BlockType.RuleDaily, BlockType.RuleMaxWins]),
        ("Tasks", [BlockType.TaskShare, BlockType.TaskCheckIn]),
        ("Schedule", [BlockType.InstantWindow, BlockType.ScheduledDraw]),
        ("Look", [BlockType.Theme]),
    ];

    public static string PaletteKey(BlockType block) => $"{Palette}:{block}";

    public static string PaletteKey(CataloguePrize prize) => $"{Palette}:catalogue:{prize.Id}";

    public static string Label(BlockType block) => block switch
    {
        BlockType.Wheel => "Wheel",
        BlockType.Tier => "Prize tier",
        BlockType.Prize => "New prize",
        BlockType.RuleChances => "Chances per player",
        BlockType.RuleDaily => "Draws per day",
        BlockType.RuleMaxWins => "Max wins per player",
        BlockType.TaskShare => "Share task",
        BlockType.TaskCheckIn => "Daily check-in",
        BlockType.InstantWindow => "Instant-win window",
        BlockType.ScheduledDraw => "Scheduled draw",
        BlockType.Theme => "Theme",
        _ => block.ToString(),
    };

    /// <summary>Everything draggable: the palette (unless read-only) and the blocks of the document.</summary>
    public static IReadOnlyList<CanvasItem> Items(ActivityDocument d, IReadOnlyList<CataloguePrize> catalogue, bool readOnly, int version = 0)
    {
        var items = new List<CanvasItem>();
        if (!readOnly)
        {
            // Each palette entry is a zone of its own and stays the same item: its button keeps the focus after a press.
            items.AddRange(PaletteGroups.SelectMany(g => g.Blocks).Select(b => new CanvasItem(PaletteKey(b), PaletteKey(b), b)));
            items.AddRange(catalogue.Select(p => new CanvasItem(PaletteKey(p), PaletteKey(p), BlockType.Prize, p)));
        }

        if (d.Gameplay is not null)
        {
            items.Add(new(Gameplay, Gameplay, BlockType.Wheel));
        }

        if (d.Kind is not null)
        {
            items.Add(new(Schedule, Schedule, IsScheduled(d) ? BlockType.ScheduledDraw : BlockType.InstantWindow));
        }

        for (var t = 0; t < (d.Tiers?.Count ?? 0); t++)
        {
            items.Add(new(TierKey(t), Tiers, BlockType.Tier));
            for (var p = 0; p < (d.Tiers![t]?.Prizes?.Count ?? 0); p++)
            {
                items.Add(new(PrizeKey(t, p), TierKey(t), BlockType.Prize));
            }
        }

        AddIf(items, d.Rules?.ChancesPerPlayer, ChancesPerPlayer, BlockType.RuleChances);
        AddIf(items, d.Rules?.ChancesPerDay, ChancesPerDay, BlockType.RuleDaily);
        AddIf(items, d.Rules?.MaxWinsPerPlayer, MaxWinsPerPlayer, BlockType.RuleMaxWins);
        for (var k = 0; k < (d.Tasks?.Count ?? 0); k++)
        {
            items.Add(new(TaskKey(k), Tasks, d.Tasks![k]?.Kind == "share" ? BlockType.TaskShare : BlockType.TaskCheckIn));
        }

        if (d.Theme is not null)
        {
            items.Add(new(DesignerDocuments.Theme, DesignerDocuments.Theme, BlockType.Theme));
        }

        return [.. items.Select(i => i.FromPalette ? i : i with { Version = version })];
    }

    /// <summary>Where a block may be dropped: palette blocks on their own zone, canvas blocks within their list (a prize
    /// into any tier). Nothing is dropped back onto the palette.</summary>
    public static bool CanDrop(CanvasItem item, string zone)
    {
        if (zone.StartsWith(Palette, StringComparison.Ordinal))
        {
            return false;
        }

        if (item.FromPalette)
        {
            return Accepts(zone, item.Block);
        }

        return item.Block == BlockType.Prize ? TierIndex(zone) is not null : zone == item.Zone;
    }

    public static bool IsScheduled(ActivityDocument d) => string.Equals(d.Kind, "scheduled", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A drop from MudDropContainer: <paramref name="index"/> is the item's final position in the zone (-1: the zone
    /// keeps no order). A palette block is added there; a canvas block moves there. Null: nothing changes.
    /// </summary>
    public static CanvasEdit? Drop(ActivityDocument d, CanvasItem item, string zone, int index, DateTimeOffset now)
    {
        int? at = index < 0 ? null : index;
        if (item.FromPalette)
        {
            if (!Accepts(zone, item.Block))
            {
                return null;
            }

            var added = Add(d, item.Block, zone, at, now, item.Prize);
            return added == d ? null : new(added, AddedKey(added, item.Block, zone, at));
        }

        if (SlotOf(item.Key) is (int ft, int fp) && TierIndex(zone) is { } tt)
        {
            var count = d.Tiers?.ElementAtOrDefault(tt)?.Prizes?.Count ?? 0;
            var final = at ?? (ft == tt ? count - 1 : count);
            var before = ft == tt && final > fp ? final + 1 : final;
            var moved = Move(d, item.Key, zone, before);
            return moved == d ? null : new(moved, PrizeKey(tt, final));
        }

        if ((IndexOf(item.Key, Tiers) ?? IndexOf(item.Key, Tasks)) is { } from && zone == item.Zone && at is { } to && to != from)
        {
            var moved = Move(d, item.Key, zone, to > from ? to + 1 : to);
            return moved == d ? null : new(moved, zone == Tiers ? TierKey(to) : TaskKey(to));
        }

        return null;
    }

    /// <summary>
    /// A palette block added by click or Enter goes where it belongs: a prize into the selected tier (or the selected
    /// prize's tier, else the last tier; with no tier yet, a first tier is made for it).
    /// </summary>
    public static CanvasEdit? AddWhereItBelongs(ActivityDocument d, BlockType block, string selected, DateTimeOffset now, CataloguePrize? prize = null)
    {
        if (block == BlockType.Prize)
        {
            var tiers = d.Tiers?.Count ?? 0;
            if (tiers == 0)
            {
                d = Add(d, BlockType.Tier, Tiers, null, now);
                tiers = 1;
            }

            var tier = SlotOf(selected)?.Tier ?? TierIndex(selected) ?? tiers - 1;
            var zone = TierKey(Math.Clamp(tier, 0, tiers - 1));
            var withPrize = Add(d, block, zone, null, now, prize);
            return new(withPrize, AddedKey(withPrize, block, zone, null));
        }

        var natural = NaturalZone(block);
        var next = Add(d, block, natural, null, now, prize);
        return new(next, AddedKey(next, block, natural, null));
    }

    /// <summary>
    /// Moves a tier, task or prize one place up (<paramref name="delta"/> -1) or down (+1); a prize at the edge of its
    /// tier moves on into the neighbouring tier. Null when the block cannot move that way.
    /// </summary>
    public static CanvasEdit? MoveBy(ActivityDocument d, string key, int delta)
    {
        if (SlotOf(key) is (int t, int p))
        {
            var count = d.Tiers?.ElementAtOrDefault(t)?.Prizes?.Count ?? 0;
            var tiers = d.Tiers?.Count ?? 0;
            if (p + delta >= 0 && p + delta < count)
            {
                return new(Move(d, key, TierKey(t), delta > 0 ? p + 2 : p - 1), PrizeKey(t, p + delta));
            }

            if (t + delta >= 0 && t + delta < tiers)
            {
                var target = t + delta;
                var into = delta > 0 ? 0 : d.Tiers![target]?.Prizes?.Count ?? 0;
                return new(Move(d, key, TierKey(target), into), PrizeKey(target, into));
            }

            return null;
        }

        foreach (var list in new[] { Tiers, Tasks })
        {
            if (IndexOf(key, list) is { } i)
            {
                var count = list == Tiers ? d.Tiers?.Count ?? 0 : d.Tasks?.Count ?? 0;
                var to = i + delta;
                return to < 0 || to >= count
                    ? null
                    : new(Move(d, key, list, delta > 0 ? i + 2 : i - 1), list == Tiers ? TierKey(to) : TaskKey(to));
            }
        }

        return null;
    }

    public static string NaturalZone(BlockType block) => block switch
    {
        BlockType.Wheel => Gameplay,
        BlockType.InstantWindow or BlockType.ScheduledDraw => Schedule,
        BlockType.Tier => Tiers,
        BlockType.RuleChances or BlockType.RuleDaily or BlockType.RuleMaxWins => Rules,
        BlockType.TaskShare or BlockType.TaskCheckIn => Tasks,
        BlockType.Theme => DesignerDocuments.Theme,
        _ => Tiers,
    };

    /// <summary>The key of the block an add produced, in the document after the add.</summary>
    public static string AddedKey(ActivityDocument after, BlockType block, string zone, int? index) => block switch
    {
        BlockType.Tier => TierKey(index ?? (after.Tiers?.Count ?? 1) - 1),
        BlockType.Prize when TierIndex(zone) is { } t => PrizeKey(t, index ?? (after.Tiers?[t]?.Prizes?.Count ?? 1) - 1),
        BlockType.TaskShare or BlockType.TaskCheckIn => TaskKey((after.Tasks ?? []).Select((x, i) => (x, i))
            .FirstOrDefault(p => p.x?.Kind == (block == BlockType.TaskShare ? "share" : "dailyCheckIn")).i),
        BlockType.RuleChances => ChancesPerPlayer,
        BlockType.RuleDaily => ChancesPerDay,
        BlockType.RuleMaxWins => MaxWinsPerPlayer,
        _ => zone,
    };

    /// <summary>The chance a tier summary and the odds table both show: one format, so the numbers agree.</summary>
    public static string Percent(decimal? share)
    {
        var p = (share ?? 0m) * 100;
        return p.ToString(p is > 0 and < 1 ? "0.####" : "0.##", CultureInfo.InvariantCulture) + " %";
    }

    /// <summary>"80 % win · 20 % no prize" for an instant campaign's tiers (empty for a scheduled one).</summary>
    public static string WinSummary(ActivityDocument d)
    {
        if (IsScheduled(d) || d.Tiers is not { Count: > 0 } tiers)
        {
            return "";
        }

        return WinSummary(tiers.Sum(t => t?.Probability ?? 0m));
    }

    /// <summary>"80 % win · 20 % no prize" for tiers whose chances add up to <paramref name="win"/>.</summary>
    public static string WinSummary(decimal win) => $"{Percent(win)} win · {Percent(Math.Max(0, 1 - win))} no prize";

    /// <summary>Words for a prize kind of the document (<c>physical</c>, <c>code</c>, …).</summary>
    public static IReadOnlyList<(string Value, string Text)> PrizeKinds { get; } =
    [
        ("physical", "Physical prize (shipped)"),
        ("code", "Voucher code"),
        ("virtual", "Digital reward"),
        ("points", "Loyalty points"),
    ];

    public static string PrizeKindText(string? kind) =>
        PrizeKinds.FirstOrDefault(k => string.Equals(k.Value, kind, StringComparison.OrdinalIgnoreCase)).Text ?? "Physical prize (shipped)";

    /// <summary>A server problem about a prize by name (<c>prizes[Bicycle]</c>) belongs to the slots holding that prize.</summary>
    public static ValidationError Locate(ActivityDocument d, ValidationError e)
    {
        if (!e.Path.StartsWith("prizes[", StringComparison.Ordinal))
        {
            return e;
        }

        var name = e.Path[7..^1];
        for (var t = 0; t < (d.Tiers?.Count ?? 0); t++)
        {
            for (var p = 0; p < (d.Tiers![t]?.Prizes?.Count ?? 0); p++)
            {
                if (string.Equals(d.Tiers[t]!.Prizes![p]?.Name?.Trim(), name, StringComparison.OrdinalIgnoreCase))
                {
                    return e with { Path = $"{PrizeKey(t, p)}.stock" };
                }
            }
        }

        return e with { Path = Tiers };
    }

    private static void AddIf(List<CanvasItem> items, int? value, string key, BlockType block)
    {
        if (value is not null)
        {
            items.Add(new(key, Rules, block));
        }
    }
}

/// <summary>What the properties panels need: the document, its problems, the catalogue and whether anything may change.</summary>
public sealed record DesignerContext(ActivityDocument Document, IReadOnlyList<ValidationError> Problems, IReadOnlyList<CataloguePrize> Catalogue, bool ReadOnly)
{
    public bool Scheduled => DesignerCanvas.IsScheduled(Document);

    public IReadOnlyList<string> FieldProblems(string path) => [.. Problems.Where(p => p.Path == path).Select(p => p.Message).Distinct()];

    public IReadOnlyList<string> BlockProblems(string block) => [.. Problems.Where(p => BlockOf(p.Path) == block).Select(p => p.Message).Distinct()];
}
