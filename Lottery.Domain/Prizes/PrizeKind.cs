namespace Lottery.Domain.Prizes;

public enum PrizeKind
{
    /// <summary>Shipped to the winner: the claim asks for a shipping address.</summary>
    Physical,

    /// <summary>A code (coupon, voucher) revealed to the winner, taken from the prize's code pool.</summary>
    Code,

    /// <summary>Delivered digitally by the tenant's own systems (e.g. a membership upgrade).</summary>
    Virtual,

    /// <summary>Loyalty points credited to the winner.</summary>
    Points,
}
