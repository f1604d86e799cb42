using System.Text.Json;
using Lottery.Domain.Activities;
using Lottery.Domain.Audit;
using Lottery.Domain.Common;
using Lottery.Infrastructure.Persistence;
using Lottery.Web.Features.Activities;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Designer;

/// <summary>The published state of an activity as the designer shows it.</summary>
public sealed record LiveActivity(ActivityStatus Status, ActivityKind Kind, int DefinitionVersion, ActivityDocument Document, string ShortCode);

/// <summary>The working draft of an activity (or of an activity-to-be).</summary>
public sealed record DraftView(ActivityDocument Document, int? BaseVersion, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>What the designer page opens: the live activity, its working draft, or both. Null from the service: not found.</summary>
public sealed record DesignerSnapshot(Guid ActivityId, LiveActivity? Live, DraftView? Draft);

/// <summary>
/// Loads and saves designer drafts of the signed-in staff member's tenant (the tenant filter scopes every lookup: another
/// tenant's activity or draft is simply not found). Publishing goes through <see cref="ActivityCommands"/>.
/// </summary>
public sealed class DesignerService(IDbContextFactory<LotteryDbContext> contexts, TimeProvider clock)
{
    public async Task<DesignerSnapshot?> LoadAsync(Guid activityId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var activity = await db.Activities.AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(a => a.Id == activityId, cancellationToken);
        var draft = await db.ActivityDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.ActivityId == activityId, cancellationToken);
        if (activity is null && draft is null)
        {
            return null;
        }

        var live = activity is null ? null
            : new LiveActivity(activity.Status, activity.Kind, activity.DefinitionVersion, ActivityDocuments.FromDefinition(activity.ToDefinition()), activity.ShortCode);
        var working = draft is null ? null
            : new DraftView(DesignerDocuments.ParseOrEmpty(draft.Document),
                draft.BaseVersion, draft.UpdatedAt, draft.UpdatedBy);
        return new DesignerSnapshot(activityId, live, working);
    }

    public async Task<IReadOnlyList<CataloguePrize>> CatalogueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var prizes = await db.Prizes.AsNoTracking()
            .Select(p => new CataloguePrize(p.Id, p.Name, p.Kind, p.PoolStock, p.UnitCost))
            .ToListAsync(cancellationToken);
        return [.. prizes.OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>
    /// Saves the working document, valid or not (autosave). A draft of a live activity must say which version it
    /// started from; a finished activity takes no drafts. Returns when it was saved.
    /// </summary>
    public async Task<Result<DateTimeOffset>> SaveDraftAsync(Guid tenantId, Guid activityId, ActivityDocument document, string actor,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = DesignerDocuments.Serialize(document);
        var draft = await db.ActivityDrafts.SingleOrDefaultAsync(d => d.ActivityId == activityId, cancellationToken);
        if (draft is null)
        {
            var activity = await db.Activities.AsNoTracking().Where(a => a.Id == activityId)
                .Select(a => new { a.Status, a.Kind, a.DefinitionVersion }).SingleOrDefaultAsync(cancellationToken);
            if (activity is not null && activity.Status != ActivityStatus.Draft)
            {
                return Result<DateTimeOffset>.Failure(new Error(ErrorCodes.IllegalTransition,
                    "This activity is published: start a new version to change it."));
            }

            if (activity is null && await db.Activities.IgnoreQueryFilters().AnyAsync(a => a.Id == activityId, cancellationToken))
            {
                return Result<DateTimeOffset>.Failure(new Error(ErrorCodes.NotFound, "The activity was not found."));
            }

            draft = ActivityDraft.Start(tenantId, activityId, activity?.DefinitionVersion, json, actor, clock);
            db.ActivityDrafts.Add(draft);
        }
        else
        {
            draft.Save(json, actor, clock);
        }

        await db.SaveChangesAsync(cancellationToken);
        return draft.UpdatedAt;
    }

    /// <summary>Starts the next version of a live activity: a draft holding its current definition (audited).</summary>
    public async Task<Result<DraftView>> StartVersionAsync(Guid activityId, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var activity = await db.Activities.AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(a => a.Id == activityId, cancellationToken);
        if (activity is null)
        {
            return Result<DraftView>.Failure(new Error(ErrorCodes.NotFound, "The activity was not found."));
        }

        if (!activity.IsLive)
        {
            return Result<DraftView>.Failure(new Error(ErrorCodes.IllegalTransition,
                $"Only a published activity that has not finished gets new versions (this one is {activity.Status})."));
        }

        if (await db.ActivityDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.ActivityId == activityId, cancellationToken) is { } existing)
        {
            return new DraftView(DesignerDocuments.Parse(existing.Document).Value, existing.BaseVersion, existing.UpdatedAt, existing.UpdatedBy);
        }

        var document = ActivityDocuments.FromDefinition(activity.ToDefinition());
        var draft = ActivityDraft.Start(activity.TenantId, activityId, activity.DefinitionVersion, DesignerDocuments.Serialize(document), actor, clock);
        db.ActivityDrafts.Add(draft);
        db.Audit.Add(AuditEntry.Record(activity.TenantId, activityId, actor, "activity.version.start", clock,
            JsonSerializer.Serialize(new { version = activity.DefinitionVersion }),
            JsonSerializer.Serialize(new { version = activity.DefinitionVersion + 1, status = "draft" })));
        await db.SaveChangesAsync(cancellationToken);
        return new DraftView(document, draft.BaseVersion, draft.UpdatedAt, draft.UpdatedBy);
    }

    public async Task DiscardDraftAsync(Guid activityId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ActivityDrafts.RemoveRange(await db.ActivityDrafts.Where(d => d.ActivityId == activityId).ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
    }
}
