using System.Text.Json;
using Lottery.E2E.Tests.Support;
using Lottery.Web.Features.Players;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Lottery.E2E.Tests;

/// <summary>
/// Proof of work in a real browser: the page's Web Worker (wwwroot/js/pow-worker.js, SubtleCrypto) solves the server's
/// challenge the way the server checks it, and the player page opens its guest session through it (difficulty from
/// <see cref="BrowserFixture.ProofOfWorkDifficulty"/>).
/// </summary>
public sealed class GuestBotFrictionTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_browser_worker_solves_a_server_challenge_that_the_server_accepts()
    {
        await using var context = await PlayerSteps.PhoneAsync(fixture);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const { solveInWorker } = await import("/js/play-pow.js");
              const post = (body) => fetch("/api/player/sessions", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
              const challenge = await (await fetch("/api/player/challenge")).json();
              const without = await post({});
              const solved = await solveInWorker(challenge.challenge, challenge.difficulty);
              const withProof = await post({ challenge: challenge.challenge, nonce: solved.nonce });
              const replay = await post({ challenge: challenge.challenge, nonce: solved.nonce });
              return { challenge: challenge.challenge, difficulty: challenge.difficulty, without: without.status, with: withProof.status, replay: replay.status, nonce: solved.nonce, ms: solved.ms };
            }
            """);

        output.WriteLine($"difficulty {result.GetProperty("difficulty")}: nonce {result.GetProperty("nonce")} in {result.GetProperty("ms").GetDouble():0} ms");
        Assert.Equal(int.Parse(BrowserFixture.ProofOfWorkDifficulty.Value, System.Globalization.CultureInfo.InvariantCulture), result.GetProperty("difficulty").GetInt32());
        Assert.Equal(403, result.GetProperty("without").GetInt32());
        Assert.Equal(201, result.GetProperty("with").GetInt32());
        Assert.Equal(403, result.GetProperty("replay").GetInt32());
        // Both search 0, 1, 2, …: the C# solver finds the very nonce the browser found.
        Assert.Equal(result.GetProperty("nonce").GetString(),
            ProofOfWorkHash.Solve(result.GetProperty("challenge").GetString()!, result.GetProperty("difficulty").GetInt32()));
    }

    [Fact]
    public async Task While_the_worker_solves_the_spin_button_says_getting_ready()
    {
        await using var context = await PlayerSteps.PhoneAsync(fixture);
        var page = await context.NewPageAsync();
        // A worker that never answers holds the page in its solving state.
        await page.RouteAsync("**/js/pow-worker.js", route => route.FulfillAsync(new() { ContentType = "text/javascript", Body = "self.onmessage = () => {};" }));
        var sessions = 0;
        page.Request += (_, r) => sessions += r.Method == "POST" && r.Url.EndsWith("/api/player/sessions", StringComparison.Ordinal) ? 1 : 0;

        await page.GotoAsync(await PlayerSteps.DemoActivityPathAsync(fixture.App));

        // Its accessible name says the same as its words while it waits (axe: label-content-name-mismatch).
        var spin = page.GetByRole(AriaRole.Button, new() { Name = "Getting ready…", Exact = true });
        await Expect(spin).ToHaveTextAsync("Getting ready…");
        await Expect(spin).ToBeDisabledAsync();
        await Expect(spin).ToHaveAttributeAsync("aria-busy", "true");
        Assert.Equal(0, sessions);
        await fixture.ScreenshotAsync(page, "play-pow-getting-ready", output);
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);
    }

    [Fact]
    public async Task The_player_page_solves_the_puzzle_in_a_worker_before_its_session_and_stays_accessible()
    {
        await using var context = await PlayerSteps.PhoneAsync(fixture);
        var page = await context.NewPageAsync();
        var workers = 0;
        page.Worker += (_, w) => workers += w.Url.EndsWith("/js/pow-worker.js", StringComparison.Ordinal) ? 1 : 0;
        var sessionBodies = new List<string>();
        page.Request += (_, r) =>
        {
            if (r.Method == "POST" && r.Url.EndsWith("/api/player/sessions", StringComparison.Ordinal))
            {
                sessionBodies.Add(r.PostData ?? "");
            }
        };
        var path = await PlayerSteps.DemoActivityPathAsync(fixture.App);

        await page.GotoAsync(path);
        var spin = page.GetByRole(AriaRole.Button, new() { Name = "Spin the wheel" });
        await Expect(spin).ToBeEnabledAsync();
        await Expect(spin).ToHaveTextAsync("Spin");
        await Expect(page.GetByTestId("chances")).ToHaveAttributeAsync("data-remaining", "5");

        Assert.Equal(1, workers);
        var body = JsonDocument.Parse(Assert.Single(sessionBodies)).RootElement;
        Assert.Equal(path["/play/".Length..], body.GetProperty("activityId").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("nonce").GetString()));
        await fixture.ScreenshotAsync(page, "play-pow-ready", output);
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);

        // The session works: one spin is answered.
        var draw = await page.RunAndWaitForResponseAsync(() => spin.ClickAsync(), r => r.Url.EndsWith("/draws", StringComparison.Ordinal));
        Assert.Equal(200, draw.Status);
    }
}
