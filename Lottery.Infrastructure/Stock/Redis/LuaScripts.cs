namespace Lottery.Infrastructure.Stock.Redis;

/// <summary>A Lua script, run by SHA (EVALSHA) through <see cref="RedisScriptRunner"/>.</summary>
public sealed record RedisScript(string Name, string Text);

/// <summary>
/// The one place every Lua script lives. Each runs atomically on the node that holds the activity's slot: all the keys a
/// script touches carry the activity's hash tag (<see cref="RedisKeys"/>). Each has a test in
/// <c>tests/Lottery.Infrastructure.Tests/RedisStock</c>.
/// </summary>
public static class LuaScripts
{
    /// <summary>Status replies shared by the scripts and the C# that reads them.</summary>
    public const string Ok = "ok";
    public const string Replay = "replay";
    public const string Refused = "refused";
    public const string ColdActivity = "cold-activity";
    public const string ColdPlayer = "cold-player";

    /// <summary>
    /// A key created for a retired activity (its stock hash expires, <see cref="ExpireActivity"/>) expires with it, so a
    /// finished activity's page visited later does not leave counters behind for good.
    /// </summary>
    private const string InheritExpiry = """
        local function inherit_expiry(stock, key)
          local ttl = redis.call('PTTL', stock)
          if ttl > 0 then redis.call('PEXPIRE', key, ttl) end
        end

        """;

    /// <summary>
    /// Loads a player's counters if they belong to the activity's current epoch. A player with no hash at all in a
    /// "fresh" activity (warmed when the database held no draw and no grant for it) is new: its counters start at zero.
    /// Anything else (a stale epoch after a rebuild, or a missing hash in a non-fresh activity) is cold: nil.
    /// </summary>
    private const string LoadPlayer = InheritExpiry + """
        local function load_player(stock, player, epoch)
          local p = redis.call('HMGET', player, 'epoch', 'used', 'granted', 'wins', 'day', 'dayUsed')
          if p[1] == epoch then
            return { used = tonumber(p[2]) or 0, granted = tonumber(p[3]) or 0, wins = tonumber(p[4]) or 0,
                     day = p[5] or '', dayUsed = tonumber(p[6]) or 0 }
          end
          if not p[1] and redis.call('HGET', stock, 'fresh') == '1' then
            redis.call('HSET', player, 'epoch', epoch, 'used', 0, 'granted', 0, 'wins', 0, 'day', '', 'dayUsed', 0)
            inherit_expiry(stock, player)
            return { used = 0, granted = 0, wins = 0, day = '', dayUsed = 0 }
          end
          return nil
        end

        local function remaining_chances(p, today, used, dayUsed, perPlayer, perDay)
          local remaining = perPlayer + p.granted - used
          if perDay >= 0 then remaining = math.min(remaining, perDay - dayUsed) end
          if remaining < 0 then remaining = 0 end
          return remaining
        end

        """;

