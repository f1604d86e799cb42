using Lottery.Domain.Prizes;
using Lottery.Web.Features.Activities;

namespace Lottery.Web.Features.Review;

/// <summary>The definition document's <c>"highValue"</c> on a tier's prize, applied to the catalogue prize it resolved to.</summary>
public static class HighValuePrizes
{
    /// <summary>
    /// Marks (or unmarks) the prizes the document names with <c>highValue</c>; a prize without it keeps its setting.
    /// A prize is found as the document names it: by id, or by name and kind (as new prizes are created).
    /// </summary>
    public static void Apply(ActivityDocument document, IEnumerable<Prize> prizes)
    {
        ArgumentNullException.ThrowIfNull(document);
        var all = prizes.ToList();
        foreach (var entry in (document.Tiers ?? []).Where(t => t is not null).SelectMany(t => t!.Prizes ?? []))
        {
            if (entry?.HighValue is not { } highValue)
            {
                continue;
            }

            var prize = entry.PrizeId is { } id
                ? all.FirstOrDefault(p => p.Id == id)
                : all.FirstOrDefault(p => string.Equals(p.Name, entry.Name?.Trim(), StringComparison.OrdinalIgnoreCase)
                    && string.Equals(p.Kind.ToString(), entry.Kind, StringComparison.OrdinalIgnoreCase));
            prize?.MarkHighValue(highValue);
        }
    }
}
