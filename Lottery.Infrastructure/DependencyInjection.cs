using Lottery.Domain.Common;
using Lottery.Domain.Stock;
using Lottery.Infrastructure.Identity;
using Lottery.Infrastructure.Jobs;
using Lottery.Infrastructure.Persistence;
using Lottery.Infrastructure.Persistence.Seeding;
using Lottery.Infrastructure.Stock;
using Lottery.Infrastructure.Stock.Embedded;
using Lottery.Infrastructure.Stock.Redis;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lottery.Infrastructure;

public static class DependencyInjection
{
    public const string ReadyTag = "ready";

    /// <summary>
    /// Database (SQLite, PostgreSQL or SQL Server by <c>Database:Provider</c>), Identity stores, Redis (when <c>Redis:Configuration</c>
    /// is set), clock and randomness, health checks, and the start-up migration and demo seeding.
    /// </summary>
    public static IHostApplicationBuilder AddInfrastructure(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        // First hosted service: migrations and seeding finish before anything else starts (the Data Protection key
        // ring, the Redis record consumer and the server all read tables the migrations create).
        services.AddHostedService<DatabaseInitializer>();
        var config = builder.Configuration;

        services.AddOptions<DatabaseOptions>()
            .Bind(config.GetSection(DatabaseOptions.Section))
            .Configure(o => o.ConnectionString = config.GetConnectionString("Lottery") ?? o.ConnectionString)
            .PostConfigure(o => o.ConnectionString = o.Provider == DatabaseProvider.Sqlite
                ? SqliteFiles.Anchor(o.ConnectionString, builder.Environment.ContentRootPath)
                : o.ConnectionString)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<RedisOptions>().Bind(config.GetSection(RedisOptions.Section));
        services.AddOptions<DemoOptions>().Bind(config.GetSection(DemoOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IRandomSource, CryptoRandomSource>();
        services.AddScoped<TenantScope>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantScope>());

        // The provider is chosen by configuration at composition time; each has its own context type for its migrations.
        var provider = ReadProvider(config);
        switch (provider)
        {
            case DatabaseProvider.Postgres:
                services.AddDbContextFactory<PostgresLotteryDbContext>(
                    (sp, o) => o.UseNpgsql(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString), ServiceLifetime.Scoped);
                services.AddScoped<IDbContextFactory<LotteryDbContext>, LotteryDbContextFactory<PostgresLotteryDbContext>>();
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContextFactory<SqlServerLotteryDbContext>(
                    (sp, o) => o.UseSqlServer(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString), ServiceLifetime.Scoped);
                services.AddScoped<IDbContextFactory<LotteryDbContext>, LotteryDbContextFactory<SqlServerLotteryDbContext>>();
                break;
            case DatabaseProvider.Sqlite:
                services.AddDbContextFactory<SqliteLotteryDbContext>(
                    (sp, o) => o.UseSqlite(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString), ServiceLifetime.Scoped);
                services.AddScoped<IDbContextFactory<LotteryDbContext>, LotteryDbContextFactory<SqliteLotteryDbContext>>();
                break;
            default:
                throw new InvalidOperationException($"Database:Provider {provider} has no context type.");
        }

        // Identity's stores take a context for the request; everything else uses the factory per operation.
        services.AddScoped<LotteryDbContext>(sp => sp.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContext());

        // The default token providers below protect their tokens with data protection; a host without the web's
        // authentication (a worker, the seeder in a test host) must still be able to build a UserManager.
        // Nodes share the key ring through the database, so a cookie issued by one node is valid on all.
        services.AddDataProtection().SetApplicationName("Lottery");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));

        services.AddIdentityCore<ApplicationUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.User.RequireUniqueEmail = true;
                o.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<LotteryDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddMemoryCache();
        services.AddSingleton<DrawRecordWriter>();
        var health = services.AddHealthChecks().AddDbContextCheck<LotteryDbContext>("database", tags: [ReadyTag]);

        services.AddScoped<DemoSeeder>();
        services.AddLotteryScheduler(config, provider);

        // Every draw is committed through the journal before it is answered; the stock store in front of it is chosen by
        // configuration: Redis (the fast gate) when Redis:Configuration is set, else the embedded store.
        services.AddSingleton<ScopedDbContextFactory>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DrawJournal>(sp, sp.GetRequiredService<ScopedDbContextFactory>()));
        if (config.GetSection(RedisOptions.Section).Get<RedisOptions>() is { IsEnabled: true })
        {
            services.AddSingleton<RedisConnection>();
            services.AddRedisStockStore();
            // AspNetCore.HealthChecks.Redis on the app's own multiplexer (no second connection). Its factory is
            // synchronous: it waits once for the first connect attempt (bounded by connectTimeout, AbortOnConnectFail is
            // off), after that the task is complete. A check that throws or times out reports Unhealthy: 503 on /health/ready.
            health.AddRedis(sp => sp.GetRequiredService<RedisConnection>().GetAsync().GetAwaiter().GetResult(), "redis", tags: [ReadyTag]);
        }
        else
        {
            services.AddScoped<IStockStore, EmbeddedStockStore>();
        }

        return builder;
    }

    /// <summary><c>Database:Provider</c>, default SQLite; a name that is not a provider stops the start, naming the choices.</summary>
    private static DatabaseProvider ReadProvider(IConfiguration config)
    {
        var key = $"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}";
        var value = config[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            && !int.TryParse(value, out _)
            ? provider
            : throw new InvalidOperationException(
                $"{key} is '{value}', which is not a supported database provider; use one of {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
    }
}

/// <summary>
/// Hands out the provider's context type as the provider-neutral <see cref="LotteryDbContext"/>. The provider's factory is
/// resolved on the first <see cref="CreateDbContext"/>, not when this is constructed: resolving it builds the scope's
/// <c>DbContextOptions</c> (the registration is scoped, so that happens in every scope), and many requests take a factory
/// and never open a context — a Redis-mode draw authenticates its player from the cache — and building the options took
/// about 12% of the app's sampled CPU time under draw load (docs/performance.md).
/// </summary>
internal sealed class LotteryDbContextFactory<TContext>(IServiceProvider services) : IDbContextFactory<LotteryDbContext>
    where TContext : LotteryDbContext
{
    private IDbContextFactory<TContext>? _inner;

    // A race on the first call resolves the same scoped factory twice: harmless.
    public LotteryDbContext CreateDbContext() => (_inner ??= services.GetRequiredService<IDbContextFactory<TContext>>()).CreateDbContext();
}