    /// <summary>
    /// One draw, atomically. KEYS: stock, player, records stream, [idempotency key]. ARGV: 1 drawId, 2 tenantId,
    /// 3 activityId, 4 playerId, 5 at (unix ms), 6 at (ISO 8601), 7 day (yyyyMMdd), 8 chances per player, 9 chances per
    /// day (-1: none), 10 max wins (-1: none), 11 definition version, 12 idempotency key ('' none), 13 no-prize segment,
    /// 14-17 primary tierId, prizeId, segment, tier max wins (-1: none; tierId '' when no prize was picked),
    /// 18-21 the same for the fallback, 22 idempotency TTL in seconds, 23-24 units of the primary and of the fallback
    /// that later time slots hold back at this draw's instant (0: no slots; computed by the caller from the draw's
    /// instant, so the script stays deterministic): a unit is taken only while more than that remain.
    /// Replies: {'ok', result, stream entry id} | {'replay', result} | {'refused', code, reason} | {'cold-activity'} |
    /// {'cold-player'}, where result is "drawId|outcome|tierId|prizeId|segment|remaining". The stream entry is the draw's
    /// copy for the case its node dies before committing it (<see cref="Orphans"/>); the node deletes it after its commit.
    /// </summary>
    public static readonly RedisScript Draw = new("draw", LoadPlayer + """
        local stock, player, records, idem = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
        if idem then
          local first = redis.call('GET', idem)
          if first then return { 'replay', first } end
        end

        local s = redis.call('HMGET', stock, 'epoch', 'state', 'startsAt', 'endsAt')
        if not s[1] then return { 'cold-activity' } end
        local at = tonumber(ARGV[5])
        if s[2] ~= 'Running' then return { 'refused', 'activity-not-running', s[2] or 'unknown' } end
        if at < tonumber(s[3]) then return { 'refused', 'activity-not-running', 'not-started' } end
        if at >= tonumber(s[4]) then return { 'refused', 'activity-not-running', 'ended' } end

        local p = load_player(stock, player, s[1])
        if not p then return { 'cold-player' } end

        local today = ARGV[7]
        local perPlayer, perDay, maxWins = tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10])
        local dayUsed = p.dayUsed
        if p.day ~= today then dayUsed = 0 end
        if perPlayer + p.granted - p.used <= 0 then return { 'refused', 'no-chances-left', 'total' } end
        if perDay >= 0 and dayUsed >= perDay then return { 'refused', 'no-chances-left', 'today' } end
        if maxWins >= 0 and p.wins >= maxWins then return { 'refused', 'win-limit-reached', 'activity' } end

        local used = p.used + 1
        dayUsed = dayUsed + 1
        redis.call('HSET', player, 'used', used, 'day', today, 'dayUsed', dayUsed)

        local function take(tier, prize, tierMax, reserved)
          if tier == '' then return 'none' end
          if tierMax >= 0 and (tonumber(redis.call('HGET', player, 'tw:' .. tier)) or 0) >= tierMax then return 'capped' end
          -- 'reserved' units belong to later time slots: this slot's quota is used up once only they remain.
          if (tonumber(redis.call('HGET', stock, prize)) or 0) <= math.max(reserved, 0) then return 'sold-out' end
          redis.call('HINCRBY', stock, prize, -1)
          redis.call('HINCRBY', player, 'wins', 1)
          redis.call('HINCRBY', player, 'tw:' .. tier, 1)
          return 'won'
        end

        local outcome, tier, prize, segment = 'NoPrize', '', '', ARGV[13]
        local primary = take(ARGV[14], ARGV[15], tonumber(ARGV[17]), tonumber(ARGV[23]) or 0)
        if primary == 'won' then
          outcome, tier, prize, segment = 'Won', ARGV[14], ARGV[15], ARGV[16]
        elseif primary ~= 'none' then
          -- The primary is sold out (or its time slot's quota is), or the player reached its tier's limit: the
          -- fallback, else "sold out".
          if take(ARGV[18], ARGV[19], tonumber(ARGV[21]), tonumber(ARGV[24]) or 0) == 'won' then
            outcome, tier, prize, segment = 'Won', ARGV[18], ARGV[19], ARGV[20]
          else
            outcome = 'SoldOut'
          end
        end

        local record = { DrawId = ARGV[1], TenantId = ARGV[2], ActivityId = ARGV[3], PlayerId = ARGV[4], At = ARGV[6],
                         Outcome = outcome, SegmentIndex = tonumber(segment), DefinitionVersion = tonumber(ARGV[11]) }
        if tier ~= '' then record.TierId = tier; record.PrizeId = prize end
        if ARGV[12] ~= '' then record.IdempotencyKey = ARGV[12] end
        local entry = redis.call('XADD', records, '*', 'd', cjson.encode(record))

        local remaining = remaining_chances(p, today, used, dayUsed, perPlayer, perDay)
        local result = ARGV[1] .. '|' .. outcome .. '|' .. tier .. '|' .. prize .. '|' .. segment .. '|' .. remaining
        if idem then redis.call('SET', idem, result, 'EX', ARGV[22]) end
        return { 'ok', result, entry }
        """);

    /// <summary>
    /// Puts Redis's counters right after the database did not commit what the draw script decided (only after Redis
    /// lost writes, or the activity changed between the two): the prize the script took is given back (ARGV 3 = '1') and
    /// capped at what the database allows (ARGV 2, -1: no cap), and the player's counters are marked stale so the next
    /// draw rebuilds them from the database. A draw the database refused leaves no first result behind for its
    /// idempotency key (KEYS 3, if any). KEYS: stock, player, [idempotency]. ARGV: 1 prizeId ('' none), 2 cap, 3 give
    /// back. Reply: 'ok'.
    /// </summary>
    public static readonly RedisScript Settle = new("settle", """
        if ARGV[1] ~= '' then
          local left = tonumber(redis.call('HGET', KEYS[1], ARGV[1]))
          if left then
            if ARGV[3] == '1' then left = left + 1 end
            local cap = tonumber(ARGV[2])
            if cap >= 0 and left > cap then left = cap end
            redis.call('HSET', KEYS[1], ARGV[1], left)
          end
        end
        if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('HSET', KEYS[2], 'epoch', 'stale') end
        if KEYS[3] then redis.call('DEL', KEYS[3]) end
        return 'ok'
        """);

