using System.Collections.Concurrent;
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
/// and changes made on this node invalidate the entry at once. One load per activity at a time: when the entry expires
/// under load, the requests that miss wait for the load in flight instead of each loading and compiling the activity
/// (at thousands of draws per second that was hundreds of identical loads per expiry; docs/performance.md).
/// </summary>
public sealed class ActivityRuntimeCache(IServiceScopeFactory scopes, IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<Guid, Lazy<Task<ActivityRuntime?>>> _loads = new();

    public Task<ActivityRuntime?> GetAsync(Guid activityId, CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(Key(activityId), out ActivityRuntime? runtime))
        {
            return Task.FromResult(runtime);
        }

        Lazy<Task<ActivityRuntime?>>? load = null;
        load = new(() => LoadAsync(activityId, load!));
        // The shared load does not take one caller's token; each caller stops waiting when its own is cancelled.
        return _loads.GetOrAdd(activityId, load).Value.WaitAsync(cancellationToken);
    }

    public void Invalidate(Guid activityId)
    {
        // A load already in flight may have read the old state: it is forgotten, so it does not fill the cache.
        _loads.TryRemove(activityId, out _);
        cache.Remove(Key(activityId));
    }

    private async Task<ActivityRuntime?> LoadAsync(Guid activityId, Lazy<Task<ActivityRuntime?>> self)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContextAsync();
            // Public path: the activity id is the only key; the tenant comes from the activity itself.
            var activity = await db.Activities.IgnoreQueryFilters().AsNoTracking().AsSplitQuery()
                .SingleOrDefaultAsync(a => a.Id == activityId);
            var runtime = activity is null ? null : new ActivityRuntime(activity);
            if (_loads.TryGetValue(activityId, out var current) && current == self)
            {
                cache.Set(Key(activityId), runtime, Lifetime);
            }

            return runtime;
        }
        finally
        {
            _loads.TryRemove(KeyValuePair.Create(activityId, self));
        }
    }

    private static (string, Guid) Key(Guid activityId) => ("activity-runtime", activityId);
}
