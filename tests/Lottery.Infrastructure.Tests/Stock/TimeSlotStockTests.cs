using Lottery.Domain.Activities;
using Lottery.Domain.Draws;
using Lottery.Domain.Stock;
using Lottery.Infrastructure.Persistence;
using Lottery.Infrastructure.Stock;
using Lottery.Infrastructure.Stock.Embedded;
using Lottery.Infrastructure.Stock.Redis;
using Lottery.Infrastructure.Tests.RedisStock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Lottery.Infrastructure.Tests.Stock;

/// <summary>
/// Time-slot stock in each store mode (embedded SQLite, embedded PostgreSQL, Redis + PostgreSQL), under concurrency and
/// with a fake clock: a slot hands out exactly its quota, what it leaves rolls into the next, and the total never passes
/// the stock. Every draw's instant comes from the scenario's clock.
/// </summary>
public abstract class TimeSlotStockTests<TFixture>(TFixture fixture)
    where TFixture : class, IDbContextFactory<LotteryDbContext>
{
    protected const int Players = 100;

    protected TFixture Fixture => fixture;

    protected abstract IStockStore Store { get; }

    /// <summary>Starts whatever moves accepted draws into the database (the Redis consumer); embedded stores need nothing.</summary>
    protected virtual Task<IAsyncDisposable> PersistingAsync() => Task.FromResult<IAsyncDisposable>(new Nothing());

    [Fact]
    public async Task Parallel_draws_issue_exactly_the_slot_quota_and_an_unplayed_slot_rolls_into_the_next()
    {
        var s = await SeedAsync([5, 5, 5]);
        var start = s.Activity.Schedule.StartsAt;

        List<DrawResult> first, third, after;
        await using (await PersistingAsync())
        {
            s.Clock.SetUtcNow(start.AddMinutes(10));
            first = await DrawInParallelAsync(s);

            // Nobody plays in the second hour; the third hour hands out its own 5 and the second hour's 5.
            s.Clock.SetUtcNow(start.AddHours(2).AddMinutes(1));
            third = await DrawInParallelAsync(s);
            after = await DrawInParallelAsync(s);
            await Store.FlushAsync(s.ActivityId);
        }

        Assert.Equal(5, first.Count(r => r.Won));
        Assert.Equal(Players - 5, first.Count(r => r.Outcome == DrawOutcome.SoldOut));
        Assert.All(first.Where(r => !r.Won), r => Assert.Equal(s.NoPrizeSegment, r.SegmentIndex));
        Assert.Equal(10, third.Count(r => r.Won));
        Assert.Equal(0, after.Count(r => r.Won));
        var db = await Persisted.ReadAsync(fixture, s.ActivityId);
        Assert.Equal(3 * Players, db.Draws);
        Assert.Equal(15, db.Wins);
        Assert.Equal(15, db.IssuedByPrize[s.PrizeOf(0)]);
        Assert.Equal(0, (await Store.RemainingStockAsync(s.ActivityId))[s.PrizeOf(0)]);
    }

    [Fact]
    public async Task What_a_slot_leaves_rolls_over_and_the_next_slot_issues_exactly_its_quota_plus_the_rest_under_concurrency()
    {
        var s = await SeedAsync([5, 5, 5]);
        var start = s.Activity.Schedule.StartsAt;

        List<DrawResult> second;
        await using (await PersistingAsync())
        {
            s.Clock.SetUtcNow(start.AddMinutes(59));
            for (var i = 0; i < 3; i++)
            {
                Assert.True(ResultAssert.Drawn(await Store.DrawAsync(s.Request(s.Players[i], s.Pick(0)))).Won);
            }

            s.Clock.SetUtcNow(start.AddHours(1));
            second = await DrawInParallelAsync(s);
            await Store.FlushAsync(s.ActivityId);
        }

        Assert.Equal(7, second.Count(r => r.Won)); // 5 of its own + the 2 the first hour left
        Assert.Equal(10, (await Persisted.ReadAsync(fixture, s.ActivityId)).IssuedByPrize[s.PrizeOf(0)]);
        Assert.Equal(5, (await Store.RemainingStockAsync(s.ActivityId))[s.PrizeOf(0)]);
    }

    [Fact]
    public async Task A_used_up_slot_behaves_like_sold_out_stock_and_falls_back_to_the_consolation_tier()
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(5),
            [
                new TierSpec("Grand", 0.5m, 3, Slots: new TimeSlotPlan(TimeSlotPlan.Hour)),
                new TierSpec("Thanks", 0.5m, 10, IsConsolation: true),
            ],
            2, SoldOutBehavior.Consolation, window: TimeSpan.FromHours(3));
        s.Clock.SetUtcNow(s.Activity.Schedule.StartsAt.AddMinutes(5));
        await Store.SyncActivityAsync(s.Limits);

        var won = ResultAssert.Drawn(await Store.DrawAsync(s.Request(s.Players[0], s.Pick(0, fallback: 1))));
        var consoled = ResultAssert.Drawn(await Store.DrawAsync(s.Request(s.Players[1], s.Pick(0, fallback: 1))));
        var noFallback = ResultAssert.Drawn(await Store.DrawAsync(s.Request(s.Players[1], s.Pick(0))));
        s.Clock.SetUtcNow(s.Activity.Schedule.StartsAt.AddHours(1));
        var nextHour = ResultAssert.Drawn(await Store.DrawAsync(s.Request(s.Players[1], s.Pick(0, fallback: 1))));

        Assert.Equal((DrawOutcome.Won, s.PrizeOf(0)), (won.Outcome, won.PrizeId!.Value));
        Assert.Equal((DrawOutcome.Won, s.PrizeOf(1)), (consoled.Outcome, consoled.PrizeId!.Value));
        Assert.Equal((DrawOutcome.SoldOut, (Guid?)null), (noFallback.Outcome, noFallback.PrizeId));
        Assert.Equal((DrawOutcome.Won, s.PrizeOf(0)), (nextHour.Outcome, nextHour.PrizeId!.Value));
    }

    /// <summary>A running activity of three hours whose one prize (100% odds) is released hourly with these quotas.</summary>
    protected async Task<StockScenario> SeedAsync(int[] quotas)
    {
        var s = await StockScenario.SeedAsync(fixture, new ActivityRules(5),
            [new TierSpec("Grand", 1m, quotas.Sum(), Slots: new TimeSlotPlan(TimeSlotPlan.Hour, quotas))],
            Players, window: TimeSpan.FromHours(quotas.Length));
        await Store.SyncActivityAsync(s.Limits);
        return s;
    }

    /// <summary>Every player draws once, all at the same moment (the scenario clock's).</summary>
    protected async Task<List<DrawResult>> DrawInParallelAsync(StockScenario s)
    {
        var results = await Task.WhenAll(s.Players.Select(p => Task.Run(() => Store.DrawAsync(s.Request(p, s.Pick(0))))));
        return [.. results.Select(ResultAssert.Drawn)];
    }

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>A migrated SQLite database that hands out contexts as the embedded store asks for them.</summary>
public sealed class SqliteStockDatabase : SqliteDatabase, IDbContextFactory<LotteryDbContext>
{
    public LotteryDbContext CreateDbContext() => CreateContext();
}

