using System.Text.Json;
using System.Text.Json.Nodes;
using Lottery.Domain.Activities;
using Lottery.Domain.Audit;
using Lottery.Domain.Common;
using Lottery.Infrastructure.Persistence;
using Lottery.Web.Features.Activities;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Catalogue;

/// <summary>
/// The activity list's own actions on the current tenant's activities: duplicate any activity into a new draft, delete a
/// draft. Both are audited; another tenant's id is simply not found.
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
            return Result<Guid>.Failure(NotFound);
        }

        var definition = source.ToDefinition();
        var name = source.Name.Length + CopySuffix.Length > Limits.NameMaxLength
            ? source.Name[..(Limits.NameMaxLength - CopySuffix.Length)].TrimEnd() + CopySuffix
            : source.Name + CopySuffix;
        var created = Activity.Create(source.TenantId, definition with { Name = name }, clock);
        if (created.IsFailure)
        {
            return Result<Guid>.Failure(created.Error!, created.ValidationErrors);
        }

        var copy = created.Value;
        db.Activities.Add(copy);
        var document = JsonSerializer.SerializeToNode(ActivityDocuments.FromDefinition(copy.ToDefinition()))!.AsObject();
        document.Insert(0, "CopiedFrom", JsonValue.Create(source.Id));
        document.Insert(1, "CopiedFromName", JsonValue.Create(source.Name));
        db.Audit.Add(AuditEntry.Record(source.TenantId, copy.Id, actor, "activity.duplicate", clock, after: document.ToJsonString()));
        await db.SaveChangesAsync(cancellationToken);
        return copy.Id;
    }

    /// <summary>Deletes a draft (nothing was reserved or drawn yet). Any other status is refused: cancel or end it instead.</summary>
    public async Task<Result> DeleteDraftAsync(Guid activityId, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var activity = await db.Activities.AsSplitQuery().SingleOrDefaultAsync(a => a.Id == activityId, cancellationToken);
        if (activity is null)
        {
            return Result.Failure(NotFound);
        }

        if (activity.Status != ActivityStatus.Draft)
        {
            return Result.Failure(new Error(ErrorCodes.IllegalTransition,
                $"Only a draft can be deleted; '{activity.Name}' is {activity.Status}. Cancel or end it instead: its history is kept."));
        }

        db.Audit.Add(AuditEntry.Record(activity.TenantId, activity.Id, actor, "activity.delete", clock,
            JsonSerializer.Serialize(ActivityDocuments.FromDefinition(activity.ToDefinition()))));
        db.Activities.Remove(activity);
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

    private static Error NotFound => new(ErrorCodes.NotFound, "The activity was not found.");
}
