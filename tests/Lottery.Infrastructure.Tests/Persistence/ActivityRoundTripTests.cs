using Lottery.Domain.Activities;
using Lottery.Infrastructure.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Infrastructure.Tests.Persistence;

/// <summary>An activity and its reserved stock come back from the database exactly as they were saved.</summary>
public abstract class ActivityRoundTripTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private readonly TenantData _data = new(TestClock.New());

    [Fact]
    public async Task A_published_activity_with_tiers_rules_tasks_and_rounds_round_trips_with_its_definition()
    {
        var saved = _data.Activity;
        await _data.SaveAsync(database);

        await using var db = database.CreateContext(_data.Tenant.Id);
        var loaded = await db.Activities.SingleAsync(a => a.Id == saved.Id);

        AssertSameDefinition(_data.Definition, loaded.ToDefinition());
        Assert.Equal(
            (saved.TenantId, saved.Kind, ActivityStatus.Published, saved.Version, saved.DefinitionVersion, saved.CreatedAt, saved.UpdatedAt, saved.PublishedAt, saved.EndedAt),
            (loaded.TenantId, loaded.Kind, loaded.Status, loaded.Version, loaded.DefinitionVersion, loaded.CreatedAt, loaded.UpdatedAt, loaded.PublishedAt, loaded.EndedAt));
        Assert.Equal(
            saved.Tiers.SelectMany(t => t.Slots).Select(s => (s.Id, s.TierId, s.PrizeId)).Order(),
            loaded.Tiers.SelectMany(t => t.Slots).Select(s => (s.Id, s.TierId, s.PrizeId)).Order());
    }

    [Fact]
    public async Task Publishing_stores_one_reserved_pool_per_prize_and_the_reduced_catalogue_stock()
    {
        await _data.SaveAsync(database);

        await using var db = database.CreateContext(_data.Tenant.Id);
        var pools = await db.ActivityPrizes.Where(p => p.ActivityId == _data.Activity.Id).ToListAsync();
        var prizes = await db.Prizes.ToListAsync();

        Assert.Equal(
            _data.Activity.Prizes.Select(Row).OrderBy(r => r.PrizeId),
            pools.Select(Row).OrderBy(r => r.PrizeId));
        Assert.Equal(TenantData.PhoneAllocation, pools.Single(p => p.PrizeId == _data.Phone.Id).Allocated);
        Assert.All(pools, p => Assert.True(p.IsReserved));
        (Guid Id, int PoolStock, int Version)[] expected =
        [
            (_data.Phone.Id, TenantData.PhonePool - TenantData.PhoneAllocation, 1),
            (_data.Voucher.Id, TenantData.VoucherPool - TenantData.VoucherAllocation, 1),
            (_data.Points.Id, TenantData.PointsPool - TenantData.PointsAllocation, 1),
        ];
        Assert.Equal(expected.OrderBy(p => p.Id), prizes.Select(p => (p.Id, p.PoolStock, p.Version)).OrderBy(p => p.Id));
        Assert.Equal(_data.Phone.UnitCost, prizes.Single(p => p.Id == _data.Phone.Id).UnitCost);
        Assert.Equal(50, prizes.Single(p => p.Id == _data.Points.Id).Points);
    }

    private static (Guid PrizeId, Guid Id, Guid TenantId, int Allocated, int Issued, bool IsReserved, int Returned, DateTimeOffset? ReturnedAt, int Version) Row(ActivityPrize p) =>
        (p.PrizeId, p.Id, p.TenantId, p.Allocated, p.Issued, p.IsReserved, p.Returned, p.ReturnedAt, p.Version);

    /// <summary>Record equality stops at the lists inside a definition, so those are compared item by item, in order.</summary>
    private static void AssertSameDefinition(ActivityDefinition expected, ActivityDefinition actual)
    {
        Assert.Equal(
            (expected.Name, expected.Kind, expected.StartsAt, expected.EndsAt, expected.DrawAt, expected.Rules, expected.Gameplay, expected.Theme, expected.Description, expected.SoldOut),
            (actual.Name, actual.Kind, actual.StartsAt, actual.EndsAt, actual.DrawAt, actual.Rules, actual.Gameplay, actual.Theme, actual.Description, actual.SoldOut));
        Assert.Equal(expected.Tiers.Count, actual.Tiers.Count);
        for (var i = 0; i < expected.Tiers.Count; i++)
        {
            var (e, a) = (expected.Tiers[i], actual.Tiers[i]);
            Assert.Equal(
                (e.Name, e.Probability, e.Color, e.IsConsolation, e.MaxWinsPerPlayer),
                (a.Name, a.Probability, a.Color, a.IsConsolation, a.MaxWinsPerPlayer));
            Assert.Equal(e.Prizes, a.Prizes);
        }

        Assert.Equal(expected.TasksOrEmpty, actual.TasksOrEmpty);
        Assert.Equal(expected.RoundsOrEmpty, actual.RoundsOrEmpty);
    }
}

public sealed class SqliteActivityRoundTripTests(SqliteDatabase database) : ActivityRoundTripTests<SqliteDatabase>(database);

public sealed class PostgresActivityRoundTripTests(PostgresDatabase database) : ActivityRoundTripTests<PostgresDatabase>(database);
