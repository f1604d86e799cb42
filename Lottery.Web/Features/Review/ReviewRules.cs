using System.Text;
using Lottery.Domain.Draws;

namespace Lottery.Web.Features.Review;

/// <summary>
/// How two claims are compared for "the same shipping address or phone": the address is line 1, postal code and
/// country with case and every whitespace ignored ("1 Century  Ave" = "1 century ave", "SW1A 1AA" = "sw1a1aa"); the
/// phone is its digits only ("+86 138-0013 8000" = "8613800138000"). Line 2, city and region are left out on purpose:
/// a farmer varies them freely while the parcel still reaches one door.
/// </summary>
public static class ReviewRules
{
    public static string AddressKey(string line1, string postalCode, string country) =>
        $"{Squash(line1)}|{Squash(postalCode)}|{Squash(country)}";

    public static string AddressKey(ShippingAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return AddressKey(address.Line1, address.PostalCode, address.Country);
    }

    public static string PhoneKey(string? phone) => new([.. (phone ?? "").Where(char.IsAsciiDigit)]);

    private static string Squash(string? value)
    {
        var text = new StringBuilder((value ?? "").Length);
        foreach (var c in (value ?? "").Trim())
        {
            if (!char.IsWhiteSpace(c))
            {
                text.Append(char.ToLowerInvariant(c));
            }
        }

        return text.ToString();
    }
}
