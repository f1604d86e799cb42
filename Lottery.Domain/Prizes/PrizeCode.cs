using Lottery.Domain.Common;

namespace Lottery.Domain.Prizes;

/// <summary>One redeemable code in a code prize's pool; handed to exactly one win.</summary>
public sealed class PrizeCode : ITenantOwned
{
    private PrizeCode()
    {
        Code = null!;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid PrizeId { get; private set; }

    public string Code { get; private set; }

    /// <summary>The win this code went to, once assigned.</summary>
    public Guid? WinId { get; private set; }

    public DateTimeOffset? AssignedAt { get; private set; }

    public static PrizeCode Create(Guid tenantId, Guid prizeId, string code, TimeProvider clock) => new()
    {
        Id = Ids.New(clock),
        TenantId = tenantId,
        PrizeId = prizeId,
        Code = code.Trim(),
    };

    public Result AssignTo(Guid winId, TimeProvider clock)
    {
        if (WinId is not null)
        {
            return Result.Failure(new Error(ErrorCodes.AlreadyClaimed, "This code has already been given to a winner."));
        }

        WinId = winId;
        AssignedAt = clock.GetUtcNow();
        return Result.Success();
    }
}
