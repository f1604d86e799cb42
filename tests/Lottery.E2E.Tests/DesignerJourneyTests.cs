using System.Text.RegularExpressions;
using Lottery.E2E.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Lottery.E2E.Tests;

/// <summary>A marketer builds a campaign from an empty canvas by real drag and drop in Chromium, publishes it and plays it.</summary>
public sealed partial class DesignerJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Marketer_designs_a_wheel_by_drag_and_drop_fixes_a_problem_publishes_and_a_player_spins_it()
    {
        await using var context = await StaffSteps.LaptopAsync(fixture);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };

        await StaffSteps.SignInAsync(page, "marketer@demo.local", "/admin/activities/new");
        var preview = page.GetByTestId("preview-wheel");
        await Expect(preview).ToHaveAttributeAsync("data-segments", "2");
        await Expect(page.GetByTestId("publish")).ToBeDisabledAsync();
        await ScreenshotAsync(page, "designer-1-empty-canvas");

        // Real HTML5 drag and drop from the palette onto the canvas.
        await DragAsync(page, "palette-Wheel", page.GetByTestId("zone-gameplay"));
        await Expect(page.GetByTestId("block-gameplay")).ToBeVisibleAsync();
        await DragAsync(page, "palette-InstantWindow", page.GetByTestId("zone-schedule"));
        await Expect(page.GetByTestId("block-schedule")).ToBeVisibleAsync();
        await DragAsync(page, "palette-Tier", page.GetByTestId("zone-tiers"));
        await DragAsync(page, "palette-Tier", page.GetByTestId("zone-tiers").Locator("h3"));
        var tiers = page.GetByTestId("block-tier");
        await Expect(tiers).ToHaveCountAsync(2);
        await DragAsync(page, "palette-Prize", tiers.Nth(0));
        await Expect(page.GetByTestId("block-prize")).ToHaveCountAsync(1);
        await Expect(preview).ToHaveAttributeAsync("data-segments", "3");
        await DragAsync(page, "palette-Prize", tiers.Nth(1));
        await Expect(page.GetByTestId("block-prize")).ToHaveCountAsync(2);
        await Expect(preview).ToHaveAttributeAsync("data-segments", "4");
        await Expect(preview.Locator("svg text")).ToHaveCountAsync(4);
        await Expect(preview.Locator("svg text").Filter(new() { HasText = "Prize 2" })).ToHaveCountAsync(1);
        await DragAsync(page, "palette-RuleChances", page.GetByTestId("zone-rules"));
        await Expect(page.GetByTestId("block-rules.chancesPerPlayer")).ToBeVisibleAsync();
        await DragAsync(page, "palette-TaskShare", page.GetByTestId("zone-tasks"));
        await Expect(page.GetByTestId("block-task")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "designer-2-blocks-dropped");

        await Expect(tiers.Nth(0)).ToContainTextAsync("Tier 1");

        // Reorder: the second tier, held by its title, dragged above the first; its prize moves with it.
        await CentreAsync(tiers.Nth(0));
        await tiers.Nth(1).Locator(".block-head").First.DragToAsync(tiers.Nth(0).Locator(".block-head").First);
        await Expect(tiers.Nth(0).Locator(".block-head").First).ToContainTextAsync("Tier 2");
        await Expect(tiers.Nth(0)).ToContainTextAsync("Prize 2");

        // A validation problem, shown on its block, blocks publishing until fixed.
        await page.Locator("[data-block='tiers[0]'] > .block-head .block-title").ClickAsync();
        var chance = page.Locator("[data-testid=prop-tier-chance] input");
        await chance.FillAsync("95");
        await chance.PressAsync("Tab");
        await Expect(page.GetByTestId("problems-tiers")).ToContainTextAsync("add up to");
        await Expect(page.GetByTestId("problem-count")).ToHaveTextAsync("1 thing to fix");
        await Expect(page.GetByTestId("publish")).ToBeDisabledAsync();
        await ScreenshotAsync(page, "designer-3-validation-problem");
        await chance.FillAsync("50");
        await chance.PressAsync("Tab");
        await Expect(page.GetByTestId("problem-count")).ToHaveTextAsync("Ready to publish");
        await Expect(page.Locator("[data-testid=odds-tier]").First).ToContainTextAsync("50%");
        await Expect(page.GetByTestId("save-state")).ToContainTextAsync("Saved");
        await Expect(page).ToHaveURLAsync(DesignUrl());
        await ScreenshotAsync(page, "designer-4-ready");

        await page.GetByTestId("publish").ClickAsync();
        var link = page.GetByTestId("share-link");
        await Expect(link).ToBeVisibleAsync();
        await Expect(page.GetByTestId("status-badge")).ToHaveTextAsync("Running");
        await Expect(page.GetByTestId("edit-new-version")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "designer-5-published-share");
        var playUrl = await link.InputValueAsync();

        // A player opens the share link in a second page and spins.
        var player = await PlayerSteps.PhoneAsync(fixture, ReducedMotion.Reduce);
        var phone = await player.NewPageAsync();
        await phone.GotoAsync(playUrl);
        var spin = phone.GetByTestId("spin");
        await Expect(spin).ToBeEnabledAsync();
        await spin.ClickAsync();
        await Expect(phone.GetByTestId("result")).ToBeVisibleAsync();
        await Expect(phone.GetByTestId("chances")).ToContainTextAsync("2");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.ScreenshotFolder, "designer-6-player-spun.png") });
        await player.DisposeAsync();

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task The_first_autosave_gives_a_new_design_its_address_without_moving_the_page()
    {
        await using var context = await StaffSteps.LaptopAsync(fixture);
        var page = await context.NewPageAsync();
        await StaffSteps.SignInAsync(page, "marketer@demo.local", "/admin/activities/new");

        // Scrolled down to the look of the campaign, the marketer drops a theme: the first change, so the first save.
        await DragAsync(page, "palette-Theme", page.GetByTestId("zone-theme"));
        await Expect(page.GetByTestId("block-theme")).ToBeVisibleAsync();
        var body = page.Locator(".rz-body");
        var scrolled = await body.EvaluateAsync<double>("e => e.scrollTop");
        Assert.True(scrolled > 0, "the theme zone is below the fold of a 1440×900 window");

        await Expect(page).ToHaveURLAsync(DesignUrl());
        await Expect(page.GetByTestId("save-state")).ToContainTextAsync("Saved");
        Assert.Equal(scrolled, await body.EvaluateAsync<double>("e => e.scrollTop"));

        // The address reopens the design; Blazor's own navigation still works from it.
        await page.ReloadAsync();
        await Expect(page.Locator(".admin-shell[data-interactive=true]")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("block-theme")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "← Activities" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin$"));
    }

    private static async Task DragAsync(IPage page, string paletteTestId, ILocator target)
    {
        await CentreAsync(target);
        await page.GetByTestId(paletteTestId).DragToAsync(target);
    }

    /// <summary>
    /// Scrolls a drop target to the middle of the window first: scrolled to the top edge (Playwright's default) it sits
    /// under the designer's sticky toolbar, which would then receive the drop.
    /// </summary>
    private static async Task CentreAsync(ILocator target) =>
        await target.EvaluateAsync("e => e.scrollIntoView({ block: 'center', inline: 'nearest' })");

    private Task ScreenshotAsync(IPage page, string name) => fixture.ScreenshotAsync(page, name, output);

    [GeneratedRegex(@"/admin/activities/[0-9a-f-]{36}$")]
    private static partial Regex DesignUrl();
}
