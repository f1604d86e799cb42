using Lottery.Domain.Activities;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Lifecycle;

/// <summary>
/// At start, makes sure every live activity has its triggers (the in-memory store forgets them on restart; a step whose
/// time passed while the app was down fires at once) and finishes stock returns a crash interrupted.
/// </summary>
public sealed class LifecycleBootstrap(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await using var db = await services.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContextAsync(cancellationToken);
        var live = await db.Activities.IgnoreQueryFilters().AsNoTracking().AsSplitQuery()
            .Where(a => a.Status == ActivityStatus.Published || a.Status == ActivityStatus.Running || a.Status == ActivityStatus.Paused
                || a.Status == ActivityStatus.Open || a.Status == ActivityStatus.Drawing)
            .ToListAsync(cancellationToken);
        var scheduler = services.GetRequiredService<ActivityScheduler>();
        foreach (var activity in live)
        {
            await scheduler.ScheduleAsync(activity, cancellationToken);
        }

        var unreturned = await db.ActivityPrizes.IgnoreQueryFilters()
            .Where(p => p.IsReserved && p.ReturnedAt == null)
            .Where(p => db.Activities.IgnoreQueryFilters().Any(a => a.Id == p.ActivityId
                && (a.Status == ActivityStatus.Ended || a.Status == ActivityStatus.Cancelled || a.Status == ActivityStatus.Drawn)))
            .Select(p => p.ActivityId).Distinct().ToListAsync(cancellationToken);
        foreach (var activityId in unreturned)
        {
            await using var inner = scopes.CreateAsyncScope();
            var tenant = await db.Activities.IgnoreQueryFilters().Where(a => a.Id == activityId).Select(a => a.TenantId).SingleAsync(cancellationToken);
            inner.ServiceProvider.GetRequiredService<TenantScope>().Set(tenant);
            await inner.ServiceProvider.GetRequiredService<ActivityFinisher>().ReturnStockAsync(activityId, LifecycleJob.Actor, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
