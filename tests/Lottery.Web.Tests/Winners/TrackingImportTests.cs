using System.Text;
using Lottery.Web.Features.Winners;

namespace Lottery.Web.Tests.Winners;

/// <summary>Reading a tracking-number file and matching it to the campaign's winners, before anything is saved.</summary>
public sealed class TrackingImportTests
{
    private static byte[] Csv(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void The_winners_export_with_tracking_numbers_filled_in_plans_one_shipment_per_claimed_winner()
    {
        var (mia, noah) = (Winners.Claimed("Mia"), Winners.Claimed("Noah"));
        var waiting = Winners.AwaitingAddress("Liam");
        var file = Csv($"""
            WinId,Player,Prize,Status,TrackingNumber
            {mia.WinId},M***a,Festival hoodie,Claimed, SF100 
            {noah.WinId},N***h,Festival hoodie,Claimed,SF200
            {waiting.WinId},L***m,Festival hoodie,AwaitingClaim,
            """);

        var rows = TrackingImport.Read(file);
        var plan = TrackingImport.Plan(rows.Value, [mia, noah, waiting]);

        Assert.Equal([(mia.WinId, "SF100", 2), (noah.WinId, "SF200", 3)], plan.Changes.Select(c => (c.Winner.WinId, c.TrackingNumber, c.Line)));
        Assert.Empty(plan.Problems);
        Assert.Equal(1, plan.WithoutTracking);
        Assert.Equal([new Shipment(mia.WinId, "SF100"), new Shipment(noah.WinId, "SF200")], plan.Shipments);
    }

    [Fact]
    public void Semicolons_and_other_spellings_of_the_two_columns_are_read()
    {
        var mia = Winners.Claimed("Mia");

        var rows = TrackingImport.Read(Csv($"Tracking number;Win ID\r\nSF9;{mia.WinId}\r\n"));

        Assert.Equal([new TrackingRow(2, mia.WinId.ToString(), "SF9")], rows.Value);
    }

    [Fact]
    public void Rows_that_match_no_shippable_winner_are_reported_with_their_line_and_reason()
    {
        var (mia, waiting, voucher) = (Winners.Claimed("Mia"), Winners.AwaitingAddress("Liam"), Winners.Voucher("Ava"));
        var shipped = Winners.Shipped("Emma", "SF-OLD");
        var again = Winners.Shipped("Lucas", "SF-SAME");
        var file = Csv($"""
            WinId,TrackingNumber
            {Guid.NewGuid()},SF1
            W-12345,SF2
            {waiting.WinId},SF3
            {voucher.WinId},SF4
            {shipped.WinId},SF5
            {again.WinId},SF-SAME
            {mia.WinId},{new string('9', 129)}
            ,SF8
            """);

        var plan = TrackingImport.Plan(TrackingImport.Read(file).Value, [mia, waiting, voucher, shipped, again]);

        Assert.Empty(plan.Changes);
        Assert.Equal(1, plan.AlreadyDone);
        Assert.Equal(
        [
            (2, "No winner of this campaign has this reference."),
            (3, "Not a win reference: use the WinId column of the winners export."),
            (4, "The winner has not given a shipping address yet."),
            (5, "Nothing to ship: this prize is handed over online."),
            (6, "Already shipped. Its tracking number is SF-OLD."),
            (8, "The tracking number is longer than 128 characters."),
            (9, "No win reference in the WinId column."),
        ], plan.Problems.Select(p => (p.Line, p.Reason)));
    }

    [Fact]
    public void A_winner_listed_twice_with_different_numbers_is_not_shipped_at_all()
    {
        var (mia, noah) = (Winners.Claimed("Mia"), Winners.Claimed("Noah"));
        var file = Csv($"WinId,TrackingNumber\n{mia.WinId},SF1\n{noah.WinId},SF2\n{mia.WinId},SF3\n{noah.WinId},SF2\n");

        var plan = TrackingImport.Plan(TrackingImport.Read(file).Value, [mia, noah]);

        Assert.Equal([noah.WinId], plan.Changes.Select(c => c.Winner.WinId));
        Assert.Equal([2, 4], plan.Problems.Select(p => p.Line));
        Assert.All(plan.Problems, p => Assert.Contains("another tracking number", p.Reason, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "The file is empty.")]
    [InlineData("Player,Prize\nM***a,Hoodie\n", "The file needs a WinId column and a TrackingNumber column (as in the winners export); its columns are \"Player\", \"Prize\".")]
    [InlineData("WinId,TrackingNumber\n", "The file has a header but no rows.")]
    [InlineData("WinId,TrackingNumber\n\"01a24a09-06cd-761e-8c32-db007bb47804,SF1\n", "Line 2 is not valid CSV (check its quotes); nothing was read.")]
    public void A_file_that_cannot_be_read_is_refused_with_a_message_that_says_why(string text, string message)
    {
        var rows = TrackingImport.Read(Csv(text));

        Assert.True(rows.IsFailure);
        Assert.Equal(message, rows.Error!.Message);
    }

    [Fact]
    public void A_spreadsheet_saved_as_xlsx_is_refused_as_not_a_csv_file()
    {
        var zip = new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00 };

        Assert.Equal("This is not a CSV text file. Save the sheet as CSV and upload that.", TrackingImport.Read(zip).Error!.Message);
    }
}
