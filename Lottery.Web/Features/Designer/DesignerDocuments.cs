using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Prizes;
using Lottery.Web.Features.Activities;

namespace Lottery.Web.Features.Designer;

/// <summary>A prize of the tenant's catalogue, as the designer's palette offers it.</summary>
public sealed record CataloguePrize(Guid Id, string Name, PrizeKind Kind, int PoolStock, decimal UnitCost);

/// <summary>The blocks a marketer drags from the palette.</summary>
public enum BlockType
{
    Wheel,
    Tier,
    Prize,
    RuleChances,
    RuleDaily,
    RuleMaxWins,
    TaskShare,
    TaskCheckIn,
    Theme,
    InstantWindow,
    ScheduledDraw,
}

/// <summary>
/// The designer's edits as pure functions over the definition document (the management API's JSON), so the canvas, undo
/// and redo, autosave, import and export all work on the one format. A block is addressed by a key that follows the
/// validator's paths: <c>campaign</c>, <c>gameplay</c>, <c>schedule</c>, <c>theme</c>, <c>rules.chancesPerDay</c>,
/// <c>tiers[0]</c>, <c>tiers[0].prizes[1]</c>, <c>tasks[0]</c>.
/// </summary>
public static partial class DesignerDocuments
{
    public const string Campaign = "campaign";
    public const string Gameplay = "gameplay";
    public const string Schedule = "schedule";
    public const string Theme = "theme";
    public const string Rules = "rules";
    public const string Tiers = "tiers";
    public const string Tasks = "tasks";
    public const string ChancesPerPlayer = "rules.chancesPerPlayer";
    public const string ChancesPerDay = "rules.chancesPerDay";
    public const string MaxWinsPerPlayer = "rules.maxWinsPerPlayer";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The empty canvas: a name and nothing else (the problems list says what to add).</summary>
    public static ActivityDocument Empty() => new("New campaign", null, null, null, null, null, []);

    public static ActivityDocument FromTemplate(string key, DateTimeOffset now) =>
        ActivityTemplates.Create(key, now) is { } definition ? ActivityDocuments.FromDefinition(definition) : Empty();

    public static string Serialize(ActivityDocument document) => JsonSerializer.Serialize(document, Json);

