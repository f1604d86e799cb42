using Lottery.Domain.Draws;
using Lottery.Web.Features.Winners;

namespace Lottery.Web.Tests.Winners;

/// <summary>Winner lines as the winners page gets them, for component and import tests.</summary>
internal static class Winners
{
    private static readonly DateTimeOffset Won = new(2026, 12, 6, 9, 30, 0, TimeSpan.Zero);

    public static WinnerLine Claimed(string player, string prize = "Festival hoodie", int minutes = 0) =>
        Line(player, prize, WinStatus.Claimed, "physical", Claim(player, tracking: null), minutes);

    public static WinnerLine AwaitingAddress(string player, string prize = "Festival hoodie") =>
        Line(player, prize, WinStatus.AwaitingClaim, "physical", claim: null);

    public static WinnerLine Shipped(string player, string tracking, string prize = "Festival hoodie") =>
        Line(player, prize, WinStatus.Shipped, "physical", Claim(player, tracking));

    public static WinnerLine Voucher(string player) =>
        Line(player, "Coffee voucher", WinStatus.Claimed, "code", claim: null) with { Code = "COFFEE-ABCD-2345" };

    private static WinnerLine Line(string player, string prize, WinStatus status, string kind, ClaimDetails? claim, int minutes = 0) =>
        new(Guid.NewGuid(), Guid.NewGuid(), player[0] + "***" + player[^1], prize, kind, "First prize", Won.AddMinutes(minutes), status, null, claim);

    private static ClaimDetails Claim(string player, string? tracking) =>
        new(player + " Lee", "+86 138 0013 8000", "1 Century Avenue, 200120", "Shanghai", "China", Won.AddHours(1), tracking,
            tracking is null ? null : Won.AddHours(2), null, Masked: false);
}
