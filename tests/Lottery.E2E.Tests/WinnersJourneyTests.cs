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

/// <summary>A manager ships prizes in Chromium: two winners ticked and shipped together, then tracking numbers from a CSV file.</summary>
public sealed class WinnersJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_manager_ticks_two_claimed_winners_ships_them_together_and_sees_both_shipped()
    {
        var activity = await WinnersAsync("Festival hoodie", ("Mia", true), ("Noah", true), ("Liam", false));
        await using var context = await StaffSteps.LaptopAsync(fixture);
        var page = await StaffSteps.SignedInPageAsync(context, "manager@demo.local", $"/activities/{activity}/winners");
        var rows = page.Locator("[data-testid=winner-grid] tbody tr");
        await Expect(rows).ToHaveCountAsync(3);

        // Nothing ticked: the bulk action is disabled and says why, in words on the page.
        await Expect(page.GetByTestId("bulk-ship")).ToBeDisabledAsync();
        await Expect(page.GetByTestId("bulk-ship-reason")).ToHaveTextAsync("Tick the boxes of claimed winners to ship them together.");
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);
        await fixture.ScreenshotAsync(page, "winners-1440x900", output);

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Select M***a, Festival hoodie" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Select N***h, Festival hoodie" }).CheckAsync();
        await Expect(page.GetByTestId("bulk-count")).ToHaveTextAsync("2 selected");
        await page.GetByTestId("bulk-ship").ClickAsync();

        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Mark 2 prizes shipped");
        await dialog.GetByLabel("Tracking number for M***a, Festival hoodie").FillAsync("SF1001");
        await dialog.GetByLabel("Tracking number for N***h, Festival hoodie").FillAsync("SF1002");
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);
        await fixture.ScreenshotAsync(page, "winners-bulk-ship-1440x900", output);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Mark 2 shipped" }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.GetByText("2 prizes marked shipped.")).ToBeVisibleAsync();
        await Expect(Row(page, "M***a").GetByTestId("win-status")).ToHaveTextAsync("Shipped");
        await Expect(Row(page, "M***a")).ToContainTextAsync("SF1001");
        await Expect(Row(page, "N***h").GetByTestId("win-status")).ToHaveTextAsync("Shipped");
        await Expect(Row(page, "N***h")).ToContainTextAsync("SF1002");
        await Expect(Row(page, "L***m").GetByTestId("win-status")).ToHaveTextAsync("Awaiting address");
        await Expect(page.GetByTestId("bulk-count")).ToHaveTextAsync("No winner selected");

        // The single-winner panel: a shipped prize offers "Mark delivered"; its chip is green, never red.
        await Row(page, "M***a").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.GetByTestId("winner-details")).ToContainTextAsync("SF1001");
        await Expect(page.GetByTestId("mark-delivered")).ToBeEnabledAsync();
        await Expect(Row(page, "M***a").GetByTestId("win-status")).ToHaveClassAsync(new Regex(@"\btone-success\b"));
    }

    [Fact]
    public async Task A_manager_imports_tracking_numbers_from_the_winners_export_after_a_preview_that_lists_unknown_rows()
    {
        var activity = await WinnersAsync("Tote bag", ("Emma", true), ("Lucas", true), ("Ava", false));
        await using var context = await StaffSteps.LaptopAsync(fixture);
        var page = await StaffSteps.SignedInPageAsync(context, "manager@demo.local", $"/activities/{activity}/winners");
        await Expect(page.Locator("[data-testid=winner-grid] tbody tr")).ToHaveCountAsync(3);

        // The export as a manager downloads it, with two tracking numbers filled in and a row that is no winner of this campaign.
        var export = await (await page.APIRequest.GetAsync($"/activities/{activity}/winners.csv")).TextAsync();
        var lines = export.TrimEnd().Split("\r\n");
        var header = lines[0].Split(',');
        var (id, tracking, player) = (Array.IndexOf(header, "WinId"), Array.IndexOf(header, "TrackingNumber"), Array.IndexOf(header, "Player"));
        string WinIdOf(string masked) => lines.Skip(1).Select(l => l.Split(',')).Single(f => f[player] == masked)[id];
        var file = Path.Combine(Path.GetTempPath(), $"tracking-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, $"""
            WinId,Player,TrackingNumber
            {WinIdOf("E***a")},E***a,YT-555
            {Guid.NewGuid()},Someone else,YT-000
            {WinIdOf("A***a")},A***a,
            {WinIdOf("L***s")},L***s,YT-777
            """);

        await page.GetByTestId("import-tracking").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("input[type=file]").SetInputFilesAsync(file);
        await Expect(dialog.GetByTestId("import-summary")).ToContainTextAsync("2 winners will be marked shipped.");
        await Expect(dialog.GetByTestId("import-problem")).ToHaveTextAsync([new Regex("^Line 3 .*No winner of this campaign has this reference\\.$")]);
        await Expect(dialog.GetByTestId("import-changes").Locator("tbody tr")).ToHaveCountAsync(2);
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);
        await fixture.ScreenshotAsync(page, "winners-import-preview-1440x900", output);

        // Nothing has changed before applying.
        await Expect(Row(page, "E***a").GetByTestId("win-status")).ToHaveTextAsync("Claimed");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Mark 2 shipped" }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Row(page, "E***a")).ToContainTextAsync("YT-555");
        await Expect(Row(page, "L***s")).ToContainTextAsync("YT-777");
        await Expect(Row(page, "E***a").GetByTestId("win-status")).ToHaveTextAsync("Shipped");
        await Expect(Row(page, "A***a").GetByTestId("win-status")).ToHaveTextAsync("Awaiting address");

        // A malformed file: a clear error, and nothing can be applied.
        await File.WriteAllTextAsync(file, "Player;Prize\nE***a;Festival hoodie\n");
        await page.GetByTestId("import-tracking").ClickAsync();
        await dialog.Locator("input[type=file]").SetInputFilesAsync(file);
        await Expect(dialog.GetByTestId("import-error")).ToContainTextAsync("The file needs a WinId column and a TrackingNumber column");
        await Expect(dialog.GetByTestId("import-apply")).ToBeDisabledAsync();
        File.Delete(file);
    }

    private static ILocator Row(IPage page, string player) =>
        page.Locator("[data-testid=winner-grid] tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = player, Exact = true }) });

    /// <summary>A running campaign whose every spin wins the prize; each player draws once and gives an address when told to.</summary>
    private async Task<Guid> WinnersAsync(string prize, params (string Nickname, bool Claims)[] players)
    {
        var activity = await PlayerSteps.CreateActivityAsync(fixture.App,
            PlayerSteps.Definition(stock: 20, chances: 1, prize: prize, withTasks: false));
        foreach (var (nickname, claims) in players)
        {
            using var http = new HttpClient { BaseAddress = fixture.App.BaseAddress };
            var session = await (await GuestSessionClient.PostAsync(http, nickname)).Content.ReadFromJsonAsync<JsonElement>();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("token").GetString());
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsync(new Uri($"/api/activities/{activity}/draws", UriKind.Relative), null)).StatusCode);
            var win = (await http.GetFromJsonAsync<JsonElement>($"/api/me/wins?activityId={activity}"))[0].GetProperty("id").GetGuid();
            if (claims)
            {
                var claim = await http.PostAsJsonAsync($"/api/me/wins/{win}/claim", new
                {
                    // A different door and phone per player: one address across players is held for review (decision 028).
                    recipientName = nickname + " Lee", phone = "+86 138 " + Random.Shared.Next(10_000_000, 99_999_999), line1 = $"{Guid.NewGuid().ToString("N")[..8]} Century Avenue",
                    city = "Shanghai", postalCode = "200120", country = "China",
                });
                Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
            }
        }

        return activity;
    }
}
