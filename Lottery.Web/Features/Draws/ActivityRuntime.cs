using Lottery.Domain.Activities;
using Lottery.Domain.Draws;
using Lottery.Domain.Stock;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Lottery.Web.Features.Draws;

/// <summary>
/// Everything the draw path needs about one activity, compiled once per definition version: the wheel, the alias
/// tables, the limits for the stock store, and names for responses. Immutable; shared by every request.
/// </summary>
public sealed class ActivityRuntime
{
    public ActivityRuntime(Activity activity)
    {
        Activity = activity;
        Wheel = WheelLayout.For(activity);
        Table = activity.Kind == ActivityKind.Instant ? new DrawTable(activity, Wheel) : null;
        Limits = ActivityLimits.For(activity);
        TierNames = activity.Tiers.ToDictionary(t => t.Id, t => t.Name);
        PrizeNames = activity.Tiers.SelectMany(t => t.Slots).DistinctBy(s => s.PrizeId).ToDictionary(s => s.PrizeId, s => s.PrizeName);
    }

    /// <summary>A detached snapshot: never modify or save it.</summary>
    public Activity Activity { get; }

    public WheelLayout Wheel { get; }

    public DrawTable? Table { get; }

    public ActivityLimits Limits { get; }

    public IReadOnlyDictionary<Guid, string> TierNames { get; }

    public IReadOnlyDictionary<Guid, string> PrizeNames { get; }
}

/// <summary>
/// Caches compiled activities for a couple of seconds. Staleness is harmless for correctness: the stock store checks
/// the activity's live state itself (the embedded store's UPDATE reads the row; the Redis script reads the synced state),
/// and changes made on this node invalidate the entry at once.
/// </summary>
public sealed class ActivityRuntimeCache(IServiceScopeFactory scopes, IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);

    public async Task<ActivityRuntime?> GetAsync(Guid activityId, CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(Key(activityId), out ActivityRuntime? runtime))
        {
            return runtime;
        }

        await using var scope = scopes.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContextAsync(cancellationToken);
        // Public path: the activity id is the only key; the tenant comes from the activity itself.
        var activity = await db.Activities.IgnoreQueryFilters().AsNoTracking().AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == activityId, cancellationToken);
        runtime = activity is null ? null : new ActivityRuntime(activity);
        cache.Set(Key(activityId), runtime, Lifetime);
        return runtime;
    }

    public void Invalidate(Guid activityId) => cache.Remove(Key(activityId));

    private static (string, Guid) Key(Guid activityId) => ("activity-runtime", activityId);
}
