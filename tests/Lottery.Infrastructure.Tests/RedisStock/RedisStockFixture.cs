using Lottery.Infrastructure.Persistence;
using Lottery.Infrastructure.Stock;
using Lottery.Infrastructure.Stock.Embedded;
using Lottery.Infrastructure.Stock.Redis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Lottery.Infrastructure.Tests.RedisStock;

/// <summary>
/// The real services the Redis stock tests run against: a PostgreSQL database of its own per test class (created and
/// migrated here, dropped afterwards) and the shared test Redis (every key is per activity, so classes never collide).
/// The services come from <see cref="TestServices"/> (<c>./test.sh</c> sets them); without them the tests fail.
/// </summary>
public class RedisStockFixture : IAsyncLifetime, IDbContextFactory<LotteryDbContext>
{
    private readonly string _redis;
    private readonly string _database = ThrowawayPostgres.NewName("lottery_redis");
    private readonly List<RedisConnection> _connections = [];
    private readonly List<DrawJournal> _journals = [];
    private string _connectionString = "";

    public RedisStockFixture()
        : this(TestServices.Redis)
    {
    }

    /// <param name="redis">The Redis configuration: one server, or the seed nodes of a Redis Cluster.</param>
    protected RedisStockFixture(string redis) => _redis = redis;

    public RedisConnection Redis { get; private set; } = null!;

    /// <summary>The connection string of this fixture's own database.</summary>
    public string ConnectionString => _connectionString;

    /// <summary>The Redis configuration the fixture connects with (<c>host:port</c>, or a cluster's seed nodes).</summary>
    public string RedisAddress => _redis;

    public async Task InitializeAsync()
    {
        await ThrowawayPostgres.CreateAsync(_database);
        _connectionString = ThrowawayPostgres.ConnectionString(_database, c => c.MaxPoolSize = 30);
        await using (var db = CreateDbContext())
        {
            await db.Database.MigrateAsync();
        }

        Redis = NewRedisConnection();
    }

    public async Task DisposeAsync()
    {
        foreach (var journal in _journals)
        {
            await journal.DisposeAsync();
        }

        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        await ThrowawayPostgres.DropAsync(_database);
    }

    public LotteryDbContext CreateDbContext() =>
        new PostgresLotteryDbContext(new DbContextOptionsBuilder<PostgresLotteryDbContext>().UseNpgsql(_connectionString).Options, new TenantScope());

    public async Task<IDatabase> RedisDatabaseAsync() => await Redis.GetDatabaseAsync();

    public async Task<IServer> RedisServerAsync()
    {
        var multiplexer = await Redis.GetAsync();
        return multiplexer.GetServer(multiplexer.GetEndPoints()[0]);
    }

    /// <summary>A separate connection (as another process would have), closed with the fixture.</summary>
    public RedisConnection NewRedisConnection()
    {
        var connection = new RedisConnection(Options.Create(new RedisOptions { Configuration = $"{_redis},allowAdmin=true" }));
        _connections.Add(connection);
        return connection;
    }

    /// <summary>
    /// The store and its collaborators, wired as the application wires them (one set per simulated process).
    /// <paramref name="journalDatabase"/>: where this process's journal commits (default: the fixture's database; a
    /// database that cannot be reached stands for a node that dies between the draw script and its commit).
    /// </summary>
    public StockComponents Components(RedisOptions? options = null, RedisConnection? connection = null,
        IDbContextFactory<LotteryDbContext>? journalDatabase = null)
    {
        options ??= new RedisOptions { Configuration = _redis };
        var redis = connection ?? Redis;
        var wrapped = Options.Create(options);
        var scripts = new RedisScriptRunner(redis);
        var records = new RedisDrawRecords(redis, scripts);
        var signal = new StreamActivitySignal();
        var journal = NewJournal(journalDatabase ?? this);
        var rebuilder = new RedisCounterRebuilder(redis, scripts, records, this, wrapped, NullLogger<RedisCounterRebuilder>.Instance);
        var store = new RedisStockStore(redis, scripts, rebuilder, records, journal, this, signal, TimeProvider.System, wrapped);
        return new StockComponents(this, redis, scripts, records, signal, rebuilder, journal, store, options);
    }

    /// <summary>A draw journal on <paramref name="database"/>, disposed with the fixture.</summary>
    public DrawJournal NewJournal(IDbContextFactory<LotteryDbContext> database)
    {
        var journal = new DrawJournal(database, new DrawRecordWriter(TimeProvider.System, NullLogger<DrawRecordWriter>.Instance),
            NullLogger<DrawJournal>.Instance);
        _journals.Add(journal);
        return journal;
    }

    /// <summary>A database nobody listens on: every commit through it fails at once, as on a node whose database is gone.</summary>
    public static IDbContextFactory<LotteryDbContext> Unreachable { get; } = new UnreachableDatabase();

    private sealed class UnreachableDatabase : IDbContextFactory<LotteryDbContext>
    {
        public LotteryDbContext CreateDbContext() => new PostgresLotteryDbContext(
            new DbContextOptionsBuilder<PostgresLotteryDbContext>().UseNpgsql("Host=127.0.0.1;Port=9;Username=nobody;Timeout=2").Options,
            new TenantScope());
    }

}

/// <summary>The same fixture on a Redis Cluster of three primaries: each activity's keys share its hash slot.</summary>
public sealed class RedisClusterStockFixture() : RedisStockFixture(TestServices.RedisCluster);

/// <summary>One simulated process: a store plus the means to start consumers beside it.</summary>
public sealed record StockComponents(
    RedisStockFixture Fixture,
    RedisConnection Redis,
    RedisScriptRunner Scripts,
    RedisDrawRecords Records,
    StreamActivitySignal Signal,
    RedisCounterRebuilder Rebuilder,
    DrawJournal Journal,
    RedisStockStore Store,
    RedisOptions Options)
{
    /// <summary>A consumer of this process (its journal on the fixture's database) taking over records older than <paramref name="orphanAfter"/>.</summary>
    public DrawRecordConsumer Consumer(TimeSpan? orphanAfter = null, int batchSize = 256)
    {
        var options = new RedisOptions
        {
            Configuration = Options.Configuration,
            OrphanAfter = orphanAfter ?? TimeSpan.Zero,
            ConsumerIdleDelay = TimeSpan.FromMilliseconds(50),
            ConsumerBatchSize = batchSize,
        };
        return new DrawRecordConsumer(Records, Scripts, Fixture.NewJournal(Fixture), Fixture, Signal, TimeProvider.System,
            Microsoft.Extensions.Options.Options.Create(options), NullLogger<DrawRecordConsumer>.Instance);
    }

    public StockReconciler Reconciler() => new(Scripts, Fixture);

    /// <summary>
    /// Draws through this process when its commits fail (<see cref="RedisStockFixture.Unreachable"/>): none is answered,
    /// each leaves its record in the stream as an orphan. <paramref name="tier"/>: the tier picked (null: no prize).
    /// </summary>
    public async Task<List<Guid>> OrphansAsync(StockScenario s, Guid player, int count, int? tier = null)
    {
        ArgumentNullException.ThrowIfNull(s);
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var request = s.Request(player, s.Pick(tier));
            await Assert.ThrowsAnyAsync<Exception>(() => Store.DrawAsync(request));
            ids.Add(request.DrawId);
        }

        return ids;
    }
}
