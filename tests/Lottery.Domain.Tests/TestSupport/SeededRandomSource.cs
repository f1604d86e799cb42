using Lottery.Domain.Common;

namespace Lottery.Domain.Tests.TestSupport;

/// <summary>A reproducible random source for statistical tests (System.Random with a fixed seed; draws use the crypto one).</summary>
public sealed class SeededRandomSource(int seed) : IRandomSource
{
    private readonly Random _random = new(seed);

    public int NextInt(int maxExclusive) => _random.Next(maxExclusive);

    public long NextInt64(long maxExclusive) => _random.NextInt64(maxExclusive);

    public void Fill(Span<byte> buffer) => _random.NextBytes(buffer);
}
