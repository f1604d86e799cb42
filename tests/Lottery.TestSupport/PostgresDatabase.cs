using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lottery.TestSupport;

/// <summary>
/// A migrated PostgreSQL database with a unique name on the test server (<see cref="TestServices.Postgres"/>), dropped
/// after the test class.
/// </summary>
public class PostgresDatabase : TestDatabase
{
    private readonly string _name = ThrowawayPostgres.NewName("lottery_test");
    private string? _connectionString;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("The database is created when the fixture initialises.");

    public override LotteryDbContext CreateContext(ITenantContext tenant) =>
        new PostgresLotteryDbContext(new DbContextOptionsBuilder<PostgresLotteryDbContext>().UseNpgsql(ConnectionString).Options, tenant);

    protected override async Task CreateDatabaseAsync()
    {
        await ThrowawayPostgres.CreateAsync(_name);
        _connectionString = ThrowawayPostgres.ConnectionString(_name);
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_connectionString is not null)
        {
            await ThrowawayPostgres.DropAsync(_name);
        }
    }
}

/// <summary>A PostgreSQL database that starts empty (no migrations applied).</summary>
public sealed class EmptyPostgresDatabase : PostgresDatabase
{
    protected override bool ApplyMigrations => false;
}
