using CsvHelper;
using Lottery.Web.Extensions;

namespace Lottery.Web.Features.Reports;

/// <summary>UTC days, both ends included.</summary>
public sealed record ReportRange(DateOnly From, DateOnly To)
{
    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public DateTimeOffset EndExclusive => new(To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}

[CsvRecord]
public sealed partial record DayRow(DateOnly Day, int Draws, int Wins, int Players);

[CsvRecord]
public sealed partial record HourRow(DateTimeOffset Hour, int Draws, int Wins, int Players);

[CsvRecord]
public sealed partial record ChannelRow(string Channel, int Players, int Draws, int Wins);

[CsvRecord]
public sealed partial record PrizeRow(string Prize, int Stock, int IssuedInRange, int IssuedTotal, int Remaining);

[CsvRecord]
public sealed partial record TaskRow(string Task, int Completions, int Players, int ChancesGranted, double Conversion);

/// <summary>
/// One activity's report over a range of UTC days. Players are counted once per row (a player drawing on two days counts
/// on each day, once in the totals). Draws come from draw records, wins from win records (instant and scheduled), the
/// channel from where each player's session came from (<c>utm_source</c> or the link's source; none = "direct").
/// </summary>
public sealed record ActivityReport(
    Guid ActivityId,
    string Name,
    ReportRange Range,
    int Draws,
    int Wins,
    int Players,
    IReadOnlyList<DayRow> Days,
    IReadOnlyList<HourRow> Hours,
    IReadOnlyList<ChannelRow> Channels,
    IReadOnlyList<PrizeRow> Prizes,
    IReadOnlyList<TaskRow> Tasks)
{
    public double Conversion => Draws == 0 ? 0 : (double)Wins / Draws;
}

/// <summary>The tables of a report a manager can download as CSV.</summary>
public enum ReportTable
{
    Days,
    Hours,
    Channels,
    Prizes,
    Tasks,
}

public static class ReportCsv
{
    /// <summary>One table as CSV text with a header row.</summary>
    public static string Write(ActivityReport report, ReportTable table) => table switch
    {
        ReportTable.Days => CsvText.Write(report.Days),
        ReportTable.Hours => CsvText.Write(report.Hours),
        ReportTable.Channels => CsvText.Write(report.Channels),
        ReportTable.Prizes => CsvText.Write(report.Prizes),
        ReportTable.Tasks => CsvText.Write(report.Tasks),
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    };
}
