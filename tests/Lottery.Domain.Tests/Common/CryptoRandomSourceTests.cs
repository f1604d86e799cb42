using Lottery.Domain.Common;

namespace Lottery.Domain.Tests.Common;

public sealed class CryptoRandomSourceTests
{
    private const int Samples = 2_000;
    private readonly CryptoRandomSource _random = new();

    public static TheoryData<long> Bounds =>
        [1L, 2L, 3L, 10L, 1_000_003L, int.MaxValue + 1L, (1L << 62) + 1, long.MaxValue - 1, long.MaxValue];

    [Theory]
    [MemberData(nameof(Bounds))]
    public void NextInt64_stays_in_zero_to_the_exclusive_bound(long maxExclusive)
    {
        for (var i = 0; i < Samples; i++)
        {
            Assert.InRange(_random.NextInt64(maxExclusive), 0, maxExclusive - 1);
        }
    }

    [Fact]
    public void NextInt64_with_a_bound_of_one_always_gives_zero() =>
        Assert.All(Enumerable.Range(0, 100).Select(_ => _random.NextInt64(1)), v => Assert.Equal(0, v));

    [Fact]
    public void NextInt64_reaches_every_value_of_a_small_range()
    {
        var seen = Enumerable.Range(0, Samples).Select(_ => _random.NextInt64(5)).ToHashSet();

        Assert.Equal([0L, 1L, 2L, 3L, 4L], seen.Order());
    }

    [Fact]
    public void NextInt64_uses_the_upper_half_of_a_wide_range()
    {
        // With a bound just above 2^62, about half the values fall in the upper half of the range; none would if
        // the sampler lost its high bits.
        const long bound = (1L << 62) + 1;

        var high = Enumerable.Range(0, Samples).Count(_ => _random.NextInt64(bound) >= bound / 2);

        Assert.InRange(high, Samples / 4, Samples * 3 / 4);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    public void NextInt64_refuses_a_bound_that_is_not_positive(long maxExclusive) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _random.NextInt64(maxExclusive));

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(int.MaxValue)]
    public void NextInt_stays_in_zero_to_the_exclusive_bound(int maxExclusive)
    {
        for (var i = 0; i < Samples; i++)
        {
            Assert.InRange(_random.NextInt(maxExclusive), 0, maxExclusive - 1);
        }
    }

    [Fact]
    public void Fill_writes_random_bytes_into_the_whole_buffer()
    {
        var first = new byte[64];
        var second = new byte[64];

        _random.Fill(first);
        _random.Fill(second);

        Assert.NotEqual(first, second);
        Assert.Contains(first, b => b != 0);
    }
}
