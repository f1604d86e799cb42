using Microsoft.EntityFrameworkCore;

namespace Lottery.Infrastructure.Tests.Persistence;

/// <summary>Each provider's migration set builds its schema from nothing and matches the current model.</summary>
public abstract class MigrationTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    [Fact]
    public async Task The_migrations_apply_to_an_empty_database()
    {
        await using var db = database.CreateContext();
        Assert.Empty(await db.Database.GetAppliedMigrationsAsync());

        await db.Database.MigrateAsync();

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Activities.IgnoreQueryFilters().CountAsync());
        Assert.Equal(0, await db.Users.CountAsync());
    }

    [Fact]
    public async Task The_migrations_match_the_model_so_no_model_change_is_pending()
    {
        await using var db = database.CreateContext();

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {database.Provider} model has changes no migration captures: run scripts/add-migration.sh <Name>.");
    }
}

public sealed class SqliteMigrationTests(EmptySqliteDatabase database) : MigrationTests<EmptySqliteDatabase>(database);

public sealed class PostgresMigrationTests(EmptyPostgresDatabase database) : MigrationTests<EmptyPostgresDatabase>(database);
