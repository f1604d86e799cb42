using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lottery.E2E.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Lottery.E2E.Tests;

/// <summary>
/// High-value prizes and the review queue in Chromium: a guest who wins a high-value prize is asked to confirm an
/// e-mail address instead of getting the claim form; a manager approves a held win and can then ship it.
/// </summary>
public sealed class HighValueReviewTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_guest_who_wins_a_high_value_prize_is_asked_to_confirm_an_e_mail_instead_of_claiming()
    {
        var id = await PlayerSteps.CreateActivityAsync(fixture.App, Definition("E-bike " + Guid.NewGuid().ToString("N")[..4], highValue: true));
        await using var phone = await PlayerSteps.OnPlayPageAsync(fixture, id);
        var page = phone.Page;
        var draw = await page.RunAndWaitForResponseAsync(() => page.GetByTestId("spin").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/draws", StringComparison.Ordinal));
        Assert.True(JsonDocument.Parse(await draw.TextAsync()).RootElement.GetProperty("won").GetBoolean());

        await page.GotoAsync($"/play/{id}/me");

        var verify = page.GetByTestId("claim-verify");
        await Expect(verify).ToBeVisibleAsync();
        await Expect(verify.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Confirm your e-mail to claim this prize");
        await Expect(page.GetByTestId("claim-form")).ToHaveCountAsync(0);
        // The player page has the e-mail sign-in (play-email.js): the card offers it as a button.
        await Expect(page.GetByTestId("claim-verify-open")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);
        await fixture.ScreenshotAsync(page, "me-high-value-verify-390x844", output, fullPage: true);
    }

    [Fact]
    public async Task The_confirm_button_opens_the_e_mail_sign_in_for_this_activity_and_looks_again_after_it()
    {
        var id = await PlayerSteps.CreateActivityAsync(fixture.App, Definition("Watch " + Guid.NewGuid().ToString("N")[..4], highValue: true));
        await using var phone = await PlayerSteps.OnPlayPageAsync(fixture, id);
        var page = phone.Page;
        // The e-mail sign-in's contract (window.LotteryEmailSignIn.open → a promise resolved once verified), stubbed.
        await page.AddInitScriptAsync("window.LotteryEmailSignIn = { calls: [], open(o) { this.calls.push(o); return Promise.resolve(); } };");
        await page.ReloadAsync();
        await page.RunAndWaitForResponseAsync(() => page.GetByTestId("spin").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/draws", StringComparison.Ordinal));
        await page.GotoAsync($"/play/{id}/me");

        var open = page.GetByTestId("claim-verify-open");
        await Expect(open).ToHaveTextAsync("Confirm my e-mail");
        await page.RunAndWaitForResponseAsync(() => open.ClickAsync(), r => r.Url.Contains("/api/me/wins", StringComparison.Ordinal));

        var calls = await page.EvaluateAsync<JsonElement>("window.LotteryEmailSignIn.calls");
        var call = Assert.Single(calls.EnumerateArray());
        Assert.Equal((id.ToString(), "high-value-prize"), (call.GetProperty("activityId").GetString(), call.GetProperty("reason").GetString()));
        await Expect(page.GetByTestId("claim-verify")).ToBeVisibleAsync(); // still a guest here: the stub promoted nobody
    }

    [Fact]
    public async Task A_manager_approves_a_held_win_in_the_review_queue_and_can_then_ship_it()
    {
        var prize = "Festival hoodie " + Guid.NewGuid().ToString("N")[..4];
        var activity = await PlayerSteps.CreateActivityAsync(fixture.App, Definition(prize, highValue: false));
        var door = $"{Guid.NewGuid().ToString("N")[..6]} Century Avenue";
        await ClaimAsync(activity, "Mia", door);
        await ClaimAsync(activity, "Noah", door);

        await using var context = await StaffSteps.LaptopAsync(fixture);
        var page = await StaffSteps.SignedInPageAsync(context, "manager@demo.local", $"/activities/{activity}/winners");
        var noah = page.Locator("[data-testid=winner-grid] tbody tr").Filter(new() { HasText = "N***h" });
        await Expect(noah.GetByTestId("win-status")).ToHaveTextAsync("Held for review");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Needs review" }).ClickAsync();
        var review = page.GetByTestId("review");
        await Expect(review).ToHaveCountAsync(1);
        await Expect(review.GetByTestId("review-reason")).ToHaveTextAsync("The same shipping address as another player's claim.");
        await Expect(review.GetByTestId("review-player")).ToHaveTextAsync("N***h");
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);
        await fixture.ScreenshotAsync(page, "winners-review-1440x900", output);

        await review.GetByTestId("review-approve").ClickAsync();
        await Expect(review).ToHaveAttributeAsync("data-decision", "approved");
        await Expect(review.GetByTestId("review-outcome")).ToContainTextAsync("Approved by");

        await page.GetByRole(AriaRole.Tab, new() { Name = "All winners" }).ClickAsync();
        await Expect(noah.GetByTestId("win-status")).ToHaveTextAsync("Claimed");
        await noah.GetByRole(AriaRole.Button, new() { Name = $"Show N***h's {prize}" }).ClickAsync();
        await page.Locator("input#tracking-number").FillAsync("SF-2030");
        await page.GetByTestId("mark-shipped").ClickAsync();
        await Expect(noah.GetByTestId("win-status")).ToHaveTextAsync("Shipped");
    }

    /// <summary>A guest draws (a sure win) and claims with this door; a fresh phone number each time.</summary>
    private async Task ClaimAsync(Guid activity, string nickname, string line1)
    {
        using var http = new HttpClient { BaseAddress = fixture.App.BaseAddress };
        var session = await (await GuestSessionClient.PostAsync(http, nickname)).Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync(new Uri($"/api/activities/{activity}/draws", UriKind.Relative), null)).StatusCode);
        var win = (await http.GetFromJsonAsync<JsonElement>($"/api/me/wins?activityId={activity}"))[0].GetProperty("id").GetGuid();
        var claim = await http.PostAsJsonAsync($"/api/me/wins/{win}/claim", new
        {
            recipientName = nickname + " Lee", phone = "+86 138 " + Random.Shared.Next(10_000_000, 99_999_999), line1, city = "Shanghai",
            postalCode = "200120", country = "China",
        });
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
    }

    /// <summary>An instant activity of the demo tenant whose every spin wins <paramref name="prize"/> (100 % odds).</summary>
    private static object Definition(string prize, bool highValue) => new
    {
        name = "High-value wheel " + Guid.NewGuid().ToString("N")[..4],
        kind = "instant",
        startsAt = DateTimeOffset.UtcNow.AddHours(-1),
        endsAt = DateTimeOffset.UtcNow.AddDays(7),
        rules = new { chancesPerPlayer = 3 },
        tiers = new[] { new { name = "Grand prize", probability = 1m, color = "#1B998B", prizes = new[] { new { name = prize, kind = "physical", stock = 10, highValue } } } },
        gameplay = new { type = "wheel", tryAgainSegments = 2 },
        theme = new { primaryColor = "#D7263D", accentColor = "#F4B942", backgroundColor = "#2B1055", textColor = "#FFFFFF" },
    };
}
