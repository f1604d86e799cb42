using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lottery.Web.Extensions;

/// <summary>The one place CSV downloads are written: a header row, then one line per record (CsvHelper 34, invariant culture).</summary>
public static class CsvText
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static string Write<T>(IEnumerable<T> rows)
    {
        var text = new StringWriter();
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions(), leaveOpen: true))
        {
            csv.WriteRecords(rows);
        }

        return text.ToString();
    }

    /// <summary>A CSV download of these rows.</summary>
    public static FileContentHttpResult File<T>(IEnumerable<T> rows, string fileName) => File(Write(rows), fileName);

    /// <summary>A CSV download of text written by <see cref="Write{T}"/>.</summary>
    public static FileContentHttpResult File(string csv, string fileName) =>
        TypedResults.File(Encoding.UTF8.GetBytes(csv), ContentType, fileName);
}
