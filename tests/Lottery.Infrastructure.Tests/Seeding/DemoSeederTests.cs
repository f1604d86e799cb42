using Lottery.Domain.Activities;
using Lottery.Infrastructure.Persistence.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lottery.Infrastructure.Tests.Seeding;

/// <summary>
/// The demo seeder through the app's own composition: starting the host migrates an empty database and seeds the demo
/// tenant; seeding again changes nothing.
/// </summary>
public abstract class DemoSeederTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private const string ApiKey = "demo-test-key-0123456789";

    [Fact]
    public async Task Starting_the_app_seeds_the_demo_tenant_once_and_seeding_again_changes_nothing()
    {
        using var host = await StartAppAsync();
        var first = await CountAsync();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        }

        var second = await CountAsync();

        Assert.Equal(new Counts(Tenants: 1, Users: 3, Roles: 3, UserRoles: 3, ApiKeys: 1, Prizes: 4, Codes: 200, Activities: 2, Pools: 4), first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task The_seeded_instant_activity_is_running_and_the_scheduled_one_is_open_with_their_stock_reserved()
    {
        using var host = await StartAppAsync();

        Guid tenantId;
        await using (var any = database.CreateContext())
        {
            tenantId = (await any.Tenants.SingleAsync(t => t.Slug == DemoOptions.TenantSlug)).Id;
        }

        await using var db = database.CreateContext(tenantId);
        var activities = await db.Activities.ToDictionaryAsync(a => a.Name);
        var wheel = activities[DemoSeeder.InstantActivityName];
        var giveaway = activities[DemoSeeder.ScheduledActivityName];
        Assert.Equal((ActivityKind.Instant, ActivityStatus.Running), (wheel.Kind, wheel.Status));
        Assert.Equal((ActivityKind.Scheduled, ActivityStatus.Open), (giveaway.Kind, giveaway.Status));
        Assert.All(wheel.Prizes.Concat(giveaway.Prizes), p => Assert.True(p.IsReserved));
        Assert.Equal(
            [("100 points", 100_000 - 5_000), ("Coffee voucher", 200 - 150), ("Smartphone", 10 - 5), ("Tote bag", 50 - 10)],
            (await db.Prizes.ToListAsync()).Select(p => (p.Name, p.PoolStock)).OrderBy(p => p.Name, StringComparer.Ordinal));
    }

    /// <summary>
    /// Starts and stops the app's host once: migrations, then demo seeding. Both tests of the class share the database
    /// and use the same settings, so whichever runs second finds the same seeded state.
    /// </summary>
    private async Task<IHost> StartAppAsync()
    {
        var host = database.BuildHost(new Dictionary<string, string?>
        {
            ["Database:MigrateAtStart"] = "true",
            ["Demo:Seed"] = "true",
            ["Demo:ApiKey"] = ApiKey,
        });
        await host.StartAsync();
        await host.StopAsync();
        return host;
    }

    private async Task<Counts> CountAsync()
    {
        await using var db = database.CreateContext();
        return new Counts(
            await db.Tenants.CountAsync(),
            await db.Users.CountAsync(),
            await db.Roles.CountAsync(),
            await db.UserRoles.CountAsync(),
            await db.ApiKeys.IgnoreQueryFilters().CountAsync(),
            await db.Prizes.IgnoreQueryFilters().CountAsync(),
            await db.PrizeCodes.IgnoreQueryFilters().CountAsync(),
            await db.Activities.IgnoreQueryFilters().CountAsync(),
            await db.ActivityPrizes.IgnoreQueryFilters().CountAsync());
    }

    private sealed record Counts(int Tenants, int Users, int Roles, int UserRoles, int ApiKeys, int Prizes, int Codes, int Activities, int Pools);
}

public sealed class SqliteDemoSeederTests(EmptySqliteDatabase database) : DemoSeederTests<EmptySqliteDatabase>(database);

public sealed class PostgresDemoSeederTests(EmptyPostgresDatabase database) : DemoSeederTests<EmptyPostgresDatabase>(database);
