using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Lottery.Web.Features.Audit;

/// <summary>A value of a changed field, ready to show: text, or a moment the page shows in the viewer's time zone.</summary>
public sealed record AuditValue(string Text, DateTimeOffset? At = null);

/// <summary>One changed field in words: "Reserved › Coffee voucher › Allocated", its values with names instead of ids.</summary>
/// <param name="Path">The recorded path (<c>reserved[0].Allocated</c>), kept for tests and tooltips.</param>
public sealed record AuditField(string Path, string Label, AuditValue? Before, AuditValue? After)
{
    public bool IsAdded => Before is null && After is not null;

    public bool IsRemoved => Before is not null && After is null;
}

/// <summary>
/// Turns what the audit log records (action keys, JSON paths, ids, ISO timestamps) into words for marketers and
/// managers: "Marked shipped", "Published version 3", "Reserved › Coffee voucher › Allocated". Never throws on an
/// unknown key or value: it falls back to a readable form of what was recorded.
/// </summary>
public static partial class AuditText
{
    private static readonly Dictionary<string, string> Actions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["activity.create"] = "Activity created",
        ["activity.duplicate"] = "Activity duplicated",
        ["activity.delete"] = "Draft deleted",
        ["activity.update"] = "Activity edited",
        ["activity.edit"] = "Design replaced",
        ["activity.version.start"] = "New version started",
        ["activity.version.publish"] = "New version published",
        ["activity.publish"] = "Published",
        ["activity.start"] = "Started",
        ["activity.pause"] = "Paused",
        ["activity.resume"] = "Resumed",
        ["activity.end"] = "Ended",
        ["activity.cancel"] = "Cancelled",
        ["activity.draw"] = "Winners drawn",
        ["stock.return"] = "Unused stock returned",
        ["prize.create"] = "Prize created",
        ["prize.update"] = "Prize edited",
        ["prize.stock"] = "Stock changed",
        ["prize.codes"] = "Codes uploaded",
        ["prize.picture"] = "Picture changed",
        ["win.ship"] = "Marked shipped",
        ["win.deliver"] = "Marked delivered",
        ["blocklist.add"] = "Added to the block list",
        ["blocklist.remove"] = "Removed from the block list",
        ["draws.stop"] = "Stopped all draws (stop-loss)",
        ["draws.resume"] = "Resumed draws",
        ["draws.platform.stop"] = "Platform stopped all draws",
        ["draws.platform.resume"] = "Platform resumed draws",
        ["risk.settings"] = "Risk settings changed",
        ["win.hold"] = "Win held for review",
        ["win.approve"] = "Held win approved",
        ["win.reject"] = "Held win rejected",
        ["partnerKey.create"] = "Partner key created",
        ["partnerKey.revoke"] = "Partner key revoked",
    };

    /// <summary>Field names that read better otherwise than split into words.</summary>
    private static readonly Dictionary<string, string> FieldWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CopiedFrom"] = "Copied from",
        ["poolNow"] = "Catalogue stock now",
        ["Probability"] = "Chance",
        ["Delta"] = "Change",
        ["Allocated"] = "Units",
        ["entrantsHash"] = "Entrants fingerprint",
        ["value"] = "Value",
        ["note"] = "Manager's note",
    };

    /// <summary>Fields that only repeat another one (the copied activity's name next to its id).</summary>
    private static readonly HashSet<string> Hidden = new(StringComparer.OrdinalIgnoreCase) { "CopiedFromName" };

    /// <summary>Fields whose values are enumeration names ("PendingClaim", "noPrize"): shown as words.</summary>
    private static readonly HashSet<string> WordValues = new(StringComparer.OrdinalIgnoreCase)
        { "status", "kind", "type", "soldOut", "every", "gameplay", "decision" };

    /// <summary>Fields that name the element of a list they are in (a tier's name, a returned prize's name).</summary>
    private static readonly string[] NameKeys = ["Name", "prize", "title"];

    /// <summary>What an action did, in words; a new version says which ("Published version 3").</summary>
    public static string Action(string action, IReadOnlyList<AuditChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var version = changes.FirstOrDefault(c => c.Path == "version")?.After;
        return action switch
        {
            "activity.version.publish" when version is not null => $"Published version {version}",
            "activity.version.start" when version is not null => $"Started editing version {version}",
            _ => Label(action),
        };
    }

    /// <summary>An action key in words; an unknown key ("custom.thing") reads "Custom thing", never the key itself.</summary>
    public static string Label(string? action) =>
        string.IsNullOrWhiteSpace(action) ? "Unnamed action"
        : Actions.TryGetValue(action, out var label) ? label
        : Words(action);

    /// <summary>
    /// The changed fields in words: list items are named by their name or by what their id refers to (looked up in
    /// <paramref name="before"/>/<paramref name="after"/>, the whole flattened values, since an unchanged name is not a
    /// change), ids become names, moments become <see cref="AuditValue.At"/>, enumeration values words.
    /// </summary>
    public static IReadOnlyList<AuditField> Fields(IReadOnlyList<AuditChange> changes, AuditNames names,
        IReadOnlyDictionary<string, string?>? before = null, IReadOnlyDictionary<string, string?>? after = null)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(names);
        var known = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var map in new[] { before, after })
        {
            foreach (var (path, value) in map ?? new Dictionary<string, string?>())
            {
                known[path] = value;
            }
        }

        foreach (var change in changes)
        {
            known[change.Path] = change.After ?? change.Before;
        }

        var fields = new List<AuditField>(changes.Count);
        foreach (var change in changes)
        {
            var segments = Segments(change.Path);
            var key = segments.LastOrDefault(s => s.Name is not null).Name ?? "";
            if (Hidden.Contains(key) || IsElementNameOnly(change, segments, known, names))
            {
                continue;
            }

            fields.Add(new AuditField(change.Path, FieldLabel(segments, known, names),
                Value(key, change.Before, names), Value(key, change.After, names)));
        }

        return fields;
    }

    /// <summary>A value in words: an id becomes the name of what it refers to, a moment a time, true "Yes".</summary>
    public static AuditValue? Value(string key, string? raw, AuditNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (raw is null)
        {
            return null;
        }

        if (Guid.TryParseExact(raw, "D", out var id))
        {
            return new AuditValue(names.Of(id) ?? "no longer available");
        }

        if (raw.Length >= 19 && raw[4] == '-' && raw[10] == 'T'
            && DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return new AuditValue(at.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture), at);
        }

        if (raw is "true" or "false")
        {
            return new AuditValue(raw == "true" ? "Yes" : "No");
        }

        if (key.Equals("Probability", StringComparison.OrdinalIgnoreCase)
            && decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var share))
        {
            return new AuditValue((share * 100).ToString("0.###", CultureInfo.InvariantCulture) + " %");
        }

        return new AuditValue(WordValues.Contains(key) ? Words(raw) : raw);
    }

    /// <summary>"activity.version.start", "MaxWinsPerPlayer", "noPrize" → "Activity version start", "Max wins per player", "No prize".</summary>
    public static string Words(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var spaced = Hump().Replace(raw, "$1 $2");
        var words = Separator().Split(spaced).Where(w => w.Length > 0).Select(w => w.ToLowerInvariant()).ToList();
        if (words.Count == 0)
        {
            return raw;
        }

        var text = string.Join(' ', words);
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    private static string FieldLabel(List<Segment> segments, Dictionary<string, string?> known, AuditNames names)
    {
        var label = new StringBuilder();
        var prefix = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment.Name is { } name)
            {
                prefix.Append(prefix.Length == 0 ? name : "." + name);
                Append(label, FieldWords.TryGetValue(name, out var word) ? word
                    : name.Length > 2 && name.EndsWith("Id", StringComparison.OrdinalIgnoreCase) ? Words(name[..^2])
                    : Words(name));
            }
            else
            {
                prefix.Append(CultureInfo.InvariantCulture, $"[{segment.Index}]");
                Append(label, ElementName(prefix.ToString(), known, names)?.Name ?? $"no. {segment.Index + 1}");
            }
        }

        return label.Length == 0 ? "Value" : label.ToString();
    }

    private static void Append(StringBuilder label, string part) => label.Append(label.Length == 0 ? part : " › " + part);

    /// <summary>What names a list item: its own name field, else the name of what an id field of it refers to.</summary>
    private static (string Name, string Path)? ElementName(string prefix, Dictionary<string, string?> known, AuditNames names)
    {
        foreach (var key in NameKeys)
        {
            foreach (var candidate in new[] { $"{prefix}.{key}", $"{prefix}.{key.ToLowerInvariant()}" })
            {
                if (known.TryGetValue(candidate, out var value) && !string.IsNullOrWhiteSpace(value))
                {
                    return (value, candidate);
                }
            }
        }

        foreach (var (path, value) in known)
        {
            if (path.StartsWith(prefix + ".", StringComparison.Ordinal) && path.IndexOfAny(['.', '['], prefix.Length + 1) < 0
                && path.EndsWith("Id", StringComparison.OrdinalIgnoreCase)
                && Guid.TryParseExact(value, "D", out var id) && names.Of(id) is { } name)
            {
                return (name, path);
            }
        }

        return null;
    }

    /// <summary>A field that only says what names its list item (now in the label), added or removed with it.</summary>
    private static bool IsElementNameOnly(AuditChange change, List<Segment> segments, Dictionary<string, string?> known, AuditNames names)
    {
        if (segments.Count < 2 || segments[^2].Index is null || (change.Before is not null && change.After is not null))
        {
            return false;
        }

        var prefix = change.Path[..change.Path.LastIndexOf('.')];
        return ElementName(prefix, known, names)?.Path == change.Path;
    }

    private static List<Segment> Segments(string path) =>
        [.. PathPart().Matches(path).Select(m => m.Groups[2].Success
            ? new Segment(null, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))
            : new Segment(m.Groups[1].Value, null))];

    private readonly record struct Segment(string? Name, int? Index);

    [GeneratedRegex(@"([^.\[\]]+)|\[(\d+)\]")]
    private static partial Regex PathPart();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex Hump();

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex Separator();
}
