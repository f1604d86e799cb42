using System.ComponentModel.DataAnnotations;

namespace Lottery.Web.Features.Review;

/// <summary>
/// The platform's defaults for holding farmed wins (section <c>Risk</c>). A tenant's own
/// <see cref="Domain.Tenants.Tenant.WinsPerAddressPerDay"/> wins over <see cref="WinsPerAddressPerDay"/>.
/// </summary>
public sealed class ReviewOptions
{
    public const string Section = "Risk";

    /// <summary>More wins than this from one network address on one day are held for review; 0 turns the rule off.</summary>
    [Range(0, 100_000)]
    public int WinsPerAddressPerDay { get; set; } = 3;
}
