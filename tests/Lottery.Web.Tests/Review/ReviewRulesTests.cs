using Lottery.Web.Features.Review;

namespace Lottery.Web.Tests.Review;

public sealed class ReviewRulesTests
{
    [Theory]
    [InlineData("1 Century Avenue", "200120", "China", "  1 century   AVENUE ", "200 120", "CHINA", true)]
    [InlineData("Flat 2, 10 Downing St", "SW1A 2AA", "UK", "flat 2,10 downing st", "sw1a2aa", "uk", true)]
    [InlineData("1 Century Avenue", "200120", "China", "2 Century Avenue", "200120", "China", false)]
    [InlineData("1 Century Avenue", "200120", "China", "1 Century Avenue", "200121", "China", false)]
    public void Addresses_match_ignoring_case_and_spacing_only(string l1, string p1, string c1, string l2, string p2, string c2, bool same) =>
        Assert.Equal(same, ReviewRules.AddressKey(l1, p1, c1) == ReviewRules.AddressKey(l2, p2, c2));

    [Theory]
    [InlineData("+86 138-0013 8000", "8613800138000")]
    [InlineData("(0)20 7946 0958", "02079460958")]
    [InlineData(null, "")]
    public void A_phone_is_its_digits(string? phone, string key) => Assert.Equal(key, ReviewRules.PhoneKey(phone));
}