    /// <summary>
    /// The oldest entries of a record stream older than ARGV 1 milliseconds by Redis's own clock (stream ids start with
    /// the millisecond Redis added them, so no node's clock is involved): draws whose node has not committed them that
    /// long after the script, presumed dead. KEYS: stream. ARGV: 1 age in ms, 2 at most this many. Reply: entries.
    /// </summary>
    public static readonly RedisScript Orphans = new("orphans", """
        local t = redis.call('TIME')
        local upto = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) - tonumber(ARGV[1])
        if upto < 0 then return {} end
        return redis.call('XRANGE', KEYS[1], '-', string.format('%.0f', upto), 'COUNT', ARGV[2])
        """);

    /// <summary>
    /// A player's chances left now and prizes won. KEYS: stock, player. ARGV: 1 day, 2 chances per player, 3 chances per day (-1).
    /// Replies: {'ok', remaining, wins} | {'cold-activity'} | {'cold-player'}.
    /// </summary>
    public static readonly RedisScript ReadChances = new("read-chances", LoadPlayer + """
        local epoch = redis.call('HGET', KEYS[1], 'epoch')
        if not epoch then return { 'cold-activity' } end
        local p = load_player(KEYS[1], KEYS[2], epoch)
        if not p then return { 'cold-player' } end
        local dayUsed = p.dayUsed
        if p.day ~= ARGV[1] then dayUsed = 0 end
        return { 'ok', remaining_chances(p, ARGV[1], p.used, dayUsed, tonumber(ARGV[2]), tonumber(ARGV[3])), p.wins }
        """);

    /// <summary>
    /// Adds chances to a warm player. A cold player is left to be rebuilt from the database (which holds the grant), and
    /// its <c>gen</c> is bumped so a rebuild that read the database before the grant does not overwrite it.
    /// KEYS: stock, player. ARGV: 1 amount. Replies: 'ok' | 'cold-activity' | 'cold-player'.
    /// </summary>
    public static readonly RedisScript GrantChances = new("grant-chances", LoadPlayer + """
        local epoch = redis.call('HGET', KEYS[1], 'epoch')
        if not epoch then return 'cold-activity' end
        if load_player(KEYS[1], KEYS[2], epoch) then
          redis.call('HINCRBY', KEYS[2], 'granted', ARGV[1])
          return 'ok'
        end
        redis.call('HINCRBY', KEYS[2], 'gen', 1)
        return 'cold-player'
        """);

    /// <summary>
    /// Writes a cold player's counters rebuilt from the database and the stream, unless the player became warm meanwhile
    /// or a grant arrived since the rebuild began. KEYS: stock, player. ARGV: 1 gen read before the rebuild, 2 used,
    /// 3 granted, 4 wins, 5 day, 6 dayUsed, then tierId/wins pairs. Replies: 'ok' | 'warm' | 'changed' | 'cold-activity'.
    /// </summary>
    public static readonly RedisScript RestorePlayer = new("restore-player", InheritExpiry + """
        local epoch = redis.call('HGET', KEYS[1], 'epoch')
        if not epoch then return 'cold-activity' end
        local p = redis.call('HMGET', KEYS[2], 'epoch', 'gen')
        if p[1] == epoch then return 'warm' end
        if (p[2] or '0') ~= ARGV[1] then return 'changed' end
        redis.call('DEL', KEYS[2])
        redis.call('HSET', KEYS[2], 'epoch', epoch, 'gen', ARGV[1], 'used', ARGV[2], 'granted', ARGV[3], 'wins', ARGV[4],
                   'day', ARGV[5], 'dayUsed', ARGV[6])
        for i = 7, #ARGV, 2 do redis.call('HSET', KEYS[2], 'tw:' .. ARGV[i], ARGV[i + 1]) end
        inherit_expiry(KEYS[1], KEYS[2])
        return 'ok'
        """);

    /// <summary>
    /// Creates a cold activity's stock hash with a new epoch (every player hash of an older epoch becomes cold). Never
    /// overwrites live counters: does nothing if the hash exists. KEYS: stock. ARGV: 1 epoch, 2 fresh ('1'/'0'), 3 state,
    /// 4 startsAt, 5 endsAt (unix ms), 6 version, then prizeId/remaining pairs. Replies: 1 written, 0 already warm.
    /// </summary>
    public static readonly RedisScript WarmActivity = new("warm-activity", """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('HSET', KEYS[1], 'epoch', ARGV[1], 'fresh', ARGV[2], 'state', ARGV[3], 'startsAt', ARGV[4],
                   'endsAt', ARGV[5], 'version', ARGV[6])
        for i = 7, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
        return 1
        """);

