using Lottery.Infrastructure.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Infrastructure.Tests.Persistence;

/// <summary>
/// Stock rows carry an optimistic concurrency token: of two contexts that change the same row, the second to save
/// fails instead of overwriting the first.
/// </summary>
public abstract class ConcurrencyTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private readonly TenantData _data = new(TestClock.New());

    public Task InitializeAsync() => _data.SaveAsync(database);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Two_contexts_changing_the_same_prize_pool_the_second_save_throws_a_concurrency_exception()
    {
        var id = _data.Phone.Id;
        await using var first = database.CreateContext(_data.Tenant.Id);
        await using var second = database.CreateContext(_data.Tenant.Id);
        var mine = await first.Prizes.SingleAsync(p => p.Id == id);
        var theirs = await second.Prizes.SingleAsync(p => p.Id == id);

        Expect.Success(mine.AdjustPool(+7));
        await first.SaveChangesAsync();
        Expect.Success(theirs.AdjustPool(-1));

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        await using var check = database.CreateContext(_data.Tenant.Id);
        Assert.Equal(_data.Phone.PoolStock + 7, (await check.Prizes.SingleAsync(p => p.Id == id)).PoolStock);
    }

    [Fact]
    public async Task Two_contexts_issuing_from_the_same_activity_pool_the_second_save_throws_a_concurrency_exception()
    {
        var id = _data.Activity.Prizes.Single(p => p.PrizeId == _data.Phone.Id).Id;
        await using var first = database.CreateContext(_data.Tenant.Id);
        await using var second = database.CreateContext(_data.Tenant.Id);
        var mine = await first.ActivityPrizes.SingleAsync(p => p.Id == id);
        var theirs = await second.ActivityPrizes.SingleAsync(p => p.Id == id);

        Expect.Success(mine.RecordIssued());
        await first.SaveChangesAsync();
        Expect.Success(theirs.RecordIssued());

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        await using var check = database.CreateContext(_data.Tenant.Id);
        Assert.Equal(1, (await check.ActivityPrizes.SingleAsync(p => p.Id == id)).Issued);
    }
}

public sealed class SqliteConcurrencyTests(SqliteDatabase database) : ConcurrencyTests<SqliteDatabase>(database);

public sealed class PostgresConcurrencyTests(PostgresDatabase database) : ConcurrencyTests<PostgresDatabase>(database);
