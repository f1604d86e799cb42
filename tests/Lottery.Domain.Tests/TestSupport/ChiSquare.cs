namespace Lottery.Domain.Tests.TestSupport;

/// <summary>Pearson's chi-square goodness-of-fit test, with its p-value from the regularised upper incomplete gamma function.</summary>
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
    public static double PValue(double statistic, int degreesOfFreedom) => UpperRegularisedGamma(degreesOfFreedom / 2.0, statistic / 2.0);

    private static double UpperRegularisedGamma(double a, double x)
    {
        if (x <= 0)
        {
            return 1;
        }

        if (x < a + 1)
        {
            // Series for the lower function, then its complement.
            double sum = 1 / a, term = sum;
            for (var n = 1; n < 500; n++)
            {
                term *= x / (a + n);
                sum += term;
                if (Math.Abs(term) < Math.Abs(sum) * 1e-15)
                {
                    break;
                }
            }

            return 1 - (sum * Math.Exp(-x + (a * Math.Log(x)) - LogGamma(a)));
        }

        // Continued fraction (Lentz) for the upper function.
        double b = x + 1 - a, c = 1 / 1e-300, d = 1 / b, h = d;
        for (var i = 1; i < 500; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = (an * d) + b;
            d = Math.Abs(d) < 1e-300 ? 1e-300 : d;
            c = b + (an / c);
            c = Math.Abs(c) < 1e-300 ? 1e-300 : c;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-15)
            {
                break;
            }
        }

        return Math.Exp(-x + (a * Math.Log(x)) - LogGamma(a)) * h;
    }

    private static double LogGamma(double x)
    {
        double[] coefficients = [76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5];
        double y = x, tmp = x + 5.5;
        tmp -= (x + 0.5) * Math.Log(tmp);
        var series = 1.000000000190015;
        foreach (var c in coefficients)
        {
            series += c / ++y;
        }

        return -tmp + Math.Log(2.5066282746310005 * series / x);
    }
}
