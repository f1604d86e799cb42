using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lottery.E2E.Tests.Support;

/// <summary>Steps the staff-side browser tests share: a laptop window and signing in as one of the demo accounts.</summary>
public static class StaffSteps
{
    public const string DemoPassword = LotteryAppFactory.DemoPassword;

    /// <summary>A 1440×900 window, the marketer's or manager's laptop.</summary>
    public static Task<IBrowserContext> LaptopAsync(BrowserFixture fixture) => fixture.Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = fixture.App.BaseAddress.ToString(),
        ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
    });

    /// <summary>Signs in through the staff sign-in form and waits on <paramref name="path"/> for its live circuit.</summary>
    public static async Task SignInAsync(IPage page, string email, string path)
    {
        await page.GotoAsync("/account/login?returnUrl=" + Uri.EscapeDataString(path));
        await page.Locator("#username").FillAsync(email);
        await page.Locator("#password").FillAsync(DemoPassword);
        await page.Locator("#sign-in").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"));
        // A circuit can take a while to open on a busy machine; everything after this waits for it.
        await Expect(page.Locator(".admin-shell[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    public static async Task<IPage> SignedInPageAsync(IBrowserContext context, string email, string path)
    {
        var page = await context.NewPageAsync();
        await SignInAsync(page, email, path);
        return page;
    }
}
