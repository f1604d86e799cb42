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
    /// <summary>The field of a stream entry that holds the draw's JSON.</summary>
    public const string PayloadField = "d";

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>An entry as the client returns it (XRANGE, XREADGROUP, XAUTOCLAIM); a deleted entry has no values.</summary>
    public static StreamRecord From(StreamEntry entry)
    {
        var payload = entry.IsNull ? RedisValue.Null : entry[PayloadField];
        var text = payload.IsNull ? null : (string?)payload;
        return new StreamRecord(entry.Id.ToString(), text, TryRead(text));
    }

    /// <summary>Entries returned inside a Lua script's reply (<see cref="LuaScripts.SnapshotStock"/>): <c>[[id, [field, value, ...]], ...]</c>.</summary>
    public static IReadOnlyList<StreamRecord> ParseAll(RedisResult entries)
    {
        if (entries.IsNull)
        {
            return [];
        }

        var records = new List<StreamRecord>(entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            string? payload = null;
            var fields = entry.Length > 1 ? entry[1] : null;
            for (var f = 0; fields is { IsNull: false } && f + 1 < fields.Length; f += 2)
            {
                if (fields[f].ToString() == PayloadField)
                {
                    payload = fields[f + 1].ToString();
                }
            }

            records.Add(new StreamRecord(entry[0].ToString(), payload, TryRead(payload)));
        }

        return records;
    }

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

/// <summary>
/// An activity's record stream, through the client's stream API: what the draw script appended and the database does
/// not hold yet. Entries are deleted once committed, so the stream holds exactly the accepted draws still on their way.
/// </summary>
public sealed class RedisDrawRecords(RedisConnection connection)
{
    private const int PageSize = 1000;

    /// <summary>Every record still in the stream, oldest first.</summary>
    public async Task<IReadOnlyList<StreamRecord>> ReadAllAsync(Guid activityId)
    {
        var db = await connection.GetDatabaseAsync();
        var key = RedisKeys.Records(activityId);
        var records = new List<StreamRecord>();
        RedisValue start = "-";
        while (true)
        {
            var page = await db.StreamRangeAsync(key, start, "+", PageSize);
            records.AddRange(page.Select(StreamRecord.From));
            if (page.Length < PageSize)
            {
                return records;
            }

            start = "(" + page[^1].Id;
        }
    }

    /// <summary>Entries in the stream (0 once every accepted draw has been committed to the database and deleted).</summary>
    public async Task<long> CountAsync(Guid activityId) =>
        await (await connection.GetDatabaseAsync()).StreamLengthAsync(RedisKeys.Records(activityId));

    /// <summary>The id of the newest entry: the last draw accepted so far; null when every draw is in the database.</summary>
    public async Task<string?> NewestIdAsync(Guid activityId)
    {
        var db = await connection.GetDatabaseAsync();
        var newest = await db.StreamRangeAsync(RedisKeys.Records(activityId), "-", "+", 1, Order.Descending);
        return newest.Length == 0 ? null : newest[0].Id.ToString();
    }

    /// <summary>
    /// Whether an entry up to <paramref name="id"/> (inclusive) is still in the stream, i.e. not yet committed: entries are
    /// deleted once in the database, and ids only grow.
    /// </summary>
    public async Task<bool> HoldsUpToAsync(Guid activityId, string id)
    {
        var db = await connection.GetDatabaseAsync();
        return (await db.StreamRangeAsync(RedisKeys.Records(activityId), "-", id, 1)).Length > 0;
    }

