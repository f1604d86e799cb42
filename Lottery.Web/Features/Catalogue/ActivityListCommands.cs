using System.Text.Json;
using System.Text.Json.Nodes;
using Lottery.Domain.Activities;
using Lottery.Domain.Audit;
using Lottery.Domain.Common;
using Lottery.Infrastructure.Persistence;
using Lottery.Web.Features.Activities;
using Lottery.Web.Features.Designer;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Catalogue;

/// <summary>
/// The activity list's own actions on the current tenant's activities: duplicate any activity into a new draft, delete a
/// draft. Both are audited; another tenant's id is simply not found. An unpublished design (a designer working draft
/// with no activity row yet, docs/decisions/012) is duplicated into a new design and deleted like any draft.
/// </summary>
public sealed class ActivityListCommands(IDbContextFactory<LotteryDbContext> contexts, TimeProvider clock)
{
    private const string CopySuffix = " (copy)";

    /// <summary>Copies the activity's definition (prizes, rules, look, schedule) into a new draft named "… (copy)".</summary>
    public async Task<Result<Guid>> DuplicateAsync(Guid activityId, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var source = await db.Activities.AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(a => a.Id == activityId, cancellationToken);
        if (source is null)
        {
            return await DuplicateDesignAsync(db, activityId, actor, cancellationToken);
        }

        var definition = source.ToDefinition();
        var name = CopyName(source.Name);
        var created = Activity.Create(source.TenantId, definition with { Name = name }, clock);
        if (created.IsFailure)
        {
            return Result<Guid>.Failure(created.Error!, created.ValidationErrors);
        }

        var copy = created.Value;
        db.Activities.Add(copy);
        db.Audit.Add(AuditEntry.Record(source.TenantId, copy.Id, actor, "activity.duplicate", clock,
            after: CopyJson(ActivityDocuments.FromDefinition(copy.ToDefinition()), source.Id, source.Name)));
        await db.SaveChangesAsync(cancellationToken);
        return copy.Id;
    }

    /// <summary>
    /// Deletes a draft (nothing was reserved or drawn yet), with its designer working draft if it has one; an unpublished
    /// design is its working draft. Any other status is refused: cancel or end it instead.
    /// </summary>
    public async Task<Result> DeleteDraftAsync(Guid activityId, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var activity = await db.Activities.AsSplitQuery().SingleOrDefaultAsync(a => a.Id == activityId, cancellationToken);
        var working = await db.ActivityDrafts.SingleOrDefaultAsync(d => d.ActivityId == activityId, cancellationToken);
        if (activity is null)
        {
            if (working is null)
            {
                return Result.Failure(NotFound);
            }

            var design = DesignerDocuments.Parse(working.Document);
            db.Audit.Add(AuditEntry.Record(working.TenantId, activityId, actor, "activity.delete", clock,
                design.IsSuccess ? JsonSerializer.Serialize(design.Value) : working.Document));
            db.ActivityDrafts.Remove(working);
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success();
        }

        if (activity.Status != ActivityStatus.Draft)
        {
            return Result.Failure(new Error(ErrorCodes.IllegalTransition,
                $"Only a draft can be deleted; '{activity.Name}' is {activity.Status}. Cancel or end it instead: its history is kept."));
        }

        db.Audit.Add(AuditEntry.Record(activity.TenantId, activity.Id, actor, "activity.delete", clock,
            ActivityDocuments.Json(activity)));
        db.Activities.Remove(activity);
        if (working is not null)
        {
            db.ActivityDrafts.Remove(working);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Failure(new Error(ErrorCodes.Concurrency, "The activity changed at the same time; reload and try again."));
        }

        return Result.Success();
    }

    /// <summary>Copies an unpublished design's working document, valid or not, into a new design named "… (copy)".</summary>
    private async Task<Result<Guid>> DuplicateDesignAsync(LotteryDbContext db, Guid activityId, string actor, CancellationToken cancellationToken)
    {
        var source = await db.ActivityDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.ActivityId == activityId, cancellationToken);
        if (source is null)
        {
            return Result<Guid>.Failure(NotFound);
        }

        var original = ActivityQueries.FromDesign(activityId, source.Document);
        var document = DesignerDocuments.ParseOrEmpty(source.Document);
        var copyId = Ids.New(clock);
        var copy = document with { Name = CopyName(original.Name) };
        db.ActivityDrafts.Add(ActivityDraft.Start(source.TenantId, copyId, null, DesignerDocuments.Serialize(copy), actor, clock));
        db.Audit.Add(AuditEntry.Record(source.TenantId, copyId, actor, "activity.duplicate", clock, after: CopyJson(copy, activityId, original.Name)));
        await db.SaveChangesAsync(cancellationToken);
        return copyId;
    }

    /// <summary>The audited copy: its document, led by where it was copied from.</summary>
    private static string CopyJson(ActivityDocument document, Guid sourceId, string sourceName)
    {
        var json = JsonSerializer.SerializeToNode(document)!.AsObject();
        json.Insert(0, "CopiedFrom", JsonValue.Create(sourceId));
        json.Insert(1, "CopiedFromName", JsonValue.Create(sourceName));
        return json.ToJsonString();
    }

    private static string CopyName(string name) => name.Length + CopySuffix.Length > Limits.NameMaxLength
        ? name[..(Limits.NameMaxLength - CopySuffix.Length)].TrimEnd() + CopySuffix
        : name + CopySuffix;

    private static Error NotFound => new(ErrorCodes.NotFound, "The activity was not found.");
}
