using Lottery.Domain.Draws;
using Lottery.Domain.Prizes;
using Lottery.Web.Components.Pages.Admin.Prizes;
using Lottery.Web.Theme;

namespace Lottery.Web.Features.Winners;

/// <summary>
/// How a win's fulfilment reads on the staff pages: words instead of enum values, and a tone from the product's one
/// colour language (Theme/Tone.cs). Nothing here is ever red: a win is never an error.
/// </summary>
public static class WinStatuses
{
    /// <summary>The status a manager reads for this win: a held or rejected review says so instead of "Claimed".</summary>
    public static string Label(WinnerLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Hold?.Label ?? Label(line.Status);
    }

    public static string Label(WinStatus status) => status switch
    {
        WinStatus.AwaitingClaim => "Awaiting address",
        WinStatus.Claimed => "Claimed",
        WinStatus.Shipped => "Shipped",
        WinStatus.Delivered => "Delivered",
        _ => status.ToString(),
    };

    /// <summary>Waiting for the winner is amber; a claimed parcel to send is blue; shipped, delivered and handed-over prizes are green.</summary>
    public static Tone Tone(WinnerLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Status switch
        {
            _ when line.Hold is { Rejected: true } => Theme.Tone.Neutral,
            _ when line.Hold is not null => Theme.Tone.Warning,
            WinStatus.AwaitingClaim => Theme.Tone.Warning,
            WinStatus.Claimed when line.IsPhysical => Theme.Tone.Info,
            _ => Theme.Tone.Success,
        };
    }

    /// <summary>The prize kind in the catalogue's words (<see cref="PrizeKindBadge.Text"/>), from the win's kind key.</summary>
    public static string Kind(string kind) =>
        Enum.TryParse<PrizeKind>(kind, ignoreCase: true, out var parsed) ? PrizeKindBadge.Text(parsed) : kind;

    /// <summary>
    /// Why this win cannot be marked shipped, in words a manager can act on; null when it can be. Shown beside the
    /// action instead of a silently disabled button.
    /// </summary>
    public static string? WhyNotShippable(WinnerLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line switch
        {
            { CanShip: true } => null,
            { Hold: { } hold } => hold.Why,
            { IsPhysical: false } => "Nothing to ship: this prize is handed over online.",
            { Status: WinStatus.AwaitingClaim } => "The winner has not given a shipping address yet.",
            { Status: WinStatus.Shipped } => "Already shipped.",
            { Status: WinStatus.Delivered } => "Already delivered.",
            _ => "Only a claimed physical prize can be shipped.",
        };
    }
}
