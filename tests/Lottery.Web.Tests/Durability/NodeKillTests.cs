using Lottery.Web.Tests.Api;
using Xunit.Abstractions;

namespace Lottery.Web.Tests.Durability;

/// <summary>
/// An app node killed outright (SIGKILL: no shutdown, no flush) in the middle of a load, in each store mode: every draw
/// a player was answered before the kill is already in the database, with nothing restarted; a node started afterwards
/// on the same database and Redis, with the same players, balances the stock (issued + remaining = allocated, never
/// more wins than the stock) and commits what it answers.
/// </summary>
[Collection(DrawLoad.Name)]
public sealed class NodeKillTests(ITestOutputHelper output)
{
    private const int Players = 32;

    /// <summary>About 24 wins at 4%: the kill comes while stock is still being taken.</summary>
    private const int AnsweredBeforeKill = 600;

    private const int AnsweredAfterRestart = 200;

    [Theory]
    [InlineData(StoreMode.EmbeddedSqlite)]
    [InlineData(StoreMode.EmbeddedPostgres)]
    [InlineData(StoreMode.RedisPostgres)]
    public async Task A_node_killed_mid_load_has_already_committed_every_answered_draw_and_a_new_node_balances_the_stock(StoreMode mode)
    {
        TestDatabase database = mode == StoreMode.EmbeddedSqlite ? new SqliteDatabase() : new PostgresDatabase();
        await database.InitializeAsync();
        try
        {
            await KillAndRestartAsync(database, AppProcess.Settings(mode, database.ConnectionString));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    private async Task KillAndRestartAsync(TestDatabase database, Dictionary<string, string> settings)
    {
        string tenantKey;
        Guid activity;
        string[] players;
        LoadOutcome beforeKill;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Phase(string what) => output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: {what}");
        await using (var app = await AppProcess.StartAsync(settings))
        {
            Phase("app started");
            tenantKey = await app.NewTenantKeyAsync();
            activity = await ApiSteps.CreateRunningAsync(app.Tenant(tenantKey), DurabilitySteps.Definition());
            players = await Task.WhenAll(Enumerable.Range(0, Players).Select(_ => app.NewPlayerTokenAsync()));

            Phase("tenant, activity and players created");
            var load = PlayerLoad.Start([.. players.Select(app.Player)], activity);
            await load.AnsweredAtLeastAsync(AnsweredBeforeKill, TimeSpan.FromSeconds(20));
            var exitCode = await app.KillAsync();
            beforeKill = await load.StopAsync();
            Phase($"killed; the players were told {beforeKill}");
            Assert.Equal(128 + 9, exitCode); // killed by SIGKILL, not stopped
        }

        Assert.True(beforeKill.Wins < DurabilitySteps.Stock, $"The kill was to come while stock was still being taken; the players were told {beforeKill}");

        // Nothing restarted: what the database holds now is all that survived the node.
        await using (var db = database.CreateContext())
        {
            DurabilitySteps.EveryAnswerIsPersisted(beforeKill, await PersistedDraws.ReadAsync(db, activity), "Right after the kill, nothing restarted");
        }

        // A new node on the same database (and Redis), with the same players: the stock balances, and the draws it
        // answers are committed too.
        await using var again = await AppProcess.StartAsync(settings);
        Phase("second node started");
        var tenant = again.Tenant(tenantKey);
        var settled = await DurabilitySteps.SettledAsync(tenant, activity);
        Phase($"settled: {settled}");
        Assert.Equal(DurabilitySteps.Stock, settled.Allocated);
        Assert.InRange(settled.Wins, beforeKill.Wins, DurabilitySteps.Stock);

        var load2 = PlayerLoad.Start([.. players.Select(again.Player)], activity);
        await load2.AnsweredAtLeastAsync(AnsweredAfterRestart, TimeSpan.FromSeconds(20));
        var told = DurabilitySteps.Both(beforeKill, await load2.StopAsync());
        Phase($"drew on; the players were told {told}");
        await using (var db = database.CreateContext())
        {
            var persisted = await PersistedDraws.ReadAsync(db, activity);
            DurabilitySteps.EveryAnswerIsPersisted(told, persisted, "After the restart");
            var balanced = await DurabilitySteps.SettledAsync(tenant, activity);
            Assert.Equal(persisted.WinDraws.Count, balanced.Wins);
            Assert.True(balanced.Wins <= DurabilitySteps.Stock, $"More wins than the stock: {balanced}");
        }
    }
}
