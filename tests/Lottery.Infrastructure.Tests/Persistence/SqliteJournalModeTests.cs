using Microsoft.EntityFrameworkCore;

namespace Lottery.Infrastructure.Tests.Persistence;

/// <summary>
/// A SQLite file database runs in write-ahead-log mode once the app has started (one synced log append per commit
/// instead of a rollback journal; docs/decisions/020-sqlite-write-ahead-log.md), with SQLite's default synchronous level.
/// </summary>
public sealed class SqliteJournalModeTests(EmptySqliteDatabase database) : IClassFixture<EmptySqliteDatabase>
{
    [Fact]
    public async Task Starting_the_app_puts_a_sqlite_file_database_in_wal_mode_with_full_sync()
    {
        await using (var before = database.CreateContext())
        {
            Assert.Equal("delete", await PragmaAsync(before, "journal_mode"));
        }

        using var host = database.BuildHost(new Dictionary<string, string?> { ["Database:MigrateAtStart"] = "true", ["Demo:Seed"] = "false" });
        await host.StartAsync();
        await host.StopAsync();

        // A new connection: the mode is stored in the database file, not in the app's connections.
        await using var db = database.CreateContext();
        Assert.Equal("wal", await PragmaAsync(db, "journal_mode"));
        Assert.Equal("2", await PragmaAsync(db, "synchronous")); // FULL: committed means on disk, power loss included
    }

    private static async Task<string?> PragmaAsync(DbContext db, string name)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"PRAGMA {name};";
            return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
