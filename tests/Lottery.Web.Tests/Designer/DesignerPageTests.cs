using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Tenants;
using Lottery.Infrastructure.Identity;
using Lottery.Infrastructure.Persistence;
using Lottery.Infrastructure.Persistence.Seeding;
using Lottery.Web.Features.Activities;
using Lottery.Web.Features.Designer;
using Lottery.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lottery.Web.Tests.Designer;

/// <summary>The designer page over HTTP (as prerendered) and its use cases, on an app of its own (it publishes activities).</summary>
public sealed class DesignerPageTests(LotteryAppFactory app) : IClassFixture<LotteryAppFactory>
{
    [Fact]
    public async Task A_manager_sees_a_campaign_read_only_with_no_way_to_publish_or_edit_and_cannot_create_one()
    {
        var wheel = await DemoActivityIdAsync(DemoSeeder.InstantActivityName);
        using var browser = new StaffBrowser(app);
        await browser.SignInAsync(DemoOptions.ManagerEmail, StaffBrowser.DemoPassword);

        var page = await browser.GetPageAsync($"/admin/activities/{wheel}");

        Assert.NotNull(page.QuerySelector("[data-testid=designer]"));
        Assert.NotNull(page.QuerySelector("[data-testid=view-only]"));
        Assert.Null(page.QuerySelector("[data-testid=palette]"));
        Assert.Null(page.QuerySelector("[data-testid=publish]"));
        Assert.Null(page.QuerySelector("[data-testid=edit-new-version]"));
        Assert.Null(page.QuerySelector("[data-testid=pause]"));
        Assert.Contains(DemoSeeder.InstantActivityName, page.QuerySelector("h1")?.TextContent, StringComparison.Ordinal);

        var create = await browser.GetPageAsync("/admin/activities/new");
        Assert.Null(create.QuerySelector("[data-testid=designer]"));
        Assert.Contains("Not allowed", create.Body?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_marketer_sees_the_live_campaign_with_its_share_link_qr_code_and_edit_as_new_version()
    {
        var wheel = await DemoActivityIdAsync(DemoSeeder.InstantActivityName);
        using var browser = new StaffBrowser(app);
        await browser.SignInAsync(DemoOptions.MarketerEmail, StaffBrowser.DemoPassword);

        var page = await browser.GetPageAsync($"/admin/activities/{wheel}");

        Assert.NotNull(page.QuerySelector("[data-testid=edit-new-version]"));
        Assert.EndsWith($"/play/{wheel}", page.QuerySelector("[data-testid=share-link]")?.GetAttribute("value"), StringComparison.Ordinal);
        Assert.Matches($"/p/[{ShortCodes.Alphabet}]{{{ShortCodes.Length}}}$", page.QuerySelector("[data-testid=share-short-link]")?.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("[data-testid=share-qr] svg"));
    }

    [Fact]
    public async Task Another_tenants_marketer_gets_not_found_for_the_activity()
    {
        var wheel = await DemoActivityIdAsync(DemoSeeder.InstantActivityName);
        var email = await OtherTenantMarketerAsync();
        using var browser = new StaffBrowser(app);
        var signIn = await browser.SignInAsync(email, StaffBrowser.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        using var response = await browser.Http.GetAsync(new Uri($"/admin/activities/{wheel}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(DemoSeeder.InstantActivityName, html, StringComparison.Ordinal);
        Assert.Contains("Page not found", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_version_of_a_running_activity_changes_odds_and_stock_is_audited_and_players_keep_drawing()
    {
        var wheel = await DemoActivityIdAsync(DemoSeeder.InstantActivityName);
        var before = await QueryAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Id == wheel));
        Assert.Equal(ActivityStatus.Running, before.Status);
        var firstPrize = before.Tiers.OrderBy(t => t.Order).First().Slots.OrderBy(s => s.Order).First().PrizeId;
        var poolBefore = await QueryAsync(db => db.Prizes.Where(p => p.Id == firstPrize).Select(p => p.PoolStock).SingleAsync());
        var allocatedBefore = before.Prizes.Single(p => p.PrizeId == firstPrize).Allocated;
        Assert.True(await DrawAsync(await PlayerAsync(), wheel));

        // Start a version: a draft of the live definition; raise the first tier's odds and the first prize's stock by 2.
        var draft = await InTenantAsync(before.TenantId, s => s.GetRequiredService<DesignerService>().StartVersionAsync(wheel, "marketer@demo.local"));
        var document = draft.Value.Document;
        var tier = document.Tiers![0]!;
        var edited = DesignerDocuments.SetTier(document, 0, tier with
        {
            Probability = 0.5m,
            Prizes = [tier.Prizes![0]! with { Stock = tier.Prizes[0]!.Stock + 2 }, .. tier.Prizes.Skip(1)],
        });
        await InTenantAsync(before.TenantId, s => s.GetRequiredService<DesignerService>().SaveDraftAsync(before.TenantId, wheel, edited, "marketer@demo.local"));

        // Players keep drawing the live version while the new one is published.
        var players = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PlayerAsync()));
        var drawing = Task.Run(async () =>
        {
            var outcomes = new List<bool>();
            foreach (var player in players)
            {
                outcomes.Add(await DrawAsync(player, wheel));
            }

            return outcomes;
        });
        var published = await InTenantAsync(before.TenantId, s => s.GetRequiredService<ActivityCommands>()
            .PublishDocumentAsync(before.TenantId, wheel, edited, "marketer@demo.local", CancellationToken.None));
        Assert.True(published.IsSuccess, published.Error?.Message);
        Assert.All(await drawing, Assert.True);

        var after = await QueryAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Id == wheel));
        Assert.Equal(ActivityStatus.Running, after.Status);
        Assert.Equal(before.DefinitionVersion + 1, after.DefinitionVersion);
        Assert.Equal(0.5m, after.Tiers.OrderBy(t => t.Order).First().Probability);
        Assert.Equal(allocatedBefore + 2, after.Prizes.Single(p => p.PrizeId == firstPrize).Allocated);
        Assert.Equal(poolBefore - 2, await QueryAsync(db => db.Prizes.Where(p => p.Id == firstPrize).Select(p => p.PoolStock).SingleAsync()));
        Assert.False(await QueryAsync(db => db.ActivityDrafts.IgnoreQueryFilters().AnyAsync(d => d.ActivityId == wheel)));
        Assert.True(await QueryAsync(db => db.ActivityVersions.IgnoreQueryFilters().AnyAsync(v => v.ActivityId == wheel && v.Number == after.DefinitionVersion)));
        var audit = await QueryAsync(db => db.Audit.IgnoreQueryFilters().Where(a => a.ActivityId == wheel && a.Action.StartsWith("activity.version")).ToListAsync());
        Assert.Contains(audit, a => a.Action == "activity.version.start");
        var entry = Assert.Single(audit, a => a.Action == "activity.version.publish");
        Assert.Contains("\"Probability\":0.5", entry.After, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Probability\":0.5,", entry.Before, StringComparison.Ordinal);
        Assert.Contains($"\"Delta\":2", entry.After, StringComparison.Ordinal);

        // The new version draws.
        Assert.True(await DrawAsync(await PlayerAsync(), wheel));
    }

    [Fact]
    public async Task After_a_publish_the_activity_page_shows_its_history_with_who_published_and_when()
    {
        var tenant = await QueryAsync(db => db.Tenants.Where(t => t.Slug == DemoOptions.TenantSlug).Select(t => t.Id).SingleAsync());
        var id = Guid.NewGuid();
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var design = DesignerDocuments.FromTemplate("daily-spin", clock.GetUtcNow()) with { Name = "History check " + id.ToString("N")[..6] };
        await InTenantAsync(tenant, s => s.GetRequiredService<DesignerService>().SaveDraftAsync(tenant, id, design, "marketer@demo.local"));
        using var browser = new StaffBrowser(app);
        await browser.SignInAsync(DemoOptions.ManagerEmail, StaffBrowser.DemoPassword);
        var before = await browser.GetPageAsync($"/admin/activities/{id}");
        Assert.NotNull(before.QuerySelector("[data-testid=activity-history] [data-testid=audit-empty]"));

        var published = await InTenantAsync(tenant, s => s.GetRequiredService<ActivityCommands>()
            .PublishDocumentAsync(tenant, id, design, "marketer@demo.local", CancellationToken.None));
        Assert.True(published.IsSuccess, published.Error?.Message);
        var page = await browser.GetPageAsync($"/admin/activities/{id}");

        var history = page.QuerySelector("[data-testid=activity-history]");
        Assert.NotNull(history);
        Assert.Equal("History", history.QuerySelector("h2")?.TextContent);
        var entries = history.QuerySelectorAll("[data-testid=audit-entry]");
        Assert.Equal(["activity.publish", "activity.create"], entries.Select(e => e.GetAttribute("data-action")));
        var publish = entries[0];
        Assert.Equal("Mia Marketer", publish.QuerySelector("[data-testid=audit-actor]")?.TextContent); // the account (marketer@demo.local) by its display name
        var at = await QueryAsync(db => db.Audit.IgnoreQueryFilters().Where(a => a.ActivityId == id && a.Action == "activity.publish").Select(a => a.At).SingleAsync());
        Assert.Equal(at, DateTimeOffset.Parse(publish.QuerySelector("time")!.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("Published", publish.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_version_asking_for_more_stock_than_the_pool_holds_changes_nothing()
    {
        var wheel = await DemoActivityIdAsync(DemoSeeder.InstantActivityName);
        var tenant = await QueryAsync(db => db.Activities.Where(a => a.Id == wheel).Select(a => a.TenantId).SingleAsync());
        var version = await QueryAsync(db => db.Activities.Where(a => a.Id == wheel).Select(a => a.DefinitionVersion).SingleAsync());
        var draft = await InTenantAsync(tenant, s => s.GetRequiredService<DesignerService>().StartVersionAsync(wheel, "marketer@demo.local"));
        var document = draft.Value.Document;
        var greedy = DesignerDocuments.SetPrize(document, 0, 0, document.Tiers![0]!.Prizes![0]! with { Stock = 90_000_000 });

        var result = await InTenantAsync(tenant, s => s.GetRequiredService<ActivityCommands>()
            .PublishDocumentAsync(tenant, wheel, greedy, "marketer@demo.local", CancellationToken.None));

        Assert.Equal(ErrorCodes.StockPoolShort, result.Error?.Code);
        Assert.Equal("tiers[0].prizes[0].stock", Assert.Single(result.ValidationErrors).Path);
        Assert.Equal(version, await QueryAsync(db => db.Activities.Where(a => a.Id == wheel).Select(a => a.DefinitionVersion).SingleAsync()));
        await InTenantAsync(tenant, async s => { await s.GetRequiredService<DesignerService>().DiscardDraftAsync(wheel); return true; });
    }

    private async Task<T> QueryAsync<T>(Func<LotteryDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(await DemoTenantAsync(scope.ServiceProvider));
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    private static async Task<Guid> DemoTenantAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContextAsync();
        return await db.Tenants.Where(t => t.Slug == DemoOptions.TenantSlug).Select(t => t.Id).SingleAsync();
    }

    private async Task<T> InTenantAsync<T>(Guid tenant, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(tenant);
        return await action(scope.ServiceProvider);
    }

    private Task<Guid> DemoActivityIdAsync(string name) =>
        QueryAsync(db => db.Activities.Where(a => a.Name == name).Select(a => a.Id).SingleAsync());

    /// <summary>A second tenant with a marketer of its own; returns the marketer's e-mail.</summary>
    private async Task<string> OtherTenantMarketerAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var slug = "other-" + Guid.NewGuid().ToString("N")[..8];
        var tenant = Tenant.Create("Other Co.", slug, clock).Value;
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(tenant.Id);
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContextAsync())
        {
            db.Tenants.Add(tenant);
            await db.SaveChangesAsync();
        }

        var email = $"marketer@{slug}.test";
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { Id = Ids.New(clock), UserName = email, Email = email, EmailConfirmed = true, TenantId = tenant.Id, DisplayName = "Other Marketer" };
        Assert.True((await users.CreateAsync(user, StaffBrowser.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Marketer)).Succeeded);
        return email;
    }

    private async Task<HttpClient> PlayerAsync()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var response = await client.PostAsJsonAsync("/api/player/sessions", new { nickname = (string?)null });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>One draw; true when the server accepted it (a win or not).</summary>
    private static async Task<bool> DrawAsync(HttpClient player, Guid activityId)
    {
        using var response = await player.PostAsync(new Uri($"/api/activities/{activityId}/draws", UriKind.Relative), null);
        return response.IsSuccessStatusCode;
    }
}
