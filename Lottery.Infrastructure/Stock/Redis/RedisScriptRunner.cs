using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Lottery.Infrastructure.Stock.Redis;

/// <summary>
/// Runs the <see cref="LuaScripts"/> by SHA (EVALSHA). Each script is loaded (SCRIPT LOAD) on every connected server
/// the first time it is used, and loaded again if a server answers NOSCRIPT (a restart or SCRIPT FLUSH emptied its cache).
/// </summary>
public sealed class RedisScriptRunner(RedisConnection connection)
{
    private readonly ConcurrentDictionary<string, byte[]> _hashes = new();

    public async Task<RedisResult> EvaluateAsync(RedisScript script, RedisKey[] keys, RedisValue[] args)
    {
        ArgumentNullException.ThrowIfNull(script);
        var multiplexer = await connection.GetAsync();
        var db = multiplexer.GetDatabase();
        var hash = _hashes.TryGetValue(script.Name, out var known) ? known : await LoadAsync(multiplexer, script);
        try
        {
            return await db.ScriptEvaluateAsync(hash, keys, args);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            hash = await LoadAsync(multiplexer, script);
            return await db.ScriptEvaluateAsync(hash, keys, args);
        }
    }

    /// <summary>Runs a script whose reply is an array.</summary>
    public async Task<RedisResult[]> EvaluateArrayAsync(RedisScript script, RedisKey[] keys, RedisValue[] args) =>
        (await EvaluateAsync(script, keys, args)).Items();

    /// <summary>Runs a script whose reply is a status or a string.</summary>
    public async Task<string> EvaluateTextAsync(RedisScript script, RedisKey[] keys, RedisValue[] args) =>
        (await EvaluateAsync(script, keys, args)).Text();

    private async Task<byte[]> LoadAsync(ConnectionMultiplexer multiplexer, RedisScript script)
    {
        byte[]? hash = null;
        foreach (var endpoint in multiplexer.GetEndPoints())
        {
            var server = multiplexer.GetServer(endpoint);
            if (server.IsConnected)
            {
                hash = await server.ScriptLoadAsync(script.Text);
            }
        }

        if (hash is null)
        {
            throw new InvalidOperationException($"No Redis server is connected to load script '{script.Name}'.");
        }

        _hashes[script.Name] = hash;
        return hash;
    }
}

/// <summary>Typed reads of script replies: a nil where the script promises a value is a broken invariant.</summary>
public static class RedisReplies
{
    public static string Text(this RedisResult reply) =>
        (string?)reply ?? throw new InvalidOperationException("Redis replied nil where a script promises text.");

    public static RedisResult[] Items(this RedisResult reply) =>
        (RedisResult[]?)reply ?? throw new InvalidOperationException("Redis replied nil where a script promises an array.");
}
