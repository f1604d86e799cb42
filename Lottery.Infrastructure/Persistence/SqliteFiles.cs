using Microsoft.Data.Sqlite;

namespace Lottery.Infrastructure.Persistence;

internal static class SqliteFiles
{
    /// <summary>
    /// A relative SQLite file is placed under the app's content root (not the shell's working directory), and its folder
    /// is created, so <c>dotnet run --project Lottery.Web</c> works from anywhere on a fresh machine.
    /// </summary>
    public static string Anchor(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return connectionString;
        }

        if (!Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        return builder.ToString();
    }
}
