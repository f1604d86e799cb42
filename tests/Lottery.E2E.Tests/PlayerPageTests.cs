using System.Text.Json;
using Lottery.E2E.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Lottery.E2E.Tests;

/// <summary>The H5 player page on a phone (390×844) against the real app with the demo seeded.</summary>
public sealed class PlayerPageTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static readonly LocatorAssertionsToHaveAttributeOptions AfterSpin = new() { Timeout = 15_000 };

    [Fact]
    public async Task Spin_lands_on_the_segment_the_server_chose_and_counts_down_until_the_chances_run_out()
    {
        await using var context = await PlayerSteps.PhoneAsync(fixture);
        var page = await context.NewPageAsync();
        var draws = 0;
        page.Request += (_, r) => draws += r.Method == "POST" && r.Url.EndsWith("/draws", StringComparison.Ordinal) ? 1 : 0;
        var path = await PlayerSteps.DemoActivityPathAsync(fixture.App);

        await page.GotoAsync(path);
        var chances = page.GetByTestId("chances");
        var spin = page.GetByRole(AriaRole.Button, new() { Name = "Spin the wheel" });
        await Expect(chances).ToHaveAttributeAsync("data-remaining", "5");
        await Expect(page.GetByTestId("activity-name")).ToHaveTextAsync("Lucky Wheel");
        await Expect(spin).ToBeEnabledAsync();
        await ScreenshotAsync(page, "play-running");
        await ScreenshotAsync(page, "play-running-full", fullPage: true);

        // One spin: the wheel stops on the segment of the server's answer, and the chances drop by one.
        var answer = await SpinAsync(page, () => spin.ClickAsync());
        await Expect(page.GetByTestId("wheel")).ToHaveAttributeAsync("data-landed-segment", answer.Segment.ToString(), AfterSpin);
        await Expect(chances).ToHaveAttributeAsync("data-remaining", answer.Remaining.ToString());
        Assert.Equal(4, answer.Remaining);
        var dialog = page.GetByTestId("result");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(page.Locator("#announce")).Not.ToBeEmptyAsync();
        await ScreenshotAsync(page, answer.Won ? "play-result-won" : "play-result-try-again");
        await page.Locator("#result-ok").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        Assert.Equal(1, draws);

        // A double click is one draw: the button is disabled while the request is in flight.
        var second = await SpinAsync(page, () => spin.DblClickAsync());
        await Expect(page.GetByTestId("wheel")).ToHaveAttributeAsync("data-landed-segment", second.Segment.ToString(), AfterSpin);
        await page.Locator("#result-ok").ClickAsync();
        await Task.Delay(500);
        Assert.Equal(2, draws);

        // A reload keeps the player (the HttpOnly cookie) and so the remaining chances.
        await page.ReloadAsync();
        await Expect(chances).ToHaveAttributeAsync("data-remaining", second.Remaining.ToString());

        // Spin until the chances (or the win limit) run out: a designed screen, and no more spinning.
        var state = page.GetByTestId("state");
        for (var i = 0; i < 5 && await spin.IsEnabledAsync(); i++)
        {
            var next = await SpinAsync(page, () => spin.ClickAsync(), allowProblem: true);
            if (next.Problem is not null)
            {
                break;
            }

            await Expect(page.GetByTestId("wheel")).ToHaveAttributeAsync("data-landed-segment", next.Segment.ToString(), AfterSpin);
            await page.Locator("#result-ok").ClickAsync();
        }

        await Expect(state).ToHaveAttributeAsync("data-state", new System.Text.RegularExpressions.Regex("^(no-chances|win-limit)$"));
        await Expect(spin).ToBeDisabledAsync();
        await ScreenshotAsync(page, "play-" + await state.GetAttributeAsync("data-state"));
    }

    [Fact]
    public async Task First_load_has_no_blazor_and_no_websocket_and_transfers_under_200_KB()
    {
        await using var context = await PlayerSteps.PhoneAsync(fixture);
        var page = await context.NewPageAsync();
        var sockets = 0;
        var responses = new List<IResponse>();
        page.WebSocket += (_, _) => sockets++;
        page.Response += (_, r) => responses.Add(r);

        await page.GotoAsync(await PlayerSteps.DemoActivityPathAsync(fixture.App), new() { WaitUntil = WaitUntilState.NetworkIdle });
        await Expect(page.GetByTestId("chances")).ToHaveAttributeAsync("data-remaining", "5");

        var total = 0L;
        foreach (var response in responses)
        {
            var sizes = await response.Request.SizesAsync();
            total += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
            output.WriteLine($"{sizes.ResponseBodySize,8} B  {response.Url}");
        }

        output.WriteLine($"total {total} B");
        Assert.DoesNotContain(responses, r => r.Url.Contains("blazor", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(responses, r => r.Url.Contains("_framework", StringComparison.Ordinal));
        Assert.Equal(0, sockets);
        Assert.InRange(total, 1, 200 * 1024);

        // The smallest phone we design for, and a desktop.
        await page.SetViewportSizeAsync(360, 640);
        await ScreenshotAsync(page, "play-360x640");
        await page.SetViewportSizeAsync(1280, 800);
        await ScreenshotAsync(page, "play-desktop");
    }

    [Fact]
    public async Task Certain_win_shows_the_prize_and_what_happens_next_with_reduced_motion()
    {
        var id = await PlayerSteps.CreateActivityAsync(fixture.App, PlayerSteps.Definition());
        await using var phone = await PlayerSteps.OnPlayPageAsync(fixture, id);
        var page = phone.Page;
        await Expect(page.GetByTestId("chances")).ToHaveAttributeAsync("data-remaining", "3");
        var answer = await SpinAsync(page, () => page.GetByTestId("spin").ClickAsync());
        Assert.True(answer.Won);
        await Expect(page.GetByTestId("wheel")).ToHaveAttributeAsync("data-landed-segment", answer.Segment.ToString(), AfterSpin);
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("You won!");
        await Expect(dialog).ToContainTextAsync("Festival hoodie");
        await Expect(dialog).ToContainTextAsync("delivery address");
        await Expect(page.Locator("#result-ok")).ToBeFocusedAsync();
        await ScreenshotAsync(page, "play-result-won-physical");

        // The prize is in My prizes.
        await dialog.GetByRole(AriaRole.Link, new() { Name = "My prizes" }).ClickAsync();
        await Expect(page.GetByTestId("win")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("win")).ToContainTextAsync("Festival hoodie");
    }

    [Fact]
    public async Task When_the_last_prize_is_won_the_page_says_sold_out_and_stops_inviting_spins()
    {
        var id = await PlayerSteps.CreateActivityAsync(fixture.App, PlayerSteps.Definition(stock: 1));
        await using var phone = await PlayerSteps.OnPlayPageAsync(fixture, id);
        var page = phone.Page;
        await Expect(page.GetByTestId("chances")).ToHaveAttributeAsync("data-remaining", "3");

        Assert.True((await SpinAsync(page, () => page.GetByTestId("spin").ClickAsync())).Won);
        await page.Locator("#result-ok").ClickAsync();
        Assert.False((await SpinAsync(page, () => page.GetByTestId("spin").ClickAsync())).Won);
        await page.Locator("#result-ok").ClickAsync();

        await Expect(page.GetByTestId("state")).ToHaveAttributeAsync("data-state", "sold-out");
        await Expect(page.GetByTestId("state")).ToContainTextAsync("All prizes are gone");
        await Expect(page.GetByTestId("spin")).ToBeDisabledAsync();
        await Expect(page.GetByTestId("spin")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("chances")).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Earn more spins" })).ToBeHiddenAsync();
        await ScreenshotAsync(page, "play-sold-out");

        // A newcomer sees it straight away.
        var newcomer = await (await PlayerSteps.PhoneAsync(fixture)).NewPageAsync();
        await newcomer.GotoAsync($"/play/{id}");
        await Expect(newcomer.GetByTestId("state")).ToHaveAttributeAsync("data-state", "sold-out");
    }

    [Fact]
    public async Task Points_prize_is_credited_and_listed_in_my_prizes()
    {
        var id = await PlayerSteps.CreateActivityAsync(fixture.App, PlayerSteps.Definition(prizeKind: "points", prize: "500 points " + Guid.NewGuid().ToString("N")[..4]));
        await using var phone = await PlayerSteps.OnPlayPageAsync(fixture, id);
        var page = phone.Page;
        var answer = await SpinAsync(page, () => page.GetByTestId("spin").ClickAsync());
        Assert.True(answer.Won);
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("credited");
        await page.Locator("#result-ok").ClickAsync();

        await page.GotoAsync($"/play/{id}/me");
        await Expect(page.GetByTestId("win")).ToHaveAttributeAsync("data-kind", "points");
        await ScreenshotAsync(page, "me-points");
    }

    [Fact]
    public async Task States_not_started_paused_cancelled_and_unknown_are_designed_screens()
    {
        await using var context = await PlayerSteps.PhoneAsync(fixture);
        var page = await context.NewPageAsync();

        var later = await PlayerSteps.CreateActivityAsync(fixture.App, PlayerSteps.Definition(startsAt: DateTimeOffset.UtcNow.AddDays(2)));
        await page.GotoAsync($"/play/{later}");
        await Expect(page.GetByTestId("state")).ToHaveAttributeAsync("data-state", "not-started");
        await Expect(page.GetByRole(AriaRole.Timer)).ToBeVisibleAsync();
        await Expect(page.GetByTestId("spin")).ToBeDisabledAsync();
        await ScreenshotAsync(page, "play-not-started");

        var paused = await PlayerSteps.CreateActivityAsync(fixture.App, PlayerSteps.Definition(), then: "pause");
        await page.GotoAsync($"/play/{paused}");
        await Expect(page.GetByTestId("state")).ToHaveAttributeAsync("data-state", "paused");
        await Expect(page.GetByTestId("state")).ToContainTextAsync("Back soon");
        await ScreenshotAsync(page, "play-paused");

        var cancelled = await PlayerSteps.CreateActivityAsync(fixture.App, PlayerSteps.Definition(), then: "cancel");
        await page.GotoAsync($"/play/{cancelled}");
        await Expect(page.GetByTestId("state")).ToHaveAttributeAsync("data-state", "cancelled");
        await Expect(page.GetByTestId("state").GetByRole(AriaRole.Heading)).ToHaveTextAsync("This campaign was cancelled");
        await Expect(page.GetByTestId("spin")).ToBeHiddenAsync();
        await ScreenshotAsync(page, "play-cancelled");

        var response = await page.GotoAsync($"/play/{Guid.NewGuid()}");
        Assert.Equal(404, response!.Status);
        await Expect(page.GetByTestId("not-found")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "play-not-found");
    }

    [Fact]
    public async Task Rate_limit_and_network_errors_are_explained_and_recoverable()
    {
        var id = await PlayerSteps.CreateActivityAsync(fixture.App, PlayerSteps.Definition(chances: 5));
        await using var phone = await PlayerSteps.OnPlayPageAsync(fixture, id);
        var page = phone.Page;
        var spin = page.GetByTestId("spin");
        var state = page.GetByTestId("state");
        await Expect(spin).ToBeEnabledAsync();

        // 429 with Retry-After: "slow down", then the button comes back by itself.
        await page.RouteAsync("**/draws", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 429,
            ContentType = "application/problem+json",
            Headers = new Dictionary<string, string> { ["Retry-After"] = "2" },
            Body = """{"status":429,"code":"rate-limited","title":"Too many requests"}""",
        }));
        await spin.ClickAsync();
        await Expect(state).ToHaveAttributeAsync("data-state", "rate-limited");
        await Expect(spin).ToBeDisabledAsync();
        await ScreenshotAsync(page, "play-rate-limited");
        await Expect(spin).ToBeEnabledAsync(new() { Timeout = 5_000 });

        // The network drops: a Retry button, which retries the same press (same idempotency key).
        await page.UnrouteAsync("**/draws");
        var keys = new List<string>();
        await page.RouteAsync("**/draws", async route =>
        {
            keys.Add(route.Request.Headers["idempotency-key"]);
            if (keys.Count == 1)
            {
                await route.AbortAsync("internetdisconnected");
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        await spin.ClickAsync();
        await Expect(state).ToHaveAttributeAsync("data-state", "network");
        await ScreenshotAsync(page, "play-network-error");
        await page.GetByTestId("retry").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync(new() { Timeout = 10_000 });
        Assert.Equal(2, keys.Count);
        Assert.Equal(keys[0], keys[1]);
        await Expect(page.GetByTestId("chances")).ToHaveAttributeAsync("data-remaining", "4");
    }

    [Fact]
    public async Task Player_switches_to_Chinese_and_the_choice_sticks()
    {
        await using var context = await PlayerSteps.PhoneAsync(fixture);
        var page = await context.NewPageAsync();
        var path = await PlayerSteps.DemoActivityPathAsync(fixture.App);
        await page.GotoAsync(path);
        await Expect(page.GetByTestId("chances")).ToHaveAttributeAsync("data-remaining", "5");

        await page.GetByTestId("language-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.GetByTestId("spin")).ToHaveTextAsync("开始抽奖");
        await Expect(page.GetByTestId("chances")).ToHaveTextAsync("剩余 5 次机会");
        await ScreenshotAsync(page, "play-zh-CN");

        // Without ?lang the cookie keeps Chinese, even with an English browser.
        await page.GotoAsync(path);
        await Expect(page.GetByTestId("spin")).ToHaveTextAsync("开始抽奖");
        await page.GetByTestId("language-switch").ClickAsync();
        await Expect(page.GetByTestId("spin")).ToHaveTextAsync("Spin");
    }

    [Fact]
    public async Task Short_share_link_redirects_and_keeps_the_source()
    {
        await using var context = await PlayerSteps.PhoneAsync(fixture);
        var page = await context.NewPageAsync();
        var path = await PlayerSteps.DemoActivityPathAsync(fixture.App);
        await page.GotoAsync(path.Replace("/play/", "/p/", StringComparison.Ordinal) + "?utm_source=wechat");
        Assert.EndsWith(path + "?utm_source=wechat", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByTestId("chances")).ToHaveAttributeAsync("data-remaining", "5");
    }

    [Fact]
    public async Task Claim_form_shows_each_field_error_and_then_the_claimed_address_against_the_api_contract()
    {
        // The claim endpoint is the lead's (POST /api/me/wins/{id}/claim); its contract is stubbed here so the page's
        // side is proven on its own. Winner_claims_a_physical_prize_... runs the same journey against the real endpoint.
        var id = await PlayerSteps.CreateActivityAsync(fixture.App, PlayerSteps.Definition());
        await using var phone = await PlayerSteps.OnPlayPageAsync(fixture, id);
        var page = phone.Page;
        Assert.True((await SpinAsync(page, () => page.GetByTestId("spin").ClickAsync())).Won);
        var posted = new List<JsonElement>();
        await page.RouteAsync("**/api/me/wins/*/claim", async route =>
        {
            var body = JsonDocument.Parse(route.Request.PostData!).RootElement;
            posted.Add(body);
            if (string.IsNullOrEmpty(body.GetProperty("recipientName").GetString()))
            {
                await route.FulfillAsync(new RouteFulfillOptions
                {
                    Status = 400,
                    ContentType = "application/problem+json",
                    Body = """{"status":400,"code":"validation","title":"Invalid","errors":{"recipientName":["Enter the recipient's name."],"city":["Enter a city."],"postalCode":["Enter a postal code."]}}""",
                });
                return;
            }

            var winId = route.Request.Url.Split('/')[^2];
            await route.FulfillAsync(new RouteFulfillOptions
            {
                Status = 200,
                ContentType = "application/json",
                Body = JsonSerializer.Serialize(new
                {
                    id = winId, activityId = id, prize = "Festival hoodie", kind = "physical", wonAt = DateTimeOffset.UtcNow, status = "Claimed", code = (string?)null,
                    claim = new
                    {
                        recipientName = "Mia Player", phone = "+86 138 0013 8000", line1 = "88 Century Avenue", line2 = (string?)null, city = "Shanghai",
                        region = (string?)null, postalCode = "200120", country = "China", submittedAt = DateTimeOffset.UtcNow, trackingNumber = (string?)null, shippedAt = (string?)null,
                    },
                }),
            });
        });

        await page.GotoAsync($"/play/{id}/me");
        var form = page.GetByTestId("claim-form");
        await Expect(form).ToBeVisibleAsync();
        await ScreenshotAsync(page, "me-claim-form", fullPage: true);
        await form.GetByRole(AriaRole.Button, new() { Name = "Send my address" }).ClickAsync();
        await Expect(page.Locator("[data-error-for=recipientName]")).ToHaveTextAsync("Enter the recipient's name.");
        await Expect(page.Locator("[data-error-for=city]")).ToHaveTextAsync("Enter a city.");
        await Expect(page.Locator("[data-error-for=postalCode]")).ToHaveTextAsync("Enter a postal code.");
        await Expect(form.GetByLabel("Full name")).ToBeFocusedAsync();
        await Expect(form.GetByLabel("Full name")).ToHaveAttributeAsync("aria-invalid", "true");
        await ScreenshotAsync(page, "me-claim-errors", fullPage: true);

        await form.GetByLabel("Full name").FillAsync("Mia Player");
        await form.GetByLabel("Phone").FillAsync("+86 138 0013 8000");
        await form.GetByLabel("Address line 1").FillAsync("88 Century Avenue");
        await form.GetByLabel("City").FillAsync("Shanghai");
        await form.GetByLabel("Postal code").FillAsync("200120");
        await form.GetByLabel("Country").FillAsync("China");
        await form.GetByRole(AriaRole.Button, new() { Name = "Send my address" }).ClickAsync();
        await Expect(page.GetByTestId("win")).ToHaveAttributeAsync("data-status", "Claimed");
        await Expect(page.GetByTestId("address")).ToContainTextAsync("Shanghai");
        await ScreenshotAsync(page, "me-claimed");
        Assert.Equal("Shanghai", posted[^1].GetProperty("city").GetString());
        Assert.Equal(JsonValueKind.Null, posted[^1].GetProperty("line2").ValueKind);
    }

    [Fact]
    public async Task Drawn_scheduled_activity_lists_the_winners_and_says_whether_you_won()
    {
        // The scheduled fields (joined, entrants, winners, youWon) are the lead's; stubbed on top of the real view.
        await using var context = await PlayerSteps.PhoneAsync(fixture);
        var page = await context.NewPageAsync();
        var path = await PlayerSteps.DemoActivityPathAsync(fixture.App, "Weekend Giveaway");
        await page.RouteAsync("**/api/activities/*", async route =>
        {
            var response = await route.FetchAsync();
            var view = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await response.TextAsync())!;
            var patched = new Dictionary<string, object?>(view.Select(p => KeyValuePair.Create(p.Key, (object?)p.Value)))
            {
                ["status"] = "Drawn", ["joined"] = true, ["entrants"] = 128, ["youWon"] = true,
                ["remainingChances"] = view.TryGetValue("remainingChances", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetInt32() : 1,
                ["winners"] = new[] { new { player = "A***e", prize = "Tote bag" }, new { player = "M***a", prize = "Tote bag" } },
            };
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Body = JsonSerializer.Serialize(patched) });
        });

        await page.GotoAsync(path);
        await Expect(page.GetByTestId("state")).ToHaveAttributeAsync("data-state", "you-won");
        await Expect(page.GetByTestId("winners").Locator("li")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("state")).ToContainTextAsync("you won");
        await ScreenshotAsync(page, "scheduled-drawn");
    }

    [Theory]
    [InlineData("Lucky Wheel")]
    [InlineData("Weekend Giveaway")]
    public async Task A_guest_session_is_created_once_and_kept_across_reloads(string activity)
    {
        await using var context = await PlayerSteps.PhoneAsync(fixture);
        var page = await context.NewPageAsync();
        var sessions = 0;
        page.Request += (_, r) => sessions += r.Method == "POST" && r.Url.EndsWith("/api/player/sessions", StringComparison.Ordinal) ? 1 : 0;
        var path = await PlayerSteps.DemoActivityPathAsync(fixture.App, activity);

        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
        await page.ReloadAsync(new() { WaitUntil = WaitUntilState.NetworkIdle });
        await page.GotoAsync(path + "/me", new() { WaitUntil = WaitUntilState.NetworkIdle });

        Assert.Equal(1, sessions);
        var cookie = Assert.Single(await context.CookiesAsync(), c => c.Name == "lottery.player");
        Assert.True(cookie.HttpOnly);
    }

    // ---- These need the lead's endpoints (tasks, claim, entries, scheduled fields): they fail until they are merged. ----

    [Fact]
    public async Task Daily_check_in_adds_a_spin_once_a_day()
    {
        var id = await PlayerSteps.CreateActivityAsync(fixture.App, PlayerSteps.Definition(chances: 1));
        await using var phone = await PlayerSteps.OnPlayPageAsync(fixture, id);
        var page = phone.Page;
        await Expect(page.GetByTestId("chances")).ToHaveAttributeAsync("data-remaining", "1");

        await page.GetByTestId("task-dailyCheckIn").ClickAsync();
        await Expect(page.GetByTestId("chances")).ToHaveAttributeAsync("data-remaining", "2");
        await Expect(page.GetByTestId("task-note")).ToHaveTextAsync("+1 spin! You now have 2 spins.");
        await Expect(page.GetByTestId("task-dailyCheckIn")).ToBeDisabledAsync();
        await Expect(page.GetByTestId("task-dailyCheckIn")).ToContainTextAsync("Done today");
        await ScreenshotAsync(page, "play-task-done");
    }

    [Fact]
    public async Task A_task_done_today_shows_a_check_and_done_today_after_a_reload_and_cannot_be_pressed_again()
    {
        var id = await PlayerSteps.CreateActivityAsync(fixture.App, PlayerSteps.Definition(chances: 1, shareChances: 2));
        await using var phone = await PlayerSteps.OnPlayPageAsync(fixture, id);
        var page = phone.Page;
        var checkIn = page.GetByTestId("task-dailyCheckIn");
        var share = page.GetByTestId("task-share");
        await Expect(page.GetByTestId("chances")).ToHaveAttributeAsync("data-remaining", "1");
        await Expect(checkIn).ToBeEnabledAsync();
        await Expect(checkIn).ToContainTextAsync("+1 spin");
        await Expect(share).ToContainTextAsync("+2 spins");

        await checkIn.ClickAsync();
        await Expect(page.GetByTestId("chances")).ToHaveAttributeAsync("data-remaining", "2");

        // What the page shows comes from the server: a fresh load marks the task done, the other stays open.
        await page.ReloadAsync();
        await Expect(page.GetByTestId("chances")).ToHaveAttributeAsync("data-remaining", "2");
        await Expect(checkIn).ToHaveAttributeAsync("data-done", "");
        await Expect(checkIn).ToBeDisabledAsync();
        await Expect(checkIn.Locator(".task-reward")).ToHaveTextAsync("Done today");
        await Expect(checkIn.Locator("svg use")).ToHaveAttributeAsync("href", "#i-check");
        await Expect(share).ToBeEnabledAsync();
        await Expect(share).Not.ToHaveAttributeAsync("data-done", "");
        await ScreenshotAsync(page, "play-task-done-today");
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);
    }

    [Fact]
    public async Task At_the_win_limit_the_page_says_so_on_load_with_spin_disabled_and_no_offer_to_earn_spins()
    {
        var id = await PlayerSteps.CreateActivityAsync(fixture.App, PlayerSteps.Definition(chances: 3, maxWins: 1));
        await using var phone = await PlayerSteps.OnPlayPageAsync(fixture, id);
        var page = phone.Page;
        var draws = 0;
        page.Request += (_, r) => draws += r.Method == "POST" && r.Url.EndsWith("/draws", StringComparison.Ordinal) ? 1 : 0;
        var spin = page.GetByTestId("spin");
        var state = page.GetByTestId("state");
        var chances = page.GetByTestId("chances");
        Assert.True((await SpinAsync(page, () => spin.ClickAsync())).Won);
        await page.Locator("#result-ok").ClickAsync();

        // Right after the winning spin, and again on a fresh load, before any further tap: two chances are left, but
        // the win limit refuses them, so the page says that instead of "2 spins left" and an offer to earn more.
        foreach (var load in new[] { "after-win", "reload" })
        {
            if (load == "reload")
            {
                await page.ReloadAsync();
            }

            await Expect(state).ToHaveAttributeAsync("data-state", "win-limit");
            await Expect(state).ToContainTextAsync("Win limit reached");
            await Expect(spin).ToBeDisabledAsync();
            await Expect(spin).ToHaveAttributeAsync("aria-describedby", "state");
            await Expect(chances).ToHaveTextAsync("No more spins: win limit reached");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Earn more spins" })).ToBeHiddenAsync();
            await Expect(page.GetByTestId("task-share")).ToBeHiddenAsync();
        }

        Assert.Equal(1, draws);
        await Expect(page.Locator(".rules")).ToContainTextAsync("Win at most 1 prize");
        await Expect(page.Locator(".rules")).Not.ToContainTextAsync("1 prizes");
        await Expect(page.Locator(".rules")).ToContainTextAsync("3 spins per player");
        await ScreenshotAsync(page, "play-win-limit-on-load");
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);
    }

    [Fact]
    public async Task A_giveaway_with_one_entrant_says_1_player_joined_and_with_two_says_2_players_joined()
    {
        var id = await PlayerSteps.CreateActivityAsync(fixture.App, Giveaway("Small giveaway"));
        await using var first = await PlayerSteps.OnPlayPageAsync(fixture, id);
        await first.Page.GetByTestId("join").ClickAsync();
        await Expect(first.Page.GetByTestId("state")).ToHaveAttributeAsync("data-state", "joined");
        await Expect(first.Page.GetByTestId("state")).ToContainTextAsync("1 player joined");
        await ScreenshotAsync(first.Page, "scheduled-one-entrant");

        await using var second = await PlayerSteps.OnPlayPageAsync(fixture, id);
        await Expect(second.Page.GetByTestId("state")).ToContainTextAsync("1 player joined");
        await second.Page.GetByTestId("join").ClickAsync();
        await Expect(second.Page.GetByTestId("state")).ToContainTextAsync("2 players joined");
    }

    [Fact]
    public async Task Winner_claims_a_physical_prize_with_field_errors_shown_next_to_each_field()
    {
        var id = await PlayerSteps.CreateActivityAsync(fixture.App, PlayerSteps.Definition());
        await using var phone = await PlayerSteps.OnPlayPageAsync(fixture, id);
        var page = phone.Page;
        Assert.True((await SpinAsync(page, () => page.GetByTestId("spin").ClickAsync())).Won);
        await page.GotoAsync($"/play/{id}/me");

        var form = page.GetByTestId("claim-form");
        await Expect(form).ToBeVisibleAsync();
        await form.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator("[data-error-for=recipientName]")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("[data-error-for=city]")).Not.ToBeEmptyAsync();
        
        await form.GetByLabel("Full name").FillAsync("Mia Player");
        await form.GetByLabel("Phone").FillAsync("+86 138 0013 8000");
        await form.GetByLabel("Address line 1").FillAsync("88 Century Avenue");
        await form.GetByLabel("City").FillAsync("Shanghai");
        await form.GetByLabel("Postal code").FillAsync("200120");
        await form.GetByLabel("Country").FillAsync("China");
        await form.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.GetByTestId("win")).ToHaveAttributeAsync("data-status", "Claimed");
        await Expect(page.GetByTestId("address")).ToContainTextAsync("Shanghai");
    }

    [Fact]
    public async Task Player_joins_the_scheduled_giveaway_once()
    {
        await using var context = await PlayerSteps.PhoneAsync(fixture);
        var page = await context.NewPageAsync();
        await page.GotoAsync(await PlayerSteps.DemoActivityPathAsync(fixture.App, "Weekend Giveaway"));
        var join = page.GetByTestId("join");
        await Expect(join).ToBeVisibleAsync();
        await ScreenshotAsync(page, "scheduled-open");
        await join.ClickAsync();
        await Expect(page.GetByTestId("state")).ToHaveAttributeAsync("data-state", "joined");
        await page.ReloadAsync();
        await Expect(page.GetByTestId("state")).ToHaveAttributeAsync("data-state", "joined");
        await ScreenshotAsync(page, "scheduled-joined");
    }

    [Fact]
    public async Task An_entrant_of_a_cancelled_giveaway_sees_a_sorry_notice_on_return()
    {
        var id = await PlayerSteps.CreateActivityAsync(fixture.App, Giveaway("Cancelled giveaway"));
        await using var context = await PlayerSteps.PhoneAsync(fixture);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/play/{id}");
        await page.GetByTestId("join").ClickAsync();
        await Expect(page.GetByTestId("state")).ToHaveAttributeAsync("data-state", "joined");

        await PlayerSteps.ChangeAsync(fixture.App, id, "cancel");
        await page.ReloadAsync();

        var notice = page.GetByTestId("notice");
        await Expect(notice).ToHaveAttributeAsync("data-notice", "cancelled");
        await Expect(notice).ToContainTextAsync("This draw was cancelled — sorry");
        await Expect(page.GetByTestId("state")).ToHaveAttributeAsync("data-state", "cancelled");
        await Expect(page.GetByTestId("scheduled")).ToBeHiddenAsync();
        await ScreenshotAsync(page, "scheduled-cancelled-notice");

        // A visitor who never joined reads it once, on the card, with no draw time left on it.
        await using var visitor = await PlayerSteps.PhoneAsync(fixture);
        var other = await visitor.NewPageAsync();
        await other.GotoAsync($"/play/{id}");
        var card = other.GetByTestId("scheduled");
        await Expect(other.GetByTestId("state")).ToHaveAttributeAsync("data-state", "cancelled");
        await Expect(card.GetByRole(AriaRole.Heading)).ToHaveTextAsync("This draw was cancelled");
        await Expect(card).Not.ToContainTextAsync("Join the draw");
        await Expect(card.Locator(".draw-at")).ToHaveCountAsync(0);
        await Expect(other.GetByTestId("notice")).ToHaveCountAsync(0);
        await ScreenshotAsync(other, "scheduled-cancelled-visitor");
    }

    [Fact]
    public async Task When_this_time_slots_prizes_are_gone_the_page_says_when_the_next_come()
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        var id = await PlayerSteps.CreateActivityAsync(fixture.App, new
        {
            name = "Daily mug " + Guid.NewGuid().ToString("N")[..4],
            kind = "instant",
            startsAt = start,
            endsAt = start.AddDays(3),
            rules = new { chancesPerPlayer = 5 },
            tiers = new[] { new { name = "Daily prize", probability = 1m, prizes = new[] { new { name = "Mug " + Guid.NewGuid().ToString("N")[..4], kind = "physical", stock = 3, slots = new { every = "day" } } } } },
        });
        await using var phone = await PlayerSteps.OnPlayPageAsync(fixture, id);
        var page = phone.Page;

        Assert.True((await SpinAsync(page, () => page.GetByTestId("spin").ClickAsync())).Won);
        await page.Locator("#result-ok").ClickAsync();
        Assert.False((await SpinAsync(page, () => page.GetByTestId("spin").ClickAsync())).Won);
        await page.Locator("#result-ok").ClickAsync();

        var state = page.GetByTestId("state");
        await Expect(state).ToHaveAttributeAsync("data-state", "next-prizes");
        await Expect(state).ToContainTextAsync("More prizes at");
        await Expect(page.GetByRole(AriaRole.Timer)).ToBeVisibleAsync();
        await Expect(page.GetByTestId("spin")).ToBeDisabledAsync();
        await ScreenshotAsync(page, "play-next-prizes");
    }

    [Fact]
    public async Task When_the_end_passes_the_page_shows_the_ended_screen_and_no_spin()
    {
        // Ended through the lifecycle: the scheduler ends the activity at its end time.
        var endsAt = DateTimeOffset.UtcNow.AddSeconds(6);
        var id = await PlayerSteps.CreateActivityAsync(fixture.App, PlayerSteps.Definition(chances: 3, endsAt: endsAt));
        await using var phone = await PlayerSteps.OnPlayPageAsync(fixture, id);
        var page = phone.Page;
        var spin = page.GetByTestId("spin");
        await Expect(spin).ToBeEnabledAsync();

        await PlayerSteps.WaitForStatusAsync(fixture.App, id, "Ended");

        // A player still on the page who presses Spin is told it has ended; no chance is used.
        var refused = await SpinAsync(page, () => spin.ClickAsync(), allowProblem: true);
        Assert.Equal("activity-not-running", refused.Problem);
        var state = page.GetByTestId("state");
        await Expect(state).ToHaveAttributeAsync("data-state", "ended");
        await Expect(spin).ToBeDisabledAsync();

        // Coming back later: the ended screen straight away, the player's spins untouched, nothing to spin or earn.
        await page.ReloadAsync();
        await Expect(state).ToHaveAttributeAsync("data-state", "ended");
        await Expect(state.GetByRole(AriaRole.Heading)).ToHaveTextAsync("This campaign has ended");
        await Expect(state).ToContainTextAsync("Your prizes stay in My prizes");
        await Expect(spin).ToBeHiddenAsync();
        await Expect(page.GetByTestId("chances")).ToHaveAttributeAsync("data-remaining", "3");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Earn more spins" })).ToBeHiddenAsync();
        await Expect(page.GetByTestId("my-prizes-link")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "play-ended");
    }

    [Theory]
    [InlineData("web-share")]
    [InlineData("clipboard")]
    public async Task Sharing_records_the_share_and_adds_the_configured_spins_once_a_day(string how)
    {
        var id = await PlayerSteps.CreateActivityAsync(fixture.App, PlayerSteps.Definition(chances: 1, shareChances: 2));
        await using var context = await PlayerSteps.PhoneAsync(fixture, ReducedMotion.Reduce);
        if (how == "web-share")
        {
            // The phone's share sheet: every call is remembered and the user completes the share.
            await context.AddInitScriptAsync("""
                window.__shared = [];
                Object.defineProperty(Navigator.prototype, "share", {
                  configurable: true,
                  value: function (data) { window.__shared.push(data); return Promise.resolve(); },
                });
                """);
        }
        else
        {
            // No share sheet (a desktop browser): the link goes to the clipboard instead.
            await context.AddInitScriptAsync("delete Navigator.prototype.share;");
            await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        }

        var page = await context.NewPageAsync();
        await page.GotoAsync($"/play/{id}");
        var chances = page.GetByTestId("chances");
        var note = page.GetByTestId("task-note");
        await Expect(chances).ToHaveAttributeAsync("data-remaining", "1");
        var link = $"{fixture.App.BaseAddress.GetLeftPart(UriPartial.Authority)}/p/{id}?utm_source=share";

        var first = await page.RunAndWaitForResponseAsync(() => page.GetByTestId("task-share").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/tasks/share", StringComparison.Ordinal));
        Assert.Equal(200, first.Status);
        var granted = JsonDocument.Parse(await first.TextAsync()).RootElement;
        Assert.Equal(2, granted.GetProperty("granted").GetInt32());
        Assert.Equal(3, granted.GetProperty("remainingChances").GetInt32());
        await Expect(chances).ToHaveAttributeAsync("data-remaining", "3");
        await Expect(note).ToContainTextAsync("+2 spins! You now have 3 spins.");
        if (how == "web-share")
        {
            var shared = await page.EvaluateAsync<JsonElement>("window.__shared");
            var data = Assert.Single(shared.EnumerateArray());
            Assert.Equal(link, data.GetProperty("url").GetString());
            Assert.Contains(await page.GetByTestId("activity-name").TextContentAsync() ?? "?", data.GetProperty("text").GetString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(link, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));
            await Expect(note).ToContainTextAsync("Link copied");
        }

        await ScreenshotAsync(page, $"play-share-{how}");

        // The same day again: the task shows as done and cannot be pressed (the server would refuse it), no extra spins.
        await Expect(page.GetByTestId("task-share")).ToBeDisabledAsync();
        await Expect(page.GetByTestId("task-share")).ToContainTextAsync("Done today");
        await page.ReloadAsync();
        await Expect(chances).ToHaveAttributeAsync("data-remaining", "3");
        await Expect(page.GetByTestId("task-share")).ToBeDisabledAsync();
        await ScreenshotAsync(page, $"play-share-{how}-again");
    }

    [Fact]
    public async Task A_won_code_prize_shows_one_of_the_uploaded_codes_in_my_prizes_with_a_working_copy_button()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var codes = Enumerable.Range(1, 3).Select(i => $"COFFEE-{suffix}-{i:00}").ToArray();
        var name = "Coffee voucher " + suffix;
        var prize = await PlayerSteps.CodePrizeAsync(fixture.App, name, codes);
        var id = await PlayerSteps.CreateActivityAsync(fixture.App,
            PlayerSteps.Definition(prizeKind: "code", prize: name, prizeId: prize, stock: codes.Length, withTasks: false));
        await using var context = await PlayerSteps.PhoneAsync(fixture, ReducedMotion.Reduce);
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/play/{id}");

        var answer = await SpinAsync(page, () => page.GetByTestId("spin").ClickAsync());
        Assert.True(answer.Won);
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync(name);
        await ScreenshotAsync(page, "play-result-won-code");
        await dialog.GetByRole(AriaRole.Link, new() { Name = "My prizes" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/play/{id}/me$"));

        var win = page.GetByTestId("win");
        await Expect(win).ToHaveAttributeAsync("data-kind", "code");
        await Expect(win.GetByRole(AriaRole.Heading)).ToHaveTextAsync(name);
        var code = win.GetByTestId("code");
        await Expect(code).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^COFFEE-{suffix}-0[1-3]$"));
        var shown = await code.TextContentAsync();
        Assert.Contains(shown, codes);

        var copy = win.GetByRole(AriaRole.Button, new() { Name = "Copy" });
        await copy.ClickAsync();
        await Expect(win.GetByRole(AriaRole.Button, new() { Name = "Copied!" })).ToBeVisibleAsync();
        Assert.Equal(shown, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        await ScreenshotAsync(page, "me-code");
    }

    [Fact]
    public async Task After_a_real_scheduled_draw_each_player_sees_the_winners_and_whether_they_won()
    {
        var prize = "Lamp " + Guid.NewGuid().ToString("N")[..4];
        var drawAt = DateTimeOffset.UtcNow.AddSeconds(15); // room for two players to join on a loaded 2-core machine
        var id = await PlayerSteps.CreateActivityAsync(fixture.App, new
        {
            name = "Lamp giveaway " + Guid.NewGuid().ToString("N")[..4],
            kind = "scheduled",
            startsAt = DateTimeOffset.UtcNow.AddHours(-1),
            endsAt = drawAt.AddDays(1),
            drawAt,
            rules = new { chancesPerPlayer = 1 },
            tiers = new[] { new { name = "Prize", prizes = new[] { new { name = prize, kind = "physical", stock = 1 } } } },
        });

        // Two entrants (one lamp: one wins, one does not) and a visitor who never joins.
        var players = new List<IPage>();
        var contexts = new List<IBrowserContext>();
        try
        {
            foreach (var _ in Enumerable.Range(0, 3))
            {
                var context = await PlayerSteps.PhoneAsync(fixture);
                contexts.Add(context);
                var page = await context.NewPageAsync();
                await page.GotoAsync($"/play/{id}");
                await Expect(page.GetByTestId("state")).ToHaveAttributeAsync("data-state", "open");
                players.Add(page);
            }

            foreach (var page in players.Take(2))
            {
                await page.GetByTestId("join").ClickAsync();
                await Expect(page.GetByTestId("state")).ToHaveAttributeAsync("data-state", "joined");
            }

            // The draw: the manager triggers it once its time has come (the scheduler may already have run it).
            var wait = drawAt - DateTimeOffset.UtcNow;
            Assert.True(wait > TimeSpan.Zero, "setup took longer than the time before the draw");
            await players[0].WaitForFunctionAsync($"Date.now() >= {drawAt.ToUnixTimeMilliseconds()}", null, new() { Timeout = (float)wait.TotalMilliseconds + 10_000 });
            var drawn = await PlayerSteps.AdminPostAsync(fixture.App, $"/api/admin/activities/{id}/draw");
            Assert.True(drawn.IsSuccessStatusCode || drawn.StatusCode == System.Net.HttpStatusCode.Conflict, await drawn.Content.ReadAsStringAsync());
            await PlayerSteps.WaitForStatusAsync(fixture.App, id, "Drawn");

            var outcomes = new List<string?>();
            foreach (var (page, i) in players.Select((p, i) => (p, i)))
            {
                await page.ReloadAsync();
                var state = page.GetByTestId("state");
                await Expect(state).ToHaveAttributeAsync("data-state", new System.Text.RegularExpressions.Regex("^(you-won|drawn)$"));
                await Expect(page.GetByTestId("scheduled").GetByRole(AriaRole.Heading, new() { Name = "Winners", Exact = true })).ToBeVisibleAsync();
                var winners = page.GetByTestId("winners").Locator("li");
                await Expect(winners).ToHaveCountAsync(1);
                await Expect(winners).ToContainTextAsync(prize);
                outcomes.Add(await state.GetAttributeAsync("data-state"));
            }

            // Exactly one of the two entrants won, and the page says so to each; the visitor is told they did not join.
            Assert.Equal(1, outcomes.Take(2).Count(o => o == "you-won"));
            var winner = players[outcomes.IndexOf("you-won")];
            var loser = players[1 - outcomes.IndexOf("you-won")];
            await Expect(winner.GetByTestId("state")).ToContainTextAsync("Congratulations — you won!");
            await Expect(loser.GetByTestId("state")).ToContainTextAsync("Not this time — thanks for joining.");
            Assert.Equal("drawn", outcomes[2]);
            await Expect(players[2].GetByTestId("state")).ToContainTextAsync("You did not join this draw.");
            await Expect(players[2].GetByTestId("state").GetByRole(AriaRole.Heading)).ToHaveTextAsync("The winners have been drawn");
            await Expect(loser.GetByTestId("state").GetByRole(AriaRole.Heading)).ToHaveTextAsync("Not this time");
            await Expect(winner.GetByTestId("state").GetByRole(AriaRole.Heading)).ToHaveTextAsync("You won!");
            await ScreenshotAsync(winner, "scheduled-real-draw-won", fullPage: true);
            await ScreenshotAsync(loser, "scheduled-real-draw-lost", fullPage: true);
            await ScreenshotAsync(players[2], "scheduled-real-draw-not-joined", fullPage: true);
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }
    }

    private sealed record Spin(int Segment, int Remaining, bool Won, string? Problem);

    private static async Task<Spin> SpinAsync(IPage page, Func<Task> press, bool allowProblem = false)
    {
        var response = await page.RunAndWaitForResponseAsync(press,
            r => r.Request.Method == "POST" && r.Url.EndsWith("/draws", StringComparison.Ordinal));
        var json = JsonDocument.Parse(await response.TextAsync()).RootElement;
        if (!response.Ok)
        {
            Assert.True(allowProblem, $"draw answered {response.Status}: {json}");
            return new Spin(-1, 0, false, json.GetProperty("code").GetString());
        }

        return new Spin(json.GetProperty("segmentIndex").GetInt32(), json.GetProperty("remainingChances").GetInt32(),
            json.GetProperty("won").GetBoolean(), null);
    }

    /// <summary>A giveaway open for entries (drawn in two days) with one lamp, named <paramref name="name"/> plus a suffix.</summary>
    private static object Giveaway(string name) => new
    {
        name = name + " " + Guid.NewGuid().ToString("N")[..4],
        kind = "scheduled",
        startsAt = DateTimeOffset.UtcNow.AddHours(-1),
        endsAt = DateTimeOffset.UtcNow.AddDays(3),
        drawAt = DateTimeOffset.UtcNow.AddDays(2),
        rules = new { chancesPerPlayer = 1 },
        tiers = new[] { new { name = "Prize", prizes = new[] { new { name = "Lamp " + Guid.NewGuid().ToString("N")[..4], kind = "physical", stock = 1 } } } },
    };

    private Task ScreenshotAsync(IPage page, string name, bool fullPage = false) => fixture.ScreenshotAsync(page, name, output, fullPage);
}