    /// <summary>Reads an uploaded or saved document; a malformed one is a listed problem.</summary>
    public static Result<ActivityDocument> Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ActivityDocument>(json, Json) is { } document
                ? document
                : Result<ActivityDocument>.Invalid([new("", "The file holds no definition document.")]);
        }
        catch (JsonException ex)
        {
            var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : ex.Path.TrimStart('$', '.');
            return Result<ActivityDocument>.Invalid([new(where, $"The file is not a valid definition document: {ex.Message.Split(" Path:")[0]}")]);
        }
    }

    /// <summary>A saved working document as far as it can be read: a malformed one opens as an empty design.</summary>
    public static ActivityDocument ParseOrEmpty(string json) => Parse(json) is { IsSuccess: true } parsed ? parsed.Value : Empty();

    /// <summary>
    /// Every problem of the document: the management API's (the domain validator's) plus what the designer itself
    /// requires (a gameplay block).
    /// </summary>
    public static IReadOnlyList<ValidationError> Problems(ActivityDocument document)
    {
        var problems = new List<ValidationError>();
        if (document.Gameplay is null)
        {
            problems.Add(new(Gameplay, "Drag a gameplay block (the wheel) onto the canvas."));
        }

        var parsed = ActivityDocuments.ToDefinition(document);
        if (parsed.IsFailure)
        {
            problems.AddRange(parsed.ValidationErrors.Select(Explain));
        }

        return problems;
    }

    /// <summary>
    /// The definition as far as it can be read, for the preview and the simulator while the design is still incomplete:
    /// missing numbers count as zero, missing dates as <paramref name="now"/>.
    /// </summary>
    public static ActivityDefinition Lenient(ActivityDocument d, DateTimeOffset now)
    {
        var kind = string.Equals(d.Kind, "scheduled", StringComparison.OrdinalIgnoreCase) ? ActivityKind.Scheduled : ActivityKind.Instant;
        var tiers = (d.Tiers ?? []).Where(t => t is not null).Select(t => new TierDefinition(
            t!.Name ?? "", t.Probability ?? 0m,
            [.. (t.Prizes ?? []).Where(p => p is not null).Select(p => new PrizeSlotDefinition(
                p!.Name ?? "", ParsePrizeKind(p.Kind), p.Stock ?? 0, p.Weight ?? 1, p.PrizeId))],
            IsHex(t.Color) ? t.Color : null, t.IsConsolation ?? false, t.MaxWinsPerPlayer)).ToList();
        var theme = d.Theme is { } th
            ? new ActivityTheme(Hex(th.PrimaryColor, ActivityTheme.Default.PrimaryColor), Hex(th.AccentColor, ActivityTheme.Default.AccentColor),
                Hex(th.BackgroundColor, ActivityTheme.Default.BackgroundColor), Hex(th.TextColor, ActivityTheme.Default.TextColor), th.BackgroundImageUrl)
            : null;
        return new ActivityDefinition(d.Name ?? "", kind, d.StartsAt ?? now, d.EndsAt ?? now, d.DrawAt,
            new ActivityRules(d.Rules?.ChancesPerPlayer ?? 0, d.Rules?.ChancesPerDay, d.Rules?.MaxWinsPerPlayer), tiers,
            Gameplay: new GameplaySettings(GameplayType.Wheel, Math.Clamp(d.Gameplay?.TryAgainSegments ?? 2, 0, 12)), Theme: theme);
    }

    /// <summary>The block a validation path belongs to (see the class summary for the keys).</summary>
    public static string BlockOf(string path)
    {
        if (PrizePath().Match(path) is { Success: true } prize)
        {
            return prize.Value;
        }

        if (IndexedPath().Match(path) is { Success: true } indexed)
        {
            return indexed.Value;
        }

        return path switch
        {
            "" or "name" or "description" or "soldOut" => Campaign,
            "kind" or "startsAt" or "endsAt" or "drawAt" => Schedule,
            Tiers or Tasks or Rules => path,
            ChancesPerPlayer or ChancesPerDay or MaxWinsPerPlayer => path,
            _ when path.StartsWith("rounds", StringComparison.Ordinal) => Schedule,
            _ when path.StartsWith("gameplay", StringComparison.Ordinal) => Gameplay,
            _ when path.StartsWith("theme", StringComparison.Ordinal) => Theme,
            _ => Campaign,
        };
    }

    /// <summary>Which block a palette block lands in, or null when it cannot go there.</summary>
    public static bool Accepts(string zone, BlockType block) => zone switch
    {
        Gameplay => block == BlockType.Wheel,
        Schedule => block is BlockType.InstantWindow or BlockType.ScheduledDraw,
        Tiers => block == BlockType.Tier,
        Rules => block is BlockType.RuleChances or BlockType.RuleDaily or BlockType.RuleMaxWins,
        Tasks => block is BlockType.TaskShare or BlockType.TaskCheckIn,
        Theme => block == BlockType.Theme,
        _ => block == BlockType.Prize && TierZone().IsMatch(zone),
    };

    /// <summary>Adds a palette block to the document. <paramref name="zone"/> is a canvas zone (a tier's zone is its key),
    /// <paramref name="index"/> the position in a list (null: at the end), <paramref name="prize"/> a catalogue prize.</summary>
    public static ActivityDocument Add(ActivityDocument d, BlockType block, string zone, int? index, DateTimeOffset now, CataloguePrize? prize = null)
    {
        // A schedule dropped now starts now (to the minute): publishing it opens the campaign at once.
        var start = new DateTimeOffset(now.UtcDateTime.Date.AddMinutes(Math.Floor(now.UtcDateTime.TimeOfDay.TotalMinutes)), TimeSpan.Zero);
        var rules = d.Rules ?? new RulesDocument(null, null, null);
        switch (block)
        {
            case BlockType.Wheel:
                return d with { Gameplay = new GameplayDocument("wheel", d.Gameplay?.TryAgainSegments ?? 2) };
            case BlockType.InstantWindow:
                return d with { Kind = "instant", StartsAt = d.StartsAt ?? start, EndsAt = d.EndsAt ?? start.AddDays(7), DrawAt = null };
            case BlockType.ScheduledDraw:
                var ends = d.EndsAt ?? start.AddDays(7);
                return d with { Kind = "scheduled", StartsAt = d.StartsAt ?? start, EndsAt = ends, DrawAt = d.DrawAt ?? ends };
            case BlockType.Theme:
                var t = ActivityTheme.Default;
                return d with { Theme = d.Theme ?? new ThemeDocument(t.PrimaryColor, t.AccentColor, t.BackgroundColor, t.TextColor) };
            case BlockType.RuleChances:
                return d with { Rules = rules with { ChancesPerPlayer = rules.ChancesPerPlayer ?? 3 } };
            case BlockType.RuleDaily:
                return d with { Rules = rules with { ChancesPerDay = rules.ChancesPerDay ?? 1 } };
            case BlockType.RuleMaxWins:
                return d with { Rules = rules with { MaxWinsPerPlayer = rules.MaxWinsPerPlayer ?? 1 } };
            case BlockType.TaskShare or BlockType.TaskCheckIn:
                var kind = block == BlockType.TaskShare ? "share" : "dailyCheckIn";
                if ((d.Tasks ?? []).Any(x => x?.Kind == kind))
                {
                    return d;
                }

                return d with { Tasks = Insert(d.Tasks ?? [], index, new TaskDocument(kind, 1, 1)) };
            case BlockType.Tier:
                var tiers = d.Tiers ?? [];
                var name = NextName("Tier", tiers.Select(x => x?.Name));
                return d with { Tiers = Insert(tiers, index, new TierDocument(name, 0.1m, [])) };
            case BlockType.Prize when TierIndex(zone) is { } ti && ti < (d.Tiers?.Count ?? 0) && d.Tiers![ti] is { } tier:
                var slot = prize is null
                    ? new PrizeDocument(NextName("Prize", (d.Tiers ?? []).SelectMany(x => x?.Prizes ?? []).Select(p => p?.Name)), "physical", 10, 1)
                    : new PrizeDocument(prize.Name, ActivityDocuments.ToCamel(prize.Kind), Math.Min(10, Math.Max(prize.PoolStock, 1)), 1, prize.Id);
                return SetTier(d, ti, tier with { Prizes = Insert(tier.Prizes ?? [], index, slot) });
            default:
                return d;
        }
    }

    /// <summary>Removes a block (a required one comes back as a listed problem).</summary>
    public static ActivityDocument Remove(ActivityDocument d, string key)
    {
        var rules = d.Rules ?? new RulesDocument(null, null, null);
        if (SlotOf(key) is (int t, int p) && d.Tiers?.ElementAtOrDefault(t) is { } tier)
        {
            return SetTier(d, t, tier with { Prizes = RemoveAt(tier.Prizes ?? [], p) });
        }

        if (IndexOf(key, Tiers) is { } ti)
        {
            return d with { Tiers = RemoveAt(d.Tiers ?? [], ti) };
        }

        if (IndexOf(key, Tasks) is { } ki)
        {
            return d with { Tasks = RemoveAt(d.Tasks ?? [], ki) };
        }

        return key switch
        {
            Gameplay => d with { Gameplay = null },
            Theme => d with { Theme = null },
            Schedule => d with { Kind = null, StartsAt = null, EndsAt = null, DrawAt = null },
            ChancesPerPlayer => d with { Rules = rules with { ChancesPerPlayer = null } },
            ChancesPerDay => d with { Rules = rules with { ChancesPerDay = null } },
            MaxWinsPerPlayer => d with { Rules = rules with { MaxWinsPerPlayer = null } },
            _ => d,
        };
    }

    /// <summary>Moves a tier, a task or a prize to a position (a prize may move to another tier).</summary>
    public static ActivityDocument Move(ActivityDocument d, string key, string zone, int? index)
    {
        if (SlotOf(key) is (int ft, int fp) && TierIndex(zone) is { } tt && d.Tiers is { } tiers
            && tiers.ElementAtOrDefault(ft) is { } source && tiers.ElementAtOrDefault(tt) is not null)
        {
            var prize = (source.Prizes ?? []).ElementAtOrDefault(fp);
            if (prize is null)
            {
                return d;
            }

            var without = SetTier(d, ft, source with { Prizes = RemoveAt(source.Prizes ?? [], fp) });
            var target = without.Tiers![tt]!;
            var at = index is { } i && ft == tt && i > fp ? i - 1 : index;
            return SetTier(without, tt, target with { Prizes = Insert(target.Prizes ?? [], at, prize) });
        }

        if (IndexOf(key, Tiers) is { } ti && zone == Tiers && d.Tiers is { } list)
        {
            return d with { Tiers = MoveWithin(list, ti, index) };
        }

        if (IndexOf(key, Tasks) is { } ki && zone == Tasks && d.Tasks is { } tasks)
        {
            return d with { Tasks = MoveWithin(tasks, ki, index) };
        }

        return d;
    }

    public static bool Contains(ActivityDocument d, string key)
    {
        if (SlotOf(key) is (int t, int p))
        {
            return d.Tiers?.ElementAtOrDefault(t)?.Prizes?.ElementAtOrDefault(p) is not null;
        }

        if (IndexOf(key, Tiers) is { } ti)
        {
            return d.Tiers?.ElementAtOrDefault(ti) is not null;
        }

        if (IndexOf(key, Tasks) is { } ki)
        {
            return d.Tasks?.ElementAtOrDefault(ki) is not null;
        }

        return key switch
        {
            Campaign => true,
            Gameplay => d.Gameplay is not null,
            Theme => d.Theme is not null,
            Schedule => d.Kind is not null,
            ChancesPerPlayer => d.Rules?.ChancesPerPlayer is not null,
            ChancesPerDay => d.Rules?.ChancesPerDay is not null,
            MaxWinsPerPlayer => d.Rules?.MaxWinsPerPlayer is not null,
            _ => false,
        };
    }

    public static ActivityDocument SetTier(ActivityDocument d, int index, TierDocument tier) =>
        d with { Tiers = [.. (d.Tiers ?? []).Select((t, i) => i == index ? tier : t)] };

    public static ActivityDocument SetPrize(ActivityDocument d, int tier, int slot, PrizeDocument prize) =>
        d.Tiers?.ElementAtOrDefault(tier) is { } t
            ? SetTier(d, tier, t with { Prizes = [.. (t.Prizes ?? []).Select((p, i) => i == slot ? prize : p)] })
            : d;

    public static ActivityDocument SetTask(ActivityDocument d, int index, TaskDocument task) =>
        d with { Tasks = [.. (d.Tasks ?? []).Select((t, i) => i == index ? task : t)] };

    public static string TierKey(int tier) => $"tiers[{tier}]";

    public static string PrizeKey(int tier, int slot) => $"tiers[{tier}].prizes[{slot}]";

    public static string TaskKey(int task) => $"tasks[{task}]";

    public static (int Tier, int Slot)? SlotOf(string key) =>
        PrizePath().Match(key) is { Success: true } m && m.Length == key.Length
            ? (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))
            : null;

    public static int? IndexOf(string key, string list) =>
        IndexedPath().Match(key) is { Success: true } m && m.Length == key.Length && m.Groups[1].Value == list
            ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)
            : null;

    public static int? TierIndex(string zone) => IndexOf(zone, Tiers);

    public static PrizeKind ParsePrizeKind(string? kind) =>
        Enum.TryParse<PrizeKind>(kind, ignoreCase: true, out var parsed) ? parsed : PrizeKind.Physical;

    public static bool IsHex(string? color) => color is { Length: 7 } && color[0] == '#' && color.Skip(1).All(Uri.IsHexDigit);

    private static string Hex(string? color, string fallback) => IsHex(color) ? color! : fallback;

    /// <summary>Designer wording for problems whose API wording names a JSON field.</summary>
    private static ValidationError Explain(ValidationError e) => e.Path switch
    {
        "kind" or "startsAt" or "endsAt" when e.Message.StartsWith("This field is required", StringComparison.Ordinal)
            => e with { Message = "Drag a schedule block (instant window or scheduled draw) onto the canvas." },
        Rules => e with { Message = "Drag the \"Chances per player\" rule onto the canvas." },
        ChancesPerPlayer when e.Message.StartsWith("This field is required", StringComparison.Ordinal)
            => e with { Message = "Drag the \"Chances per player\" rule onto the canvas." },
        _ => e,
    };

    private static List<T> Insert<T>(IReadOnlyList<T> list, int? index, T item)
    {
        var copy = list.ToList();
        copy.Insert(Math.Clamp(index ?? copy.Count, 0, copy.Count), item);
        return copy;
    }

    private static IReadOnlyList<T> RemoveAt<T>(IReadOnlyList<T> list, int index) =>
        [.. list.Where((_, i) => i != index)];

    private static IReadOnlyList<T> MoveWithin<T>(IReadOnlyList<T> list, int from, int? to)
    {
        if (from < 0 || from >= list.Count)
        {
            return list;
        }

        var copy = list.ToList();
        var item = copy[from];
        copy.RemoveAt(from);
        var at = to is { } i && i > from ? i - 1 : to ?? copy.Count;
        copy.Insert(Math.Clamp(at, 0, copy.Count), item);
        return copy;
    }

    private static string NextName(string stem, IEnumerable<string?> existing)
    {
        var names = existing.Where(n => n is not null).ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var n = 1; ; n++)
        {
            var name = $"{stem} {n}";
            if (!names.Contains(name))
            {
                return name;
            }
        }
    }

    [GeneratedRegex(@"^tiers\[(\d+)\]\.prizes\[(\d+)\]")]
    private static partial Regex PrizePath();

    [GeneratedRegex(@"^(tiers|tasks)\[(\d+)\]")]
    private static partial Regex IndexedPath();

    [GeneratedRegex(@"^tiers\[\d+\]$")]
    private static partial Regex TierZone();
}
