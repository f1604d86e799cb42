using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Lottery.E2E.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Lottery.E2E.Tests;

/// <summary>Partner sign-in in a browser: the host's link (?pt=), the embedding page's postMessage, the hand-off step, the staff keys page.</summary>
public sealed class PartnerSignInJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private async Task<(string KeyId, string Secret)> CreateKeyAsync()
    {
        using var http = new HttpClient { BaseAddress = fixture.App.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Api-Key", fixture.App.Services.GetRequiredService<IConfiguration>()["Demo:ApiKey"]);
        var response = await http.PostAsJsonAsync("/api/admin/partner-keys", new { name = "E2E host app" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("keyId").GetString()!, body.GetProperty("secret").GetString()!);
    }

    private Task<Guid> PartnerActivityAsync() => PlayerSteps.CreateActivityAsync(fixture.App, new
    {
        name = "App members' wheel " + Guid.NewGuid().ToString("N")[..4],
        description = "For signed-in members of the app.",
        kind = "instant",
        startsAt = DateTimeOffset.UtcNow.AddHours(-1),
        endsAt = DateTimeOffset.UtcNow.AddDays(7),
        rules = new { chancesPerPlayer = 3 },
        tiers = new[] { new { name = "First prize", probability = 1m, color = "#1B998B", prizes = new[] { new { name = "Member mug " + Guid.NewGuid().ToString("N")[..6], kind = "physical", stock = 100 } } } },
        gameplay = new { type = "wheel", tryAgainSegments = 2 },
        theme = new { primaryColor = "#D7263D", accentColor = "#F4B942", backgroundColor = "#2B1055", textColor = "#FFFFFF" },
        players = new { identity = "partner" },
    });

    private static string Sign(string keyId, string secret, string sub) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Subject = new ClaimsIdentity([new Claim("sub", sub), new Claim("name", "Member " + sub)]),
        Expires = DateTime.UtcNow.AddMinutes(15),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)) { KeyId = keyId }, SecurityAlgorithms.HmacSha256),
    });

    [Fact]
    public async Task A_link_with_a_partner_token_plays_at_once_and_the_token_leaves_the_address_bar()
    {
        var key = await CreateKeyAsync();
        var activity = await PartnerActivityAsync();
        await using var context = await PlayerSteps.PhoneAsync(fixture, ReducedMotion.Reduce);
        var page = await context.NewPageAsync();
        var token = Sign(key.KeyId, key.Secret, "member-" + Guid.NewGuid().ToString("N")[..6]);

        await page.GotoAsync($"/play/{activity}?utm_source=app&pt={token}");

        await Expect(page.GetByTestId("chances")).ToHaveAttributeAsync("data-remaining", "3");
        var spin = page.GetByTestId("spin");
        await Expect(spin).ToBeEnabledAsync();
        Assert.DoesNotContain("pt=", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(token, page.Url, StringComparison.Ordinal);
        Assert.Contains("utm_source=app", page.Url, StringComparison.Ordinal);

        await spin.ClickAsync();
        await Expect(page.GetByTestId("result")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("chances")).ToHaveAttributeAsync("data-remaining", "2");
        await page.Locator("#result-ok").ClickAsync();

        // A reload (cookie) is still the partner player with the same chances left.
        await page.ReloadAsync();
        await Expect(page.GetByTestId("chances")).ToHaveAttributeAsync("data-remaining", "2");
    }

    [Fact]
    public async Task A_visitor_without_a_partner_session_sees_the_hand_off_step_instead_of_the_spin_button()
    {
        var activity = await PartnerActivityAsync();
        await using var context = await PlayerSteps.PhoneAsync(fixture, ReducedMotion.Reduce);
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/play/{activity}");

        var state = page.GetByTestId("state");
        await Expect(state).ToHaveAttributeAsync("data-state", "partner-hand-off");
        await Expect(state).ToContainTextAsync("Open it from there to play");
        await Expect(page.GetByTestId("spin")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("chances")).ToBeHiddenAsync();
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "lottery.player"); // no guest session made
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);
        await fixture.ScreenshotAsync(page, "play-partner-hand-off", output);

        // A bad link says so and still offers no spin.
        await page.GotoAsync($"/play/{activity}?pt=not-a-token");
        await Expect(state).ToContainTextAsync("expired or is not valid");
        Assert.DoesNotContain("pt=", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_embedding_page_hands_the_token_over_by_postMessage_and_the_frame_plays_without_third_party_cookies()
    {
        var key = await CreateKeyAsync();
        var activity = await PartnerActivityAsync();
        await using var context = await PlayerSteps.PhoneAsync(fixture, ReducedMotion.Reduce);
        var host = await context.NewPageAsync();
        var origin = fixture.App.BaseAddress.GetLeftPart(UriPartial.Authority);

        // The host page is on another origin (a data: document), the campaign in its iframe.
        await host.SetContentAsync($"<iframe id=game src=\"{origin}/play/{activity}\" width=380 height=800></iframe>");
        var frame = host.FrameLocator("#game");
        await Expect(frame.GetByTestId("partner-waiting")).ToBeVisibleAsync();

        var token = Sign(key.KeyId, key.Secret, "embedded-" + Guid.NewGuid().ToString("N")[..6]);
        await host.EvaluateAsync("([token, origin]) => document.getElementById('game').contentWindow.postMessage({ type: 'lottery:partner-token', token }, origin)",
            new[] { token, origin });

        await Expect(frame.GetByTestId("chances")).ToHaveAttributeAsync("data-remaining", "3");
        await Expect(frame.GetByTestId("spin")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task A_marketer_creates_a_key_sees_the_secret_once_and_revokes_the_key_after_confirming()
    {
        await using var context = await PlayerSteps.PhoneAsync(fixture);
        var page = await StaffSteps.SignedInPageAsync(context, "marketer@demo.local", "/integrations");
        var name = "Shop app " + Guid.NewGuid().ToString("N")[..4];

        await page.GetByLabel("Key name (optional)").FillAsync(name);
        await page.GetByTestId("partner-key-create").ClickAsync();

        var dialog = page.GetByTestId("partner-secret-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("You won't see it again");
        var secret = await page.GetByTestId("partner-secret-value").InputValueAsync();
        Assert.Equal(43, secret.Length);
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);
        await fixture.ScreenshotAsync(page, "integrations-secret-390", output);
        await page.GetByTestId("partner-secret-done").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.Locator("body")).Not.ToContainTextAsync(secret);

        var row = page.Locator("tr", new() { HasText = name });
        await Expect(row).ToContainTextAsync("Active");
        await fixture.ScreenshotAsync(page, "integrations-390", output, fullPage: true);
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);

        await row.GetByTestId("partner-key-revoke").ClickAsync();
        await Expect(page.GetByTestId("confirm-dialog")).ToContainTextAsync(name);
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(row).ToContainTextAsync("Revoked");
    }
}
