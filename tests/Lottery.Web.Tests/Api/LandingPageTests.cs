using Lottery.Infrastructure.Persistence.Seeding;
using Lottery.Web.Tests.Support;

namespace Lottery.Web.Tests.Api;

[Collection(SharedApp.Name)]
public sealed class LandingPageTests(LotteryAppFactory app)
{
    [Fact]
    public async Task Landing_page_lists_the_demo_activities_with_play_and_board_links()
    {
        using var browser = new StaffBrowser(app);

        var page = await browser.GetPageAsync("/");

        var tiles = page.QuerySelectorAll("[data-testid=demo-activity]");
        Assert.Equal(2, tiles.Length);
        var names = tiles.Select(t => t.QuerySelector("[data-testid=activity-name]")?.TextContent.Trim()).Order().ToList();
        Assert.Equal([DemoSeeder.InstantActivityName, DemoSeeder.ScheduledActivityName], names);
        foreach (var tile in tiles)
        {
            var hrefs = tile.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToList();
            Assert.Contains(hrefs, h => IsActivityLink(h, "/play/"));
            Assert.Contains(hrefs, h => IsActivityLink(h, "/board/"));
        }
    }

    [Fact]
    public async Task Landing_page_links_to_the_admin_area_and_staff_sign_in()
    {
        using var browser = new StaffBrowser(app);

        var page = await browser.GetPageAsync("/");

        Assert.NotNull(page.QuerySelector("a[href='/admin']"));
        Assert.NotNull(page.QuerySelector("a[href='/account/login']"));
    }

    [Fact]
    public async Task Landing_page_links_the_scoped_stylesheet_and_it_is_served()
    {
        using var browser = new StaffBrowser(app);
        var page = await browser.GetPageAsync("/");
        var href = page.QuerySelectorAll("link[rel=stylesheet]")
            .Select(l => l.GetAttribute("href")!)
            .Single(h => h.Contains("Lottery.Web", StringComparison.Ordinal) && h.Contains(".styles.css", StringComparison.Ordinal));

        using var response = await browser.Http.GetAsync(new Uri(href, UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("[b-", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static bool IsActivityLink(string href, string prefix) =>
        href.StartsWith(prefix, StringComparison.Ordinal) && Guid.TryParse(href[prefix.Length..], out _);
}
