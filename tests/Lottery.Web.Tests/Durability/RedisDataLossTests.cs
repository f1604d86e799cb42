using Lottery.Web.Tests.Api;
using Xunit.Abstractions;

namespace Lottery.Web.Tests.Durability;

/// <summary>
/// Redis loses everything in the middle of a load (Redis mode on PostgreSQL, on a Redis of the test's own): wiped by
/// FLUSHALL, or crashed and restarted empty (no snapshot, no append-only file). Draws during the outage may fail, but
/// a player is never told of a draw or a win the database lacks, never more wins than the stock are told, and once
/// the load has sold the prize out the stock balances.
/// </summary>
[Collection(DrawLoad.Name)]
public sealed class RedisDataLossTests(ITestOutputHelper output)
{
    private const int Players = 32;

    /// <summary>About 20 wins at 4%: Redis loses its data while stock is still being taken.</summary>
    private const int AnsweredBeforeLoss = 500;

    [Fact]
    public Task Redis_flushed_mid_load_loses_no_answered_draw_and_tells_no_more_wins_than_the_stock() =>
        LoseRedisDataMidLoadAsync(redis => redis.FlushAllAsync());

    [Fact]
    public Task Redis_restarted_empty_mid_load_loses_no_answered_draw_and_tells_no_more_wins_than_the_stock() =>
        LoseRedisDataMidLoadAsync(redis => redis.RestartAsync());

    private async Task LoseRedisDataMidLoadAsync(Func<ThrowawayRedis, Task> loseData)
    {
        await using var redis = await ThrowawayRedis.StartAsync();
        var api = new LotteryApiFactory(StoreMode.RedisPostgres, new Dictionary<string, string> { ["Redis:Configuration"] = redis.Configuration });
        await api.InitializeAsync();
        try
        {
            var tenant = await api.NewTenantAsync();
            var activity = await ApiSteps.CreateRunningAsync(tenant, DurabilitySteps.Definition());
            var players = await Task.WhenAll(Enumerable.Range(0, Players).Select(_ => api.NewPlayerAsync()));

            var load = PlayerLoad.Start(players, activity);
            await load.AnsweredAtLeastAsync(AnsweredBeforeLoss, TimeSpan.FromSeconds(20));
            await loseData(redis);
            output.WriteLine($"Redis lost its data after {load.Answered} answered draws");
            await DurabilitySteps.SoldOutAsync(tenant, activity);
            var told = await load.StopAsync();
            output.WriteLine($"sold out; the players were told {told}");

            // What the players were told is in the database the moment they were told it, not later.
            var persisted = await api.QueryAsync(db => PersistedDraws.ReadAsync(db, activity));
            DurabilitySteps.EveryAnswerIsPersisted(told, persisted, "Redis lost its data mid-load; load run until sold out");
            Assert.True(told.Wins <= DurabilitySteps.Stock, $"More wins answered than the stock: {told}");

            var settled = await DurabilitySteps.SettledAsync(tenant, activity);
            persisted = await api.QueryAsync(db => PersistedDraws.ReadAsync(db, activity));
            Assert.Equal(new StockView(DurabilitySteps.Stock, DurabilitySteps.Stock, 0, DurabilitySteps.Stock), settled);
            Assert.Equal(DurabilitySteps.Stock, persisted.WinDraws.Count); // sold out: every unit issued, none twice
            if (told.Failed == 0)
            {
                // No draw went unanswered, so the database holds no win a player was not told of.
                Assert.Equal(told.Wins, persisted.WinDraws.Count);
            }
        }
        finally
        {
            await ((IAsyncLifetime)api).DisposeAsync();
        }
    }
}
