using Lottery.Domain.Activities;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Activities;

public sealed record ActivitySummary(
    Guid Id, string Name, ActivityKind Kind, ActivityStatus Status, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    DateTimeOffset? DrawAt, int Tiers, int Allocated, int Issued);

/// <summary>Read models of the signed-in staff member's tenant (the tenant filter scopes every query).</summary>
public sealed class ActivityQueries(IDbContextFactory<LotteryDbContext> contexts)
{
    public async Task<IReadOnlyList<ActivitySummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Activities
            .Select(a => new ActivitySummary(
                a.Id, a.Name, a.Kind, a.Status, a.Schedule.StartsAt, a.Schedule.EndsAt, a.Schedule.DrawAt,
                a.Tiers.Count, a.Prizes.Sum(p => p.Allocated), a.Prizes.Sum(p => p.Issued)))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(a => a.StartsAt)];
    }
}
