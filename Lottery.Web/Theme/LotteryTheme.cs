using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MudBlazor;
using MudBlazor.Utilities;

namespace Lottery.Web.Theme;

/// <summary>
/// The product's one visual language. The staff area gets it from <c>MudThemeProvider</c>; the pages without MudBlazor
/// (landing, sign-in, kiosk screen, player page chrome) load <see cref="TokensCss"/> from <c>/tokens.css</c>, which is
/// written from this same theme, so every page uses the same <c>--mud-palette-*</c> and <c>--lottery-*</c> variables.
/// Red (<see cref="Palette.Error"/>) means errors and danger only; text colours are at least 4.5:1 on the background.
/// </summary>
public static class LotteryTheme
{
    /// <summary>System fonts only: no web font to download (docs/decisions/021-mudblazor-staff-area.md).</summary>
    public static readonly string[] FontFamily =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Noto Sans", "Noto Sans SC", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#5b3cc4",          // 7.3:1 on white
            PrimaryDarken = "#472ea0",
            PrimaryLighten = "#ece7fb",
            Secondary = "#0f6e63",        // 6.1:1 on white
            SecondaryDarken = "#0a5149",
            SecondaryLighten = "#e0f2ef",
            Tertiary = "#f4b942",         // gold: decoration and fills with dark text only
            TertiaryContrastText = "#1d1b26",
            Info = "#1e5aa8",             // 6.8:1
            Success = "#1b6e3a",          // 6.3:1
            Warning = "#8a5300",          // 6.3:1
            Error = "#b3261e",            // 6.5:1 — errors and danger only
            Dark = "#1d1b26",
            TextPrimary = "#1d1b26",
            TextSecondary = "#55525f",    // 7.6:1
            TextDisabled = "#77737f",
            ActionDefault = "#55525f",
            Background = "#f6f4f1",
            BackgroundGray = "#efece7",
            Surface = "#ffffff",
            AppbarBackground = "#ffffff",
            AppbarText = "#1d1b26",
            DrawerBackground = "#ffffff",
            DrawerText = "#1d1b26",
            DrawerIcon = "#55525f",
            LinesDefault = "#e9e4dc",
            LinesInputs = "#8c8794",      // 3.4:1: input borders are visible (WCAG 1.4.11)
            TableLines = "#e9e4dc",
            TableStriped = "#fbfaf8",
            Divider = "#e9e4dc",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontFamily },
            H1 = new H1Typography { FontFamily = FontFamily, FontSize = "2.25rem", FontWeight = "800", LineHeight = "1.15", LetterSpacing = "-.02em" },
            H2 = new H2Typography { FontFamily = FontFamily, FontSize = "1.75rem", FontWeight = "750", LineHeight = "1.2", LetterSpacing = "-.01em" },
            H3 = new H3Typography { FontFamily = FontFamily, FontSize = "1.375rem", FontWeight = "700", LineHeight = "1.25", LetterSpacing = "0" },
            H4 = new H4Typography { FontFamily = FontFamily, FontSize = "1.2rem", FontWeight = "700", LineHeight = "1.3", LetterSpacing = "0" },
            H5 = new H5Typography { FontFamily = FontFamily, FontSize = "1.05rem", FontWeight = "700", LineHeight = "1.35", LetterSpacing = "0" },
            H6 = new H6Typography { FontFamily = FontFamily, FontSize = "1rem", FontWeight = "700", LineHeight = "1.4", LetterSpacing = "0" },
            Button = new ButtonTypography { FontFamily = FontFamily, FontWeight = "600", TextTransform = "none", LetterSpacing = "0" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px", AppbarHeight = "64px" },
    };

    /// <summary>The theme's tokens as CSS custom properties, for the pages that do not load MudBlazor.</summary>
    public static string TokensCss { get; } = BuildTokensCss();

    /// <summary>A short hash of <see cref="TokensCss"/>: <c>/tokens.css?v=…</c> is cached for a year.</summary>
    public static string TokensVersion { get; } =
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(TokensCss)))[..12];

    private static string BuildTokensCss()
    {
        var p = Theme.PaletteLight;
        var colours = new (string Name, MudColor Value)[]
        {
            ("primary", p.Primary), ("primary-darken", new MudColor(p.PrimaryDarken)), ("primary-lighten", new MudColor(p.PrimaryLighten)),
            ("primary-text", p.PrimaryContrastText),
            ("secondary", p.Secondary), ("secondary-darken", new MudColor(p.SecondaryDarken)), ("secondary-lighten", new MudColor(p.SecondaryLighten)),
            ("secondary-text", p.SecondaryContrastText),
            ("tertiary", p.Tertiary), ("tertiary-text", p.TertiaryContrastText),
            ("info", p.Info), ("success", p.Success), ("warning", p.Warning), ("error", p.Error), ("dark", p.Dark),
            ("text-primary", p.TextPrimary), ("text-secondary", p.TextSecondary), ("text-disabled", p.TextDisabled),
            ("background", p.Background), ("background-gray", p.BackgroundGray), ("surface", p.Surface),
            ("lines-default", p.LinesDefault), ("lines-inputs", p.LinesInputs), ("divider", p.Divider),
        };
        var css = new StringBuilder(":root{");
        foreach (var (name, value) in colours)
        {
            css.Append(CultureInfo.InvariantCulture, $"--mud-palette-{name}:{value.ToString(MudColorOutputFormats.Hex)};");
        }

        css.Append(CultureInfo.InvariantCulture, $"--mud-typography-default-family:{string.Join(",", FontFamily.Select(Quote))};");
        css.Append(CultureInfo.InvariantCulture, $"--mud-default-borderradius:{Theme.LayoutProperties.DefaultBorderRadius};");
        css.Append('}');
        return css.ToString();
    }

    private static string Quote(string family) => family.Contains(' ', StringComparison.Ordinal) ? $"\"{family}\"" : family;
}
