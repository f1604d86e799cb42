using System.Text.Json;
using System.Text.Json.Serialization;
using StackExchange.Redis;

namespace Lottery.Infrastructure.Stock.Redis;

/// <summary>
/// One entry of an activity's record stream: its id and the <see cref="PendingDraw"/> in its <c>d</c> field (written
/// as JSON by <see cref="LuaScripts.Draw"/>). <see cref="Draw"/> is null when the entry was deleted (a pending id whose
/// entry is gone) or its payload cannot be read; <see cref="Payload"/> keeps the raw text for the dead-letter stream.
/// </summary>
public sealed record StreamRecord(string Id, string? Payload, PendingDraw? Draw)
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Reads an entry as Redis returns it from XRANGE/XREADGROUP/XAUTOCLAIM: <c>[id, [field, value, ...] | nil]</c>.</summary>
    public static StreamRecord Parse(RedisResult entry)
    {
        var parts = (RedisResult[])entry;
        var id = (string)parts[0];
        string? payload = null;
        if (parts.Length > 1 && !parts[1].IsNull && (RedisResult[])parts[1] is { } fields)
        {
            for (var i = 0; i + 1 < fields.Length; i += 2)
            {
                if ((string)fields[i] == "d")
                {
                    payload = (string)fields[i + 1];
                }
            }
        }

        return new StreamRecord(id, payload, TryRead(payload));
    }

    public static IReadOnlyList<StreamRecord> ParseAll(RedisResult entries) =>
        entries.IsNull ? [] : [.. ((RedisResult[])entries).Select(Parse)];

    public static string Serialize(PendingDraw draw) => JsonSerializer.Serialize(draw, Json);

    private static PendingDraw? TryRead(string? payload)
    {
        if (payload is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<PendingDraw>(payload, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Reads the records still in an activity's stream (not yet moved into the database), oldest first.</summary>
public sealed class RedisRecordReader(RedisConnection connection)
{
    private const int PageSize = 1000;

    public async Task<IReadOnlyList<StreamRecord>> ReadAllAsync(Guid activityId)
    {
        var db = await connection.GetDatabaseAsync();
        var key = RedisKeys.Records(activityId);
        var records = new List<StreamRecord>();
        var start = "-";
        while (true)
        {
            var page = StreamRecord.ParseAll(await db.ExecuteAsync("XRANGE", key, start, "+", "COUNT", PageSize));
            records.AddRange(page);
            if (page.Count < PageSize)
            {
                return records;
            }

            start = "(" + page[^1].Id;
        }
    }

    /// <summary>Entries in the stream (0 once every accepted draw has been committed to the database and deleted).</summary>
    public async Task<long> CountAsync(Guid activityId)
    {
        var db = await connection.GetDatabaseAsync();
        return (long)await db.ExecuteAsync("XLEN", RedisKeys.Records(activityId));
    }

    /// <summary>The id of the newest entry: the last draw accepted so far; null when every draw is in the database.</summary>
    public async Task<string?> NewestIdAsync(Guid activityId)
    {
        var db = await connection.GetDatabaseAsync();
        var newest = StreamRecord.ParseAll(await db.ExecuteAsync("XREVRANGE", RedisKeys.Records(activityId), "+", "-", "COUNT", 1));
        return newest.Count == 0 ? null : newest[0].Id;
    }

    /// <summary>
    /// Whether an entry up to <paramref name="id"/> (inclusive) is still in the stream, i.e. not yet committed: entries are
    /// deleted once in the database, and ids only grow.
    /// </summary>
    public async Task<bool> HoldsUpToAsync(Guid activityId, string id)
    {
        var db = await connection.GetDatabaseAsync();
        var oldest = await db.ExecuteAsync("XRANGE", RedisKeys.Records(activityId), "-", id, "COUNT", 1);
        return !oldest.IsNull && ((RedisResult[])oldest).Length > 0;
    }
}
