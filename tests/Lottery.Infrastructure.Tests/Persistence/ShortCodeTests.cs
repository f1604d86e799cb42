using Lottery.Domain.Activities;
using Lottery.Infrastructure.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Lottery.Infrastructure.Tests.Persistence;

/// <summary>Short codes (<c>/p/{code}</c>): given on creation, never shared, and backfilled by the migration for activities made before.</summary>
public abstract class ShortCodeTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    [Fact]
    public async Task Activities_made_before_short_codes_get_distinct_valid_codes_when_the_migration_runs()
    {
        var tenants = new[] { new TenantData(TestClock.New()), new TenantData(TestClock.New()), new TenantData(TestClock.New()) };
        foreach (var tenant in tenants)
        {
            await tenant.SaveAsync(database);
        }

        await using (var db = database.CreateContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var added = migrations.FindIndex(m => m.EndsWith("_ActivityShortCode", StringComparison.Ordinal));
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[added - 1]);
            await migrator.MigrateAsync();
        }

        await using var after = database.CreateContext();
        var ids = tenants.Select(t => t.Activity.Id).ToList();
        var codes = await after.Activities.IgnoreQueryFilters().IgnoreAutoIncludes().Where(a => ids.Contains(a.Id)).Select(a => a.ShortCode).ToListAsync();
        Assert.Equal(3, codes.Count);
        Assert.All(codes, c => Assert.Equal(c, ShortCodes.Normalize(c)));
        Assert.Equal(3, codes.Distinct(StringComparer.Ordinal).Count());
        // The codes were drawn again, not kept from before the migration.
        Assert.DoesNotContain(tenants, t => codes.Contains(t.Activity.ShortCode));
    }

    [Fact]
    public async Task A_new_activity_whose_drawn_code_is_taken_gets_another_before_it_is_saved()
    {
        var first = new TenantData(TestClock.New());
        await first.SaveAsync(database);
        var second = new TenantData(TestClock.New());

        await using (var db = database.CreateContext(second.Tenant.Id))
        {
            db.Tenants.Add(second.Tenant);
            db.Prizes.AddRange(second.Catalogue);
            db.Activities.Add(second.Activity);
            db.Entry(second.Activity).Property(a => a.ShortCode).CurrentValue = first.Activity.ShortCode;
            await db.SaveChangesAsync();
        }

        Assert.NotEqual(first.Activity.ShortCode, second.Activity.ShortCode);
        Assert.Equal(second.Activity.ShortCode, ShortCodes.Normalize(second.Activity.ShortCode));
        await using var check = database.CreateContext();
        Assert.Equal(1, await check.Activities.IgnoreQueryFilters().CountAsync(a => a.ShortCode == first.Activity.ShortCode));
    }

    [Fact]
    public async Task The_database_refuses_a_second_activity_with_the_same_code()
    {
        var first = new TenantData(TestClock.New());
        await first.SaveAsync(database);
        var second = new TenantData(TestClock.New());
        await second.SaveAsync(database);

        await using var db = database.CreateContext();
        var update = db.Activities.IgnoreQueryFilters().Where(a => a.Id == second.Activity.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ShortCode, first.Activity.ShortCode));

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => update);
        Assert.True(Lottery.Infrastructure.Persistence.DatabaseErrors.IsConstraintViolation(refused.GetBaseException()), refused.ToString());
    }
}

public sealed class SqliteShortCodeTests(SqliteDatabase database) : ShortCodeTests<SqliteDatabase>(database);

public sealed class PostgresShortCodeTests(PostgresDatabase database) : ShortCodeTests<PostgresDatabase>(database);
