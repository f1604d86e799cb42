using Lottery.Domain.Activities;
using Lottery.Infrastructure.Persistence;
using Lottery.Infrastructure.Stock;
using Lottery.Infrastructure.Stock.Embedded;
using Lottery.Infrastructure.Tests.RedisStock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lottery.Infrastructure.Tests.Stock;

/// <summary>
/// The embedded store's group-commit journal: concurrent draws share transactions, a draw is in the database by the time
/// it is answered, and the database's guarded writes keep stock exact even with several nodes on one database.
/// </summary>
public abstract class DrawJournalTests<TDatabase>(TDatabase database)
    where TDatabase : class, IDbContextFactory<LotteryDbContext>
{
    protected TDatabase Database => database;

    [Fact]
    public async Task Concurrent_draws_share_commits_and_each_is_in_the_database_when_it_is_answered()
    {
        var s = await StockScenario.SeedAsync(database, new ActivityRules(5), [new TierSpec("Grand", 1m, 30)], 40);
        await using var journal = NewJournal();
        var store = new EmbeddedStockStore(database, journal);

        // 200 draws at once, each checked against the database the moment its answer arrives.
        var answers = await Task.WhenAll(s.Players.SelectMany(p => Enumerable.Range(0, 5).Select(_ => p)).Select(async p =>
        {
            var result = ResultAssert.Drawn(await store.DrawAsync(s.Request(p, s.Pick(0))));
            await using var db = database.CreateDbContext();
            var stored = await db.DrawRecords.IgnoreQueryFilters().AnyAsync(r => r.Id == result.DrawId)
                && (!result.Won || await db.Wins.IgnoreQueryFilters().AnyAsync(w => w.DrawId == result.DrawId));
            return (result.Won, stored);
        }));

        Assert.All(answers, a => Assert.True(a.stored, "an answered draw was not in the database yet"));
        Assert.Equal(30, answers.Count(a => a.Won));
        Assert.InRange(journal.Commits, 1, 199);
        var persisted = await Persisted.ReadAsync(database, s.ActivityId);
        Assert.Equal((200, 30, 30), (persisted.Draws, persisted.Wins, persisted.IssuedByPrize[s.PrizeOf(0)]));
    }

    [Fact]
    public async Task A_batch_counts_each_players_limits_across_its_draws_and_replays_a_repeated_key()
    {
        var s = await StockScenario.SeedAsync(database, new ActivityRules(3, MaxWinsPerPlayer: 2), [new TierSpec("Grand", 1m, 100)], 1);
        await using var journal = NewJournal();
        var store = new EmbeddedStockStore(database, journal);
        var player = s.Players[0];

        // Ten presses at once by one player with three chances and at most two wins, two of them the same press.
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => store.DrawAsync(s.Request(player, s.Pick(0), i < 2 ? "press" : null))));

        // The first press wins, its repeat answers with the same draw, one more wins; the other seven are refused.
        var first = ResultAssert.Drawn(results[0]);
        var repeat = ResultAssert.Drawn(results[1]);
        Assert.Equal((first.DrawId, true), (repeat.DrawId, repeat.Replayed));
        Assert.Equal(2, results.Count(r => r.IsSuccess && r.Value.Won && !r.Value.Replayed));
        Assert.Equal(7, results.Count(r => r.IsFailure));
        Assert.All(results.Where(r => r.IsFailure), r => Assert.Equal("win-limit-reached", r.Error!.Code));
        var persisted = await Persisted.ReadAsync(database, s.ActivityId);
        Assert.Equal((2, 2), (persisted.Draws, persisted.Wins));
    }

    protected DrawJournal NewJournal() =>
        new(database, new DrawRecordWriter(TimeProvider.System, NullLogger<DrawRecordWriter>.Instance), NullLogger<DrawJournal>.Instance);
}

public sealed class SqliteDrawJournalTests(SqliteStockDatabase database)
    : DrawJournalTests<SqliteStockDatabase>(database), IClassFixture<SqliteStockDatabase>;

public sealed class PostgresDrawJournalTests(PostgresStockDatabase database)
    : DrawJournalTests<PostgresStockDatabase>(database), IClassFixture<PostgresStockDatabase>
{
    [Fact]
    public async Task Two_nodes_journals_on_one_database_never_issue_more_than_stock()
    {
        var s = await StockScenario.SeedAsync(Database, new ActivityRules(5), [new TierSpec("Grand", 0.5m, 50)], 80);
        await using var journalA = NewJournal();
        await using var journalB = NewJournal();
        var nodes = new[] { new EmbeddedStockStore(Database, journalA), new EmbeddedStockStore(Database, journalB) };

        // 400 draws split across two nodes, each node with its own journal (its own batches and transactions).
        var results = await Task.WhenAll(s.Players.SelectMany((p, i) => Enumerable.Range(0, 5).Select(n =>
            nodes[(i + n) % 2].DrawAsync(s.Request(p, s.Pick(0))))));

        Assert.Equal(50, results.Count(r => ResultAssert.Drawn(r).Won));
        var persisted = await Persisted.ReadAsync(Database, s.ActivityId);
        Assert.Equal((400, 50, 50), (persisted.Draws, persisted.Wins, persisted.IssuedByPrize[s.PrizeOf(0)]));
    }
}
