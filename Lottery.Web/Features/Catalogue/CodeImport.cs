using Lottery.Domain.Common;

namespace Lottery.Web.Features.Catalogue;

/// <summary>What a code upload did: how many were added and why the others were skipped.</summary>
/// <param name="DuplicatesInFile">Codes that appeared more than once in the file (added once).</param>
/// <param name="AlreadyInPool">Codes the prize already had (skipped).</param>
/// <param name="TooLong">Lines longer than a code may be (skipped).</param>
public sealed record CodeImportSummary(
    int Lines,
    int Added,
    IReadOnlyList<string> DuplicatesInFile,
    IReadOnlyList<string> AlreadyInPool,
    IReadOnlyList<string> TooLong,
    int BlankLines,
    int PoolStockAfter)
{
    public int Skipped => DuplicatesInFile.Count + AlreadyInPool.Count + TooLong.Count;
}

/// <summary>
/// Reads an uploaded code list: one code per line, trimmed; blank lines ignored. In a <c>.csv</c> file a line's code is
/// its first column (quotes removed) and a first line reading <c>code</c> is taken for a header.
/// </summary>
public static class CodeImport
{
    public const int MaxFileBytes = 4 * 1024 * 1024;
    public const int MaxCodesPerUpload = 100_000;

    public sealed record ParsedCodes(int Lines, IReadOnlyList<string> Codes, IReadOnlyList<string> DuplicatesInFile, IReadOnlyList<string> TooLong, int BlankLines);

    public static ParsedCodes Parse(string text, bool csv)
    {
        ArgumentNullException.ThrowIfNull(text);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var codes = new List<string>();
        var duplicates = new List<string>();
        var tooLong = new List<string>();
        var blank = 0;
        var lines = text.Split('\n');
        var count = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (i == lines.Length - 1 && line.Length == 0)
            {
                break; // the newline at the end of the file
            }

            count++;
            var code = csv ? FirstColumn(line) : line;
            if (csv && i == 0 && code.Equals("code", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (code.Length == 0)
            {
                blank++;
            }
            else if (code.Length > Limits.CodeMaxLength)
            {
                tooLong.Add(code[..20] + "…");
            }
            else if (!seen.Add(code))
            {
                duplicates.Add(code);
            }
            else
            {
                codes.Add(code);
            }
        }

        return new ParsedCodes(count, codes, duplicates, tooLong, blank);
    }

    private static string FirstColumn(string line)
    {
        if (line.StartsWith('"'))
        {
            var end = line.IndexOf('"', 1);
            return (end < 0 ? line[1..] : line[1..end]).Trim();
        }

        var comma = line.IndexOfAny([',', ';', '\t']);
        return (comma < 0 ? line : line[..comma]).Trim();
    }
}
