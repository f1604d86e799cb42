using System.Text;
using System.Text.RegularExpressions;
using Lottery.E2E.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Lottery.E2E.Tests;

/// <summary>The prize catalogue, the activity list and the audit log, walked in Chromium at a desktop size.</summary>
public sealed partial class CatalogueJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{

    /// <summary>A 96×96 PNG (a red square with a gold ribbon).</summary>
    private static readonly byte[] Picture = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAGAAAABgCAIAAABt+uBvAAAAq0lEQVR42u3YQQ0AIAwEQdTggg+uUYIRBKChr4YyyQq4zPPa7iOls2aorJ0NECBAgAABAgQIECBAgAABAgQIECBAgAABAgQIECBAgAABAgQIECBAgAABAgQIECBAzwFFh/4WIECAAAECBAgQIAECBAgQIEDVgBxmHkVAgAABAgQIECBAgAABAgQIECBAgAABAgQIECBAgAABAgQIECBAgAABAgQIECBAgIoBXdue8f7F1iwoAAAAAElFTkSuQmCC");

    [Fact]
    public async Task Marketer_creates_a_code_prize_uploads_codes_and_a_picture_and_sees_the_counts()
    {
        await using var context = await StaffSteps.LaptopAsync(fixture);
        var page = await StaffSteps.SignedInPageAsync(context, "marketer@demo.local", "/admin/prizes");
        var name = "Spring voucher " + Guid.NewGuid().ToString("N")[..4];

        await Expect(page.Locator("[data-testid=prize-grid] tr.prize-row")).ToHaveCountAsync(4);
        await page.GetByTestId("new-prize").ClickAsync();
        await Expect(page).ToHaveURLAsync(NewPrizeUrl());
        await page.GetByTestId("prize-name").FillAsync(name);
        await page.GetByTestId("prize-kind-select").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = ExactlyCode() }).ClickAsync();
        await Expect(page.GetByText("A code prize's stock is its codes")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("prize-stock")).ToHaveCountAsync(0);
        await page.GetByTestId("prize-save").ClickAsync();
        await Expect(page).ToHaveURLAsync(PrizeUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);

        // 25 codes, one repeated, a blank line: 25 added, the repeat reported.
        var codes = string.Join("\n", Enumerable.Range(1, 25).Select(i => $"SPRING-{i:000}")) + "\nSPRING-003\n\n";
        await UploadAsync(page.GetByTestId("codes-file"), new FilePayload { Name = "codes.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes(codes) });
        await Expect(page.GetByTestId("codes-added")).ToHaveTextAsync("25 code(s) added");
        await Expect(page.GetByTestId("codes-dup-file")).ToContainTextAsync("1 repeated in the file: SPRING-003");
        await Expect(page.GetByTestId("codes-unused")).ToHaveTextAsync("25");
        await Expect(page.GetByTestId("stock-available")).ToHaveTextAsync("25");

        // A second list: one known code skipped, one new code added.
        await UploadAsync(page.GetByTestId("codes-file"), new FilePayload { Name = "more.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("code\nSPRING-025\nSPRING-026\n") });
        await Expect(page.GetByTestId("codes-added")).ToHaveTextAsync("1 code(s) added");
        await Expect(page.GetByTestId("codes-dup-pool")).ToContainTextAsync("SPRING-025");
        await Expect(page.GetByTestId("codes-unused")).ToHaveTextAsync("26");
        await Expect(page.GetByTestId("stock-total")).ToHaveTextAsync("26");

        // A picture that is not one is refused; a PNG is shown from /media.
        await UploadAsync(page.GetByTestId("picture-file"), new FilePayload { Name = "fake.png", MimeType = "image/png", Buffer = Encoding.UTF8.GetBytes("not an image") });
        await Expect(page.GetByText("Only PNG, JPEG and WebP pictures are accepted.")).ToBeVisibleAsync();
        await UploadAsync(page.GetByTestId("picture-file"), new FilePayload { Name = "voucher.png", MimeType = "image/png", Buffer = Picture });
        var picture = page.Locator($"img[alt='Picture of {name}']");
        await Expect(picture).ToHaveAttributeAsync("src", MediaUrl());
        await Expect(picture).ToHaveJSPropertyAsync("naturalWidth", 96);

        // Lowering the stock is audited; the history shows every step.
        await page.GetByTestId("stock-input").FillAsync("20");
        await page.GetByTestId("stock-save").ClickAsync();
        await Expect(page.GetByTestId("stock-total")).ToHaveTextAsync("20");
        var history = page.Locator("[data-testid=audit-entry]");
        await Expect(history).ToHaveCountAsync(5);
        await Expect(history.First).ToContainTextAsync("Stock changed");
        await Expect(history.First.Locator("[data-path=total] del")).ToHaveTextAsync("26");
        await Expect(history.First.Locator("[data-path=total] ins")).ToHaveTextAsync("20");
        await Expect(history.Last).ToContainTextAsync("Prize created");
        await ScreenshotAsync(page, "prize-detail");
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);
        await page.GetByTestId("prize-history").ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "prize-history");

        await page.GetByRole(AriaRole.Link, new() { Name = "All prizes" }).ClickAsync();
        var row = page.Locator("[data-testid=prize-grid] tr.prize-row").Filter(new() { HasText = name });
        await Expect(row.GetByTestId("prize-codes")).ToHaveTextAsync("26 unused");
        await Expect(row.GetByTestId("prize-total")).ToHaveTextAsync("20");
        await Expect(row.Locator("img")).ToHaveAttributeAsync("src", MediaUrl());
        await ScreenshotAsync(page, "prizes");
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);
    }

    [Fact]
    public async Task Marketer_searches_filters_duplicates_and_deletes_activities_and_a_manager_only_looks()
    {
        await using var context = await StaffSteps.LaptopAsync(fixture);
        var page = await StaffSteps.SignedInPageAsync(context, "marketer@demo.local", "/admin");
        var rows = page.Locator("[data-testid=activity-grid] tr.activity-row");
        await Expect(rows).ToHaveCountAsync(2);

        await page.Locator("[data-testid=status-chips] button[data-status=Running]").ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Lucky Wheel");
        await page.Locator("[data-testid=status-chips] button[data-status=all]").ClickAsync();
        await page.Locator("[data-testid=kind-filter] button[data-kind=Scheduled]").ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Weekend Giveaway");
        await page.Locator("[data-testid=kind-filter] button[data-kind=all]").ClickAsync();
        await page.GetByTestId("activity-search").FillAsync("lucky");
        await Expect(rows).ToHaveCountAsync(1);
        await page.GetByTestId("activity-search").FillAsync("");
        await Expect(rows).ToHaveCountAsync(2);

        await page.GetByRole(AriaRole.Button, new() { Name = "Create an activity" }).ClickAsync();
        var festival = page.Locator(".mud-popover-open a[href='/admin/activities/new?template=festival-wheel']");
        await Expect(festival).ToContainTextAsync("Festival wheel");
        await ScreenshotAsync(page, "activities-create-menu");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create an activity" }).ClickAsync();
        await Expect(festival).ToHaveCountAsync(0);

        // Duplicate → the new draft's page (built elsewhere); back on the list the copy is a draft.
        await page.Locator("[data-testid=duplicate][aria-label='Duplicate Lucky Wheel']").ClickAsync();
        await Expect(page).ToHaveURLAsync(ActivityUrl());
        await page.GotoAsync("/admin");
        await Expect(rows).ToHaveCountAsync(3);
        var copy = rows.Filter(new() { HasText = "Lucky Wheel (copy)" });
        await Expect(copy.GetByTestId("status-badge")).ToHaveTextAsync("Draft");
        await Expect(page.GetByTestId("delete")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "activities");
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);

        await copy.GetByTestId("delete").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Delete this draft?");
        await ScreenshotAsync(page, "activities-delete-confirm");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Keep it" })).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete draft" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Filter(new() { HasText = "(copy)" })).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Draft “Lucky Wheel (copy)” deleted");

        // The audit log shows both, with who did it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        var entries = page.Locator("[data-testid=audit-entry]");
        await Expect(entries.Filter(new() { HasText = "Draft deleted" })).ToHaveCountAsync(1);
        await Expect(entries.Filter(new() { HasText = "Activity duplicated" }).GetByTestId("audit-actor")).ToHaveTextAsync("Mia Marketer");
        await ScreenshotAsync(page, "audit-log");

        // A manager sees the same lists without the buttons that change them.
        await using var managerContext = await StaffSteps.LaptopAsync(fixture);
        var manager = await StaffSteps.SignedInPageAsync(managerContext, "manager@demo.local", "/admin");
        await Expect(manager.Locator("[data-testid=activity-grid] tr.activity-row")).ToHaveCountAsync(2);
        await Expect(manager.GetByTestId("create-menu")).ToHaveCountAsync(0);
        await Expect(manager.GetByTestId("duplicate")).ToHaveCountAsync(0);
        await manager.GotoAsync("/admin/prizes");
        await Expect(manager.Locator("[data-testid=prize-grid] tr.prize-row").First).ToBeVisibleAsync();
        await Expect(manager.GetByTestId("new-prize")).ToHaveCountAsync(0);
        await manager.Locator("[data-testid=prize-grid] a.prize-name", new() { HasText = "Coffee voucher" }).ClickAsync();
        await Expect(manager.GetByTestId("codes-unused")).ToBeVisibleAsync();
        await Expect(manager.GetByTestId("prize-form")).ToHaveCountAsync(0);
        await Expect(manager.GetByTestId("codes-file")).ToHaveCountAsync(0);
        await ScreenshotAsync(manager, "prize-detail-manager");
    }

    /// <summary>
    /// Chooses a file once Blazor's InputFile has wired the element up: it is rendered one message before its script
    /// runs, and a file chosen in between is never seen by the server.
    /// </summary>
    private static async Task UploadAsync(ILocator inputs, FilePayload file)
    {
        // MudFileUpload adds a fresh input after each upload and hides the used ones: the last one is live.
        var input = inputs.Last;
        var element = await input.ElementHandleAsync();
        await input.Page.WaitForFunctionAsync("e => e._blazorInputFileNextFileId !== undefined", element);
        await input.SetInputFilesAsync(file);
    }

    private Task ScreenshotAsync(IPage page, string name) => fixture.ScreenshotAsync(page, name, output);

    [GeneratedRegex(@"/admin/prizes/new$")]
    private static partial Regex NewPrizeUrl();

    [GeneratedRegex(@"/admin/prizes/[0-9a-f-]{36}$")]
    private static partial Regex PrizeUrl();

    [GeneratedRegex(@"/admin/activities/[0-9a-f-]{36}$")]
    private static partial Regex ActivityUrl();

    [GeneratedRegex(@"^/media/prizes/[0-9a-f-]{36}\?v=[0-9a-f]{16}$")]
    private static partial Regex MediaUrl();

    [GeneratedRegex(@"^\s*Code\s*$")]
    private static partial Regex ExactlyCode();
}
