using CsvHelper;
using Lottery.Domain.Common;
using Lottery.Domain.Draws;

namespace Lottery.Web.Features.Winners;

/// <summary>One data row of a tracking file: the line it is on, the win reference as written and the tracking number.</summary>
public sealed record TrackingRow(int Line, string Reference, string TrackingNumber);

/// <summary>A row that will not change anything, and why, in words.</summary>
public sealed record TrackingProblem(int Line, string Reference, string Reason);

/// <summary>A winner that the import will mark shipped.</summary>
public sealed record PlannedShipment(int Line, WinnerLine Winner, string TrackingNumber);

/// <summary>What importing a tracking file would do: the shipments, the rows that match no shippable winner, and the rest left alone.</summary>
public sealed record TrackingPlan(IReadOnlyList<PlannedShipment> Changes, IReadOnlyList<TrackingProblem> Problems, int AlreadyDone, int WithoutTracking)
{
    public IReadOnlyList<Shipment> Shipments => [.. Changes.Select(c => new Shipment(c.Winner.WinId, c.TrackingNumber))];
}

/// <summary>
/// Tracking numbers from a CSV file, e.g. the winners export with its <c>TrackingNumber</c> column filled in: a column
/// with the win reference (<c>WinId</c>) and one with the tracking number; other columns are ignored. Reading checks the
/// file as a whole (a bad file is refused with a message); <see cref="Plan"/> then matches every row to a winner.
/// </summary>
public static class TrackingImport
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxRows = 10_000;

    private static readonly string[] ReferenceColumns = ["winid", "win", "reference", "winreference", "ref"];
    private static readonly string[] TrackingColumns = ["trackingnumber", "tracking", "trackingno", "trackingcode"];

    /// <summary>The data rows of a tracking file, or a failure that says what is wrong with the file.</summary>
    public static Result<IReadOnlyList<TrackingRow>> Read(byte[] file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Length == 0)
        {
            return Refuse("The file is empty.");
        }

        if (file.Length > MaxBytes)
        {
            return Refuse($"The file is larger than {MaxBytes / 1024 / 1024} MB; split it into smaller files.");
        }

        var unicodeMark = file.Length >= 2 && ((file[0] == 0xFF && file[1] == 0xFE) || (file[0] == 0xFE && file[1] == 0xFF));
        if (!unicodeMark && Array.IndexOf(file, (byte)0) >= 0)
        {
            return Refuse("This is not a CSV text file. Save the sheet as CSV and upload that.");
        }

        var options = new CsvReaderOptions { MalformedData = CsvMalformedDataHandling.Throw, TrackLineNumbers = true };
        try
        {
            using var reader = CsvReader.Create(file, options);
            reader.ReadHeader();
            var headers = reader.Headers.Select(Normalize).ToList();
            var reference = headers.FindIndex(h => ReferenceColumns.Contains(h));
            var tracking = headers.FindIndex(h => TrackingColumns.Contains(h));
            if (reference < 0 || tracking < 0)
            {
                var found = reader.Headers.Count == 0 ? "none" : string.Join(", ", reader.Headers.Select(h => $"\"{h}\""));
                return Refuse($"The file needs a WinId column and a TrackingNumber column (as in the winners export); its columns are {found}.");
            }

            var rows = new List<TrackingRow>();
            while (reader.Read())
            {
                if (rows.Count == MaxRows)
                {
                    return Refuse($"The file has more than {MaxRows:N0} rows; split it into smaller files.");
                }

                var line = (int)reader.LineNumber;
                rows.Add(new TrackingRow(line, Field(reader, reference), Field(reader, tracking)));
            }

            return rows.Count == 0 ? Refuse("The file has a header but no rows.") : rows;
        }
        catch (CsvFormatException e)
        {
            var where = e.LineNumber > 0 ? $"Line {e.LineNumber}" : "The file";
            return Refuse($"{where} is not valid CSV (check its quotes); nothing was read.");
        }
    }

    /// <summary>Matches the rows to the activity's winners: which will be shipped, which cannot, which need nothing.</summary>
    public static TrackingPlan Plan(IReadOnlyList<TrackingRow> rows, IReadOnlyList<WinnerLine> winners)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(winners);
        var byId = winners.ToDictionary(w => w.WinId);
        var changes = new List<PlannedShipment>();
        var problems = new List<TrackingProblem>();
        var (alreadyDone, withoutTracking) = (0, 0);
        var seen = new Dictionary<Guid, TrackingRow>();
        foreach (var row in rows)
        {
            var (reference, tracking) = (row.Reference.Trim(), row.TrackingNumber.Trim());
            if (reference.Length == 0 && tracking.Length == 0)
            {
                continue;
            }

            if (tracking.Length == 0)
            {
                withoutTracking++;
                continue;
            }

            if (reference.Length == 0)
            {
                problems.Add(new TrackingProblem(row.Line, reference, "No win reference in the WinId column."));
                continue;
            }

            if (!Guid.TryParse(reference, out var winId))
            {
                problems.Add(new TrackingProblem(row.Line, reference, "Not a win reference: use the WinId column of the winners export."));
                continue;
            }

            if (seen.TryGetValue(winId, out var first))
            {
                if (!string.Equals(first.TrackingNumber.Trim(), tracking, StringComparison.Ordinal))
                {
                    problems.Add(new TrackingProblem(row.Line, reference, $"The same winner as line {first.Line} with another tracking number; neither is used."));
                    if (changes.FindIndex(c => c.Winner.WinId == winId) is var index and >= 0)
                    {
                        changes.RemoveAt(index);
                        problems.Add(new TrackingProblem(first.Line, first.Reference.Trim(), $"The same winner as line {row.Line} with another tracking number; neither is used."));
                    }
                }

                continue;
            }

            seen[winId] = row;
            if (!byId.TryGetValue(winId, out var winner))
            {
                problems.Add(new TrackingProblem(row.Line, reference, "No winner of this campaign has this reference."));
            }
            else if (tracking.Length > Limits.CodeMaxLength)
            {
                problems.Add(new TrackingProblem(row.Line, reference, $"The tracking number is longer than {Limits.CodeMaxLength} characters."));
            }
            else if (winner.Status is WinStatus.Shipped or WinStatus.Delivered
                && string.Equals(winner.Claim?.TrackingNumber, tracking, StringComparison.Ordinal))
            {
                alreadyDone++;
            }
            else if (WinStatuses.WhyNotShippable(winner) is { } why)
            {
                var reason = winner.Claim?.TrackingNumber is { } shippedWith ? $"{why} Its tracking number is {shippedWith}." : why;
                problems.Add(new TrackingProblem(row.Line, reference, reason));
            }
            else
            {
                changes.Add(new PlannedShipment(row.Line, winner, tracking));
            }
        }

        return new TrackingPlan(changes, [.. problems.OrderBy(p => p.Line)], alreadyDone, withoutTracking);
    }

    private static string Field(CsvReader reader, int index) => index < reader.FieldCount ? reader.GetString(index) ?? "" : "";

    private static string Normalize(string header) =>
        new([.. header.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    private static Result<IReadOnlyList<TrackingRow>> Refuse(string message) =>
        Result<IReadOnlyList<TrackingRow>>.Failure(new Error(ErrorCodes.Validation, message));
}
