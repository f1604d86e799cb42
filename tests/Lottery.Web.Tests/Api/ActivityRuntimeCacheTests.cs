using Lottery.Web.Features.Draws;
using Microsoft.Extensions.DependencyInjection;

namespace Lottery.Web.Tests.Api;

/// <summary>On PostgreSQL, whose reads really are asynchronous (SQLite's complete before the next call starts).</summary>
public sealed class ActivityRuntimeCacheTests(EmbeddedPostgresApi api) : IClassFixture<EmbeddedPostgresApi>
{
    [Fact]
    public async Task Concurrent_misses_share_one_load_and_an_invalidation_loads_again()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition());
        var cache = api.Services.GetRequiredService<ActivityRuntimeCache>();
        cache.Invalidate(activity);

        var runtimes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => cache.GetAsync(activity)));

        var shared = Assert.Single(runtimes.Distinct());
        Assert.Equal(activity, shared!.Activity.Id);
        Assert.Same(shared, await cache.GetAsync(activity));
        cache.Invalidate(activity);
        var reloaded = await cache.GetAsync(activity);
        Assert.NotSame(shared, reloaded);
        Assert.Equal(activity, reloaded!.Activity.Id);
    }

    [Fact]
    public async Task An_unknown_activity_is_null()
    {
        var cache = api.Services.GetRequiredService<ActivityRuntimeCache>();

        Assert.Null(await cache.GetAsync(Guid.NewGuid()));
    }
}