    /// <summary>
    /// Claims a batch for <paramref name="consumer"/>: its own pending entries first (a restarted node resumes them), then
    /// entries another consumer left idle longer than <paramref name="claimIdleAfter"/> (XAUTOCLAIM), then new ones.
    /// Creates the consumer group (and the stream) if missing.
    /// </summary>
    public async Task<RecordBatch> ClaimAsync(Guid activityId, string consumer, int count, TimeSpan claimIdleAfter)
    {
        var db = await connection.GetDatabaseAsync();
        var key = RedisKeys.Records(activityId);
        StreamEntry[] own;
        try
        {
            own = await db.StreamReadGroupAsync(key, RedisKeys.ConsumerGroup, consumer, StreamPosition.Beginning, count);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            // First pass over this stream, or Redis lost its data: the group starts from the stream's beginning.
            await CreateGroupAsync(db, key);
            own = await db.StreamReadGroupAsync(key, RedisKeys.ConsumerGroup, consumer, StreamPosition.Beginning, count);
        }

        if (own.Length > 0)
        {
            return new RecordBatch(RecordSource.Own, [.. own.Select(StreamRecord.From)]);
        }

        RedisValue cursor = "0-0";
        do
        {
            var claimed = await db.StreamAutoClaimAsync(key, RedisKeys.ConsumerGroup, consumer,
                (long)claimIdleAfter.TotalMilliseconds, cursor, count);
            // Entries deleted while pending come back as ids only: they are acknowledged without a write.
            var entries = claimed.ClaimedEntries.Select(StreamRecord.From)
                .Concat(claimed.DeletedIds.Select(id => new StreamRecord(id.ToString(), null, null)))
                .ToList();
            if (entries.Count > 0)
            {
                return new RecordBatch(RecordSource.Claimed, entries);
            }

            cursor = claimed.NextStartId;
        }
        while (cursor != "0-0");

        var fresh = await db.StreamReadGroupAsync(key, RedisKeys.ConsumerGroup, consumer, StreamPosition.NewMessages, count);
        return new RecordBatch(fresh.Length > 0 ? RecordSource.New : RecordSource.None, [.. fresh.Select(StreamRecord.From)]);
    }

    /// <summary>Acknowledges and deletes records committed to the database, both in one MULTI/EXEC.</summary>
    public async Task AcknowledgeAsync(Guid activityId, IReadOnlyList<string> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var db = await connection.GetDatabaseAsync();
        var key = RedisKeys.Records(activityId);
        foreach (var chunk in ids.Chunk(PageSize))
        {
            var values = chunk.Select(id => (RedisValue)id).ToArray();
            var tx = db.CreateTransaction();
            _ = tx.StreamAcknowledgeAsync(key, RedisKeys.ConsumerGroup, values);
            _ = tx.StreamDeleteAsync(key, values);
            await tx.ExecuteAsync();
        }
    }

    /// <summary>
    /// Moves a record the database refuses for good to the dead-letter stream, then acknowledges and deletes it, in one
    /// MULTI/EXEC (both keys share the activity's hash slot).
    /// </summary>
    public async Task DeadLetterAsync(Guid activityId, StreamRecord record, string reason)
    {
        ArgumentNullException.ThrowIfNull(record);
        var db = await connection.GetDatabaseAsync();
        var key = RedisKeys.Records(activityId);
        var tx = db.CreateTransaction();
        _ = tx.StreamAddAsync(RedisKeys.DeadRecords(activityId),
            [new NameValueEntry(StreamRecord.PayloadField, record.Payload ?? ""), new NameValueEntry("id", record.Id), new NameValueEntry("reason", reason)]);
        _ = tx.StreamAcknowledgeAsync(key, RedisKeys.ConsumerGroup, record.Id);
        _ = tx.StreamDeleteAsync(key, [record.Id]);
        await tx.ExecuteAsync();
    }

    /// <summary>The records of the dead-letter stream, oldest first.</summary>
    public async Task<IReadOnlyList<StreamRecord>> ReadDeadLettersAsync(Guid activityId)
    {
        var db = await connection.GetDatabaseAsync();
        return [.. (await db.StreamRangeAsync(RedisKeys.DeadRecords(activityId))).Select(StreamRecord.From)];
    }

    private static async Task CreateGroupAsync(IDatabase db, RedisKey key)
    {
        try
        {
            await db.StreamCreateConsumerGroupAsync(key, RedisKeys.ConsumerGroup, StreamPosition.Beginning, createStream: true);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another consumer created it meanwhile.
        }
    }
}

/// <summary>Where a claimed batch came from.</summary>
public enum RecordSource
{
    None,
    Own,
    Claimed,
    New,
}

/// <summary>A batch of records claimed by one consumer.</summary>
public sealed record RecordBatch(RecordSource Source, IReadOnlyList<StreamRecord> Records);
