using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Draws;
using Lottery.Domain.Players;
using Lottery.Domain.Prizes;
using Lottery.Domain.Stock;
using Lottery.Domain.Tenants;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Infrastructure.Tests.RedisStock;

/// <summary>A tier of a test activity: each tier has a prize of its own with a pool exactly the tier's stock.</summary>
public sealed record TierSpec(string Name, decimal Probability, int Stock, bool IsConsolation = false, int? MaxWinsPerPlayer = null,
    TimeSlotPlan? Slots = null);

/// <summary>
/// A running instant activity saved in the test database (tenant, catalogue prizes, activity, players), with the clock
/// inside its window and helpers to build the picks the draw engine would hand the store.
/// </summary>
public sealed class StockScenario
{
    private StockScenario(Activity activity, IReadOnlyList<Guid> players, FakeTimeProvider clock)
    {
        Activity = activity;
        Players = players;
        Clock = clock;
        Wheel = WheelLayout.For(activity);
        Tiers = [.. activity.Tiers.OrderBy(t => t.Order)];
    }

    public Activity Activity { get; }

    public Guid ActivityId => Activity.Id;

    public IReadOnlyList<Guid> Players { get; }

    public FakeTimeProvider Clock { get; }

    public WheelLayout Wheel { get; }

    public IReadOnlyList<PrizeTier> Tiers { get; }

    public ActivityLimits Limits => ActivityLimits.For(Activity);

    public int NoPrizeSegment => Wheel.Segments.First(s => s.IsTryAgain).Index;

    public Guid PrizeOf(int tier) => Tiers[tier].Slots[0].PrizeId;

    /// <param name="window">
    /// How long the activity runs (default: from an hour from now to seven days from now). With a window the clock stays at
    /// the window's start (a fake clock only moves forward, and such tests move it to the instants they draw at); without
    /// one it is an hour into the activity.
    /// </param>
    public static async Task<StockScenario> SeedAsync(
        IDbContextFactory<LotteryDbContext> fixture, ActivityRules rules, IReadOnlyList<TierSpec> tiers, int players,
        SoldOutBehavior soldOut = SoldOutBehavior.NoPrize, TimeSpan? window = null)
    {
        var clock = TestClock.New();
        var tenant = Succeed(Tenant.Create("Redis tests", $"t-{Guid.NewGuid():N}"[..30], clock));
        var prizes = tiers.Select(t => Succeed(Prize.Create(tenant.Id, $"{t.Name} prize", PrizeKind.Physical, t.Stock, clock))).ToList();
        var definition = new ActivityDefinition(
            "Redis wheel",
            ActivityKind.Instant,
            clock.GetUtcNow().AddHours(1),
            window is { } w ? clock.GetUtcNow().AddHours(1) + w : clock.GetUtcNow().AddDays(7),
            null,
            rules,
            [.. tiers.Select((t, i) => new TierDefinition(t.Name, t.Probability,
                [new PrizeSlotDefinition(prizes[i].Name, prizes[i].Kind, t.Stock, 1, prizes[i].Id, t.Slots)],
                IsConsolation: t.IsConsolation, MaxWinsPerPlayer: t.MaxWinsPerPlayer))],
            Tasks: [new TaskDefinition(TaskKind.Share, 2)],
            SoldOut: soldOut);
        var activity = Succeed(Activity.Create(tenant.Id, definition, clock));
        Expect(activity.Publish(prizes, clock));
        clock.SetUtcNow(window is null ? definition.StartsAt.AddHours(1) : definition.StartsAt);
        Expect(activity.Start(clock));
        var playerIds = Enumerable.Range(0, players)
            .Select(_ => Succeed(Player.CreateGuest(null, null, clock)))
            .ToList();

        await using var db = fixture.CreateDbContext();
        db.Tenants.Add(tenant);
        db.Prizes.AddRange(prizes);
        db.Activities.Add(activity);
        db.Players.AddRange(playerIds);
        await db.SaveChangesAsync();
        return new StockScenario(activity, [.. playerIds.Select(p => p.Id)], clock);
    }

    /// <summary>What the engine would pick: tier <paramref name="tier"/> (null: the "no prize" share), with an optional fallback tier.</summary>
    public DrawPick Pick(int? tier, int? fallback = null) => new(Candidate(tier), Candidate(fallback), NoPrizeSegment);

    public DrawRequest Request(Guid player, DrawPick pick, string? idempotencyKey = null, DateTimeOffset? at = null) =>
        new(Guid.CreateVersion7(), Limits, player, at ?? Clock.GetUtcNow(), pick, idempotencyKey);

    /// <summary>Moves the saved activity through a state-machine method (pause, resume, end) and saves it.</summary>
    public async Task ChangeAsync(IDbContextFactory<LotteryDbContext> fixture, Func<Activity, TimeProvider, Result> change)
    {
        Expect(change(Activity, Clock));
        var (status, endedAt) = (Activity.Status, Activity.EndedAt);
        await using var db = fixture.CreateDbContext();
        await db.Activities.IgnoreQueryFilters().Where(a => a.Id == Activity.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, status).SetProperty(a => a.EndedAt, endedAt));
    }

    /// <summary>Records a task grant in the database (as the task use case does before telling the store).</summary>
    public async Task<int> GrantInDatabaseAsync(IDbContextFactory<LotteryDbContext> fixture, Guid player, int timesToday = 0)
    {
        var chance = Succeed(DrawChance.ForTask(Activity, Activity.Tasks[0], player, timesToday, Clock));
        await using var db = fixture.CreateDbContext();
        db.DrawChances.Add(chance);
        await db.SaveChangesAsync();
        return chance.Amount;
    }

    private DrawCandidate? Candidate(int? tier)
    {
        if (tier is not { } t)
        {
            return null;
        }

        var slot = Tiers[t].Slots[0];
        return new DrawCandidate(Tiers[t].Id, slot.PrizeId, slot.Id, Wheel.SegmentOf(slot.Id), Tiers[t].Name, slot.PrizeName);
    }

    private static T Succeed<T>(Result<T> result)
    {
        Expect(result);
        return result.Value;
    }

    private static void Expect(Result result) =>
        Assert.True(result.IsSuccess, $"Scenario set-up failed: {result.Error?.Code} {result.Error?.Message}");
}
