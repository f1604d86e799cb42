namespace Lottery.Domain.Common;

/// <summary>A row that belongs to one tenant; persistence filters every query by the current tenant.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}
