using System.Net;
using System.Net.Sockets;
using Lottery.Infrastructure.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lottery.Infrastructure.Tests.Health;

/// <summary>The Redis readiness check, registered by the app's own composition when Redis is configured.</summary>
public sealed class RedisHealthCheckTests
{
    [Fact]
    public async Task The_redis_check_is_healthy_against_a_running_server()
    {
        var entry = await CheckRedisAsync(TestServices.Redis);

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.StartsWith("PING", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_redis_check_is_unhealthy_when_nothing_listens_on_the_port()
    {
        var entry = await CheckRedisAsync($"127.0.0.1:{ClosedPort()}");

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal("Redis does not answer.", entry.Description);
        Assert.NotNull(entry.Exception);
    }

    private static async Task<HealthReportEntry> CheckRedisAsync(string endpoint)
    {
        using var host = TestHost.Build(new Dictionary<string, string?>
        {
            // A short connect timeout keeps the unreachable case fast.
            ["Redis:Configuration"] = $"{endpoint},connectTimeout=1000,syncTimeout=1000",
        });
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "redis");
        return Assert.Single(report.Entries, e => e.Key == "redis").Value;
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
