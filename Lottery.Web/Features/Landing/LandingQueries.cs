using Lottery.Domain.Activities;
using Lottery.Infrastructure.Persistence;
using Lottery.Infrastructure.Persistence.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Landing;

public sealed record DemoActivityLink(Guid Id, string Name, ActivityKind Kind, ActivityStatus Status);

/// <summary>The public landing page's links to the demo tenant's live activities.</summary>
public sealed class LandingQueries(IDbContextFactory<LotteryDbContext> contexts)
{
    public async Task<IReadOnlyList<DemoActivityLink>> DemoActivitiesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Public page, no tenant signed in: look across tenants explicitly, for the demo tenant only.
        return await db.Activities.IgnoreQueryFilters()
            .Where(a => db.Tenants.Any(t => t.Id == a.TenantId && t.Slug == DemoOptions.TenantSlug))
            .Where(a => a.Status == ActivityStatus.Running || a.Status == ActivityStatus.Open || a.Status == ActivityStatus.Paused)
            .OrderBy(a => a.Kind).ThenBy(a => a.Name)
            .Select(a => new DemoActivityLink(a.Id, a.Name, a.Kind, a.Status))
            .ToListAsync(cancellationToken);
    }
}
