using System.Diagnostics;
using System.Globalization;
using Lottery.Domain.Common;
using Lottery.Domain.Draws;
using Lottery.Domain.Stock;
using Lottery.Infrastructure.Persistence;
using Lottery.Infrastructure.Stock.Embedded;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Lottery.Infrastructure.Stock.Redis;

/// <summary>
/// The Redis stock store. Redis is the fast gate: one Lua script per draw (<see cref="LuaScripts.Draw"/>) checks and
/// updates the activity's stock and the player's counters atomically, and keeps a copy of the record in the activity's
/// stream. The database is the truth: the draw is then committed through the <see cref="DrawJournal"/> (group commit,
/// guarded: never more issued than allocated, per-player limits), and only what was committed is answered. If the
/// database did not commit what Redis decided (Redis lost writes and was rebuilt, or the activity changed in between),
/// the player hears the database's answer and Redis's counters are put right (<see cref="LuaScripts.Settle"/>). The
/// stream entry is deleted after the commit; one left behind by a node that died in between is committed by the
/// <see cref="DrawRecordConsumer"/>. Missing counters are rebuilt from the database (<see cref="RedisCounterRebuilder"/>).
/// Async StackExchange.Redis API only.
/// </summary>
public sealed class RedisStockStore(
    RedisConnection connection,
    RedisScriptRunner scripts,
    RedisCounterRebuilder rebuilder,
    RedisDrawRecords records,
    DrawJournal journal,
    IDbContextFactory<LotteryDbContext> contexts,
    StreamActivitySignal signal,
    TimeProvider clock,
    IOptions<RedisOptions> options) : IStockStore
{
    /// <summary>A cold activity, then a cold player, then the draw: three tries are enough; more means a broken invariant.</summary>
    private const int MaxAttempts = 4;

    /// <summary>How often a replay looks for its first draw's record while that draw is still being committed.</summary>
    private static readonly TimeSpan ReplayPoll = TimeSpan.FromMilliseconds(50);

    private static readonly long IdempotencyTtlSeconds = (long)RedisKeys.IdempotencyTtl.TotalSeconds;

    public async Task<Result<DrawResult>> DrawAsync(DrawRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.IdempotencyKey is { Length: > Limits.NameMaxLength })
        {
            return Result<DrawResult>.Invalid([new("idempotencyKey", $"An idempotency key has at most {Limits.NameMaxLength} characters.")]);
        }

        var limits = request.Limits;
        var activityId = limits.ActivityId;
        RedisKey stock = RedisKeys.Stock(activityId), player = RedisKeys.Player(activityId, request.PlayerId), records = RedisKeys.Records(activityId);
        RedisKey[] keys = string.IsNullOrEmpty(request.IdempotencyKey)
            ? [stock, player, records]
            : [stock, player, records, RedisKeys.Idempotency(activityId, request.PlayerId, request.IdempotencyKey)];

        var (primary, fallback) = (request.Pick.Primary, request.Pick.Fallback);
        RedisValue[] args =
        [
            request.DrawId.ToString("D"),
            limits.TenantId.ToString("D"),
            activityId.ToString("D"),
            request.PlayerId.ToString("D"),
            request.At.ToUnixTimeMilliseconds(),
            request.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            ActivityLimits.DayKey(request.At),
            limits.Rules.ChancesPerPlayer,
            limits.Rules.ChancesPerDay ?? -1,
            limits.Rules.MaxWinsPerPlayer ?? -1,
            limits.DefinitionVersion,
            request.IdempotencyKey ?? "",
            request.Pick.NoPrizeSegmentIndex,
            primary?.TierId.ToString("D") ?? "",
            primary?.PrizeId.ToString("D") ?? "",
            primary?.SegmentIndex ?? -1,
            TierMax(limits, primary),
            fallback?.TierId.ToString("D") ?? "",
            fallback?.PrizeId.ToString("D") ?? "",
            fallback?.SegmentIndex ?? -1,
            TierMax(limits, fallback),
            IdempotencyTtlSeconds,
            primary is null ? 0 : limits.ReservedForLaterSlots(primary.PrizeId, request.At),
            fallback is null ? 0 : limits.ReservedForLaterSlots(fallback.PrizeId, request.At),
        ];

        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reply = await scripts.EvaluateArrayAsync(LuaScripts.Draw, keys, args);
            var status = reply[0].Text();
            switch (status)
            {
                case LuaScripts.Ok:
                    return await CommitAsync(request, ParseResult(reply[1].Text(), replayed: false), reply[2].Text());
                case LuaScripts.Replay:
                    return await ReplayAsync(ParseResult(reply[1].Text(), replayed: true), cancellationToken);
                case LuaScripts.Refused:
                    return Result<DrawResult>.Failure(Refusal(reply[1].Text(), reply[2].Text()));
            }

            if (attempt >= MaxAttempts)
            {
                throw new InvalidOperationException($"Draw {request.DrawId} still found cold counters ({status}) after {attempt} attempts.");
            }

            await WarmAsync(status, limits, request.PlayerId, request.At, cancellationToken);
        }
    }

    /// <summary>
    /// Commits what the script decided and answers what was committed. Not cancelled with the request: the script has
    /// run, so the draw is committed whether or not anyone waits. If the commit fails (the database is down) the draw is
    /// not answered; its stream entry stays and is committed later as an orphan.
    /// </summary>
    private async Task<Result<DrawResult>> CommitAsync(DrawRequest request, DrawResult gate, string entryId)
    {
        var verdict = new GateVerdict(gate.Outcome, gate.PrizeId is { } prizeId ? Candidate(request.Pick, gate.TierId, prizeId) : null);
        var committed = await journal.CommitAsync(new JournalDraw(request, verdict));
        try
        {
            await SettleAsync(scripts, request, verdict, committed);
            await records.DeleteCommittedAsync(request.Limits.ActivityId, entryId);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            // The draw is committed, so the player hears it whatever Redis does now. An entry left behind is taken for an
            // orphan later and found committed already; counters left unsettled are bounded by the database's guards
            // (and shown by the reconciler).
        }

        return committed;
    }

    /// <summary>
    /// After a commit: when the database did not commit what the script decided, gives Redis's counters back what the
    /// script took and marks the player's counters stale (they are rebuilt from the database on the next draw).
    /// </summary>
    internal static async Task SettleAsync(RedisScriptRunner scripts, DrawRequest request, GateVerdict verdict, Result<DrawResult> committed)
    {
        var same = committed.IsSuccess && committed.Value.Outcome == verdict.Outcome && committed.Value.PrizeId == verdict.Won?.PrizeId
            && !committed.Value.Replayed;
        if (same)
        {
            return;
        }

        var limits = request.Limits;
        var prize = verdict.Won?.PrizeId;
        // The database found the prize sold out: Redis holds at most what later time slots keep back (0 without slots).
        var soldOut = committed.IsSuccess && committed.Value.Outcome == DrawOutcome.SoldOut;
        var cap = prize is { } p && soldOut ? limits.ReservedForLaterSlots(p, request.At) : -1;
        RedisKey[] keys = committed.IsFailure && !string.IsNullOrEmpty(request.IdempotencyKey)
            ? [RedisKeys.Stock(limits.ActivityId), RedisKeys.Player(limits.ActivityId, request.PlayerId),
                RedisKeys.Idempotency(limits.ActivityId, request.PlayerId, request.IdempotencyKey)]
            : [RedisKeys.Stock(limits.ActivityId), RedisKeys.Player(limits.ActivityId, request.PlayerId)];
        await scripts.EvaluateAsync(LuaScripts.Settle, keys, [prize?.ToString("D") ?? "", cap, soldOut ? "0" : "1"]);
    }

    /// <summary>
    /// A repeated idempotency key: the answer is its first draw as committed (which may differ from what the script
    /// decided then). While that draw is still being committed, waits for it (bounded); a first draw whose node died
    /// is committed by another node within <see cref="RedisOptions.OrphanAfter"/>.
    /// </summary>
    private async Task<Result<DrawResult>> ReplayAsync(DrawResult first, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + options.Value.OrphanAfter + options.Value.OrphanAfter;
        while (true)
        {
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                var record = await db.DrawRecords.IgnoreQueryFilters().AsNoTracking()
                    .Where(r => r.Id == first.DrawId)
                    .Select(r => new { r.Outcome, r.TierId, r.PrizeId, r.SegmentIndex })
                    .SingleOrDefaultAsync(cancellationToken);
                if (record is not null)
                {
                    return first with { Outcome = record.Outcome, TierId = record.TierId, PrizeId = record.PrizeId, SegmentIndex = record.SegmentIndex };
                }
            }

            if (clock.GetUtcNow() >= deadline)
            {
                return Result<DrawResult>.Failure(new Error(ErrorCodes.Concurrency,
                    "The first draw with this key is still being recorded; try again in a moment."));
            }

            await Task.Delay(ReplayPoll, clock, cancellationToken);
        }
    }

    /// <summary>The pick's candidate the script took (the primary or the fallback).</summary>
    private static DrawCandidate Candidate(DrawPick pick, Guid? tierId, Guid prizeId) =>
        pick.Primary is { } primary && primary.PrizeId == prizeId && primary.TierId == tierId ? primary
        : pick.Fallback is { } fallback && fallback.PrizeId == prizeId && fallback.TierId == tierId ? fallback
        : throw new InvalidOperationException($"The draw script took prize {prizeId}, which the draw did not pick.");

    public async Task<int> RemainingChancesAsync(ActivityLimits limits, Guid playerId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        (await StandingAsync(limits, playerId, now, cancellationToken)).RemainingChances;

    public async Task<PlayerStanding> StandingAsync(ActivityLimits limits, Guid playerId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limits);
        RedisKey[] keys = [RedisKeys.Stock(limits.ActivityId), RedisKeys.Player(limits.ActivityId, playerId)];
        RedisValue[] args = [ActivityLimits.DayKey(now), limits.Rules.ChancesPerPlayer, limits.Rules.ChancesPerDay ?? -1];
        for (var attempt = 1; ; attempt++)
        {
            var reply = await scripts.EvaluateArrayAsync(LuaScripts.ReadChances, keys, args);
            var status = reply[0].Text();
            if (status == LuaScripts.Ok)
            {
                return PlayerStanding.Of(limits.Rules, (int)reply[1], (int)reply[2]);
            }

            if (attempt >= MaxAttempts)
            {
                throw new InvalidOperationException($"Player {playerId}'s counters are still cold ({status}) after {attempt} attempts.");
            }

            await WarmAsync(status, limits, playerId, now, cancellationToken);
        }
    }

    public async Task GrantChancesAsync(ActivityLimits limits, Guid playerId, int amount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        RedisKey[] keys = [RedisKeys.Stock(limits.ActivityId), RedisKeys.Player(limits.ActivityId, playerId)];
        var status = await scripts.EvaluateTextAsync(LuaScripts.GrantChances, keys, [amount]);
        if (status == LuaScripts.ColdActivity)
        {
            // The grant is in the database already; once warm, the player is either new (fresh) or rebuilt with it.
            await rebuilder.RebuildActivityAsync(limits.ActivityId, cancellationToken);
            await scripts.EvaluateAsync(LuaScripts.GrantChances, keys, [amount]);
        }
    }

    public async Task SyncActivityAsync(ActivityLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limits);
        RedisKey[] keys = [RedisKeys.Stock(limits.ActivityId)];
        RedisValue[] args =
        [
            RedisCounterRebuilder.StateOf(limits.Status),
            limits.StartsAt.ToUnixTimeMilliseconds(),
            limits.EndsAt.ToUnixTimeMilliseconds(),
            limits.DefinitionVersion,
        ];
        if ((long)await scripts.EvaluateAsync(LuaScripts.SyncActivity, keys, args) == 0)
        {
            await rebuilder.RebuildActivityAsync(limits.ActivityId, cancellationToken);
            await scripts.EvaluateAsync(LuaScripts.SyncActivity, keys, args);
        }
    }

    public async Task<IReadOnlyDictionary<Guid, int>> RemainingStockAsync(Guid activityId, CancellationToken cancellationToken = default)
    {
        var db = await connection.GetDatabaseAsync();
        var fields = await db.HashGetAllAsync(RedisKeys.Stock(activityId));
        if (fields.Length == 0)
        {
            await rebuilder.RebuildActivityAsync(activityId, cancellationToken);
            fields = await db.HashGetAllAsync(RedisKeys.Stock(activityId));
        }

        return StockFields(fields);
    }

    /// <summary>
    /// Waits until every record the stream held when the flush began has left it (records are deleted only once committed
    /// to the database). Draws accepted meanwhile are not waited for, so players drawing nonstop cannot hold it up.
    /// </summary>
    public async Task FlushAsync(Guid activityId, CancellationToken cancellationToken = default)
    {
        var timeout = options.Value.FlushTimeout;
        var started = Stopwatch.GetTimestamp();
        if (await records.NewestIdAsync(activityId) is not { } newest)
        {
            return;
        }

        signal.Notify(activityId);
        while (await records.HoldsUpToAsync(activityId, newest))
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException(
                    $"Activity {activityId}'s draw records were not all in the database after {timeout}; is the draw-record consumer running?");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    /// <summary>Gives every key of the finished activity an expiry (<see cref="RedisOptions.FinishedActivityTtl"/>), page by page.</summary>
    public async Task<bool> RetireAsync(Guid activityId, CancellationToken cancellationToken = default)
    {
        RedisKey[] keys = [RedisKeys.Stock(activityId), RedisKeys.Records(activityId), RedisKeys.DeadRecords(activityId)];
        var ttl = (long)options.Value.FinishedActivityTtl.TotalMilliseconds;
        var pattern = RedisKeys.ActivityKeysPattern(activityId);
        var cursor = "0";
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reply = await scripts.EvaluateArrayAsync(LuaScripts.ExpireActivity, keys, [ttl, cursor, pattern, 1000]);
            if (reply[0].Text() != LuaScripts.Ok)
            {
                return false;
            }

            cursor = reply[1].Text();
        }
        while (cursor != "0");

        return true;
    }

    /// <summary>The per-prize fields of a stock hash (the other fields — epoch, state, window — are not prize ids).</summary>
    internal static Dictionary<Guid, int> StockFields(HashEntry[] fields) =>
        fields.Where(f => Guid.TryParse((string?)f.Name, out _))
            .ToDictionary(f => Guid.Parse((string)f.Name!), f => (int)f.Value);

    private Task WarmAsync(string status, ActivityLimits limits, Guid playerId, DateTimeOffset now, CancellationToken cancellationToken) =>
        status switch
        {
            LuaScripts.ColdActivity => rebuilder.RebuildActivityAsync(limits.ActivityId, cancellationToken),
            LuaScripts.ColdPlayer => rebuilder.RebuildPlayerAsync(limits, playerId, now, cancellationToken),
            _ => throw new InvalidOperationException($"Unexpected reply '{status}' from a stock script."),
        };

    private static long TierMax(ActivityLimits limits, DrawCandidate? candidate) =>
        candidate is not null && limits.TierMaxWins.TryGetValue(candidate.TierId, out var max) ? max : -1;

    private static DrawResult ParseResult(string result, bool replayed)
    {
        // drawId|outcome|tierId|prizeId|segment|remaining
        var parts = result.Split('|');
        return new DrawResult(
            Guid.Parse(parts[0]),
            Enum.Parse<DrawOutcome>(parts[1]),
            parts[2].Length == 0 ? null : Guid.Parse(parts[2]),
            parts[3].Length == 0 ? null : Guid.Parse(parts[3]),
            int.Parse(parts[4], CultureInfo.InvariantCulture),
            int.Parse(parts[5], CultureInfo.InvariantCulture),
            replayed);
    }

    private static Error Refusal(string code, string reason) => new(code, (code, reason) switch
    {
        (ErrorCodes.NotRunning, "not-started") => "The activity has not started yet.",
        (ErrorCodes.NotRunning, "ended") => "The activity has ended.",
        (ErrorCodes.NotRunning, _) => $"The activity is not running (it is {reason}).",
        (ErrorCodes.NoChancesLeft, "today") => "No chances left today; come back tomorrow.",
        (ErrorCodes.NoChancesLeft, _) => "No chances left.",
        (ErrorCodes.WinLimitReached, _) => "The limit of wins per player has been reached.",
        _ => $"The draw was refused ({code}: {reason}).",
    });
}
