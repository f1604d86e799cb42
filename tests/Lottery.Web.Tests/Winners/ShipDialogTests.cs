using Bunit;
using Lottery.Domain.Common;
using Lottery.Web.Components.Pages.Winners;
using Lottery.Web.Features.Winners;
using Lottery.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Lottery.Web.Tests.Winners;

/// <summary>
/// The two bulk shipping dialogs as the winners page opens them: ship the selected winners with a tracking number each,
/// and import tracking numbers from a CSV file (preview, rows that match nothing, bad files changing nothing).
/// </summary>
public sealed class ShipDialogTests : MudTestContext
{
    private readonly List<IReadOnlyList<Shipment>> _applied = [];
    private Result _answer = Result.Success();

    public ShipDialogTests() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    private Task<Result> Apply(IReadOnlyList<Shipment> shipments)
    {
        _applied.Add(shipments);
        return Task.FromResult(_answer);
    }

    [Fact]
    public async Task Bulk_ship_sends_each_selected_winner_with_its_tracking_number_in_one_go()
    {
        var (mia, noah, liam) = (Winners.Claimed("Mia"), Winners.Claimed("Noah"), Winners.AwaitingAddress("Liam"));
        var (provider, dialog) = await ShowAsync<BulkShipDialog>(new()
        {
            [nameof(BulkShipDialog.Winners)] = new[] { mia, noah, liam },
            [nameof(BulkShipDialog.Apply)] = (Func<IReadOnlyList<Shipment>, Task<Result>>)Apply,
        });

        Assert.Contains("L***m, Festival hoodie: The winner has not given a shipping address yet.", provider.Find("[data-testid=bulk-left-out]").TextContent, StringComparison.Ordinal);
        Assert.True(provider.Find("[data-testid=bulk-ship-confirm]").HasAttribute("disabled"));
        Assert.Equal("Enter a tracking number to ship a parcel.", provider.Find("[data-testid=bulk-reason]").TextContent);
        var fields = provider.FindAll("input[data-testid=bulk-tracking]");
        fields[0].Input("SF1");
        provider.FindAll("input[data-testid=bulk-tracking]")[1].Input(" SF2 ");
        provider.Find("[data-testid=bulk-ship-confirm]").Click();

        var shipments = Assert.Single(_applied);
        Assert.Equal([new Shipment(mia.WinId, "SF1"), new Shipment(noah.WinId, "SF2")], shipments);
        var result = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, result!.Data);
    }

    [Fact]
    public async Task When_saving_fails_the_bulk_dialog_stays_open_and_names_the_winner_at_fault()
    {
        var (mia, noah) = (Winners.Claimed("Mia"), Winners.Claimed("Noah"));
        _answer = Result.Failure(new Error(ErrorCodes.IllegalTransition, "1 of 2 winners cannot be shipped; nothing was changed."),
            [new ValidationError(noah.WinId.ToString(), "Only a claimed physical prize can be shipped (this one is Shipped).")]);
        var (provider, dialog) = await ShowAsync<BulkShipDialog>(new()
        {
            [nameof(BulkShipDialog.Winners)] = new[] { mia, noah },
            [nameof(BulkShipDialog.Apply)] = (Func<IReadOnlyList<Shipment>, Task<Result>>)Apply,
        });

        provider.FindAll("input[data-testid=bulk-tracking]")[0].Input("SF1");
        provider.FindAll("input[data-testid=bulk-tracking]")[1].Input("SF2");
        provider.Find("[data-testid=bulk-ship-confirm]").Click();

        Assert.Equal("1 of 2 winners cannot be shipped; nothing was changed. N***h, Festival hoodie: Only a claimed physical prize can be shipped (this one is Shipped).",
            provider.Find("[data-testid=bulk-error]").TextContent.Trim());
        Assert.False(dialog.Result.IsCompleted);
    }

    [Fact]
    public async Task Importing_a_good_file_previews_the_changes_and_applies_them_together()
    {
        var (mia, noah, liam) = (Winners.Claimed("Mia"), Winners.Claimed("Noah"), Winners.AwaitingAddress("Liam"));
        var (provider, dialog) = await ShowImportAsync(mia, noah, liam);

        Upload(provider, $"WinId,Player,TrackingNumber\n{mia.WinId},M***a,SF1\n{noah.WinId},N***h,SF2\n{liam.WinId},L***m,\n");

        provider.WaitForAssertion(() => Assert.Equal(
            "2 winners will be marked shipped. 1 row without a tracking number left as they are.", provider.Find("[data-testid=import-summary]").TextContent.Trim()));
        Assert.Equal(2, provider.FindAll("[data-testid=import-changes] tbody tr").Count);
        Assert.Empty(_applied);
        Assert.Equal("Mark 2 shipped", provider.Find("[data-testid=import-apply]").TextContent.Trim());
        provider.Find("[data-testid=import-apply]").Click();

        Assert.Equal([new Shipment(mia.WinId, "SF1"), new Shipment(noah.WinId, "SF2")], Assert.Single(_applied));
        Assert.Equal(2, (await dialog.Result.WaitAsync(TimeSpan.FromSeconds(5)))!.Data);
    }

    [Fact]
    public async Task Rows_with_unknown_references_are_listed_and_only_the_matching_rows_are_applied()
    {
        var mia = Winners.Claimed("Mia");
        var (provider, _) = await ShowImportAsync(mia);
        var stranger = Guid.NewGuid();

        Upload(provider, $"WinId,TrackingNumber\n{stranger},SF0\n{mia.WinId},SF1\nW-1234,SF9\n");

        provider.WaitForAssertion(() => Assert.Equal(2, provider.FindAll("[data-testid=import-problem]").Count));
        Assert.Equal(
            [$"Line 2 ({stranger.ToString()[..8]}…): No winner of this campaign has this reference.", "Line 4 (W-1234): Not a win reference: use the WinId column of the winners export."],
            provider.FindAll("[data-testid=import-problem]").Select(li => li.TextContent));
        provider.Find("[data-testid=import-apply]").Click();

        Assert.Equal([new Shipment(mia.WinId, "SF1")], Assert.Single(_applied));
    }

    [Theory]
    [InlineData("Player,Prize\nM***a,Hoodie\n", "The file needs a WinId column and a TrackingNumber column")]
    [InlineData("WinId,TrackingNumber\n\"01a24a09-06cd-761e-8c32-db007bb47804,SF1\n", "Line 2 is not valid CSV")]
    public async Task A_malformed_file_gets_a_clear_error_and_nothing_can_be_applied(string csv, string error)
    {
        var (provider, dialog) = await ShowImportAsync(Winners.Claimed("Mia"));

        Upload(provider, csv);

        provider.WaitForAssertion(() => Assert.StartsWith(error, provider.Find("[data-testid=import-error]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.EndsWith("Nothing was changed.", provider.Find("[data-testid=import-error]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.True(provider.Find("[data-testid=import-apply]").HasAttribute("disabled"));
        Assert.Equal("Choose a file to see what it changes.", provider.Find("[data-testid=import-reason]").TextContent);
        Assert.Empty(_applied);
        Assert.False(dialog.Result.IsCompleted);
    }

    private Task<(IRenderedComponent<MudDialogProvider>, IDialogReference)> ShowImportAsync(params WinnerLine[] winners) =>
        ShowAsync<TrackingImportDialog>(new()
        {
            [nameof(TrackingImportDialog.Winners)] = winners,
            [nameof(TrackingImportDialog.Apply)] = (Func<IReadOnlyList<Shipment>, Task<Result>>)Apply,
        });

    private static void Upload(IRenderedComponent<MudDialogProvider> provider, string csv) =>
        provider.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "tracking.csv", contentType: "text/csv"));

    private async Task<(IRenderedComponent<MudDialogProvider>, IDialogReference)> ShowAsync<TDialog>(DialogParameters parameters)
        where TDialog : IComponent
    {
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        IDialogReference? reference = null;
        await provider.InvokeAsync(async () => reference = await dialogs.ShowAsync<TDialog>("Dialog", parameters));
        return (provider, reference!);
    }
}
