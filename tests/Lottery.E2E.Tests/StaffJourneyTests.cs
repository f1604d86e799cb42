using System.Text.RegularExpressions;
using Lottery.E2E.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Lottery.E2E.Tests;

public sealed partial class StaffJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string MarketerEmail = "marketer@demo.local";

    [Fact]
    public async Task Marketer_signs_in_from_the_landing_page_and_the_admin_area_is_interactive()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        page.RequestFailed += (_, request) => problems.Add($"request failed: {request.Method} {request.Url} ({request.Failure})");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add($"{response.Status} {response.Url}");
            }
        };

        // Landing page: the demo activities and the way in for staff.
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=demo-activity]")).ToHaveCountAsync(2);
        await ScreenshotAsync(page, "landing-desktop");
        await page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(page, "landing-phone", fullPage: true);
        await page.SetViewportSizeAsync(1280, 800);

        // Staff sign-in.
        await page.GetByRole(AriaRole.Link, new() { Name = "Staff sign-in" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(LoginUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Staff sign-in" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "login");
        await page.Locator("#username").FillAsync(MarketerEmail);
        await page.Locator("#password").FillAsync(StaffSteps.DemoPassword);
        await page.Locator("#sign-in").ClickAsync();

        // The admin area, over a live circuit.
        await Expect(page).ToHaveURLAsync(AdminUrl());
        await Expect(page.Locator("[data-testid=user-name]")).ToHaveTextAsync("Mia Marketer");
        var rows = page.Locator("[data-testid=activity-grid] tbody tr.activity-row");
        await Expect(rows).ToHaveCountAsync(2);
        await ScreenshotAsync(page, "admin");

        // The search box is disabled until the circuit is up (Fill waits for it); filtering happens only on the server.
        var search = page.Locator("[data-testid=activity-search]");
        await search.FillAsync("lucky");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Lucky Wheel");
        await search.FillAsync("");
        await Expect(rows).ToHaveCountAsync(2);

        // The admin area opened on a phone: the sidebar starts collapsed, the grid scrolls sideways.
        var phone = await context.NewPageAsync();
        await phone.SetViewportSizeAsync(390, 844);
        await phone.GotoAsync("/admin");
        await Expect(phone.Locator(".admin-shell[data-interactive=true]")).ToBeVisibleAsync();
        await Expect(phone.Locator("[data-testid=activity-grid] tbody tr.activity-row")).ToHaveCountAsync(2);
        await ScreenshotAsync(phone, "admin-phone");
        await phone.CloseAsync();

        // Signing out from the live admin area (its antiforgery token survived the switch to the circuit).
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(HomeUrl());
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Staff sign-in" }).First).ToBeVisibleAsync();

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private Task ScreenshotAsync(IPage page, string name, bool fullPage = false) => fixture.ScreenshotAsync(page, name, output, fullPage);

    [GeneratedRegex(@"/account/login(\?.*)?$")]
    private static partial Regex LoginUrl();

    [GeneratedRegex(@"^http://[^/]+/$")]
    private static partial Regex HomeUrl();

    [GeneratedRegex(@"/admin$")]
    private static partial Regex AdminUrl();
}
