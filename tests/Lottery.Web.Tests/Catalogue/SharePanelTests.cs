using System.Xml.Linq;
using Bunit;
using Lottery.Web.Components.Admin;
using Lottery.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Lottery.Web.Tests.Catalogue;

/// <summary>The share panel: the short link first, copy buttons, and the QR code of the short link as PNG and SVG files.</summary>
public sealed class SharePanelTests : MudTestContext
{
    private const string ShortUrl = "https://lottery.example/p/k7m2x9qd";
    private const string PlayUrl = "https://lottery.example/play/0193a0b4-7c1e-7a51-9d61-0c2b3a4d5e6f";

    public SharePanelTests() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    [Fact]
    public void The_qr_code_downloads_as_a_png_file_named_after_the_campaign()
    {
        var panel = RenderPanel();

        var link = panel.Find("[data-testid=share-qr-png]");
        Assert.Equal("lucky-wheel-2026-qr.png", link.GetAttribute("download"));
        var png = DataUrl(link.GetAttribute("href"), "image/png");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.True(png.Length > 200, $"a {png.Length}-byte PNG is too small for a QR code");
    }

    [Fact]
    public void The_qr_code_downloads_as_an_svg_file_that_is_an_svg_image()
    {
        var panel = RenderPanel();

        var link = panel.Find("[data-testid=share-qr-svg]");
        Assert.Equal("lucky-wheel-2026-qr.svg", link.GetAttribute("download"));
        var svg = XDocument.Parse(System.Text.Encoding.UTF8.GetString(DataUrl(link.GetAttribute("href"), "image/svg+xml")));
        Assert.Equal(XName.Get("svg", "http://www.w3.org/2000/svg"), svg.Root!.Name);
        Assert.NotEmpty(svg.Root.Descendants());
        Assert.NotNull(panel.Find("[data-testid=share-qr][role=img][aria-label]").QuerySelector("svg"));
    }

    [Fact]
    public void The_short_link_is_shown_labelled_and_opens_in_a_new_tab_and_the_full_link_stays_available()
    {
        var panel = RenderPanel();

        var shortField = panel.Find("input[data-testid=share-short]");
        Assert.Equal(ShortUrl, shortField.GetAttribute("value"));
        Assert.Equal("Short link", panel.Find($"label[for={shortField.Id}]").TextContent.Trim());
        Assert.Equal(PlayUrl, panel.Find("input[data-testid=share-link]").GetAttribute("value"));
        var open = panel.Find("[data-testid=share-short-link]");
        Assert.Equal(ShortUrl, open.GetAttribute("href"));
        Assert.Equal("lottery.example/p/k7m2x9qd", open.TextContent.Trim());
    }

    [Fact]
    public void Copy_puts_the_short_link_on_the_clipboard_and_says_so()
    {
        var module = JSInterop.SetupModule("./designer/designer.js");
        var copy = module.Setup<bool>("copy", ShortUrl);
        copy.SetResult(true);
        var panel = RenderPanel();

        panel.Find("[data-testid=share-copy-short]").Click();

        Assert.Single(copy.Invocations);
        var snackbar = Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal("Short link copied", snackbar.Message);
    }

    [Fact]
    public void Without_a_campaign_name_the_files_are_named_after_the_short_code()
    {
        var panel = Render<SharePanel>(p => p.Add(s => s.PlayUrl, PlayUrl).Add(s => s.ShortUrl, ShortUrl));

        Assert.Equal("k7m2x9qd-qr.png", panel.Find("[data-testid=share-qr-png]").GetAttribute("download"));
    }

    private IRenderedComponent<SharePanel> RenderPanel() =>
        Render<SharePanel>(p => p.Add(s => s.PlayUrl, PlayUrl).Add(s => s.ShortUrl, ShortUrl).Add(s => s.CampaignName, "Lucky Wheel (2026)!"));

    private static byte[] DataUrl(string? href, string mediaType)
    {
        var prefix = $"data:{mediaType};base64,";
        Assert.NotNull(href);
        Assert.StartsWith(prefix, href, StringComparison.Ordinal);
        return Convert.FromBase64String(href[prefix.Length..]);
    }
}
