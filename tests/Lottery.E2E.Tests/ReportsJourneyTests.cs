using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lottery.E2E.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Lottery.E2E.Tests;

/// <summary>A manager opens the reports in Chromium: the running campaign, its figures and charts, prizes as shares of stock.</summary>
public sealed class ReportsJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Reports_open_on_the_running_campaign_with_its_figures_and_charts_and_prizes_as_shares_of_stock()
    {
        var running = await PlayerSteps.CreateActivityAsync(fixture.App,
            PlayerSteps.Definition(stock: 10, chances: 3, prize: "Festival hoodie", withTasks: false));
        // A newer campaign that has not started yet: the reports must not open on it.
        var tomorrow = await PlayerSteps.CreateActivityAsync(fixture.App,
            PlayerSteps.Definition(stock: 10, startsAt: DateTimeOffset.UtcNow.AddDays(1), endsAt: DateTimeOffset.UtcNow.AddDays(9), withTasks: false));
        var names = await NamesAsync(running, tomorrow);
        foreach (var nickname in new[] { "Mia", "Noah" })
        {
            using var player = await PlayerAsync(nickname);
            for (var i = 0; i < (nickname == "Mia" ? 2 : 1); i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await player.PostAsync(new Uri($"/api/activities/{running}/draws", UriKind.Relative), null)).StatusCode);
            }
        }

        await using var context = await StaffSteps.LaptopAsync(fixture);
        var page = await StaffSteps.SignedInPageAsync(context, "manager@demo.local", "/reports");

        await Expect(page.GetByTestId("report-activity")).ToHaveValueAsync(names[running]);
        await Expect(page.GetByTestId("report-draws")).ToHaveTextAsync("3");
        await Expect(page.GetByTestId("report-wins")).ToHaveTextAsync("3");
        await Expect(page.GetByTestId("report-players")).ToHaveTextAsync("2");
        foreach (var chart in new[] { "chart-days", "chart-prizes" })
        {
            await Expect(page.GetByTestId(chart).Locator("svg").First).ToBeVisibleAsync();
            await Expect(page.GetByTestId(chart).Locator("svg .mud-chart-bar")).Not.ToHaveCountAsync(0);
        }

        // Three hoodies of ten: a share of the prize's own stock, with the counts beside it.
        await Expect(page.GetByTestId("prize-share")).ToHaveTextAsync(["30 %"]);
        await Expect(page.GetByTestId("chart-prizes")).ToContainTextAsync("Festival hoodie (3 of 10)");
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);
        await fixture.ScreenshotAsync(page, "reports-1440x900", output);
        await fixture.ScreenshotAsync(page, "reports-1440x900-full", output, fullPage: true);

        // Another campaign from the list: its report, and the address says which one.
        await page.GetByTestId("report-activity").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("^Lucky Wheel") }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/reports\?activity=[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("report-activity")).ToHaveValueAsync("Lucky Wheel");
        await Expect(page.GetByTestId("report-draws")).ToHaveTextAsync("0");
        await Expect(page.GetByTestId("grid-prizes").Locator("tbody tr")).ToHaveCountAsync(3);
    }

    private async Task<Dictionary<Guid, string>> NamesAsync(params Guid[] ids)
    {
        var names = new Dictionary<Guid, string>();
        foreach (var id in ids)
        {
            names[id] = (await PlayerSteps.PublicViewAsync(fixture.App, id)).GetProperty("name").GetString()!;
        }

        return names;
    }

    private async Task<HttpClient> PlayerAsync(string nickname)
    {
        var http = new HttpClient { BaseAddress = fixture.App.BaseAddress };
        var session = await (await GuestSessionClient.PostAsync(http, nickname)).Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("token").GetString());
        return http;
    }
}
