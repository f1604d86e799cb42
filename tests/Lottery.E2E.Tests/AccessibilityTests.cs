using Lottery.E2E.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Lottery.E2E.Tests;

/// <summary>
/// axe-core (zero critical, zero serious) on the pages without a staff sign-in: the landing page, sign-in, the error
/// pages, and the player's pages in each state a player sees (issue 13). Staff pages are checked in their journeys.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("/", "landing")]
    [InlineData("/account/login", "sign-in")]
    [InlineData("/account/login?error=invalid", "sign-in-error")]
    [InlineData("/no-such-page", "not-found")]
    public async Task Public_pages_have_no_serious_accessibility_violation(string path, string name)
    {
        await using var context = await StaffSteps.LaptopAsync(fixture);
        var page = await context.NewPageAsync();

        await page.GotoAsync(path);
        await Expect(page.Locator("h1")).ToBeVisibleAsync();

        await fixture.ScreenshotAsync(page, "a11y-" + name, output);
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);
    }

    [Fact]
    public async Task The_player_pages_have_no_serious_accessibility_violation_from_the_wheel_to_the_claim_form()
    {
        var id = await PlayerSteps.CreateActivityAsync(fixture.App, PlayerSteps.Definition());
        await using var phone = await PlayerSteps.OnPlayPageAsync(fixture, id);
        var page = phone.Page;
        await Expect(page.GetByTestId("spin")).ToBeEnabledAsync();
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);

        // Every spin of this campaign wins: the result dialog.
        await page.GetByTestId("spin").ClickAsync();
        await Expect(page.GetByTestId("result")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);

        // My prizes, with the claim form and then its field errors.
        await page.GotoAsync($"/play/{id}/me");
        var form = page.GetByTestId("claim-form");
        await Expect(form).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);
        await form.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator("[data-error-for=recipientName]")).Not.ToBeEmptyAsync();
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);
    }

    [Fact]
    public async Task The_giveaway_page_and_its_verification_page_have_no_serious_accessibility_violation()
    {
        await using var context = await PlayerSteps.PhoneAsync(fixture);
        var page = await context.NewPageAsync();
        var path = await PlayerSteps.DemoActivityPathAsync(fixture.App, "Weekend Giveaway");

        await page.GotoAsync(path);
        await Expect(page.GetByTestId("activity-name")).ToHaveTextAsync("Weekend Giveaway");
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);

        await page.GotoAsync(path.Replace("/play/", "/verify/", StringComparison.Ordinal));
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);
    }
}
