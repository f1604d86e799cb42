using System.Net;
using Lottery.Web.Tests.Support;

namespace Lottery.Web.Tests.Pages;

/// <summary>Pages every visitor can reach: an unknown address, and the theme's tokens the static pages load.</summary>
[Collection(SharedApp.Name)]
public sealed class SitePageTests(LotteryAppFactory app)
{
    [Fact]
    public async Task An_unknown_address_answers_404_with_the_designed_not_found_page()
    {
        using var http = app.CreateClient();

        using var response = await http.GetAsync(new Uri("/no-such-page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_theme_tokens_are_the_mud_themes_colours_and_are_cached_for_a_year_under_their_hash()
    {
        using var http = app.CreateClient();

        using var response = await http.GetAsync(new Uri($"/tokens.css?v={Lottery.Web.Theme.LotteryTheme.TokensVersion}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var css = await response.Content.ReadAsStringAsync();
        var palette = Lottery.Web.Theme.LotteryTheme.Theme.PaletteLight;
        Assert.Contains($"--mud-palette-primary:{palette.Primary.ToString(MudBlazor.Utilities.MudColorOutputFormats.Hex)};", css, StringComparison.Ordinal);
        Assert.Contains($"--mud-palette-error:{palette.Error.ToString(MudBlazor.Utilities.MudColorOutputFormats.Hex)};", css, StringComparison.Ordinal);
        Assert.Contains("--mud-typography-default-family:system-ui,", css, StringComparison.Ordinal);
    }
}
