using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Lottery.Infrastructure.Persistence.Seeding;
using Lottery.Web.Tests.Support;

namespace Lottery.Web.Tests.Pages;

/// <summary>The player page as the server renders it: static HTML, no Blazor, theme and state embedded.</summary>
[Collection(SharedApp.Name)]
public sealed class PlayPageTests(LotteryAppFactory app)
{
    private static readonly HtmlParser Parser = new();

    [Fact]
    public async Task Player_page_renders_the_activity_with_its_theme_and_no_blazor_script()
    {
        var (response, page) = await GetAsync(await ActivityPathAsync(DemoSeeder.InstantActivityName));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Lucky Wheel", page.QuerySelector("[data-testid=activity-name]")?.TextContent.Trim());
        Assert.Contains("--bg:#2B1055", page.Body!.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains("--fg:#FFFFFF", page.Body!.GetAttribute("style"), StringComparison.Ordinal);
        Assert.DoesNotContain(page.Scripts, s => (s.Source ?? "").Contains("blazor", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(page.Scripts, s => s.Source == "/play/play.js" && s.Type == "module");
        Assert.Equal(3, page.QuerySelectorAll("[data-testid=prize-list] li").Length);
        Assert.NotNull(page.QuerySelector("button[data-testid=spin][aria-label]"));
        Assert.NotNull(page.QuerySelector("[data-testid=task-share]"));
        Assert.NotNull(page.QuerySelector("[data-testid=task-dailyCheckIn]"));
    }

    [Fact]
    public async Task Player_page_embeds_the_public_view_and_the_script_strings_as_json()
    {
        var (_, page) = await GetAsync(await ActivityPathAsync(DemoSeeder.InstantActivityName));

        var json = JsonDocument.Parse(page.GetElementById("play-state")!.TextContent).RootElement;
        Assert.Equal("Lucky Wheel", json.GetProperty("activity").GetProperty("name").GetString());
        Assert.Equal("Running", json.GetProperty("activity").GetProperty("status").GetString());
        Assert.Equal(5, json.GetProperty("activity").GetProperty("segments").GetArrayLength());
        Assert.Equal("en", json.GetProperty("lang").GetString());
        Assert.Equal("Spin", json.GetProperty("text").GetProperty("spin").GetString());
    }

    [Fact]
    public async Task Chinese_browsers_get_the_page_in_Chinese_and_the_switch_remembers_the_choice()
    {
        var path = await ActivityPathAsync(DemoSeeder.InstantActivityName);
        var (_, zh) = await GetAsync(path, "zh-CN,zh;q=0.9,en;q=0.8");
        Assert.Equal("zh-CN", zh.DocumentElement.GetAttribute("lang"));
        Assert.Equal("开始抽奖", zh.QuerySelector("[data-testid=spin]")?.TextContent.Trim());
        Assert.Equal("奖品", zh.GetElementById("prizes-title")?.TextContent.Trim());
        Assert.Equal("开始抽奖", JsonDocument.Parse(zh.GetElementById("play-state")!.TextContent).RootElement.GetProperty("text").GetProperty("spin").GetString());

        using var http = app.CreateClient();
        using var switched = await http.GetAsync(new Uri(path + "?lang=zh-CN", UriKind.Relative));
        Assert.Contains(switched.Headers.GetValues("Set-Cookie"), c => c.StartsWith("lottery.lang=zh-CN", StringComparison.Ordinal));
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", "lottery.lang=zh-CN");
        request.Headers.Add("Accept-Language", "en-US");
        using var remembered = await http.SendAsync(request);
        Assert.Contains("lang=\"zh-CN\"", await remembered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_activity_is_a_designed_404_page_without_script()
    {
        var (response, page) = await GetAsync($"/play/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull(page.QuerySelector("[data-testid=not-found]"));
        Assert.Empty(page.Scripts);
    }

    [Fact]
    public async Task Scheduled_activity_renders_the_join_section_instead_of_a_wheel()
    {
        var (_, page) = await GetAsync(await ActivityPathAsync(DemoSeeder.ScheduledActivityName));

        Assert.NotNull(page.QuerySelector("[data-testid=scheduled]"));
        Assert.Null(page.QuerySelector("[data-testid=wheel]"));
    }

    [Fact]
    public async Task My_prizes_page_is_static_too()
    {
        var path = await ActivityPathAsync(DemoSeeder.InstantActivityName);
        var (response, page) = await GetAsync(path + "/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("me", page.Body!.GetAttribute("data-page"));
        Assert.NotNull(page.QuerySelector("[data-testid=wins]"));
        Assert.DoesNotContain(page.Scripts, s => (s.Source ?? "").Contains("blazor", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Short_link_redirects_to_the_player_page_keeping_the_source()
    {
        var path = await ActivityPathAsync(DemoSeeder.InstantActivityName);
        using var http = app.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await http.GetAsync(new Uri(path.Replace("/play/", "/p/", StringComparison.Ordinal) + "?utm_source=wechat", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(path + "?utm_source=wechat", response.Headers.Location?.ToString());
    }

    private async Task<(HttpResponseMessage Response, IHtmlDocument Page)> GetAsync(string path, string? acceptLanguage = null)
    {
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        var response = await http.SendAsync(request);
        return (response, await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync()));
    }

    private async Task<string> ActivityPathAsync(string name)
    {
        using var browser = new StaffBrowser(app);
        var landing = await browser.GetPageAsync("/");
        var tile = landing.QuerySelectorAll("[data-testid=demo-activity]")
            .Single(t => t.QuerySelector("[data-testid=activity-name]")?.TextContent.Trim() == name);
        return tile.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).First(h => h.StartsWith("/play/", StringComparison.Ordinal));
    }
}
