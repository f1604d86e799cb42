using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Lottery.Infrastructure.Persistence;

/// <summary>Used only by dotnet-ef (scripts/add-migration.sh) to build the SQLite model; no database is opened.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLotteryDbContext>
{
    public SqliteLotteryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteLotteryDbContext>().UseSqlite("Data Source=design-time.db").Options, new TenantScope());
}

/// <summary>Used only by dotnet-ef (scripts/add-migration.sh) to build the PostgreSQL model; no database is opened.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresLotteryDbContext>
{
    public PostgresLotteryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresLotteryDbContext>().UseNpgsql("Host=localhost;Database=lottery_design").Options, new TenantScope());
}

/// <summary>Used only by dotnet-ef (scripts/add-migration.sh) to build the SQL Server model; no database is opened.</summary>
internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerLotteryDbContext>
{
    public SqlServerLotteryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerLotteryDbContext>().UseSqlServer("Server=localhost;Database=lottery_design").Options, new TenantScope());
}
