using Lottery.Domain.Activities;

namespace Lottery.Domain.Tests.Activities;

public sealed class ShortCodeTests
{
    [Fact]
    public void A_short_code_has_eight_characters_that_cannot_be_misread_and_codes_differ()
    {
        var codes = Enumerable.Range(0, 2_000).Select(_ => ShortCodes.New()).ToList();

        Assert.All(codes, c => Assert.Matches("^[2-9bcdfghjkmnpqrstvwxz]{8}$", c));
        Assert.DoesNotContain(codes, c => c.IndexOfAny(['0', 'o', '1', 'l', 'i', 'a', 'e', 'u']) >= 0);
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        // Every character of the alphabet is used: the codes are drawn from all 27, not a few.
        Assert.Equal(ShortCodes.Alphabet.Order(), codes.SelectMany(c => c).Distinct().Order());
    }

    [Theory]
    [InlineData(" K7M2X9QD ", "k7m2x9qd")]
    [InlineData("k7m2x9qd", "k7m2x9qd")]
    [InlineData("k7m2x9q0", null)]
    [InlineData("k7m2x9q", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_typed_code_is_read_in_any_case_and_anything_else_is_refused(string? typed, string? expected) =>
        Assert.Equal(expected, ShortCodes.Normalize(typed));
}
