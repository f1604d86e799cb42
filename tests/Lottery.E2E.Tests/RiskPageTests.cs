using Lottery.E2E.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Lottery.E2E.Tests;

/// <summary>
/// The Risk page in Chromium: a manager stops every draw (after a red confirmation), a player's page on a phone shows the
/// paused state, the manager blocks and unblocks an address and resumes; a platform admin also sees the platform switch.
/// </summary>
public sealed class RiskPageTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_manager_stops_every_draw_with_a_confirmation_players_see_the_pause_and_resuming_lets_them_spin()
    {
        var activity = await PlayerSteps.CreateActivityAsync(fixture.App, PlayerSteps.Definition(chances: 5, withTasks: false));
        await using var phone = await PlayerSteps.OnPlayPageAsync(fixture, activity);
        var spin = phone.Page.GetByRole(AriaRole.Button, new() { Name = "Spin" });
        await Expect(spin).ToBeEnabledAsync();

        await using var laptop = await StaffSteps.LaptopAsync(fixture);
        var page = await laptop.NewPageAsync();
        await StaffSteps.SignInAsync(page, "manager@demo.local", "/risk");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Risk controls" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("tenant-stop-state")).ToHaveTextAsync("Draws running");
        await Expect(page.GetByTestId("platform-stop")).ToHaveCountAsync(0); // a manager has no platform switch
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);
        await fixture.ScreenshotAsync(page, "risk-manager-1440x900", output);

        // The stop asks first and says what happens; "Keep draws running" changes nothing.
        await page.GetByLabel("Reason (kept in the audit log)").FillAsync("Prize budget reached");
        await page.GetByTestId("tenant-stop-stop").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Every draw of every campaign of your organisation stops at once");
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);
        await fixture.ScreenshotAsync(page, "risk-stop-confirm", output);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep draws running" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("tenant-stop-state")).ToHaveTextAsync("Draws running");

        await page.GetByTestId("tenant-stop-stop").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Stop all draws" }).ClickAsync();
        await Expect(page.GetByTestId("tenant-stop-state")).ToHaveTextAsync("Draws stopped");
        await Expect(page.GetByTestId("tenant-stop-who")).ToContainTextAsync("Reason: Prize budget reached");
        await Expect(page.GetByTestId("tenant-stop-who")).ToContainTextAsync("(you)");

        // The phone's page was open before the stop: its next spin is refused and it shows the paused screen.
        await spin.ClickAsync();
        await Expect(phone.Page.GetByTestId("state")).ToHaveAttributeAsync("data-state", "paused");
        await Expect(spin).ToBeDisabledAsync();
        await phone.Page.ReloadAsync();
        await Expect(phone.Page.GetByTestId("state")).ToHaveAttributeAsync("data-state", "paused");
        await fixture.ScreenshotAsync(phone.Page, "risk-player-paused", output);

        // Block an address with the keyboard-usable form; the grid says what it is in words; removing asks first.
        await page.GetByTestId("block-kind").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "IP address" }).ClickAsync();
        await page.GetByLabel("IP address").FillAsync("::ffff:203.0.113.7");
        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync("Opened 400 sessions");
        await page.GetByTestId("block-add").ClickAsync();
        var grid = page.GetByTestId("block-grid");
        await Expect(grid).ToContainTextAsync("203.0.113.7");
        await Expect(grid).ToContainTextAsync("IP address");
        await Expect(grid).ToContainTextAsync("Opened 400 sessions");
        await page.GetByLabel("IP address").FillAsync("not an address");
        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync("Typo");
        await page.GetByTestId("block-add").ClickAsync();
        await Expect(page.GetByTestId("block-list")).ToContainTextAsync("Enter an IP address such as 203.0.113.7");
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);
        await fixture.ScreenshotAsync(page, "risk-stopped-blocked-1440x900", output, fullPage: true);

        await grid.GetByRole(AriaRole.Button, new() { Name = "Remove 203.0.113.7 from the block list" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Expect(grid).ToContainTextAsync("Nobody is blocked.");

        await page.GetByTestId("tenant-stop-resume").ClickAsync();
        await Expect(page.GetByTestId("tenant-stop-state")).ToHaveTextAsync("Draws running");
        await phone.Page.ReloadAsync();
        await Expect(phone.Page.GetByRole(AriaRole.Button, new() { Name = "Spin" })).ToBeEnabledAsync();

        // Blocking the phone's player: its next spin is refused in words, not with the connection-problem screen.
        var playerId = await phone.Page.EvaluateAsync<string>(
            "fetch('/api/player/sessions/current', { headers: { Accept: 'application/json' } }).then(r => r.json()).then(p => p.playerId)");
        await page.GetByTestId("block-kind").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Player" }).ClickAsync();
        await page.GetByLabel("Player", new() { Exact = true }).FillAsync(playerId);
        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync("Farming test");
        await page.GetByTestId("block-add").ClickAsync();
        await Expect(grid).ToContainTextAsync(playerId);
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Spin" }).ClickAsync();
        await Expect(phone.Page.GetByTestId("state")).ToHaveAttributeAsync("data-state", "blocked");
        await Expect(phone.Page.GetByTestId("state")).ToContainTextAsync("You can't play this campaign");
        await Accessibility.AssertNoSeriousAxeViolationsAsync(phone.Page);
        await fixture.ScreenshotAsync(phone.Page, "risk-player-blocked", output);
        await grid.GetByRole(AriaRole.Button, new() { Name = $"Remove {playerId} from the block list" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Expect(grid).ToContainTextAsync("Nobody is blocked.");
    }

    [Fact]
    public async Task A_platform_admin_also_sees_the_platform_switch()
    {
        await using var laptop = await StaffSteps.LaptopAsync(fixture);
        var page = await laptop.NewPageAsync();
        await StaffSteps.SignInAsync(page, "admin@demo.local", "/risk");
        await Expect(page.GetByTestId("platform-stop")).ToContainTextAsync("Platform stop-loss");
        await Expect(page.GetByTestId("platform-stop-state")).ToHaveTextAsync("Draws running");
        await page.GetByTestId("platform-stop-stop").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("every organisation on the platform");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep draws running" }).ClickAsync();
        await Expect(page.GetByTestId("platform-stop-state")).ToHaveTextAsync("Draws running");
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);
        await fixture.ScreenshotAsync(page, "risk-platform-admin-1440x900", output);
    }
}
