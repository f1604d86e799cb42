using Lottery.Infrastructure.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Infrastructure.Tests.Persistence;

/// <summary>A context scoped to one tenant neither sees nor writes another tenant's rows.</summary>
public abstract class TenantIsolationTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private readonly TenantData _a = new(TestClock.New());
    private readonly TenantData _b = new(TestClock.New());

    public async Task InitializeAsync()
    {
        await _a.SaveAsync(database);
        await _b.SaveAsync(database);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_tenant_sees_only_its_own_activities_prizes_and_pools()
    {
        await using var db = database.CreateContext(_a.Tenant.Id);

        Assert.Equal([_a.Activity.Id], await db.Activities.Select(a => a.Id).ToListAsync());
        Assert.Equal(_a.Catalogue.Select(p => p.Id).Order(), (await db.Prizes.Select(p => p.Id).ToListAsync()).Order());
        Assert.All(await db.ActivityPrizes.ToListAsync(), p => Assert.Equal(_a.Tenant.Id, p.TenantId));
        Assert.Null(await db.Activities.FindAsync(_b.Activity.Id));
        Assert.Null(await db.Prizes.FindAsync(_b.Phone.Id));
        Assert.False(await db.ActivityPrizes.AnyAsync(p => p.ActivityId == _b.Activity.Id));
        // The other tenant's rows are there; only the filter hides them.
        Assert.True(await db.Activities.IgnoreQueryFilters().AnyAsync(a => a.Id == _b.Activity.Id));
    }

    [Fact]
    public async Task A_context_without_a_tenant_sees_no_tenant_owned_rows()
    {
        await using var db = database.CreateContext();

        Assert.False(await db.Activities.AnyAsync());
        Assert.False(await db.Prizes.AnyAsync());
        Assert.False(await db.ActivityPrizes.AnyAsync());
    }

    [Fact]
    public async Task Saving_another_tenants_modified_prize_in_ones_own_scope_throws_and_writes_nothing()
    {
        await using (var db = database.CreateContext(_a.Tenant.Id))
        {
            var theirs = await db.Prizes.IgnoreQueryFilters().SingleAsync(p => p.Id == _b.Phone.Id);
            Expect.Success(theirs.AdjustPool(+100));

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains("another tenant", error.Message, StringComparison.Ordinal);
        }

        await using var owner = database.CreateContext(_b.Tenant.Id);
        var phone = await owner.Prizes.SingleAsync(p => p.Id == _b.Phone.Id);
        Assert.Equal((_b.Phone.PoolStock, _b.Phone.Version), (phone.PoolStock, phone.Version));
    }

    [Fact]
    public async Task Saving_another_tenants_modified_activity_in_ones_own_scope_throws_and_writes_nothing()
    {
        await using (var db = database.CreateContext(_a.Tenant.Id))
        {
            var theirs = await db.Activities.IgnoreQueryFilters().SingleAsync(a => a.Id == _b.Activity.Id);
            Expect.Success(theirs.Cancel(_a.Clock));

            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        await using var owner = database.CreateContext(_b.Tenant.Id);
        var activity = await owner.Activities.SingleAsync(a => a.Id == _b.Activity.Id);
        Assert.Equal((_b.Activity.Status, _b.Activity.Version), (activity.Status, activity.Version));
    }
}

public sealed class SqliteTenantIsolationTests(SqliteDatabase database) : TenantIsolationTests<SqliteDatabase>(database);

public sealed class PostgresTenantIsolationTests(PostgresDatabase database) : TenantIsolationTests<PostgresDatabase>(database);
