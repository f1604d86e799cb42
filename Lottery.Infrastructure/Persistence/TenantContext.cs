namespace Lottery.Infrastructure.Persistence;

/// <summary>The tenant whose data the current operation may see. Every tenant-owned query is filtered by it.</summary>
public interface ITenantContext
{
    /// <summary>The current tenant, or null when none is known (then tenant-owned queries return nothing).</summary>
    Guid? TenantId { get; }
}

/// <summary>
/// The scoped, settable tenant context: the web layer sets it from the signed-in user or the API key; background work
/// sets it for the activity it handles.
/// </summary>
public sealed class TenantScope : ITenantContext
{
    public Guid? TenantId { get; private set; }

    public void Set(Guid tenantId)
    {
        if (TenantId is { } current && current != tenantId)
        {
            throw new InvalidOperationException("The tenant of a scope cannot change once set.");
        }

        TenantId = tenantId;
    }
}
