using Lottery.Domain.Activities;

namespace Lottery.Domain.Stock;

/// <summary>How many draws a player has left: the total allowance and today's limit, whichever is smaller.</summary>
public static class ChanceMath
{
    public static int Remaining(ActivityRules rules, int granted, int used, string? day, int dayUsed, DateTimeOffset now)
    {
        var total = Math.Max(0, rules.ChancesPerPlayer + granted - used);
        if (rules.ChancesPerDay is not { } perDay)
        {
            return total;
        }

        var usedToday = day == ActivityLimits.DayKey(now) ? dayUsed : 0;
        return Math.Min(total, Math.Max(0, perDay - usedToday));
    }
}
