using Lottery.Domain.Common;

namespace Lottery.Domain.Activities;

/// <summary>
/// The designer's working copy of an activity's definition document: saved on every change, valid or not, and never
/// read by the draw path. <see cref="ActivityId"/> is the activity it edits, or the id the activity will get when a
/// brand-new design is first published. <see cref="BaseVersion"/> is the live definition version a new version started
/// from (null: the activity does not exist yet). Publishing the draft deletes it (docs/decisions/012).
/// </summary>
public sealed class ActivityDraft : ITenantOwned
{
    private ActivityDraft()
    {
        Document = null!;
        UpdatedBy = null!;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid ActivityId { get; private set; }

    public int? BaseVersion { get; private set; }

    /// <summary>The definition document as JSON (the management API's format); it may not be valid.</summary>
    public string Document { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string UpdatedBy { get; private set; }

    public static ActivityDraft Start(Guid tenantId, Guid activityId, int? baseVersion, string document, string actor, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrEmpty(document);
        var now = clock.GetUtcNow();
        return new ActivityDraft
        {
            Id = Ids.New(clock),
            TenantId = tenantId,
            ActivityId = activityId,
            BaseVersion = baseVersion,
            Document = document,
            CreatedAt = now,
            UpdatedAt = now,
            UpdatedBy = actor,
        };
    }

    public void Save(string document, string actor, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrEmpty(document);
        Document = document;
        UpdatedBy = actor;
        UpdatedAt = clock.GetUtcNow();
    }
}

/// <summary>One published definition of an activity, immutable: version <see cref="Number"/> is what players drew against
/// from <see cref="PublishedAt"/> until the next version.</summary>
public sealed class ActivityVersion : ITenantOwned
{
    private ActivityVersion()
    {
        Document = null!;
        PublishedBy = null!;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid ActivityId { get; private set; }

    /// <summary>The activity's <see cref="Activity.DefinitionVersion"/> when this definition went live.</summary>
    public int Number { get; private set; }

    /// <summary>The definition document as JSON.</summary>
    public string Document { get; private set; }

    public DateTimeOffset PublishedAt { get; private set; }

    public string PublishedBy { get; private set; }

    public static ActivityVersion Record(Activity activity, string document, string actor, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return new ActivityVersion
        {
            Id = Ids.New(clock),
            TenantId = activity.TenantId,
            ActivityId = activity.Id,
            Number = activity.DefinitionVersion,
            Document = document,
            PublishedAt = clock.GetUtcNow(),
            PublishedBy = actor,
        };
    }
}
