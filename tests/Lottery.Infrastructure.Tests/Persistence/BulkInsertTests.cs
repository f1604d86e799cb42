using Lottery.Domain.Draws;
using Lottery.Domain.Players;
using Lottery.Domain.Prizes;
using Lottery.Infrastructure.Persistence;
using Lottery.Infrastructure.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Infrastructure.Tests.Persistence;

/// <summary>
/// <see cref="BulkInsert"/> writes rows exactly as EF Core would: every column, owned types sharing the table (null or
/// not), the provider's value conversions (SQLite stores instants as ticks), and as many statements as the parameter
/// limit needs.
/// </summary>
public abstract class BulkInsertTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private readonly TenantData _data = new(TestClock.New());

    [Fact]
    public async Task Draws_and_wins_written_in_bulk_read_back_as_they_were_written_and_query_by_time()
    {
        await _data.SaveAsync(database);
        var player = Expect.Success(Player.CreateGuest("Mia", "bulk", _data.Clock));
        await using (var db = database.CreateContext(_data.Tenant.Id))
        {
            db.Players.Add(player);
            await db.SaveChangesAsync();
        }

        var start = _data.Clock.GetUtcNow();
        var activity = _data.Activity;
        var tier = activity.Tiers[0];
        // 500 draws: more rows than one statement carries (11 columns; 2,000 parameters, 128 on SQLite), so several statements run.
        var draws = Enumerable.Range(0, 500).Select(i => DrawRecord.Create(Guid.CreateVersion7(), _data.Tenant.Id, activity.Id, player.Id,
            start.AddSeconds(i), i % 2 == 0 ? DrawOutcome.Won : DrawOutcome.NoPrize, i % 2 == 0 ? tier.Id : null,
            i % 2 == 0 ? _data.Phone.Id : null, i % 7, activity.DefinitionVersion, i < 3 ? $"press-{i}" : null)).ToList();
        var claimed = WinRecord.Create(draws[0].Id, _data.Tenant.Id, activity.Id, player.Id, _data.Phone.Id, tier.Id, draws[0].Id, "Phone", PrizeKind.Physical, start);
        Expect.Success(claimed.SubmitClaim(new ShippingAddress("Mia Chen", "+86 138 0000 0000", "1 Bund Rd", null, "Shanghai", null, "200000", "CN"), _data.Clock));
        var unclaimed = WinRecord.Create(draws[2].Id, _data.Tenant.Id, activity.Id, player.Id, _data.Phone.Id, tier.Id, draws[2].Id, "Phone", PrizeKind.Physical, start.AddSeconds(2));

        await using (var db = database.CreateContext())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.InsertAsync(draws, CancellationToken.None);
            await db.InsertAsync([claimed, unclaimed], CancellationToken.None);
            await tx.CommitAsync();
        }

        await using var read = database.CreateContext(_data.Tenant.Id);
        var stored = await read.DrawRecords.Where(r => r.ActivityId == activity.Id).OrderBy(r => r.DrawnAt).ToListAsync();
        Assert.Equal(
            draws.Select(d => (d.Id, d.TenantId, d.PlayerId, d.DrawnAt, d.Outcome, d.TierId, d.PrizeId, d.SegmentIndex, d.DefinitionVersion, d.IdempotencyKey)),
            stored.Select(d => (d.Id, d.TenantId, d.PlayerId, d.DrawnAt, d.Outcome, d.TierId, d.PrizeId, d.SegmentIndex, d.DefinitionVersion, d.IdempotencyKey)));
        var late = start.AddSeconds(490);
        Assert.Equal(10, await read.DrawRecords.CountAsync(r => r.ActivityId == activity.Id && r.DrawnAt >= late));

        var wins = await read.Wins.Where(w => w.ActivityId == activity.Id).OrderBy(w => w.WonAt).ToListAsync();
        Assert.Equal(2, wins.Count);
        Assert.Equal((claimed.Id, WinStatus.Claimed, claimed.WonAt, "Phone"), (wins[0].Id, wins[0].Status, wins[0].WonAt, wins[0].PrizeName));
        Assert.Equal(claimed.Claim, wins[0].Claim, ClaimComparer.Instance);
        Assert.Equal((unclaimed.Id, WinStatus.AwaitingClaim), (wins[1].Id, wins[1].Status));
        Assert.Null(wins[1].Claim);
    }

    private sealed class ClaimComparer : IEqualityComparer<Claim?>
    {
        public static readonly ClaimComparer Instance = new();

        public bool Equals(Claim? x, Claim? y) =>
            x is not null && y is not null && x.Address == y.Address && x.SubmittedAt == y.SubmittedAt
            && x.TrackingNumber == y.TrackingNumber && x.ShippedAt == y.ShippedAt && x.DeliveredAt == y.DeliveredAt;

        public int GetHashCode(Claim? obj) => obj?.SubmittedAt.GetHashCode() ?? 0;
    }
}

public sealed class SqliteBulkInsertTests(SqliteDatabase database) : BulkInsertTests<SqliteDatabase>(database);

public sealed class PostgresBulkInsertTests(PostgresDatabase database) : BulkInsertTests<PostgresDatabase>(database);
