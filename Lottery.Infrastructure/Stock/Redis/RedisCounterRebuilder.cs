using System.Data;
using Lottery.Domain.Activities;
using Lottery.Domain.Draws;
using Lottery.Domain.Stock;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Lottery.Infrastructure.Stock.Redis;

/// <summary>
/// Rebuilds Redis counters from the truth when they are missing (Redis restarted, failed over, keys deleted).
/// The truth is the database plus the records still in the activity's stream: the stream is read FIRST, then the
/// database, and stream entries already in the database are counted once (a record moves stream → database, never
/// back). Stock is rebuilt as Allocated − Returned − wins, never from the original stock.
/// </summary>
public sealed partial class RedisCounterRebuilder(
    RedisConnection connection,
    RedisScriptRunner scripts,
    RedisDrawRecords records,
    IDbContextFactory<LotteryDbContext> dbFactory,
    IOptions<RedisOptions> options,
    ILogger<RedisCounterRebuilder> logger)
{
    private const int MaxPlayerAttempts = 5;

    /// <summary>
    /// Warms a cold activity: one node rebuilds under a short lock (SET NX PX) while the others wait for its result.
    /// The write itself only happens if the stock hash is still missing, so a lock that expired cannot overwrite counters.
    /// </summary>
    public async Task RebuildActivityAsync(Guid activityId, CancellationToken cancellationToken)
    {
        var db = await connection.GetDatabaseAsync();
        var lockKey = RedisKeys.RebuildLock(activityId);
        var token = Guid.NewGuid().ToString("N");
        var lockTime = options.Value.RebuildLockTime;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (!await db.KeyExistsAsync(RedisKeys.Stock(activityId)))
        {
            if (await db.LockTakeAsync(lockKey, token, lockTime))
            {
                try
                {
                    await RebuildUnderLockAsync(activityId, cancellationToken);
                }
                finally
                {
                    await db.LockReleaseAsync(lockKey, token);
                }

                return;
            }

            await WaitAsync(started, lockTime, $"Activity {activityId}'s counters were not rebuilt", cancellationToken);
        }
    }

    /// <summary>
    /// Replaces an activity's counters with ones rebuilt from the committed database (a new version changed its
    /// allocation): with the rebuild lock held, so that no rebuild that may have read the old allocation is still
    /// running, the counters are deleted; then they are rebuilt as by <see cref="RebuildActivityAsync"/>.
    /// </summary>
    public async Task ReplaceActivityAsync(Guid activityId, CancellationToken cancellationToken)
    {
        var db = await connection.GetDatabaseAsync();
        var lockKey = RedisKeys.RebuildLock(activityId);
        var token = Guid.NewGuid().ToString("N");
        var lockTime = options.Value.RebuildLockTime;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (!await db.LockTakeAsync(lockKey, token, lockTime))
        {
            await WaitAsync(started, lockTime, $"Activity {activityId}'s rebuild lock was not free", cancellationToken);
        }

        try
        {
            await db.KeyDeleteAsync(RedisKeys.Stock(activityId));
        }
        finally
        {
            await db.LockReleaseAsync(lockKey, token);
        }

        await RebuildActivityAsync(activityId, cancellationToken);
    }

    /// <summary>One short wait for another node's rebuild lock; gives up after twice the lock's lifetime.</summary>
    private static async Task WaitAsync(long started, TimeSpan lockTime, string what, CancellationToken cancellationToken)
    {
        if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > 2 * lockTime)
        {
            throw new TimeoutException($"{what} within {2 * lockTime}.");
        }

        await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
    }

    /// <summary>
    /// Rebuilds one cold player's counters (draws, wins, today's draws, wins per tier, granted chances) from the
    /// database plus their records still in the stream, unless a grant arrives meanwhile (then it starts again).
    /// </summary>
    public async Task RebuildPlayerAsync(ActivityLimits limits, Guid playerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var activityId = limits.ActivityId;
        var redis = await connection.GetDatabaseAsync();
        var playerKey = RedisKeys.Player(activityId, playerId);
        for (var attempt = 0; attempt < MaxPlayerAttempts; attempt++)
        {
            var gen = (string?)await redis.HashGetAsync(playerKey, "gen") ?? "0";
            var pending = (await records.ReadAllAsync(activityId))
                .Where(r => r.Draw is { } d && d.PlayerId == playerId)
                .Select(r => r.Draw!)
                .ToList();

            List<(Guid Id, DateTimeOffset At, DrawOutcome Outcome, Guid? TierId)> persisted;
            int granted;
            await using (var db = dbFactory.CreateDbContext())
            {
                persisted = (await db.DrawRecords.IgnoreQueryFilters()
                        .Where(r => r.ActivityId == activityId && r.PlayerId == playerId)
                        .Select(r => new { r.Id, r.DrawnAt, r.Outcome, r.TierId })
                        .ToListAsync(cancellationToken))
                    .Select(r => (r.Id, r.DrawnAt, r.Outcome, r.TierId))
                    .ToList();
                granted = await db.DrawChances.IgnoreQueryFilters()
                    .Where(c => c.ActivityId == activityId && c.PlayerId == playerId)
                    .SumAsync(c => c.Amount, cancellationToken);
            }

            var known = persisted.Select(p => p.Id).ToHashSet();
            var draws = persisted
                .Concat(pending.Where(d => !known.Contains(d.DrawId)).Select(d => (d.DrawId, d.At, d.Outcome, d.TierId)))
                .ToList();
            var today = ActivityLimits.DayKey(now);
            var wins = draws.Where(d => d.Outcome == DrawOutcome.Won).ToList();
            var args = new List<RedisValue>
            {
                gen,
                draws.Count,
                granted,
                wins.Count,
                today,
                draws.Count(d => ActivityLimits.DayKey(d.At) == today),
            };
            foreach (var tier in wins.Where(w => w.TierId is not null).GroupBy(w => w.TierId!.Value))
            {
                args.Add(tier.Key.ToString("D"));
                args.Add(tier.Count());
            }

            var status = await scripts.EvaluateTextAsync(LuaScripts.RestorePlayer,
                [RedisKeys.Stock(activityId), playerKey], [.. args]);
            switch (status)
            {
                case "ok":
                    LogPlayerRebuilt(activityId, playerId, draws.Count, wins.Count, granted);
                    return;
                case "warm":
                    return;
                case LuaScripts.ColdActivity:
                    await RebuildActivityAsync(activityId, cancellationToken);
                    break;
            }
        }

        throw new InvalidOperationException($"Player {playerId} of activity {activityId} could not be rebuilt in {MaxPlayerAttempts} attempts.");
    }

    private async Task RebuildUnderLockAsync(Guid activityId, CancellationToken cancellationToken)
    {
        // The stream first: an entry can move from the stream into the database while this runs, never back.
        var stream = await records.ReadAllAsync(activityId);
        var streamDraws = stream.Where(r => r.Draw is not null).Select(r => r.Draw!).ToList();
        var streamIds = streamDraws.Select(d => d.DrawId).ToList();

        Activity activity;
        HashSet<Guid> persisted;
        Dictionary<Guid, int> persistedWins;
        bool anyDraw, anyGrant;
        await using (var db = dbFactory.CreateDbContext())
        {
            // One snapshot for every read, so an entry committed meanwhile is seen by all of them or by none.
            await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            activity = await db.Activities.IgnoreQueryFilters().AsNoTracking().AsSplitQuery()
                           .SingleOrDefaultAsync(a => a.Id == activityId, cancellationToken)
                       ?? throw new InvalidOperationException($"Activity {activityId} does not exist; its counters cannot be rebuilt.");
            persisted = [.. await db.DrawRecords.IgnoreQueryFilters()
                .Where(r => r.ActivityId == activityId && streamIds.Contains(r.Id))
                .Select(r => r.Id)
                .ToListAsync(cancellationToken)];
            persistedWins = await db.DrawRecords.IgnoreQueryFilters()
                .Where(r => r.ActivityId == activityId && r.Outcome == DrawOutcome.Won && r.PrizeId != null)
                .GroupBy(r => r.PrizeId!.Value)
                .Select(g => new { PrizeId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.PrizeId, g => g.Count, cancellationToken);
            anyDraw = await db.DrawRecords.IgnoreQueryFilters().AnyAsync(r => r.ActivityId == activityId, cancellationToken);
            anyGrant = await db.DrawChances.IgnoreQueryFilters().AnyAsync(c => c.ActivityId == activityId, cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }

        var pendingWins = streamDraws
            .Where(d => !persisted.Contains(d.DrawId) && d.Outcome == DrawOutcome.Won && d.PrizeId is not null)
            .GroupBy(d => d.PrizeId!.Value)
            .ToDictionary(g => g.Key, g => g.Count());

        // Fresh: nothing was ever drawn or granted, so a player without a hash is simply new (no database read needed).
        var fresh = !anyDraw && !anyGrant && stream.Count == 0;
        var epoch = Guid.NewGuid().ToString("N");
        var args = new List<RedisValue>
        {
            epoch,
            fresh ? "1" : "0",
            StateOf(activity.Status),
            activity.Schedule.StartsAt.ToUnixTimeMilliseconds(),
            activity.Schedule.EndsAt.ToUnixTimeMilliseconds(),
            activity.DefinitionVersion,
        };
        foreach (var prize in activity.Prizes)
        {
            var allocated = prize.IsReserved ? prize.Allocated : 0;
            var remaining = allocated - prize.Returned - persistedWins.GetValueOrDefault(prize.PrizeId) - pendingWins.GetValueOrDefault(prize.PrizeId);
            args.Add(prize.PrizeId.ToString("D"));
            args.Add(Math.Max(0, remaining));
        }

        var written = (long)await scripts.EvaluateAsync(LuaScripts.WarmActivity, [RedisKeys.Stock(activityId)], [.. args]);
        if (written == 1)
        {
            var persistedWinCount = persistedWins.Values.Sum();
            LogActivityRebuilt(activityId, epoch, fresh, stream.Count, persistedWinCount);
            if (activity.IsFinished)
            {
                // A finished activity warmed again (a late visit after it was retired): it expires like the rest of it
                // did (player keys inherit this). Nothing is drawn any more; the database holds its history.
                var redis = await connection.GetDatabaseAsync();
                await redis.KeyExpireAsync(RedisKeys.Stock(activityId), options.Value.FinishedActivityTtl);
            }
        }
    }

    /// <summary>The activity state as the draw script compares it (the status name; draws need "Running").</summary>
    public static string StateOf(ActivityStatus status) => status.ToString();

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Rebuilt Redis counters of activity {ActivityId} (epoch {Epoch}, fresh {Fresh}) from the database and {StreamEntries} stream record(s); {PersistedWins} win(s) persisted")]
    private partial void LogActivityRebuilt(Guid activityId, string epoch, bool fresh, int streamEntries, int persistedWins);

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "Rebuilt player {PlayerId} of activity {ActivityId}: {Draws} draw(s), {Wins} win(s), {Granted} granted chance(s)")]
    private partial void LogPlayerRebuilt(Guid activityId, Guid playerId, int draws, int wins, int granted);
}
