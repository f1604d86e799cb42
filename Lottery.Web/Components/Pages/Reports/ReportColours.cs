using Lottery.Web.Theme;

namespace Lottery.Web.Components.Pages.Reports;

/// <summary>Chart colours from the theme (Theme/LotteryTheme.cs): violet, gold and teal; never the error red.</summary>
internal static class ReportColours
{
    public static string Primary => LotteryTheme.Theme.PaletteLight.Primary.ToString(MudBlazor.Utilities.MudColorOutputFormats.Hex);

    public static string Gold => LotteryTheme.Theme.PaletteLight.Tertiary.ToString(MudBlazor.Utilities.MudColorOutputFormats.Hex);

    public static string Teal => LotteryTheme.Theme.PaletteLight.Secondary.ToString(MudBlazor.Utilities.MudColorOutputFormats.Hex);

    public static string Info => LotteryTheme.Theme.PaletteLight.Info.ToString(MudBlazor.Utilities.MudColorOutputFormats.Hex);

    public static string Grey => "#8c8794";
}
