using Lottery.Domain.Common;

namespace Lottery.Domain.Tests.TestSupport;

/// <summary>
/// Deterministic randomness: <see cref="Fill"/> writes a counting byte sequence (first, first+1, ...) and the integer
/// methods hand out queued values, so a test knows exactly what the code under test received.
/// </summary>
public sealed class SequenceRandomSource(byte firstByte = 0, params long[] integers) : IRandomSource
{
    private readonly Queue<long> _integers = new(integers);
    private byte _next = firstByte;

    public int FillCalls { get; private set; }

    public int NextInt(int maxExclusive) => (int)NextInt64(maxExclusive);

    public long NextInt64(long maxExclusive)
    {
        var value = _integers.Dequeue();
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(value, maxExclusive);
        return value;
    }

    public void Fill(Span<byte> buffer)
    {
        FillCalls++;
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = _next++;
        }
    }
}
