using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Lottery.Infrastructure.Tests.TestSupport;

/// <summary>
/// A migrated PostgreSQL database with a unique name on the test server (<see cref="TestServices.Postgres"/>), dropped
/// after the test class.
/// </summary>
public class PostgresDatabase : TestDatabase
{
    private readonly string _name = $"lottery_test_{Guid.NewGuid():N}";
    private string? _connectionString;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("The database is created when the fixture initialises.");

    public override LotteryDbContext CreateContext(ITenantContext tenant) =>
        new PostgresLotteryDbContext(new DbContextOptionsBuilder<PostgresLotteryDbContext>().UseNpgsql(ConnectionString).Options, tenant);

    protected override async Task CreateDatabaseAsync()
    {
        var server = TestServices.Postgres;
        await ExecuteOnServerAsync(server, $"CREATE DATABASE \"{_name}\"");
        _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = _name }.ConnectionString;
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_connectionString is null)
        {
            return;
        }

        using (var connection = new NpgsqlConnection(_connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        // FORCE: a connection the code under test left open must not keep the database alive.
        await ExecuteOnServerAsync(TestServices.Postgres, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private static async Task ExecuteOnServerAsync(string server, string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A PostgreSQL database that starts empty (no migrations applied).</summary>
public sealed class EmptyPostgresDatabase : PostgresDatabase
{
    protected override bool ApplyMigrations => false;
}
