using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Draws;

namespace Lottery.Domain.Stock;

/// <summary>
/// The per-player limits and per-activity stock of an activity, applied atomically per draw. Two implementations:
/// Redis (one Lua script per draw, records appended to a durable stream and moved into the database by a consumer) and
/// embedded (the database is the truth: guarded conditional UPDATEs in one transaction per draw).
/// Expected refusals are <see cref="Result"/> failures with <see cref="ErrorCodes.NotRunning"/>,
/// <see cref="ErrorCodes.NoChancesLeft"/> or <see cref="ErrorCodes.WinLimitReached"/>.
/// </summary>
public interface IStockStore
{
    /// <summary>
    /// Applies one draw atomically: refuses if the activity is not running at <see cref="DrawRequest.At"/>, the player
    /// has no chance left (total or today) or reached the win limit; otherwise uses a chance, takes one unit of the picked
    /// prize if it has stock (else falls back or yields no prize, per the pick) and records the draw durably. A request
    /// whose idempotency key was seen before returns the first result with <see cref="DrawResult.Replayed"/> set.
    /// </summary>
    Task<Result<DrawResult>> DrawAsync(DrawRequest request, CancellationToken cancellationToken = default);

    /// <summary>Chances the player can still use now (total and today's limit applied).</summary>
    Task<int> RemainingChancesAsync(ActivityLimits limits, Guid playerId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// What the player can do now, read from the counters <see cref="DrawAsync"/> checks: chances left and whether the
    /// win limit already refuses every further draw.
    /// </summary>
    Task<PlayerStanding> StandingAsync(ActivityLimits limits, Guid playerId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Adds chances the database has just recorded for the player (a task grant).</summary>
    Task GrantChancesAsync(ActivityLimits limits, Guid playerId, int amount, CancellationToken cancellationToken = default);

    /// <summary>Makes the store ready to draw for a just-published (or resumed, paused, ended) activity: warms counters, sets its state.</summary>
    Task SyncActivityAsync(ActivityLimits limits, CancellationToken cancellationToken = default);

    /// <summary>Units still available per prize of the activity (allocated minus issued, including not-yet-persisted wins).</summary>
    Task<IReadOnlyDictionary<Guid, int>> RemainingStockAsync(Guid activityId, CancellationToken cancellationToken = default);

    /// <summary>Waits until every draw record of the activity accepted so far is in the database (before stock returns, stats).</summary>
    Task FlushAsync(Guid activityId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lets the store forget a finished activity whose stock went back to the pool (Redis: its keys expire after a while).
    /// False, changing nothing, while the store still holds the activity as live or holds records not yet in the
    /// database. Safe to repeat.
    /// </summary>
    Task<bool> RetireAsync(Guid activityId, CancellationToken cancellationToken = default);
}

/// <summary>What the store needs to know about an activity to enforce its limits (a snapshot of the published version).</summary>
public sealed record ActivityLimits(
    Guid ActivityId,
    Guid TenantId,
    ActivityStatus Status,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int DefinitionVersion,
    ActivityRules Rules,
    IReadOnlyDictionary<Guid, int> TierMaxWins,
    IReadOnlyDictionary<Guid, SlotSchedule>? PrizeSlots = null)
{
    public static ActivityLimits For(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return new(
            activity.Id,
            activity.TenantId,
            activity.Status,
            activity.Schedule.StartsAt,
            activity.Schedule.EndsAt,
            activity.DefinitionVersion,
            activity.Rules,
            activity.Tiers.Where(t => t.MaxWinsPerPlayer is not null).ToDictionary(t => t.Id, t => t.MaxWinsPerPlayer!.Value),
            SlotsOf(activity));
    }

    /// <summary>
    /// Units of <paramref name="prizeId"/> a draw at <paramref name="at"/> must leave untouched because later time slots
    /// have not released them yet (0 for a prize without slots). Both stores take a unit only while more than this remain.
    /// </summary>
    public int ReservedForLaterSlots(Guid prizeId, DateTimeOffset at) =>
        PrizeSlots is not null && PrizeSlots.TryGetValue(prizeId, out var slots) ? slots.ReservedAt(at) : 0;

    /// <summary>The time slots of each prize that has them (instant activities), sharing out the prize's allocation.</summary>
    public static IReadOnlyDictionary<Guid, SlotSchedule> SlotsOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Kind != ActivityKind.Instant)
        {
            return new Dictionary<Guid, SlotSchedule>();
        }

        var plans = activity.Tiers.SelectMany(t => t.Slots).Where(s => s.TimeSlots is not null)
            .GroupBy(s => s.PrizeId).ToDictionary(g => g.Key, g => g.First().TimeSlots!);
        return activity.Prizes.Where(p => plans.ContainsKey(p.PrizeId)).ToDictionary(
            p => p.PrizeId,
            p => SlotSchedule.Create(plans[p.PrizeId], activity.Schedule.StartsAt, activity.Schedule.EndsAt, p.Allocated));
    }

    /// <summary>The UTC day key per-day limits count against.</summary>
    public static string DayKey(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A player's standing in an activity: chances left now, and whether the win limit refuses further draws.</summary>
public sealed record PlayerStanding(int RemainingChances, bool WinLimitReached)
{
    /// <summary>The standing for <paramref name="wins"/> prizes won, by the same test the draw applies.</summary>
    public static PlayerStanding Of(ActivityRules rules, int remainingChances, int wins)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return new(remainingChances, wins >= (rules.MaxWinsPerPlayer ?? int.MaxValue));
    }
}

/// <summary>One draw to apply. <see cref="DrawId"/> is chosen by the caller and becomes the record's unique id.</summary>
public sealed record DrawRequest(
    Guid DrawId,
    ActivityLimits Limits,
    Guid PlayerId,
    DateTimeOffset At,
    DrawPick Pick,
    string? IdempotencyKey);

/// <summary>The outcome of an accepted draw, as shown to the player.</summary>
public sealed record DrawResult(
    Guid DrawId,
    DrawOutcome Outcome,
    Guid? TierId,
    Guid? PrizeId,
    int SegmentIndex,
    int RemainingChances,
    bool Replayed = false)
{
    public bool Won => Outcome == DrawOutcome.Won;
}
