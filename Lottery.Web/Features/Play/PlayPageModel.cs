using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Lottery.Web.Endpoints;
using Microsoft.AspNetCore.WebUtilities;

namespace Lottery.Web.Features.Play;

/// <summary>What a player page renders: the activity's public view (null: the designed not-found page), the language, the
/// JSON the page script starts from, and the visiting player's notice (if the page knows them and has one).</summary>
public sealed record PlayPageModel(PublicActivityView? Activity, PlayText Text, string Path, PlayerNotice? Notice = null, string? Query = null)
{
    // Chinese stays readable (and small); HTML-sensitive characters such as '<' are still escaped.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private static readonly ThemeView DefaultTheme = new("#D7263D", "#F4B942", "#2B1055", "#FFFFFF", null);

    public ThemeView Theme => Activity?.Theme ?? DefaultTheme;

    /// <summary>The theme as CSS custom properties, with a readable text colour for each filled surface.</summary>
    public string ThemeStyle
    {
        get
        {
            var t = Theme;
            return string.Join(';',
                $"--bg:{Css(t.BackgroundColor)}", $"--fg:{Css(t.TextColor)}",
                $"--primary:{Css(t.PrimaryColor)}", $"--on-primary:{ThemeColors.ReadableOn(t.PrimaryColor)}",
                $"--accent:{Css(t.AccentColor)}", $"--on-accent:{ThemeColors.ReadableOn(t.AccentColor)}");
        }
    }

    /// <summary>The script's starting point. System.Text.Json escapes <c>&lt;</c>, so it is safe inside a script element.</summary>
    public string StateJson => JsonSerializer.Serialize(new
    {
        activity = Activity,
        lang = Text.Language,
        text = Text.All(),
    }, Json);

    /// <summary>The same page in the other language, keeping the rest of the query (such as <c>utm_source</c>).</summary>
    public string LanguageSwitchUrl
    {
        get
        {
            var kept = QueryHelpers.ParseQuery(Query)
                .Where(q => !string.Equals(q.Key, "lang", StringComparison.OrdinalIgnoreCase))
                .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)));
            return QueryHelpers.AddQueryString(Path, kept.Append(KeyValuePair.Create("lang", (string?)Text.Other.Language)));
        }
    }

    public string Date(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString(Text.IsChinese ? "yyyy年M月d日 HH:mm 'UTC'" : "d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Css(string color) => ThemeColors.IsHex(color) ? color : "#000000";
}

public static class ThemeColors
{
    public static bool IsHex(string? color) =>
        color is { Length: 7 } && color[0] == '#' && color.Skip(1).All(Uri.IsHexDigit);

    /// <summary>Black or white, whichever contrasts more with <paramref name="background"/> (WCAG relative luminance).</summary>
    public static string ReadableOn(string background)
    {
        if (!IsHex(background))
        {
            return "#FFFFFF";
        }

        var l = Luminance(background);
        return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? "#1A1A1A" : "#FFFFFF";
    }

    private static double Luminance(string hex)
    {
        static double Channel(string hex, int at)
        {
            var c = int.Parse(hex.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(hex, 1)) + (0.7152 * Channel(hex, 3)) + (0.0722 * Channel(hex, 5));
    }
}
