using System.Globalization;
using System.Text.RegularExpressions;
using Lottery.E2E.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Lottery.E2E.Tests;

/// <summary>
/// The audit log in Chromium, read by a manager in Berlin: actions in words, names instead of ids, who did it by name,
/// times in the browser's time zone (and saying so), filters by words; no raw keys, GUIDs or ISO timestamps on screen.
/// </summary>
public sealed partial class AuditLogTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_manager_reads_the_audit_log_in_words_with_names_and_local_times()
    {
        var prize = "Festival hoodie " + Guid.NewGuid().ToString("N")[..4];
        var activity = await PlayerSteps.CreateActivityAsync(fixture.App, PlayerSteps.Definition(stock: 3, prize: prize, withTasks: false));
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            TimezoneId = "Europe/Berlin",
        });
        var page = await context.NewPageAsync();

        // The manager pauses the campaign on its board (confirming), then reads its log.
        await StaffSteps.SignInAsync(page, "manager@demo.local", $"/board/{activity}");
        await page.GetByTestId("board-pause").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Pause draws" }).ClickAsync();
        await Expect(page.GetByTestId("status-badge")).ToHaveTextAsync("Paused");
        await page.GotoAsync($"/admin/audit?activity={activity}");
        await Expect(page.Locator(".admin-shell[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        var entries = page.GetByTestId("audit-entry");
        await Expect(entries.Locator(".action")).ToHaveTextAsync(["Paused", "Published", "Activity created"]);
        var paused = entries.Nth(0);
        await Expect(paused.GetByTestId("audit-actor")).ToHaveTextAsync("Max Manager");
        await Expect(paused.Locator("[data-path=status]")).ToContainTextAsync("Running");
        await Expect(paused.Locator("[data-path=status] th")).ToHaveTextAsync("Status");
        var published = entries.Nth(1);
        await Expect(published.GetByTestId("audit-actor")).ToHaveTextAsync(new Regex("^API key .+…$"));
        // "reserved[0].PrizeId 01a2…" reads as the prize's name.
        await Expect(published.Locator("[data-path='reserved[0].Allocated'] th")).ToHaveTextAsync($"Reserved › {prize} › Units");
        await Expect(published.Locator("[data-path='reserved[0].Allocated'] ins")).ToHaveTextAsync("3");

        // Times in the viewer's zone, said once; the <time> element keeps the exact instant.
        await Expect(page.GetByTestId("time-zone-note").First).ToContainTextAsync("Europe/Berlin");
        var time = paused.Locator(".meta time");
        var at = DateTimeOffset.Parse(await time.GetAttributeAsync("datetime") ?? "", CultureInfo.InvariantCulture);
        var berlin = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        await Expect(time).ToHaveTextAsync(berlin.ToString("d MMM yyyy, HH:mm", CultureInfo.GetCultureInfo("en-US")));

        // Nothing raw on screen: no action keys, no ids, no ISO timestamps.
        var text = await page.Locator("[data-testid=audit-trail]").InnerTextAsync();
        Assert.DoesNotMatch(GuidText(), text);
        Assert.DoesNotMatch(IsoText(), text);
        Assert.DoesNotContain("activity.publish", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PrizeId", text, StringComparison.Ordinal);
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);
        await fixture.ScreenshotAsync(page, "audit-log-1440x900", output);

        // The action filter offers words and narrows the log.
        await page.GetByTestId("filter-action").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Paused" }).ClickAsync();
        await Expect(entries).ToHaveCountAsync(1);
        await Expect(entries.Locator(".action")).ToHaveTextAsync("Paused");
        await Expect(page.GetByTestId("audit-count")).ToHaveTextAsync("1 entry · page 1 of 1");
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex GuidText();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")]
    private static partial Regex IsoText();
}
