using Lottery.Domain.Common;
using Lottery.Domain.Draws;
using Lottery.Domain.Stock;
using Lottery.Infrastructure.Persistence;
using Lottery.Infrastructure.Stock.Redis;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Infrastructure.Tests.RedisStock;

/// <summary>A consumer running as the host runs it (StartAsync), stopped when disposed.</summary>
public sealed class RunningConsumer : IAsyncDisposable
{
    private RunningConsumer(DrawRecordConsumer consumer) => Consumer = consumer;

    public DrawRecordConsumer Consumer { get; }

    public static async Task<RunningConsumer> StartAsync(DrawRecordConsumer consumer)
    {
        await consumer.StartAsync(CancellationToken.None);
        return new RunningConsumer(consumer);
    }

    public async ValueTask DisposeAsync()
    {
        await Consumer.StopAsync(CancellationToken.None);
        Consumer.Dispose();
    }
}

/// <summary>What the database holds for an activity.</summary>
public sealed record Persisted(int Draws, int DistinctDraws, int Wins, IReadOnlyDictionary<Guid, int> IssuedByPrize, IReadOnlyDictionary<Guid, int> WinsByPrize)
{
    public static async Task<Persisted> ReadAsync(IDbContextFactory<LotteryDbContext> fixture, Guid activityId)
    {
        await using var db = fixture.CreateDbContext();
        var draws = await db.DrawRecords.IgnoreQueryFilters().Where(r => r.ActivityId == activityId).Select(r => r.Id).ToListAsync();
        var wins = await db.Wins.IgnoreQueryFilters().Where(w => w.ActivityId == activityId).Select(w => w.PrizeId).ToListAsync();
        var issued = await db.ActivityPrizes.IgnoreQueryFilters().Where(p => p.ActivityId == activityId).ToDictionaryAsync(p => p.PrizeId, p => p.Issued);
        return new Persisted(draws.Count, draws.Distinct().Count(), wins.Count, issued,
            wins.GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count()));
    }
}

public static class ResultAssert
{
    public static DrawResult Drawn(Result<DrawResult> result)
    {
        Assert.True(result.IsSuccess, $"Expected an accepted draw but got {result.Error?.Code}: {result.Error?.Message}");
        return result.Value;
    }

    public static void Refused(Result<DrawResult> result, string code)
    {
        Assert.True(result.IsFailure, $"Expected {code} but the draw was accepted ({(result.IsSuccess ? result.Value.Outcome : default)}).");
        Assert.Equal(code, result.Error!.Code);
    }

    public static void Outcome(Result<DrawResult> result, DrawOutcome outcome) => Assert.Equal(outcome, Drawn(result).Outcome);
}
