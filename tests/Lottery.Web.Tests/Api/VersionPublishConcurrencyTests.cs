using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lottery.Infrastructure.Persistence;
using Lottery.Web.Features.Activities;
using Lottery.Web.Features.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lottery.Web.Tests.Api;

/// <summary>
/// Publishing a new version of a running activity while players draw, in Redis mode (decision 012): the version lowers
/// one prize's stock and raises another's; the live counters follow without ever allowing more wins than the final
/// allocation, and Redis and the database agree afterwards.
/// </summary>
[Collection(DrawLoad.Name)]
public sealed class VersionPublishConcurrencyTests(RedisPostgresApi api) : IClassFixture<RedisPostgresApi>
{
    private const int Players = 100, Chances = 60, FirstWave = 10;

    [Fact]
    public async Task A_version_lowering_and_raising_stock_published_during_draws_never_issues_more_than_the_final_allocation()
    {
        var (tenantId, tenant) = await NewTenantAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var definition = new
        {
            name = "Busy wheel " + suffix,
            kind = "instant",
            startsAt = DateTimeOffset.UtcNow.AddHours(-1),
            endsAt = DateTimeOffset.UtcNow.AddDays(7),
            rules = new { chancesPerPlayer = Chances },
            tiers = new[]
            {
                new { name = "Gold", probability = 0.5m, prizes = new[] { new { name = "Gold " + suffix, kind = "physical", stock = 3000 } } },
                new { name = "Silver", probability = 0.5m, prizes = new[] { new { name = "Silver " + suffix, kind = "physical", stock = 100 } } },
            },
            gameplay = new { type = "wheel" },
        };
        var activity = await ApiSteps.CreateRunningAsync(tenant, definition);
        var prizes = await api.QueryAsync(db => db.Prizes.IgnoreQueryFilters().Where(p => p.TenantId == tenantId).ToDictionaryAsync(p => p.Name, p => p.Id));
        var (gold, silver) = (prizes["Gold " + suffix], prizes["Silver " + suffix]);
        // Silver's pool must hold the units the new version adds.
        Assert.True((await InTenantAsync(tenantId, sp => sp.GetRequiredService<CatalogueCommands>().SetStockAsync(silver, 5000, "test"))).IsSuccess);
        var players = await Task.WhenAll(Enumerable.Range(0, Players).Select(_ => api.NewPlayerAsync()));

        // A first wave of draws (10 per player) is in flight when the version is published (once 40 prizes are won);
        // the publish waits for the accepted draws to reach the database (FlushAsync), then applies the stock changes.
        var wins = 0;
        var someWon = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task DrawAsync(HttpClient player, int draws)
        {
            for (var i = 0; i < draws; i++)
            {
                var response = await ApiSteps.DrawAsync(player, activity);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {api.Errors}");
                if ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("won").GetBoolean() && Interlocked.Increment(ref wins) == 40)
                {
                    someWon.SetResult();
                }
            }
        }

        var firstWave = Task.WhenAll(players.Select(p => DrawAsync(p, FirstWave)));
        await someWon.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var live = await api.QueryAsync(db => db.Activities.IgnoreQueryFilters().AsNoTracking().AsSplitQuery().SingleAsync(a => a.Id == activity));
        var document = ActivityDocuments.FromDefinition(live.ToDefinition());
        var next = document with
        {
            // Gold 3000 → 1200 (the first wave wins at most 1000), Silver 100 → 1100.
            Tiers = [.. document.Tiers!.Select(t => t! with { Prizes = [t.Prizes![0]! with { Stock = t.Name == "Gold" ? 1200 : 1100 }] })],
        };
        var published = await InTenantAsync(tenantId, sp => sp.GetRequiredService<ActivityCommands>()
            .PublishDocumentAsync(tenantId, activity, next, "marketer@test.local", CancellationToken.None));
        Assert.True(published.IsSuccess, $"{published.Error?.Message} {string.Join("; ", published.ValidationErrors.Select(e => e.Message))} ({Volatile.Read(ref wins)} won so far)");
        await firstWave;
        var winsAtPublish = Volatile.Read(ref wins);

        // Then every player draws the rest of their chances against the new counters.
        await Task.WhenAll(players.Select(p => DrawAsync(p, Chances - FirstWave)));

        // Every player drew every chance; far more draws than units, so both prizes sell out at their new allocation.
        Assert.True(winsAtPublish < Volatile.Read(ref wins), "no prize was won after the version was published");
        await ApiSteps.EventuallyAsync(() => ApiSteps.StatsAsync(tenant, activity), s => s.GetProperty("draws").GetInt32() == Players * Chances);
        var rows = await api.QueryAsync(db => db.ActivityPrizes.IgnoreQueryFilters().Where(p => p.ActivityId == activity)
            .ToDictionaryAsync(p => p.PrizeId, p => new { p.Allocated, p.Issued }));
        var won = await api.QueryAsync(db => db.Wins.IgnoreQueryFilters().Where(w => w.ActivityId == activity)
            .GroupBy(w => w.PrizeId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        Assert.Equal((1200, 1200, 1200), (rows[gold].Allocated, rows[gold].Issued, won[gold]));
        Assert.Equal((1100, 1100, 1100), (rows[silver].Allocated, rows[silver].Issued, won[silver]));
        Assert.Equal(2300, Volatile.Read(ref wins));
        var reconciliation = await tenant.GetFromJsonAsync<JsonElement>($"/api/admin/activities/{activity}/reconciliation");
        Assert.True(reconciliation.GetProperty("isConsistent").GetBoolean(), reconciliation.ToString());
        Assert.True(reconciliation.GetProperty("redisWarm").GetBoolean());
        Assert.Equal(live.DefinitionVersion + 1, await api.QueryAsync(db => db.Activities.IgnoreQueryFilters().Where(a => a.Id == activity).Select(a => a.DefinitionVersion).SingleAsync()));
    }

    private async Task<(Guid Id, HttpClient Client)> NewTenantAsync()
    {
        var slug = "v-" + Guid.NewGuid().ToString("N")[..10];
        using var platform = api.Platform();
        var response = await platform.PostAsJsonAsync("/api/platform/tenants", new { name = "Tenant " + slug, slug });
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {api.Errors}");
        var created = await response.Content.ReadFromJsonAsync<LotteryApiFactory.TenantCreated>();
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", created!.ApiKey);
        return (created.Id, client);
    }

    private async Task<T> InTenantAsync<T>(Guid tenantId, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = api.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(tenantId);
        return await work(scope.ServiceProvider);
    }
}
