using Lottery.Domain.Activities;
using StackExchange.Redis;

namespace Lottery.Infrastructure.Stock.Redis;

/// <summary>
/// A new version's stock changes in flight (<see cref="RedisStockRevision"/>): the changes, and the epoch of the
/// counters the decreases were taken from (null: the counters were cold, nothing was taken).
/// </summary>
public sealed record PendingStockRevision(Guid ActivityId, IReadOnlyList<StockChange> Changes, string? Epoch);

/// <summary>
/// Applies a new version's per-prize allocation changes (decision 012) to an activity's live Redis stock counters
/// while players keep drawing, so that draws never see more units than the old and the new allocation both allow:
/// decreases are taken out atomically BEFORE the database commits (<see cref="LuaScripts.LowerStock"/>, refused when
/// draws already took the units), increases are added AFTER it (<see cref="LuaScripts.RaiseStock"/>), and a failed
/// commit gives the decreases back. Counters lost or rebuilt in between are rebuilt again from the committed database
/// under the rebuild lock, so a rebuild that read the old allocation cannot survive the commit.
/// </summary>
public sealed class RedisStockRevision(RedisScriptRunner scripts, RedisCounterRebuilder rebuilder)
{
    /// <summary>
    /// Before the commit: takes every decrease out of the live counters, all or nothing. Null when draws already took
    /// units a decrease needs (the caller re-reads the live stock and tries again); nothing was changed then.
    /// </summary>
    public async Task<PendingStockRevision?> LowerAsync(Guid activityId, IReadOnlyList<StockChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var reply = await scripts.EvaluateArrayAsync(LuaScripts.LowerStock, [RedisKeys.Stock(activityId)],
            [.. Pairs(changes.Where(c => c.Delta < 0), c => -c.Delta)]);
        return reply[0].Text() switch
        {
            LuaScripts.Ok => new PendingStockRevision(activityId, changes, reply[1].Text()),
            LuaScripts.ColdActivity => new PendingStockRevision(activityId, changes, null),
            _ => null,
        };
    }

    /// <summary>The commit failed: the decreases go back, unless the counters were rebuilt meanwhile (from the unchanged database).</summary>
    public async Task UndoAsync(PendingStockRevision pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        if (pending.Epoch is not null)
        {
            await scripts.EvaluateAsync(LuaScripts.RaiseStock, [RedisKeys.Stock(pending.ActivityId)],
                [pending.Epoch, .. Pairs(pending.Changes.Where(c => c.Delta < 0), c => -c.Delta)]);
        }
    }

    /// <summary>After the commit: adds the increases to the counters the decreases were taken from, or rebuilds them.</summary>
    public async Task CompleteAsync(PendingStockRevision pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        if (pending.Epoch is not null && await scripts.EvaluateTextAsync(LuaScripts.RaiseStock, [RedisKeys.Stock(pending.ActivityId)],
                [pending.Epoch, .. Pairs(pending.Changes.Where(c => c.Delta > 0), c => c.Delta)]) == LuaScripts.Ok)
        {
            return;
        }

        // The counters were cold, lost or rebuilt since LowerAsync: rebuilt from the committed database.
        await rebuilder.ReplaceActivityAsync(pending.ActivityId, cancellationToken);
    }

    private static IEnumerable<RedisValue> Pairs(IEnumerable<StockChange> changes, Func<StockChange, int> amount) =>
        changes.SelectMany(c => new RedisValue[] { c.PrizeId.ToString("D"), amount(c) });
}