/// <summary>A migrated PostgreSQL database that hands out contexts as the embedded store asks for them.</summary>
public sealed class PostgresStockDatabase : PostgresDatabase, IDbContextFactory<LotteryDbContext>
{
    public LotteryDbContext CreateDbContext() => CreateContext();
}

public sealed class EmbeddedSqliteTimeSlotTests(SqliteStockDatabase database)
    : TimeSlotStockTests<SqliteStockDatabase>(database), IClassFixture<SqliteStockDatabase>
{
    protected override IStockStore Store { get; } = new EmbeddedStockStore(database,
        new DrawJournal(database, new DrawRecordWriter(TimeProvider.System, NullLogger<DrawRecordWriter>.Instance), NullLogger<DrawJournal>.Instance));
}

public sealed class EmbeddedPostgresTimeSlotTests(PostgresStockDatabase database)
    : TimeSlotStockTests<PostgresStockDatabase>(database), IClassFixture<PostgresStockDatabase>
{
    protected override IStockStore Store { get; } = new EmbeddedStockStore(database,
        new DrawJournal(database, new DrawRecordWriter(TimeProvider.System, NullLogger<DrawRecordWriter>.Instance), NullLogger<DrawJournal>.Instance));
}

/// <summary>Redis mode: the draw script enforces the slot, the journal guards it again; a rebuild keeps the accounting.</summary>
public sealed class RedisTimeSlotTests(RedisStockFixture fixture)
    : TimeSlotStockTests<RedisStockFixture>(fixture), IClassFixture<RedisStockFixture>
{
    private readonly StockComponents _c = fixture.Components();

    protected override IStockStore Store => _c.Store;

    protected override async Task<IAsyncDisposable> PersistingAsync() => await RunningConsumer.StartAsync(_c.Consumer());

    [Fact]
    public async Task Counters_rebuilt_mid_slot_from_the_database_keep_the_slot_accounting()
    {
        var s = await SeedAsync([5, 5, 5]);
        var start = s.Activity.Schedule.StartsAt;
        s.Clock.SetUtcNow(start.AddMinutes(30));

        // Five wins, every draw committed with its answer; then every counter is lost.
        Assert.Equal(5, (await DrawInParallelAsync(s)).Count(r => r.Won));
        Assert.Equal(Players, (await Persisted.ReadAsync(Fixture, s.ActivityId)).Draws);
        await LoseCountersAsync(s);
        var sameSlot = await DrawInParallelAsync(s);

        await LoseCountersAsync(s);
        s.Clock.SetUtcNow(start.AddHours(1).AddMinutes(30));
        List<DrawResult> nextSlot;
        await using (await PersistingAsync())
        {
            nextSlot = await DrawInParallelAsync(s);
            await Store.FlushAsync(s.ActivityId);
        }

        Assert.Equal(0, sameSlot.Count(r => r.Won));
        Assert.Equal(5, nextSlot.Count(r => r.Won));
        var db = await Persisted.ReadAsync(Fixture, s.ActivityId);
        Assert.Equal(10, db.IssuedByPrize[s.PrizeOf(0)]);
        Assert.Equal(3 * Players, db.Draws);
        Assert.True((await _c.Reconciler().ReconcileAsync(s.ActivityId)).IsConsistent);
    }

    private async Task LoseCountersAsync(StockScenario s)
    {
        var keys = new List<RedisKey> { RedisKeys.Stock(s.ActivityId) };
        keys.AddRange(s.Players.Select(p => RedisKeys.Player(s.ActivityId, p)));
        await (await Fixture.RedisDatabaseAsync()).KeyDeleteAsync([.. keys]);
    }
}
