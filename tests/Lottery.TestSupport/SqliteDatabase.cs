using Lottery.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Lottery.TestSupport;

/// <summary>A migrated SQLite database in a temporary file, deleted after the test class.</summary>
public class SqliteDatabase : TestDatabase
{
    private readonly string _path = ThrowawaySqlite.PathFor($"lottery-test-{Guid.NewGuid():N}");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _path }.ToString();

    public override LotteryDbContext CreateContext(ITenantContext tenant) =>
        new SqliteLotteryDbContext(new DbContextOptionsBuilder<SqliteLotteryDbContext>().UseSqlite(ConnectionString).Options, tenant);

    /// <summary>Nothing to do: SQLite creates the file when it is first opened.</summary>
    protected override Task CreateDatabaseAsync() => Task.CompletedTask;

    protected override Task DropDatabaseAsync()
    {
        ThrowawaySqlite.Delete(_path);
        return Task.CompletedTask;
    }
}

/// <summary>A SQLite database that starts empty (no migrations applied).</summary>
public sealed class EmptySqliteDatabase : SqliteDatabase
{
    protected override bool ApplyMigrations => false;
}
