using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lottery.TestSupport;

/// <summary>How the app under test stores stock: the production shapes.</summary>
public enum StoreMode
{
    EmbeddedSqlite,
    EmbeddedPostgres,
    RedisPostgres,

    /// <summary>Redis mode on a Redis Cluster of three primaries (<see cref="TestServices.RedisCluster"/>).</summary>
    RedisClusterPostgres,
}

/// <summary>
/// The real app (<c>Program</c>) in process for one store mode, on a database of its own: a SQLite file in the temp
/// folder, or a PostgreSQL database created on the test server (<see cref="TestServices"/>) before the host starts. The
/// host migrates it at start; <see cref="IAsyncLifetime.DisposeAsync"/> stops the host and deletes the database.
/// A second node passes the first one's <see cref="DatabaseName"/> as <c>sharedDatabase</c> and leaves it alone.
/// Subclasses add their profile's settings in <see cref="ConfigureApp"/>.
/// </summary>
public abstract class AppUnderTest(StoreMode mode, string databasePrefix, string? sharedDatabase) : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _name = sharedDatabase ?? databasePrefix + "_" + Guid.NewGuid().ToString("N")[..12];
    private readonly bool _ownsDatabase = sharedDatabase is null;

    /// <summary>The database name (PostgreSQL) or file stem (SQLite): pass it to another factory to run a second node.</summary>
    public string DatabaseName => _name;

    public StoreMode Mode => mode;

    /// <summary>Where the app writes e-mail when no SMTP server is configured (its own temp folder, removed at the end).</summary>
    public string MailPickupDirectory { get; } = Path.Combine(Path.GetTempPath(), "lottery-mail-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Where Kestrel listens, once <see cref="StartOnKestrel"/> has run.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    private string SqlitePath => ThrowawaySqlite.PathFor(_name);

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        _ = Server; // start the in-memory host (migrations run at start)
    }

    /// <summary>Creates the database and serves the app with Kestrel on a free port (a browser needs a real socket).</summary>
    public async Task StartOnKestrelAsync()
    {
        await CreateDatabaseAsync();
        StartOnKestrel();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (Directory.Exists(MailPickupDirectory))
        {
            Directory.Delete(MailPickupDirectory, recursive: true);
        }

        if (!_ownsDatabase)
        {
            return;
        }

        if (mode == StoreMode.EmbeddedSqlite)
        {
            ThrowawaySqlite.Delete(SqlitePath);
        }
        else
        {
            await ThrowawayPostgres.DropAsync(_name);
        }
    }

    protected sealed override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (mode == StoreMode.EmbeddedSqlite)
        {
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Lottery", $"Data Source={SqlitePath}");
        }
        else
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Lottery", ThrowawayPostgres.ConnectionString(_name, c =>
            {
                c.MaxPoolSize = 50;
                c.Timeout = 60;
                c.CommandTimeout = 60;
            }));
        }

        builder.UseSetting("Database:MigrateAtStart", "true");
        builder.UseSetting("Email:PickupDirectory", MailPickupDirectory);
        builder.UseSetting("Redis:Configuration", mode switch
        {
            StoreMode.RedisPostgres => TestServices.Redis,
            StoreMode.RedisClusterPostgres => TestServices.RedisCluster,
            _ => "",
        });
        // Bot friction off unless a test turns it on: most tests open many guest sessions from one address.
        builder.UseSetting("Players:ProofOfWork:Difficulty", "0");
        builder.UseSetting("Players:GuestSessionsPerAddressPerHour", "0");
        // An in-process test host is no load-balanced node: no start-up warm-up holding /health/ready back (WarmupTests
        // turn it on; AppProcess nodes run it as production does).
        builder.UseSetting("Warmup:Enabled", "false");
        ConfigureApp(builder);
    }

    /// <summary>The settings of this kind of app (they override the database, Redis and bot-friction settings above).</summary>
    protected abstract void ConfigureApp(IWebHostBuilder builder);

    private void StartOnKestrel()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        BaseAddress = new Uri(address.Replace("://[::]", "://localhost", StringComparison.Ordinal), UriKind.Absolute);
    }

    private async Task CreateDatabaseAsync()
    {
        if (mode != StoreMode.EmbeddedSqlite && _ownsDatabase)
        {
            await ThrowawayPostgres.CreateAsync(_name);
        }
    }
}
