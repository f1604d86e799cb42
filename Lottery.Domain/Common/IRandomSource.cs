using System.Security.Cryptography;

namespace Lottery.Domain.Common;

/// <summary>The only source of randomness for draws, so tests can replay a seeded sequence.</summary>
public interface IRandomSource
{
    /// <summary>A uniformly distributed integer in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    int NextInt(int maxExclusive);

    /// <summary>A uniformly distributed integer in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    long NextInt64(long maxExclusive);

    /// <summary>Fills <paramref name="buffer"/> with random bytes (e.g. a scheduled draw's seed).</summary>
    void Fill(Span<byte> buffer);
}

/// <summary>Production randomness: the operating system's cryptographic generator.</summary>
public sealed class CryptoRandomSource : IRandomSource
{
    public int NextInt(int maxExclusive) => RandomNumberGenerator.GetInt32(maxExclusive);

    public long NextInt64(long maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        // Rejection sampling over the largest multiple of maxExclusive that fits in 63 bits: no modulo bias.
        var limit = long.MaxValue - (long.MaxValue % maxExclusive);
        Span<byte> bytes = stackalloc byte[8];
        long value;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            value = BitConverter.ToInt64(bytes) & long.MaxValue;
        }
        while (value >= limit);
        return value % maxExclusive;
    }

    public void Fill(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);
}
