using Lottery.Infrastructure.Persistence;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Extensibility;
using Quartz.Impl;
using Quartz.Impl.AdoJobStore;

namespace Lottery.Infrastructure.Tests.Persistence;

/// <summary>
/// <c>Database:Provider</c> as <c>AddInfrastructure</c> composes it: the provider's own context type behind
/// <see cref="IDbContextFactory{LotteryDbContext}"/>, and Quartz's job store on the same database with that database's
/// driver delegate. Nothing here opens a connection (SQL Server has no engine in the test environment).
/// </summary>
public sealed class ProviderSelectionTests
{
    private const string NoServer = "Server=tcp:127.0.0.1,9;Database=lottery_wiring;Connect Timeout=1;Encrypt=False";

    private static IHost Build(string provider, string connectionString, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Lottery"] = connectionString,
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return TestHost.Build(settings);
    }

    [Fact]
    public async Task SqlServer_resolves_the_sql_server_context_through_the_provider_neutral_factory()
    {
        using var host = Build("SqlServer", NoServer);
        await using var scope = host.Services.CreateAsyncScope();

        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContextAsync();

        Assert.IsType<SqlServerLotteryDbContext>(db);
        Assert.True(db.Database.IsSqlServer());
        var connection = new SqlConnectionStringBuilder(db.Database.GetConnectionString());
        Assert.Equal(("tcp:127.0.0.1,9", "lottery_wiring"), (connection.DataSource, connection.InitialCatalog));
        Assert.Equal(DatabaseProvider.SqlServer, host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider);
        Assert.IsType<SqlServerLotteryDbContext>(scope.ServiceProvider.GetRequiredService<LotteryDbContext>());
    }

    [Theory]
    [InlineData("Sqlite", "Data Source=:memory:", typeof(SqliteLotteryDbContext), "Microsoft.EntityFrameworkCore.Sqlite")]
    [InlineData("Postgres", "Host=127.0.0.1;Port=9;Database=x", typeof(PostgresLotteryDbContext), "Npgsql.EntityFrameworkCore.PostgreSQL")]
    [InlineData("SqlServer", NoServer, typeof(SqlServerLotteryDbContext), "Microsoft.EntityFrameworkCore.SqlServer")]
    public async Task Each_provider_gets_its_own_context_type_and_ef_provider(string provider, string connectionString, Type contextType, string efProvider)
    {
        using var host = Build(provider, connectionString);
        await using var scope = host.Services.CreateAsyncScope();

        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContextAsync();

        Assert.IsType(contextType, db);
        Assert.Equal(efProvider, db.Database.ProviderName);
    }

    [Theory]
    [InlineData("SqlServer", NoServer, typeof(SqlServerDelegate))]
    [InlineData("Postgres", "Host=127.0.0.1;Port=9;Database=x", typeof(PostgreSQLDelegate))]
    public void A_clustered_scheduler_uses_the_job_store_of_the_database_with_its_delegate_and_creates_its_tables(
        string provider, string connectionString, Type driverDelegate)
    {
        using var host = Build(provider, connectionString);

        var store = host.Services.GetRequiredService<IJobStore>();
        Assert.True(store.SupportsPersistence);
        Assert.True(store.Clustered);
        Assert.IsType(driverDelegate, host.Services.GetRequiredService<IDriverDelegate>());
        Assert.Equal(SchemaProvisioning.CreateIfMissing, host.Services.GetRequiredService<IOptions<AdoJobStoreOptions>>().Value.SchemaProvisioning);
    }

    [Theory]
    [InlineData("SqlServer", NoServer, "false")]
    [InlineData("Sqlite", "Data Source=:memory:", "true")]
    public void Without_clustering_or_on_sqlite_the_scheduler_keeps_its_jobs_in_memory(string provider, string connectionString, string clustered)
    {
        using var host = Build(provider, connectionString, ("Scheduler:Clustered", clustered));

        var store = host.Services.GetRequiredService<IJobStore>();
        Assert.IsType<RAMJobStore>(store);
        Assert.False(store.Clustered);
    }

    [Theory]
    [InlineData("Oracle")]
    [InlineData("7")]
    public void An_unknown_provider_stops_the_start_naming_the_supported_ones(string provider)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(provider, NoServer));

        Assert.Contains($"Database:Provider is '{provider}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sqlite, Postgres, SqlServer", error.Message, StringComparison.Ordinal);
    }
}
