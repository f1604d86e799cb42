using MathNet.Numerics.Distributions;

namespace Lottery.Domain.Tests.TestSupport;

/// <summary>Pearson's chi-square goodness-of-fit test; the p-value comes from MathNet's chi-squared distribution.</summary>
public static class ChiSquare
{
    public static double Statistic(IReadOnlyList<long> observed, IReadOnlyList<double> expectedProbabilities)
    {
        var total = observed.Sum();
        var statistic = 0.0;
        for (var i = 0; i < observed.Count; i++)
        {
            var expected = expectedProbabilities[i] * total;
            if (expected > 0)
            {
                statistic += Math.Pow(observed[i] - expected, 2) / expected;
            }
        }

        return statistic;
    }

    /// <summary>P(X ≥ statistic) for a chi-square distribution with <paramref name="degreesOfFreedom"/>.</summary>
    public static double PValue(double statistic, int degreesOfFreedom) => 1 - ChiSquared.CDF(degreesOfFreedom, statistic);
}