    /// <summary>
    /// Sets a warm activity's state, window and version (publish, pause, resume, end); stock counters are untouched.
    /// KEYS: stock. ARGV: 1 state, 2 startsAt, 3 endsAt, 4 version. Replies: 1 set, 0 cold (the caller warms it).
    /// </summary>
    public static readonly RedisScript SyncActivity = new("sync-activity", """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        redis.call('HSET', KEYS[1], 'state', ARGV[1], 'startsAt', ARGV[2], 'endsAt', ARGV[3], 'version', ARGV[4])
        return 1
        """);

    /// <summary>
    /// An atomic snapshot of an activity's stock hash and every record still in its stream, for reconciliation.
    /// KEYS: stock, stream. Reply: {flat stock hash, entries}.
    /// </summary>
    public static readonly RedisScript SnapshotStock = new("snapshot-stock", """
        return { redis.call('HGETALL', KEYS[1]), redis.call('XRANGE', KEYS[2], '-', '+') }
        """);

    /// <summary>
    /// Lets a finished activity's keys expire (stock hash, player hashes, the emptied stream), one SCAN page per call, so
    /// Redis does not grow forever. Refuses while the activity is live in Redis or its stream still holds records (they
    /// are not in the database yet). Keys that already expire (idempotency results, the rebuild lock) keep their own
    /// expiry; the dead-letter stream is kept (it is the only copy of a record the database refused).
    /// KEYS: stock, records stream, dead-letter stream. ARGV: 1 expiry in ms, 2 SCAN cursor ('0' first), 3 MATCH
    /// pattern of the activity's keys, 4 SCAN COUNT. Replies: {'ok', next cursor ('0': done), keys given an expiry} |
    /// {'live', state} | {'unpersisted', records left}.
    /// </summary>
    public static readonly RedisScript ExpireActivity = new("expire-activity", """
        local state = redis.call('HGET', KEYS[1], 'state')
        if state == 'Published' or state == 'Running' or state == 'Paused' or state == 'Open' or state == 'Drawing' then
          return { 'live', state }
        end
        if redis.call('EXISTS', KEYS[2]) == 1 then
          local left = redis.call('XLEN', KEYS[2])
          if left > 0 then return { 'unpersisted', left } end
        end
        local page = redis.call('SCAN', ARGV[2], 'MATCH', ARGV[3], 'COUNT', ARGV[4])
        local expired = 0
        for _, key in ipairs(page[2]) do
          if key ~= KEYS[3] and redis.call('PTTL', key) == -1 then
            redis.call('PEXPIRE', key, ARGV[1])
            expired = expired + 1
          end
        end
        return { 'ok', page[1], expired }
        """);

    /// <summary>
    /// A new version's stock decreases, before its database commit (<see cref="RedisStockRevision"/>): takes every
    /// amount out of a warm stock hash, all or nothing, refusing when draws left fewer units than a decrease needs.
    /// KEYS: stock. ARGV: prizeId/amount pairs (amounts &gt; 0). Replies: {'ok', epoch} | {'short', prizeId, left} | {'cold-activity'}.
    /// </summary>
    public static readonly RedisScript LowerStock = new("lower-stock", """
        local epoch = redis.call('HGET', KEYS[1], 'epoch')
        if not epoch then return { 'cold-activity' } end
        for i = 1, #ARGV, 2 do
          local left = tonumber(redis.call('HGET', KEYS[1], ARGV[i])) or 0
          if left < tonumber(ARGV[i + 1]) then return { 'short', ARGV[i], left } end
        end
        for i = 1, #ARGV, 2 do redis.call('HINCRBY', KEYS[1], ARGV[i], -tonumber(ARGV[i + 1])) end
        return { 'ok', epoch }
        """);

    /// <summary>
    /// A new version's stock increases after its commit, or decreases given back after a failed one: adds every amount,
    /// but only to the counters of the given epoch (the ones <see cref="LowerStock"/> changed). KEYS: stock.
    /// ARGV: 1 epoch, then prizeId/amount pairs (amounts &gt; 0). Replies: 'ok' | 'rebuilt' (another epoch) | 'cold-activity'.
    /// </summary>
    public static readonly RedisScript RaiseStock = new("raise-stock", """
        local epoch = redis.call('HGET', KEYS[1], 'epoch')
        if not epoch then return 'cold-activity' end
        if epoch ~= ARGV[1] then return 'rebuilt' end
        for i = 2, #ARGV, 2 do redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1]) end
        return 'ok'
        """);

    public static IReadOnlyList<RedisScript> All { get; } =
        [Draw, Settle, Orphans, ReadChances, GrantChances, RestorePlayer, WarmActivity, SyncActivity, SnapshotStock,
            ExpireActivity, LowerStock, RaiseStock];
}
