using System.Globalization;
using System.Text.Json;

namespace Lottery.Web.Features.Audit;

/// <summary>One field an audited action changed: its path (e.g. <c>tiers[0].probability</c>) and the values either side.</summary>
/// <param name="Before">The value before, or null when the field was added.</param>
/// <param name="After">The value after, or null when the field was removed.</param>
public sealed record AuditChange(string Path, string? Before, string? After)
{
    public bool IsAdded => Before is null && After is not null;

    public bool IsRemoved => Before is not null && After is null;
}

/// <summary>
/// Turns an audit entry's before/after JSON into a readable list of changed fields: objects and arrays are flattened
/// to paths, equal values are left out, and anything that is not JSON is shown as text.
/// </summary>
public static class AuditDiff
{
    public static IReadOnlyList<AuditChange> Compute(string? before, string? after)
    {
        var left = Flatten(before);
        var right = Flatten(after);
        var changes = new List<AuditChange>();
        foreach (var (path, value) in left)
        {
            right.TryGetValue(path, out var next);
            if (!string.Equals(value, next, StringComparison.Ordinal))
            {
                changes.Add(new AuditChange(path, value, next));
            }
        }

        changes.AddRange(right.Where(r => !left.ContainsKey(r.Key)).Select(r => new AuditChange(r.Key, null, r.Value)));
        return changes;
    }

    /// <summary>Every leaf of a recorded JSON value by its path (<c>tiers[0].name</c>); text that is not JSON is <c>value</c>.</summary>
    public static Dictionary<string, string?> Flatten(string? json)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return values;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            Walk(document.RootElement, "", values);
        }
        catch (JsonException)
        {
            values["value"] = json;
        }

        return values;
    }

    private static void Walk(JsonElement element, string path, Dictionary<string, string?> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", values);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]", values);
                    index++;
                }

                break;
            case JsonValueKind.Null:
                // A null field reads the same as an absent one.
                break;
            case JsonValueKind.String:
                values[path.Length == 0 ? "value" : path] = element.GetString();
                break;
            default:
                values[path.Length == 0 ? "value" : path] = element.GetRawText();
                break;
        }
    }
}
