using System.Diagnostics;
using StackExchange.Redis;

namespace Lottery.TestSupport;

/// <summary>
/// A Redis server of the test's own (<c>redis-server</c> on a free loopback port, no RDB snapshots, no append-only file),
/// so that the test may wipe it (<see cref="FlushAllAsync"/>) or crash and restart it (<see cref="CrashAsync"/>,
/// <see cref="RestartAsync"/>) without touching the Redis other tests share. It keeps nothing across a restart, like a
/// production Redis whose persistence is off or lost. Disposing kills it and removes its directory.
/// </summary>
public sealed class ThrowawayRedis : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly string _directory = Directory.CreateTempSubdirectory("lottery-redis-").FullName;
    private Process? _server;
    private ConnectionMultiplexer? _admin;

    private ThrowawayRedis(int port) => Port = port;

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string the app under test is given.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<ThrowawayRedis> StartAsync()
    {
        var redis = new ThrowawayRedis(FreeTcpPort.Next());
        try
        {
            await redis.RestartAsync();
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }

        return redis;
    }

    /// <summary>FLUSHALL through an admin connection: every key of every database is gone at once.</summary>
    public async Task FlushAllAsync()
    {
        var admin = await AdminAsync();
        await admin.GetServer(admin.GetEndPoints().Single()).FlushAllDatabasesAsync();
    }

    /// <summary>Kills the server (SIGKILL) and waits until it is gone: everything it held is lost.</summary>
    public async Task CrashAsync()
    {
        if (_server is { HasExited: false } server)
        {
            server.Kill();
            await server.WaitForExitAsync();
        }
    }

    /// <summary>Starts the server (again) on the same port, empty, and waits until it answers PING.</summary>
    public async Task RestartAsync()
    {
        await CrashAsync();
        _server?.Dispose();
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, WorkingDirectory = _directory };
        foreach (var argument in new[]
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--dir", _directory, "--logfile", Path.Combine(_directory, "redis.log"),
        })
        {
            start.ArgumentList.Add(argument);
        }

        _server = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        var admin = await AdminAsync();
        await Eventually.HoldsAsync(async () =>
        {
            if (_server.HasExited)
            {
                Assert.Fail($"redis-server exited with code {_server.ExitCode}: {Log()}");
            }

            try
            {
                await admin.GetServer(admin.GetEndPoints().Single()).PingAsync();
                return true;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // not listening yet, or the admin connection has not reconnected yet
                return false;
            }
        }, $"redis-server on port {Port} answered PING", StartTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }

        await CrashAsync();
        _server?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans its temp folder.
        }
    }

    private async Task<ConnectionMultiplexer> AdminAsync() =>
        _admin ??= await ConnectionMultiplexer.ConnectAsync($"{Configuration},allowAdmin=true,abortConnect=false,connectTimeout=2000");

    private string Log()
    {
        var path = Path.Combine(_directory, "redis.log");
        return File.Exists(path) ? File.ReadAllText(path) : "(no log)";
    }
}
