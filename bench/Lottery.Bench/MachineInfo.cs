using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Npgsql;
using StackExchange.Redis;

namespace Lottery.Bench;

/// <summary>What the numbers were measured on: hardware, OS, runtime, and the services' versions and durability settings,
/// and the SQLite library's version.</summary>
internal sealed record MachineInfo(
    int Cpus, string CpuModel, string Memory, string Os, string Kernel, string Runtime, string Redis, string RedisDurability, string Postgres,
    string PostgresSettings, string Sqlite)
{
    public static async Task<MachineInfo> ReadAsync(BenchSettings settings)
    {
        var cpuModel = ReadKey("/proc/cpuinfo", "model name") ?? "unknown";
        var memKb = ReadKey("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var memory = long.TryParse(memKb, CultureInfo.InvariantCulture, out var kb) ? $"{kb / 1024.0 / 1024.0:0.0} GiB" : "unknown";
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"')
            : null;
        var kernel = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : RuntimeInformation.OSDescription;

        var redis = await ConnectionMultiplexer.ConnectAsync(settings.Redis + ",allowAdmin=true");
        string redisVersion, durability;
        try
        {
            var server = redis.GetServer(redis.GetEndPoints()[0]);
            var info = await server.InfoAsync("server");
            redisVersion = info.SelectMany(g => g).FirstOrDefault(p => p.Key == "redis_version").Value ?? "unknown";
            var config = (await server.ConfigGetAsync("append*")).ToDictionary(p => p.Key, p => p.Value);
            var maxmemory = (await server.ConfigGetAsync("maxmemory-policy")).FirstOrDefault().Value;
            durability = $"appendonly {config.GetValueOrDefault("appendonly")}, appendfsync {config.GetValueOrDefault("appendfsync")}, maxmemory-policy {maxmemory}";
        }
        finally
        {
            await redis.CloseAsync(allowCommandsToComplete: false);
            redis.Dispose();
        }

        await using var pg = new NpgsqlConnection(settings.Postgres);
        await pg.OpenAsync();
        var pgVersion = pg.ServerVersion;
        var pgSettings = new List<string>();
        foreach (var name in new[] { "max_connections", "shared_buffers", "synchronous_commit", "fsync" })
        {
            await using var show = new NpgsqlCommand($"SHOW {name}", pg);
            pgSettings.Add($"{name} {await show.ExecuteScalarAsync()}");
        }

        // The SQLite library the app loads (Microsoft.Data.Sqlite's bundled build), the same one this process loads.
        await using var sqlite = new SqliteConnection("Data Source=:memory:");
        await sqlite.OpenAsync();

        return new MachineInfo(Environment.ProcessorCount, cpuModel, memory, os ?? RuntimeInformation.OSDescription, kernel,
            RuntimeInformation.FrameworkDescription, redisVersion, durability, pgVersion, string.Join(", ", pgSettings), sqlite.ServerVersion);
    }

    private static string? ReadKey(string path, string key) =>
        File.Exists(path)
            ? File.ReadLines(path).Where(l => l.StartsWith(key, StringComparison.Ordinal)).Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).FirstOrDefault()
            : null;
}
