using Lottery.Infrastructure.Persistence.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lottery.Infrastructure.Persistence;

/// <summary>Applies pending migrations, then seeds the demo tenant when configured, before the server takes traffic.</summary>
internal sealed partial class DatabaseInitializer(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> database,
    IOptions<DemoOptions> demo,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (database.Value.MigrateAtStart)
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<LotteryDbContext>>()
                .CreateDbContextAsync(cancellationToken);
            // On a fresh PostgreSQL database EF reads the history table before creating it and logs that as a failed
            // command; creating it first (EF's own repository, idempotent) keeps the first start's log clean.
            LogMigrating(database.Value.Provider);
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (database.Value.Provider == DatabaseProvider.Sqlite)
        {
            await UseWriteAheadLogAsync(scope.ServiceProvider, cancellationToken);
        }

        if (demo.Value.Seed)
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// A SQLite file database runs in write-ahead-log mode (decision 020): a commit appends its pages to the log and
    /// syncs that one file, instead of writing a rollback journal, syncing it, writing the database, syncing it and
    /// deleting the journal; readers do not block the writer. The mode is stored in the file, so setting it once at
    /// start covers every connection. The synchronous level stays SQLite's default (FULL): a committed transaction
    /// survives a power loss, not only an app crash. An in-memory database keeps its own mode.
    /// </summary>
    private async Task UseWriteAheadLogAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = await command.ExecuteScalarAsync(cancellationToken) as string;
        LogJournalMode(mode ?? "");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite journal mode: {Mode}")]
    private partial void LogJournalMode(string mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bringing the {Provider} database up to date")]
    private partial void LogMigrating(DatabaseProvider provider);
}
