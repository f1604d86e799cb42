using Lottery.Domain.Prizes;

namespace Lottery.Domain.Activities;

/// <summary>What a definition is expected to give away over <see cref="Draws"/> draws (instant) or entrants (scheduled).</summary>
/// <param name="NoPrizeShare">The expected share of draws that win nothing (no tier hit, or the prize was sold out).</param>
public sealed record OddsReport(long Draws, decimal NoPrizeShare, decimal ExpectedWinners, decimal ExpectedCost, IReadOnlyList<TierOdds> Tiers);

public sealed record TierOdds(string Name, decimal Probability, decimal ExpectedWinners, decimal ExpectedCost, IReadOnlyList<PrizeOdds> Prizes);

/// <param name="Probability">Chance that one draw (or one entrant) gets this prize while it has stock.</param>
/// <param name="RunsOutAfter">About how many draws it takes to give away the whole stock (null: never).</param>
public sealed record PrizeOdds(string Name, PrizeKind Kind, decimal Probability, int Stock, decimal UnitCost, decimal ExpectedWinners,
    decimal ExpectedCost, long? RunsOutAfter)
{
    /// <summary>The stock is expected to be gone before the simulated number of draws is reached.</summary>
    public bool LikelyToRunOut(long draws) => RunsOutAfter is { } n && n <= draws;
}

/// <summary>
/// The odds and cost simulator of the designer: expected winners and prize cost per tier and prize for a number of
/// draws, computed from the definition alone. Instant: a prize's chance per draw is its tier's probability times its
/// weight's share of the tier; expected winners are capped by stock. Scheduled: winners are drawn among the entrants,
/// one per unit of stock, in tier order, while entrants last. Per-player limits and the consolation fallback are not
/// modelled (they only lower the numbers).
/// </summary>
public static class OddsSimulator
{
    public static OddsReport Simulate(ActivityDefinition definition, long draws, Func<int, int, decimal> unitCost)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(unitCost);
        ArgumentOutOfRangeException.ThrowIfNegative(draws);
        var tiers = new List<TierOdds>();
        var entrantsLeft = (decimal)draws;
        for (var t = 0; t < definition.Tiers.Count; t++)
        {
            var tier = definition.Tiers[t];
            var weights = tier.Prizes.Sum(p => (decimal)Math.Max(p.Weight, 0));
            var prizes = new List<PrizeOdds>();
            for (var s = 0; s < tier.Prizes.Count; s++)
            {
                var slot = tier.Prizes[s];
                var cost = unitCost(t, s);
                var stock = Math.Max(slot.Stock, 0);
                if (definition.Kind == ActivityKind.Scheduled)
                {
                    var winners = Math.Min(stock, entrantsLeft);
                    entrantsLeft -= winners;
                    prizes.Add(new PrizeOdds(slot.Name, slot.Kind, draws == 0 ? 0 : winners / draws, stock, cost, winners,
                        winners * cost, null));
                    continue;
                }

                var p = weights == 0 ? 0 : tier.Probability * Math.Max(slot.Weight, 0) / weights;
                var expected = Math.Min(stock, p * draws);
                long? runsOut = p > 0 ? (long)Math.Ceiling(stock / p) : null;
                prizes.Add(new PrizeOdds(slot.Name, slot.Kind, p, stock, cost, expected, expected * cost, runsOut));
            }

            var probability = definition.Kind == ActivityKind.Scheduled ? prizes.Sum(p => p.Probability) : tier.Probability;
            tiers.Add(new TierOdds(tier.Name, probability, prizes.Sum(p => p.ExpectedWinners), prizes.Sum(p => p.ExpectedCost), prizes));
        }

        var totalWinners = tiers.Sum(t => t.ExpectedWinners);
        var noPrize = draws == 0
            ? Math.Max(0, 1 - tiers.Sum(t => t.Probability))
            : Math.Max(0, 1 - (totalWinners / draws));
        return new OddsReport(draws, noPrize, totalWinners, tiers.Sum(t => t.ExpectedCost), tiers);
    }
}
