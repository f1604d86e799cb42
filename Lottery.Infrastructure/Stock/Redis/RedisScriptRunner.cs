using StackExchange.Redis;

namespace Lottery.Infrastructure.Stock.Redis;

/// <summary>
/// Runs the <see cref="LuaScripts"/>. The client caches each script per server: it sends <c>EVALSHA</c> once the server
/// has the script, the full script the first time, and again when a server answers <c>NOSCRIPT</c> (a restart or a
/// <c>SCRIPT FLUSH</c> emptied its cache), on every node of a cluster.
/// </summary>
public sealed class RedisScriptRunner(RedisConnection connection)
{
    public async Task<RedisResult> EvaluateAsync(RedisScript script, RedisKey[] keys, RedisValue[] args)
    {
        ArgumentNullException.ThrowIfNull(script);
        return await (await connection.GetDatabaseAsync()).ScriptEvaluateAsync(script.Text, keys, args);
    }

    /// <summary>Runs a script whose reply is an array.</summary>
    public async Task<RedisResult[]> EvaluateArrayAsync(RedisScript script, RedisKey[] keys, RedisValue[] args) =>
        (await EvaluateAsync(script, keys, args)).Items();

    /// <summary>Runs a script whose reply is a status or a string.</summary>
    public async Task<string> EvaluateTextAsync(RedisScript script, RedisKey[] keys, RedisValue[] args) =>
        (await EvaluateAsync(script, keys, args)).Text();
}

/// <summary>Typed reads of script replies: a nil where the script promises a value is a broken invariant.</summary>
public static class RedisReplies
{
    public static string Text(this RedisResult reply) =>
        (string?)reply ?? throw new InvalidOperationException("Redis replied nil where a script promises text.");

    public static RedisResult[] Items(this RedisResult reply) =>
        (RedisResult[]?)reply ?? throw new InvalidOperationException("Redis replied nil where a script promises an array.");
}
