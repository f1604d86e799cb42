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

        // Real HTML5 drag and drop (MudDropContainer) from the palette onto the canvas.
        await DragAsync(page, "palette-Wheel", page.GetByTestId("zone-gameplay"));
        await Expect(page.GetByTestId("block-gameplay")).ToBeVisibleAsync();
        await DragAsync(page, "palette-InstantWindow", page.GetByTestId("zone-schedule"));
        await Expect(page.GetByTestId("block-schedule")).ToBeVisibleAsync();
        await DragAsync(page, "palette-Tier", page.GetByTestId("zone-tiers"));
        var tiers = page.GetByTestId("block-tier");
        await Expect(tiers).ToHaveCountAsync(1);
        // Dropped on the zone's title, the second tier lands at the top, where the drop placeholder showed.
        await DragAsync(page, "palette-Tier", page.GetByTestId("zone-tiers").Locator("h3"), force: true);
        await Expect(tiers).ToHaveCountAsync(2);
        await Expect(tiers.Nth(0).Locator(".block-head").First).ToContainTextAsync("Tier 2");
        await DragAsync(page, "palette-Prize", tiers.Nth(0).GetByTestId("zone-prizes"));
        await Expect(page.GetByTestId("block-prize")).ToHaveCountAsync(1);
        await Expect(preview).ToHaveAttributeAsync("data-segments", "3");
        await DragAsync(page, "palette-Prize", tiers.Nth(1).GetByTestId("zone-prizes"));
        await Expect(page.GetByTestId("block-prize")).ToHaveCountAsync(2);
        await Expect(preview).ToHaveAttributeAsync("data-segments", "4");
        await Expect(preview.Locator("svg text")).ToHaveCountAsync(4);
        await Expect(preview.Locator("svg text").Filter(new() { HasText = "Prize 2" })).ToHaveCountAsync(1);
        await DragAsync(page, "palette-RuleChances", page.GetByTestId("zone-rules"));
        await Expect(page.GetByTestId("block-rules.chancesPerPlayer")).ToBeVisibleAsync();
        await DragAsync(page, "palette-TaskShare", page.GetByTestId("zone-tasks"));
        await Expect(page.GetByTestId("block-task")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "designer-2-blocks-dropped");

        await Expect(tiers.Nth(1)).ToContainTextAsync("Prize 2");

        // Reorder: the first tier, held by its head, dragged onto the second goes below it; its prize moves with it.
        await CentreAsync(tiers.Nth(1));
        await tiers.Nth(0).Locator(".block-head").First.DragToAsync(tiers.Nth(1).Locator(".block-head").First);
        await Expect(tiers.Nth(0).Locator(".block-head").First).ToContainTextAsync("Tier 1");
        await Expect(tiers.Nth(0)).ToContainTextAsync("Prize 2");
        await Expect(tiers.Nth(1)).ToContainTextAsync("Prize 1");

        // A validation problem, shown on its block, blocks publishing until fixed.
        await page.Locator("[data-block='tiers[0]'] .block-select").First.ClickAsync();
        var chance = page.Locator("input[data-testid=prop-tier-chance]");
        await chance.FillAsync("95");
        await chance.PressAsync("Tab");
        await Expect(page.GetByTestId("problems-tiers")).ToContainTextAsync("add up to");
        await Expect(page.GetByTestId("problem-count")).ToHaveTextAsync("1 thing to fix");
        await Expect(page.GetByTestId("publish")).ToBeDisabledAsync();
        await ScreenshotAsync(page, "designer-3-validation-problem");
        await chance.FillAsync("50");
        await chance.PressAsync("Tab");
        await Expect(page.GetByTestId("problem-count")).ToHaveTextAsync("Ready to publish");
        await Expect(page.Locator("[data-testid=odds-tier]").First).ToContainTextAsync("50 %");
        await Expect(page.GetByTestId("save-state")).ToContainTextAsync("Saved");
        await Expect(page).ToHaveURLAsync(DesignUrl());
        await ScreenshotAsync(page, "designer-4-ready");

        await page.GetByTestId("publish").ClickAsync();
        var link = page.GetByTestId("share-link");
        // Publishing reserves stock and writes the version: on a busy machine it can take longer than a click.
        await Expect(link).ToBeVisibleAsync(new() { Timeout = 30_000 });
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
        var scrolled = await page.EvaluateAsync<double>("() => window.scrollY");
        Assert.True(scrolled > 0, "the theme zone is below the fold of a 1440×900 window");

        await Expect(page).ToHaveURLAsync(DesignUrl());
        await Expect(page.GetByTestId("save-state")).ToContainTextAsync("Saved");
        Assert.Equal(scrolled, await page.EvaluateAsync<double>("() => window.scrollY"));

        // The address reopens the design; Blazor's own navigation still works from it.
        await page.ReloadAsync();
        await Expect(page.Locator(".admin-shell[data-interactive=true]")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("block-theme")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "← Activities" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin$"));
    }

    [Fact]
    public async Task Marketer_designs_a_wheel_with_the_keyboard_alone_and_publishes_it()
    {
        await using var context = await StaffSteps.LaptopAsync(fixture);
        var page = await context.NewPageAsync();
        await StaffSteps.SignInAsync(page, "marketer@demo.local", "/admin/activities/new");
        var keyboard = page.Keyboard;

        // Palette blocks are buttons: Tab to one, Enter adds it where it belongs; the focus stays on the palette.
        await PressOnAsync(page, page.GetByTestId("palette-Wheel"), "Enter");
        await Expect(page.GetByTestId("block-gameplay")).ToBeVisibleAsync();
        await PressOnAsync(page, page.GetByTestId("palette-InstantWindow"), "Enter");
        await Expect(page.GetByTestId("block-schedule")).ToBeVisibleAsync();
        await PressOnAsync(page, page.GetByTestId("palette-Tier"), "Enter");
        await Expect(page.GetByTestId("palette-Tier")).ToBeFocusedAsync();
        await keyboard.PressAsync("Enter");
        var tiers = page.GetByTestId("block-tier");
        await Expect(tiers).ToHaveCountAsync(2);
        // The new tier is selected: a prize goes into it, selected for its name to be typed (names of its own: the
        // catalogue already holds the other journey's "Prize 1").
        await PressOnAsync(page, page.GetByTestId("palette-Prize"), "Enter");
        await Expect(tiers.Nth(1).GetByTestId("block-prize")).ToHaveCountAsync(1);
        await TypeIntoAsync(page, page.GetByLabel("Prize name"), "Keyboard mug");
        await Expect(tiers.Nth(1).GetByTestId("block-prize")).ToContainTextAsync("Keyboard mug");
        await PressOnAsync(page, page.GetByTestId("palette-RuleChances"), "Enter", backwards: true);
        await Expect(page.GetByTestId("block-rules.chancesPerPlayer")).ToBeVisibleAsync();
        await PressOnAsync(page, page.GetByTestId("palette-TaskCheckIn"), "Enter");
        await Expect(page.GetByTestId("block-task")).ToHaveCountAsync(1);

        // Enter on a block selects it: the next prize goes into the first tier.
        await PressOnAsync(page, page.Locator("[data-block='tiers[0]'] .block-select").First, "Enter");
        await PressOnAsync(page, page.GetByTestId("palette-Prize"), "Enter", backwards: true);
        await Expect(tiers.Nth(0).GetByTestId("block-prize")).ToHaveCountAsync(1);
        await TypeIntoAsync(page, page.GetByLabel("Prize name"), "Keyboard cap");

        // Select the second tier and move it up with Alt+ArrowUp: the focus moves with it.
        await PressOnAsync(page, page.Locator("[data-block='tiers[1]'] .block-select").First, "Enter", backwards: true);
        await Expect(page.GetByTestId("properties")).ToContainTextAsync("Prize tier");
        await keyboard.PressAsync("Alt+ArrowUp");
        await Expect(tiers.Nth(0).Locator(".block-head").First).ToContainTextAsync("Tier 2");
        await Expect(tiers.Nth(0)).ToContainTextAsync("Keyboard mug");
        await Expect(page.Locator("[data-block='tiers[0]'] .block-select").First).ToBeFocusedAsync();
        await ScreenshotAsync(page, "designer-keyboard-1-moved");

        // Its chance, typed in the properties pane (reached with Tab), must leave room for "no prize".
        var chance = page.Locator("input[data-testid=prop-tier-chance]");
        await TypeIntoAsync(page, chance, "95");
        await Expect(page.GetByTestId("problems-tiers")).ToContainTextAsync("add up to");
        await Expect(page.GetByTestId("publish")).ToBeDisabledAsync();
        await TabToAsync(page, chance, backwards: true);
        await keyboard.PressAsync("Control+A");
        await keyboard.TypeAsync("40");
        await keyboard.PressAsync("Tab");
        await Expect(page.GetByTestId("problem-count")).ToHaveTextAsync("Ready to publish");
        await Expect(page.GetByTestId("odds-summary")).ToHaveTextAsync("50 % win · 50 % no prize");
        await Expect(page.GetByTestId("save-state")).ToContainTextAsync("Saved");
        await ScreenshotAsync(page, "designer-keyboard-2-ready");

        await PressOnAsync(page, page.GetByTestId("publish"), "Enter", backwards: true);
        await Expect(page.GetByTestId("share-link")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("status-badge")).ToHaveTextAsync("Running");
    }

    [Fact]
    public async Task The_designer_has_no_serious_accessibility_problem_on_a_laptop_or_a_tablet()
    {
        await using var laptop = await StaffSteps.LaptopAsync(fixture);
        var page = await laptop.NewPageAsync();
        await StaffSteps.SignInAsync(page, "marketer@demo.local", "/admin/activities/new?template=festival-wheel");
        await Expect(page.GetByTestId("block-tier")).ToHaveCountAsync(3);
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);
        await ScreenshotAsync(page, "designer-1440x900-template");

        // A prize's properties: every field labelled (kind in words, colour values shown).
        await page.Locator("[data-block='tiers[1].prizes[0]'] .block-select").ClickAsync();
        await Expect(page.GetByLabel("Kind of prize")).ToHaveValueAsync("Physical prize (shipped)");
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);
        await page.Locator("[data-block='tiers[1]'] .block-select").First.ClickAsync();
        await Expect(page.GetByLabel("Segment colour")).ToHaveValueAsync(new Regex("^#2E86AB", RegexOptions.IgnoreCase));
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);
        await ScreenshotAsync(page, "designer-1440x900-tier", fullPage: true);

        await using var tablet = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 768, Height = 1024 },
        });
        var small = await tablet.NewPageAsync();
        await StaffSteps.SignInAsync(small, "marketer@demo.local", "/admin/activities/new?template=daily-spin");
        await Expect(small.GetByTestId("block-tier")).ToHaveCountAsync(2);
        await Accessibility.AssertNoSeriousAxeViolationsAsync(small);
        await ScreenshotAsync(small, "designer-768x1024");
        await ScreenshotAsync(small, "designer-768x1024-full", fullPage: true);
    }

    /// <summary>Tabs (or Shift+Tabs) through the page until <paramref name="target"/> has the focus: no mouse, no focus() call.</summary>
    private static async Task TabToAsync(IPage page, ILocator target, bool backwards = false)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }

            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }

        Assert.Fail($"{target} never got the focus by {(backwards ? "Shift+Tab" : "Tab")}");
    }

    /// <summary>Tabs to a field, replaces its text by typing and leaves it with Tab (which commits the value).</summary>
    private static async Task TypeIntoAsync(IPage page, ILocator field, string text)
    {
        await TabToAsync(page, field);
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(text);
        await page.Keyboard.PressAsync("Tab");
    }

    private static async Task PressOnAsync(IPage page, ILocator target, string key, bool backwards = false)
    {
        await TabToAsync(page, target, backwards);
        await page.Keyboard.PressAsync(key);
    }

    /// <summary>A real mouse drag. <paramref name="force"/>: drop on the spot even where MudDropZone's drop placeholder
    /// covers the target during the drag (the placeholder belongs to the same zone).</summary>
    private static async Task DragAsync(IPage page, string paletteTestId, ILocator target, bool force = false)
    {
        await CentreAsync(target);
        await page.GetByTestId(paletteTestId).DragToAsync(target, new() { Force = force });
    }

    /// <summary>
    /// Scrolls a drop target to the middle of the window first: scrolled to the top edge (Playwright's default) it sits
    /// under the designer's sticky toolbar, which would then receive the drop.
    /// </summary>
    private static async Task CentreAsync(ILocator target) =>
        await target.EvaluateAsync("e => e.scrollIntoView({ block: 'center', inline: 'nearest' })");

    private Task ScreenshotAsync(IPage page, string name, bool fullPage = false) => fixture.ScreenshotAsync(page, name, output, fullPage);

    [GeneratedRegex(@"/admin/activities/[0-9a-f-]{36}$")]
    private static partial Regex DesignUrl();
}
