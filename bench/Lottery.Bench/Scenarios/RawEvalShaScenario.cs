using System.Globalization;
using Lottery.Domain.Activities;
using Lottery.Domain.Stock;
using Lottery.Infrastructure.Stock.Redis;
using StackExchange.Redis;

namespace Lottery.Bench.Scenarios;

/// <summary>
/// The ceiling under the draw path: <see cref="LuaScripts.Draw"/> by EVALSHA, with the same keys (stock, player,
/// records stream) and the same arguments as <see cref="RedisStockStore"/> builds, from many concurrent async calls on
/// one multiplexer. The activity's stock hash is written with <see cref="LuaScripts.WarmActivity"/>. Nothing consumes the
/// stream, so a side loop trims it (XTRIM MAXLEN ~ 10000) to keep Redis's memory flat; its keys are deleted afterwards.
/// </summary>
internal static class RawEvalShaScenario
{
    public const string Name = "raw-evalsha";

    private static readonly long IdempotencyTtlSeconds = (long)RedisKeys.IdempotencyTtl.TotalSeconds;

    public static async Task<ScenarioOutcome> RunAsync(BenchContext context)
    {
        var settings = context.Settings;
        var connection = await ConnectionMultiplexer.ConnectAsync(settings.Redis);
        var db = connection.GetDatabase();
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var draw = await server.ScriptLoadAsync(LuaScripts.Draw.Text);
        var warm = await server.ScriptLoadAsync(LuaScripts.WarmActivity.Text);

        var activityId = Guid.CreateVersion7();
        var (activity, tenant, tier, prize) = (activityId.ToString("D"), Guid.CreateVersion7().ToString("D"), Guid.CreateVersion7().ToString("D"), Guid.CreateVersion7().ToString("D"));
        var stock = RedisKeys.Stock(activityId);
        var records = RedisKeys.Records(activityId);
        var now = DateTimeOffset.UtcNow;
        await db.ScriptEvaluateAsync(warm, [stock],
        [
            "bench", "1", RedisCounterRebuilder.StateOf(ActivityStatus.Running), now.AddMinutes(-5).ToUnixTimeMilliseconds(),
            now.AddDays(1).ToUnixTimeMilliseconds(), 1, prize, LotteryApiClient.Stock,
        ]);
        var players = Enumerable.Range(0, settings.Players).Select(_ => Guid.CreateVersion7()).ToArray();
        var playerTexts = players.Select(p => p.ToString("D")).ToArray();
        var playerKeys = players.Select(p => RedisKeys.Player(activityId, p)).ToArray();
        await context.Console.WriteLineAsync($"{Name}: draw script {Convert.ToHexString(draw)[..12]}… on activity {activityId}");

        DrawOperation Draw(int concurrency) => async (worker, n) =>
        {
            var p = Workload.PlayerIndex(worker, n, concurrency, players.Length);
            var at = DateTimeOffset.UtcNow;
            var win = n % 10 == 0; // the same one-in-ten pick as the HTTP scenarios' activity
            RedisValue[] args =
            [
                Guid.CreateVersion7(at).ToString("D"), tenant, activity, playerTexts[p], at.ToUnixTimeMilliseconds(),
                at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture), ActivityLimits.DayKey(at),
                LotteryApiClient.ChancesPerPlayer, -1, -1, 1, "", 1,
                win ? tier : "", win ? prize : "", win ? 0 : -1, -1,
                "", "", -1, -1,
                IdempotencyTtlSeconds,
            ];
            var reply = (await db.ScriptEvaluateAsync(draw, [stock, playerKeys[p], records], args)).Items();
            var status = reply[0].Text();
            return status == LuaScripts.Ok ? null : status + (reply.Length > 1 ? " " + reply[1].Text() : "");
        };

        using var stop = new CancellationTokenSource();
        var trimmer = TrimAsync(db, records, stop.Token);
        try
        {
            var concurrency = settings.MaxConcurrency;
            await context.WarmUpAsync(Name, concurrency, Draw(concurrency));
            var run = await context.MeasureAsync(Name, concurrency, Draw(concurrency), context.Cpu("load generator"));
            return new ScenarioOutcome(Name, "Raw StackExchange.Redis EVALSHA of the draw script", [run], Durability: null);
        }
        finally
        {
            await stop.CancelAsync();
            await trimmer;
            foreach (var chunk in playerKeys.Append(stock).Append(records).Chunk(500))
            {
                await db.KeyDeleteAsync(chunk);
            }

            await connection.CloseAsync(allowCommandsToComplete: false);
            connection.Dispose();
        }
    }

    private static async Task TrimAsync(IDatabase db, RedisKey records, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await db.StreamTrimAsync(records, 10_000, useApproximateMaxLength: true);
            try
            {
                await Task.Delay(200, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
