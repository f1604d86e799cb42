using Lottery.E2E.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Lottery.E2E.Tests;

/// <summary>
/// An activity for confirmed e-mail addresses on a phone (390×844): the page asks for the address, the code comes by
/// e-mail (the app's pickup directory: no SMTP server in this app), and two browsers with one address are one player.
/// </summary>
public sealed class EmailSignInTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_same_e_mail_in_two_browsers_is_one_player_sharing_its_spins()
    {
        var id = await PlayerSteps.CreateActivityAsync(fixture.App, EmailActivity(chances: 3));
        var email = $"phone-{Guid.NewGuid():N}"[..18] + "@example.com";

        // Browser A: the sign-in step instead of the Spin button, then the code from the e-mail, then a spin.
        await using var first = await PlayerSteps.PhoneAsync(fixture, ReducedMotion.Reduce);
        var a = await first.NewPageAsync();
        await a.GotoAsync($"/play/{id}");
        var step = a.GetByTestId("email-step");
        await Expect(step).ToBeVisibleAsync();
        await Expect(a.GetByTestId("spin")).ToBeHiddenAsync();
        await Expect(a.GetByRole(AriaRole.Heading, new() { Name = "Confirm your e-mail to play" })).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(a, "email-1-address", output);
        await Accessibility.AssertNoSeriousAxeViolationsAsync(a);

        // Not an address: said in words beside the field, nothing sent.
        await a.GetByLabel("Your e-mail address").FillAsync("not-an-address");
        await a.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();
        await Expect(a.GetByTestId("email-error")).ToHaveTextAsync("Enter an e-mail address such as name@example.com.");
        await Expect(a.GetByLabel("Your e-mail address")).ToHaveAttributeAsync("aria-invalid", "true");

        await a.GetByLabel("Your e-mail address").FillAsync(email);
        await a.GetByLabel("Your e-mail address").PressAsync("Enter");
        var code = a.GetByLabel("Six-digit code");
        await Expect(code).ToBeFocusedAsync();
        await Expect(code).ToHaveAttributeAsync("autocomplete", "one-time-code");
        await Expect(code).ToHaveAttributeAsync("inputmode", "numeric");
        await Expect(a.GetByTestId("email-status")).ToContainTextAsync($"We sent a six-digit code to {email}");
        await Expect(a.GetByTestId("resend-code")).ToBeDisabledAsync();
        await Expect(a.GetByTestId("resend-code")).ToContainTextAsync("Send a new code in");
        await fixture.ScreenshotAsync(a, "email-2-code", output);
        await Accessibility.AssertNoSeriousAxeViolationsAsync(a);

        var sent = await SentMail.CodeAsync(fixture.App.MailPickupDirectory, email);
        await code.FillAsync(Wrong(sent));
        await a.GetByRole(AriaRole.Button, new() { Name = "Confirm and play" }).ClickAsync();
        await Expect(a.GetByTestId("code-error")).ToHaveTextAsync("That code is not right. Check the e-mail and try again (4 tries left).");
        await fixture.ScreenshotAsync(a, "email-3-wrong-code", output);

        await code.FillAsync(sent);
        await code.PressAsync("Enter");
        await Expect(step).ToHaveCountAsync(0);
        var spin = a.GetByRole(AriaRole.Button, new() { Name = "Spin the wheel" });
        await Expect(spin).ToBeEnabledAsync();
        await Expect(a.GetByTestId("chances")).ToHaveAttributeAsync("data-remaining", "3");
        await fixture.ScreenshotAsync(a, "email-4-signed-in", output);
        await SpinOnceAsync(a);
        await Expect(a.GetByTestId("chances")).ToHaveAttributeAsync("data-remaining", "2");

        // Browser B, same address: the same player, so the spin A used is gone here too.
        await using var second = await PlayerSteps.PhoneAsync(fixture, ReducedMotion.Reduce);
        var b = await second.NewPageAsync();
        await b.GotoAsync($"/play/{id}");
        await b.GetByLabel("Your e-mail address").FillAsync(email);
        await b.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();
        await b.GetByLabel("Six-digit code").FillAsync(await SentMail.CodeAsync(fixture.App.MailPickupDirectory, email, count: 2));
        await b.GetByRole(AriaRole.Button, new() { Name = "Confirm and play" }).ClickAsync();
        await Expect(b.GetByTestId("chances")).ToHaveAttributeAsync("data-remaining", "2");
        await SpinOnceAsync(b);
        await SpinOnceAsync(b);
        await Expect(b.GetByTestId("state")).ToHaveAttributeAsync("data-state", "no-chances");
        await fixture.ScreenshotAsync(b, "email-5-second-browser-no-chances", output);
        await Accessibility.AssertNoSeriousAxeViolationsAsync(b);

        // Back in A: a reload knows the player (cookie) and shows the spins used in B.
        await a.ReloadAsync();
        await Expect(a.GetByTestId("email-step")).ToHaveCountAsync(0);
        await Expect(a.GetByTestId("state")).ToHaveAttributeAsync("data-state", "no-chances");
        await Expect(a.GetByRole(AriaRole.Button, new() { Name = "Spin the wheel" })).ToBeDisabledAsync();
    }

    [Fact]
    public async Task Another_script_opens_the_sign_in_as_a_dialog_and_learns_when_the_player_is_verified()
    {
        var id = await PlayerSteps.CreateActivityAsync(fixture.App, PlayerSteps.Definition(chances: 1, withTasks: false));
        var email = $"dialog-{Guid.NewGuid():N}"[..18] + "@example.com";
        await using var context = await PlayerSteps.PhoneAsync(fixture, ReducedMotion.Reduce);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/play/{id}");
        await Expect(page.GetByTestId("chances")).ToHaveAttributeAsync("data-remaining", "1");

        // What the high-value prize step does: open the dialog and wait for the promise.
        await page.EvaluateAsync($"() => {{ window.signedIn = window.LotteryEmailSignIn.open({{ activityId: '{id}', reason: 'Confirm your e-mail to claim this prize.' }}).then(s => s.guestPromoted); }}");
        var dialog = page.GetByTestId("email-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByText("Confirm your e-mail to claim this prize.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Your e-mail address")).ToBeFocusedAsync();
        await fixture.ScreenshotAsync(page, "email-6-dialog", output);
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);

        await page.GetByLabel("Your e-mail address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();
        await page.GetByLabel("Six-digit code").FillAsync(await SentMail.CodeAsync(fixture.App.MailPickupDirectory, email));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and play" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => window.signedIn"));
    }

    private static async Task SpinOnceAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Spin the wheel" }).ClickAsync();
        var dialog = page.GetByTestId("result");
        await Expect(dialog).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.Locator("#result-ok").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
    }

    private static string Wrong(string code) => code == "111111" ? "222222" : "111111";

    private static object EmailActivity(int chances) => new
    {
        name = "Members' wheel " + Guid.NewGuid().ToString("N")[..4],
        description = "For confirmed e-mail addresses: every spin wins.",
        kind = "instant",
        startsAt = DateTimeOffset.UtcNow.AddHours(-1),
        endsAt = DateTimeOffset.UtcNow.AddDays(7),
        rules = new { chancesPerPlayer = chances },
        tiers = new[] { new { name = "First prize", probability = 1m, color = "#1B998B", prizes = new[] { new { name = "Tote bag " + Guid.NewGuid().ToString("N")[..4], kind = "physical", stock = 100 } } } },
        gameplay = new { type = "wheel", tryAgainSegments = 2 },
        theme = new { primaryColor = "#D7263D", accentColor = "#F4B942", backgroundColor = "#2B1055", textColor = "#FFFFFF" },
        players = new { identity = "email" },
    };
}
