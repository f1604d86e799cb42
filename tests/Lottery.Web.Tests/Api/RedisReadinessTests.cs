using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Lottery.Web.Tests.Api;

/// <summary>
/// Readiness with Redis as the stock store (AspNetCore.HealthChecks.Redis on the app's own connection): ready while
/// Redis answers, 503 while it does not, so a load balancer stops sending draws to a node that cannot take them.
/// </summary>
public sealed class RedisReadinessTests
{
    [Fact]
    public async Task Readiness_is_healthy_with_redis_answering()
    {
        await using var app = new LotteryApiFactory(StoreMode.RedisPostgres);
        await app.InitializeAsync();

        var (status, body) = await ReadyAsync(app);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
        await ((IAsyncLifetime)app).DisposeAsync();
    }

    [Fact]
    public async Task Readiness_answers_503_when_redis_is_unreachable()
    {
        // Nothing listens on the port; short time-outs keep the failing check fast.
        await using var app = new LotteryApiFactory(StoreMode.RedisPostgres, new Dictionary<string, string>
        {
            ["Redis:Configuration"] = $"127.0.0.1:{ClosedPort()},connectTimeout=1000,syncTimeout=1000,asyncTimeout=1000",
        });
        await app.InitializeAsync();

        var (status, body) = await ReadyAsync(app);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        await ((IAsyncLifetime)app).DisposeAsync();
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync(LotteryApiFactory app)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body.RootElement.Clone());
    }

    /// <summary>A loopback port that was free a moment ago, so nothing listens on it.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
