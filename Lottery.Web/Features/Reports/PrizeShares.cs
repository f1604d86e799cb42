using System.Globalization;

namespace Lottery.Web.Features.Reports;

/// <summary>A prize's issued count (all time) as a share of its stock, so 5,000 points and 5 phones can share one axis.</summary>
public sealed record PrizeShare(PrizeRow Row, double Percent)
{
    public string Prize => Row.Prize;

    /// <summary>The absolute numbers, as labels and tooltips show them: "1,200 of 5,000".</summary>
    public string Counts => $"{Row.IssuedTotal.ToString("N0", CultureInfo.InvariantCulture)} of {Row.Stock.ToString("N0", CultureInfo.InvariantCulture)}";

    public string PercentText => PrizeShares.Format(Percent);
}

public static class PrizeShares
{
    /// <summary>
    /// Issued (all time) as a percentage of each prize's stock in the activity, rounded to 0.1; a prize without stock
    /// counts as 0 % rather than dividing by zero.
    /// </summary>
    public static IReadOnlyList<PrizeShare> Of(IEnumerable<PrizeRow> prizes)
    {
        ArgumentNullException.ThrowIfNull(prizes);
        return [.. prizes.Select(p => new PrizeShare(p,
            p.Stock <= 0 ? 0 : Math.Round(100.0 * p.IssuedTotal / p.Stock, 1, MidpointRounding.AwayFromZero)))];
    }

    /// <summary>"24 %", "0.4 %": a decimal only where it says something.</summary>
    public static string Format(double percent) => percent.ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
