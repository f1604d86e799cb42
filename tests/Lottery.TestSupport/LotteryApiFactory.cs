using System.Net.Http.Headers;
using System.Net.Http.Json;
using Lottery.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lottery.TestSupport;

/// <summary>
/// The real app in process, configured like production for one store mode, against the real PostgreSQL and Redis that
/// ./test.sh starts (found through LOTTERY_TEST_POSTGRES / LOTTERY_TEST_REDIS; missing → the test fails, never skips).
/// Each factory gets its own database. No demo data: tests create tenants through the platform API.
/// </summary>
public class LotteryApiFactory(StoreMode mode, IReadOnlyDictionary<string, string>? overrides = null, string? sharedDatabase = null)
    : AppUnderTest(mode, "lottery_api", sharedDatabase)
{
    public const string PlatformKey = "test-platform-key";

    /// <summary>What the server logged as errors; shown by assertions that fail on a 500.</summary>
    public ServerErrors Errors { get; } = new();

    protected override void ConfigureApp(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.AddProvider(Errors));
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Platform:ApiKey", PlatformKey);
        builder.UseSetting("RateLimiting:AddressRequests", "0");
        builder.UseSetting("RateLimiting:PlayerDraws", "0");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A database context that sees every tenant (for assertions against the database).</summary>
    public async Task<T> QueryAsync<T>(Func<LotteryDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public HttpClient Platform()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", PlatformKey);
        return client;
    }

    /// <summary>A new tenant and a client carrying its management key.</summary>
    public async Task<HttpClient> NewTenantAsync()
    {
        var slug = "t-" + Guid.NewGuid().ToString("N")[..10];
        var response = await Platform().PostAsJsonAsync("/api/platform/tenants", new { name = "Tenant " + slug, slug });
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {Errors}");
        var tenant = await response.Content.ReadFromJsonAsync<TenantCreated>();
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", tenant!.ApiKey);
        return client;
    }

    /// <summary>A new guest player's client (bearer token).</summary>
    public async Task<HttpClient> NewPlayerAsync(string? nickname = null)
    {
        var anonymous = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var response = await anonymous.PostAsJsonAsync("/api/player/sessions", new { nickname });
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {Errors}");
        var session = await response.Content.ReadFromJsonAsync<SessionCreated>();
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session!.Token);
        return anonymous;
    }

    public sealed record TenantCreated(Guid Id, string ApiKey);

    public sealed record SessionCreated(Guid PlayerId, string Token);
}

public sealed class EmbeddedSqliteApi() : LotteryApiFactory(StoreMode.EmbeddedSqlite);

public sealed class EmbeddedPostgresApi() : LotteryApiFactory(StoreMode.EmbeddedPostgres);

public sealed class RedisPostgresApi() : LotteryApiFactory(StoreMode.RedisPostgres);

/// <summary>Redis mode on a three-primary Redis Cluster: every activity's keys share its <c>{activityId}</c> hash slot.</summary>
public sealed class RedisClusterPostgresApi() : LotteryApiFactory(StoreMode.RedisClusterPostgres);

/// <summary>
/// The production per-player limit (5 draws) over a minute instead of a second, other limits off: a burst sent at once
/// then lands in one period however slowly a loaded machine serves it.
/// </summary>
public sealed class PlayerRateLimitedApi() : LotteryApiFactory(StoreMode.EmbeddedSqlite, new Dictionary<string, string>
{
    ["RateLimiting:PlayerDraws"] = "5",
    ["RateLimiting:Period"] = "00:01:00",
});

/// <summary>A small per-address limit (3 requests a minute), other limits off.</summary>
public sealed class AddressRateLimitedApi() : LotteryApiFactory(StoreMode.EmbeddedSqlite, new Dictionary<string, string>
{
    ["RateLimiting:AddressRequests"] = "3",
    ["RateLimiting:Period"] = "00:01:00",
});
