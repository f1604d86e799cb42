using Lottery.Domain.Common;

namespace Lottery.Domain.Draws;

/// <summary>
/// Vose's alias method over integer weights: O(n) to build, O(1) per sample, and exact — every outcome is chosen with
/// probability weight/total, because each sample is one unbiased integer column pick and one unbiased integer threshold
/// test (no floating point, no modulo bias).
/// </summary>
public sealed class AliasTable
{
    private readonly long[] _threshold;
    private readonly int[] _alias;
    private readonly long _columnHeight;

    public AliasTable(IReadOnlyList<long> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0)
        {
            throw new ArgumentException("An alias table needs at least one outcome.", nameof(weights));
        }

        if (weights.Any(w => w < 0))
        {
            throw new ArgumentException("Weights cannot be negative.", nameof(weights));
        }

        var n = weights.Count;
        var total = weights.Sum();
        if (total <= 0)
        {
            throw new ArgumentException("At least one weight must be positive.", nameof(weights));
        }

        // Scale so every column holds exactly `total`: outcome i owns weights[i] * n of the n * total area.
        _columnHeight = total;
        _threshold = new long[n];
        _alias = new int[n];
        var scaled = weights.Select(w => checked(w * n)).ToArray();
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (var i = 0; i < n; i++)
        {
            (scaled[i] < total ? small : large).Push(i);
        }

        while (small.Count > 0 && large.Count > 0)
        {
            var s = small.Pop();
            var l = large.Pop();
            _threshold[s] = scaled[s];
            _alias[s] = l;
            scaled[l] -= total - scaled[s];
            (scaled[l] < total ? small : large).Push(l);
        }

        // Leftovers hold exactly `total` (integer arithmetic leaves no rounding residue).
        while (large.Count > 0)
        {
            var i = large.Pop();
            _threshold[i] = total;
            _alias[i] = i;
        }

        while (small.Count > 0)
        {
            var i = small.Pop();
            _threshold[i] = total;
            _alias[i] = i;
        }
    }

    public int Count => _threshold.Length;

    public int Sample(IRandomSource random)
    {
        var column = random.NextInt(_threshold.Length);
        return random.NextInt64(_columnHeight) < _threshold[column] ? column : _alias[column];
    }
}
