using Lottery.Infrastructure.Persistence;
using Lottery.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Tests.Durability;

/// <summary>What the database holds of one activity: its draw records and wins (by draw id) and the issued count.</summary>
public sealed record PersistedDraws(IReadOnlySet<Guid> Draws, IReadOnlySet<Guid> WinDraws, int Issued)
{
    public static async Task<PersistedDraws> ReadAsync(LotteryDbContext db, Guid activityId)
    {
        var draws = await db.DrawRecords.IgnoreQueryFilters().Where(r => r.ActivityId == activityId).Select(r => r.Id).ToListAsync();
        var wins = await db.Wins.IgnoreQueryFilters().Where(w => w.ActivityId == activityId && w.DrawId != null)
            .Select(w => w.DrawId!.Value).ToListAsync();
        var issued = await db.ActivityPrizes.IgnoreQueryFilters().Where(p => p.ActivityId == activityId).SumAsync(p => p.Issued);
        return new PersistedDraws(draws.ToHashSet(), wins.ToHashSet(), issued);
    }
}

/// <summary>One prize's stock as the app reports it (<c>GET /api/admin/activities/{id}/stats</c>) and the persisted wins.</summary>
public sealed record StockView(int Allocated, int Issued, int Remaining, int Wins)
{
    /// <summary>Every allocated unit is either issued (a win in the database) or still on offer: nothing lost, nothing extra.</summary>
    public bool Balanced => Issued == Wins && Issued + Remaining == Allocated;
}

/// <summary>The checks the crash and data-loss tests share.</summary>
public static class DurabilitySteps
{
    /// <summary>The activity every durability test draws in: one prize, stock 100, 4% of draws win, chances to spare.</summary>
    public const int Stock = 100;

    public static object Definition() => ApiSteps.Definition(stock: Stock, probability: 0.04m, chances: 10_000);

    public static async Task<StockView> StockAsync(HttpClient tenant, Guid activityId)
    {
        var stats = await ApiSteps.StatsAsync(tenant, activityId);
        var prize = stats.GetProperty("prizes").EnumerateArray().Single();
        return new StockView(prize.GetProperty("stock").GetInt32(), prize.GetProperty("issued").GetInt32(),
            prize.GetProperty("remaining").GetInt32(), stats.GetProperty("wins").GetInt32());
    }

    /// <summary>Waits until the app has settled: its stock balances (issued + remaining = allocated, issued = wins).</summary>
    public static Task<StockView> SettledAsync(HttpClient tenant, Guid activityId) =>
        Eventually.ReturnsAsync(() => StockAsync(tenant, activityId), s => s.Balanced, TimeSpan.FromSeconds(20),
            "issued + remaining = allocated and issued = the wins in the database", TimeSpan.FromMilliseconds(100));

    /// <summary>Waits until the app reports no unit of the prize left.</summary>
    public static Task<StockView> SoldOutAsync(HttpClient tenant, Guid activityId) =>
        Eventually.ReturnsAsync(() => StockAsync(tenant, activityId), s => s.Remaining <= 0, TimeSpan.FromSeconds(30),
            "the prize was sold out", TimeSpan.FromMilliseconds(100));

    /// <summary>
    /// The promise: every draw a player was answered 200 is a draw record in the database, and every answered win a win
    /// row (both found by the draw id of the answer). The message gives the figures either way.
    /// </summary>
    public static void EveryAnswerIsPersisted(LoadOutcome told, PersistedDraws persisted, string when)
    {
        var missing = told.Answers.Where(a => !persisted.Draws.Contains(a.DrawId)).ToList();
        var missingWins = told.Answers.Where(a => a.Won && !persisted.WinDraws.Contains(a.DrawId)).ToList();
        Assert.True(missing.Count == 0 && missingWins.Count == 0,
            $"{when}: the players were told {told}; the database holds {persisted.Draws.Count} draw records and "
            + $"{persisted.WinDraws.Count} wins (issued {persisted.Issued}); {missing.Count} answered draws have no record "
            + $"and {missingWins.Count} answered wins have no win row.");
    }

    /// <summary>The outcomes of two loads on the same activity, as one.</summary>
    public static LoadOutcome Both(LoadOutcome first, LoadOutcome second) =>
        new([.. first.Answers, .. second.Answers],
            first.Refusals.Concat(second.Refusals).GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Sum(r => r.Value)),
            first.TransportFailures + second.TransportFailures);
}
