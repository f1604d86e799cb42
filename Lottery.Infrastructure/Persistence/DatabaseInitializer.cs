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

        if (demo.Value.Seed)
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Bringing the {Provider} database up to date")]
    private partial void LogMigrating(DatabaseProvider provider);
}
