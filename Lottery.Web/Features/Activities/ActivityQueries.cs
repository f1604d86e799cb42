using Lottery.Domain.Activities;
using Lottery.Infrastructure.Persistence;
using Lottery.Web.Features.Designer;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Activities;

/// <summary>One row of the activity list.</summary>
/// <param name="StartsAt">Null only for an unpublished design that has no start yet.</param>
/// <param name="Unpublished">
/// A design started in the designer and never published: only its working draft exists (no activity row, nothing
/// reserved or drawn). Its status is <see cref="ActivityStatus.Draft"/>; it has no player page, board or winners yet.
/// </param>
public sealed record ActivitySummary(
    Guid Id, string Name, ActivityKind Kind, ActivityStatus Status, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt,
    DateTimeOffset? DrawAt, int Tiers, int Allocated, int Issued, bool Unpublished = false);

/// <summary>Read models of the signed-in staff member's tenant (the tenant filter scopes every query).</summary>
public sealed class ActivityQueries(IDbContextFactory<LotteryDbContext> contexts)
{
    /// <summary>
    /// The tenant's activities and its unpublished designs (working drafts with no activity row yet), newest start
    /// first. An activity that also has a working draft (an API-made draft being edited, or a new version of a live
    /// activity) is listed once, as the activity.
    /// </summary>
    public async Task<IReadOnlyList<ActivitySummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Activities
            .Select(a => new ActivitySummary(
                a.Id, a.Name, a.Kind, a.Status, a.Schedule.StartsAt, a.Schedule.EndsAt, a.Schedule.DrawAt,
                a.Tiers.Count, a.Prizes.Sum(p => p.Allocated), a.Prizes.Sum(p => p.Issued), false))
            .ToListAsync(cancellationToken);
        var designs = await db.ActivityDrafts.AsNoTracking()
            .Where(d => !db.Activities.Any(a => a.Id == d.ActivityId))
            .Select(d => new { d.ActivityId, d.Document, d.UpdatedAt })
            .ToListAsync(cancellationToken);
        return [.. rows.Concat(designs.Select(d => FromDesign(d.ActivityId, d.Document)))
            .OrderByDescending(a => a.StartsAt ?? DateTimeOffset.MaxValue)];
    }

    /// <summary>A list row for an unpublished design; its document may be incomplete or invalid.</summary>
    public static ActivitySummary FromDesign(Guid activityId, string json)
    {
        var document = DesignerDocuments.ParseOrEmpty(json);
        var tiers = (document.Tiers ?? []).OfType<TierDocument>().ToList();
        return new ActivitySummary(
            activityId,
            string.IsNullOrWhiteSpace(document.Name) ? "Untitled design" : document.Name.Trim(),
            string.Equals(document.Kind, "scheduled", StringComparison.OrdinalIgnoreCase) ? ActivityKind.Scheduled : ActivityKind.Instant,
            ActivityStatus.Draft,
            document.StartsAt,
            document.EndsAt,
            document.DrawAt,
            tiers.Count,
            tiers.SelectMany(t => t.Prizes ?? []).OfType<PrizeDocument>().Sum(p => Math.Max(0, p.Stock ?? 0)),
            0,
            Unpublished: true);
    }
}
