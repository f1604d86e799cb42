using CsvHelper;
using Lottery.Domain.Draws;
using Lottery.Domain.Players;
using Lottery.Web.Extensions;
using Lottery.Web.Features.Activities;

namespace Lottery.Web.Features.Winners;

/// <summary>A winner's claim as staff see it; personal fields are masked unless the viewer may see them.</summary>
public sealed record ClaimDetails(
    string RecipientName, string Phone, string Address, string City, string Country, DateTimeOffset SubmittedAt,
    string? TrackingNumber, DateTimeOffset? ShippedAt, DateTimeOffset? DeliveredAt, bool Masked);

/// <summary>One win on the winners page. <see cref="Hold"/>: why fulfilment waits (held for review, or rejected), in words.</summary>
public sealed record WinnerLine(
    Guid WinId, Guid PlayerId, string Player, string Prize, string Kind, string? Tier, DateTimeOffset WonAt, WinStatus Status,
    string? Code, ClaimDetails? Claim, Review.WinHold? Hold = null)
{
    public bool CanShip => Status == WinStatus.Claimed && Claim is not null && Hold is null;

    public bool IsPhysical => Kind == "physical";

    public bool CanDeliver => Status == WinStatus.Shipped;
}

/// <summary>The winners export: every win with its claim and fulfilment status.</summary>
[CsvRecord]
public sealed partial record WinnerExportRow(
    Guid WinId, string Player, string Prize, string Kind, string? Tier, DateTimeOffset WonAt, string Status, string? Code,
    string? RecipientName, string? Phone, string? Address, string? City, string? Country, DateTimeOffset? ClaimedAt,
    string? TrackingNumber, DateTimeOffset? ShippedAt, DateTimeOffset? DeliveredAt);

public sealed record WinnerFilter(string? Search = null, WinStatus? Status = null);

/// <summary>
/// Winners of the current tenant's activities, for fulfilment. Claim details (name, phone, address) are personal data:
/// shown in full only to managers and platform admins; others get them masked, and cannot search by them.
/// </summary>
public sealed class WinnerQueries(ActivityReports reports, Review.ReviewQueries reviews)
{
    /// <summary>The activity's winners, newest first, or null when the activity is not the tenant's.</summary>
    public async Task<IReadOnlyList<WinnerLine>?> ListAsync(Guid activityId, WinnerFilter filter, bool personalData, CancellationToken cancellationToken)
    {
        if (await reports.WinEntriesAsync(activityId, cancellationToken) is not { } wins)
        {
            return null;
        }

        var held = await reviews.BlockedAsync(activityId, cancellationToken);
        var lines = wins.OrderByDescending(w => w.Win.WonAt).Select(w => new WinnerLine(
            w.Win.Id, w.Win.PlayerId, w.Player, w.Win.PrizeName, w.Kind, w.Tier, w.Win.WonAt, w.Win.Status, w.Win.Code,
            w.Win.Claim is { } claim ? Details(claim, personalData) : null, held.GetValueOrDefault(w.Win.Id)));
        return [.. lines.Where(l => Matches(l, filter, personalData))];
    }

    public static IReadOnlyList<WinnerExportRow> ToExport(IEnumerable<WinnerLine> lines) => [.. lines.OrderBy(l => l.WonAt).Select(l => new WinnerExportRow(
        l.WinId, l.Player, l.Prize, l.Kind, l.Tier, l.WonAt, l.Status.ToString(), l.Code, l.Claim?.RecipientName, l.Claim?.Phone,
        l.Claim?.Address, l.Claim?.City, l.Claim?.Country, l.Claim?.SubmittedAt, l.Claim?.TrackingNumber, l.Claim?.ShippedAt,
        l.Claim?.DeliveredAt))];

    public static string ToCsv(IEnumerable<WinnerLine> lines) => CsvText.Write(ToExport(lines));

    private static ClaimDetails Details(Claim claim, bool personalData)
    {
        var a = claim.Address;
        var address = string.Join(", ", new[] { a.Line1, a.Line2, a.Region, a.PostalCode }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return personalData
            ? new ClaimDetails(a.RecipientName, a.Phone, address, a.City, a.Country, claim.SubmittedAt, claim.TrackingNumber, claim.ShippedAt, claim.DeliveredAt, false)
            : new ClaimDetails(Player.Mask(a.RecipientName), MaskPhone(a.Phone), "(hidden)", a.City, a.Country, claim.SubmittedAt,
                claim.TrackingNumber, claim.ShippedAt, claim.DeliveredAt, true);
    }

    /// <summary>Only the last two digits stay visible.</summary>
    public static string MaskPhone(string phone)
    {
        var digits = phone.Where(char.IsAsciiDigit).ToArray();
        return digits.Length < 2 ? "••" : "•••• ••" + new string(digits[^2..]);
    }

    public static bool Matches(WinnerLine line, WinnerFilter filter, bool personalData)
    {
        if (filter.Status is { } status && line.Status != status)
        {
            return false;
        }

        if (string.IsNullOrWhiteSpace(filter.Search))
        {
            return true;
        }

        var q = filter.Search.Trim();
        bool Has(string? s) => s is not null && s.Contains(q, StringComparison.OrdinalIgnoreCase);
        return Has(line.Player) || Has(line.Prize) || Has(line.Tier) || Has(line.Code) || Has(line.Claim?.TrackingNumber)
            || Has(line.WinId.ToString()) || (personalData && (Has(line.Claim?.RecipientName) || Has(line.Claim?.Phone) || Has(line.Claim?.City)));
    }
}
