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
/// An activity's record stream, through the client's stream API: the copy of every draw the script accepted whose node
/// has not committed it yet. The node deletes its entry once the draw is in the database; an entry left behind longer
/// than <see cref="RedisOptions.OrphanAfter"/> belongs to a node that died in between, and another node commits it.
/// </summary>
public sealed class RedisDrawRecords(RedisConnection connection, RedisScriptRunner scripts)
{
    private const int PageSize = 1000;

    private readonly Lock _gate = new();
    private List<Committed> _committed = [];
    private bool _deleting;

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

    /// <summary>The oldest entries Redis has held longer than <paramref name="age"/> (by Redis's clock), at most <paramref name="count"/>.</summary>
    public async Task<IReadOnlyList<StreamRecord>> OrphansAsync(Guid activityId, TimeSpan age, int count)
    {
        var reply = await scripts.EvaluateAsync(LuaScripts.Orphans, [RedisKeys.Records(activityId)],
            [(long)age.TotalMilliseconds, count]);
        return StreamRecord.ParseAll(reply);
    }

    /// <summary>Deletes entries whose draws are committed to the database.</summary>
    public async Task DeleteAsync(Guid activityId, IReadOnlyList<string> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var db = await connection.GetDatabaseAsync();
        foreach (var chunk in ids.Chunk(PageSize))
        {
            await db.StreamDeleteAsync(RedisKeys.Records(activityId), [.. chunk.Select(id => (RedisValue)id)]);
        }
    }

    /// <summary>
    /// Deletes the entry of a draw its node has just committed, together with the entries of every other draw committed
    /// meanwhile: the draws of a journal batch come back at once, and one XDEL per activity removes all their entries
    /// (while one is on its way, the next draws gather for the following one). Completes once the entry is gone; fails
    /// with the <see cref="RedisException"/> of its XDEL (the entry is then left for the orphan consumer, which finds the
    /// draw committed).
    /// </summary>
    public Task DeleteCommittedAsync(Guid activityId, string id)
    {
        var committed = new Committed(activityId, id, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        bool start;
        lock (_gate)
        {
            _committed.Add(committed);
            start = !_deleting;
            _deleting = true;
        }

        if (start)
        {
            _ = Task.Run(DeleteGatheredAsync);
        }

        return committed.Done.Task;
    }

    private async Task DeleteGatheredAsync()
    {
        while (true)
        {
            List<Committed> batch;
            lock (_gate)
            {
                if (_committed.Count == 0)
                {
                    _deleting = false;
                    return;
                }

                (batch, _committed) = (_committed, []);
            }

            try
            {
                var db = await connection.GetDatabaseAsync();
                await Task.WhenAll(batch.GroupBy(c => c.ActivityId)
                    .Select(g => db.StreamDeleteAsync(RedisKeys.Records(g.Key), [.. g.Select(c => (RedisValue)c.Id)])));
                foreach (var c in batch)
                {
                    c.Done.TrySetResult();
                }
            }
#pragma warning disable CA1031 // every waiting draw hears its delete failed; the loop goes on for the next ones
            catch (Exception ex)
#pragma warning restore CA1031
            {
                foreach (var c in batch)
                {
                    c.Done.TrySetException(ex);
                }
            }
        }
    }

    /// <summary>
    /// Moves a record that cannot be read, or whose activity is gone, to the dead-letter stream and deletes it, in one
    /// MULTI/EXEC (both keys share the activity's hash slot).
    /// </summary>
    public async Task DeadLetterAsync(Guid activityId, StreamRecord record, string reason)
    {
        ArgumentNullException.ThrowIfNull(record);
        var db = await connection.GetDatabaseAsync();
        var tx = db.CreateTransaction();
        _ = tx.StreamAddAsync(RedisKeys.DeadRecords(activityId),
            [new NameValueEntry(StreamRecord.PayloadField, record.Payload ?? ""), new NameValueEntry("id", record.Id), new NameValueEntry("reason", reason)]);
        _ = tx.StreamDeleteAsync(RedisKeys.Records(activityId), [record.Id]);
        await tx.ExecuteAsync();
    }

    /// <summary>The records of the dead-letter stream, oldest first.</summary>
    public async Task<IReadOnlyList<StreamRecord>> ReadDeadLettersAsync(Guid activityId)
    {
        var db = await connection.GetDatabaseAsync();
        return [.. (await db.StreamRangeAsync(RedisKeys.DeadRecords(activityId))).Select(StreamRecord.From)];
    }

    private sealed record Committed(Guid ActivityId, string Id, TaskCompletionSource Done);
}
