using System.Net.Http.Json;
using System.Text.Json;
using Lottery.Domain.Prizes;
using Lottery.Infrastructure.Persistence;
using Lottery.Infrastructure.Persistence.Seeding;
using Lottery.Web.Features.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lottery.E2E.Tests.Support;

/// <summary>Steps the player-page tests share: find the demo activity, create activities through the management API.</summary>
public static class PlayerSteps
{
    public static async Task<string> DemoActivityPathAsync(LotteryAppFactory app, string name = "Lucky Wheel")
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var html = await http.GetStringAsync(new Uri("/", UriKind.Relative));
        var tile = html.IndexOf(name, StringComparison.Ordinal);
        Assert.True(tile >= 0, $"{name} is not on the landing page");
        var start = html.IndexOf("/play/", tile, StringComparison.Ordinal);
        return html.Substring(start, "/play/".Length + 36);
    }

    /// <summary>Creates and publishes an activity of the demo tenant (X-Api-Key from configuration <c>Demo:ApiKey</c>).</summary>
    public static async Task<Guid> CreateActivityAsync(LotteryAppFactory app, object definition, string? then = null)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Api-Key", app.Services.GetRequiredService<IConfiguration>()["Demo:ApiKey"]);
        var created = await http.PostAsJsonAsync("/api/admin/activities", definition);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var published = await http.PostAsync(new Uri($"/api/admin/activities/{id}/publish", UriKind.Relative), null);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        if (then is not null)
        {
            var moved = await http.PostAsync(new Uri($"/api/admin/activities/{id}/{then}", UriKind.Relative), null);
            Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        }

        return id;
    }

    /// <summary>A lifecycle action of the demo tenant on an activity (pause, resume, cancel).</summary>
    public static async Task ChangeAsync(LotteryAppFactory app, Guid id, string action)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Api-Key", app.Services.GetRequiredService<IConfiguration>()["Demo:ApiKey"]);
        var moved = await http.PostAsync(new Uri($"/api/admin/activities/{id}/{action}", UriKind.Relative), null);
        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
    }

    public static object Definition(string prizeKind = "physical", decimal probability = 1m, int chances = 3,
        DateTimeOffset? startsAt = null, string? prize = null, bool withTasks = true, int stock = 100,
        DateTimeOffset? endsAt = null, int shareChances = 1, Guid? prizeId = null, int? maxWins = null) => new
    {
        name = "Festival wheel " + Guid.NewGuid().ToString("N")[..4],
        description = "A test campaign: every spin wins.",
        kind = "instant",
        startsAt = startsAt ?? DateTimeOffset.UtcNow.AddHours(-1),
        endsAt = endsAt ?? DateTimeOffset.UtcNow.AddDays(7),
        rules = new { chancesPerPlayer = chances, maxWinsPerPlayer = maxWins },
        tiers = new[] { new { name = "First prize", probability, color = "#1B998B", prizes = new[] { new { prizeId, name = prize ?? "Festival hoodie " + Guid.NewGuid().ToString("N")[..4], kind = prizeKind, stock } } } },
        tasks = withTasks ? new object[] { new { kind = "share", chances = shareChances, maxPerDay = 1 }, new { kind = "dailyCheckIn", chances = 1 } } : [],
        gameplay = new { type = "wheel", tryAgainSegments = 2 },
        theme = new { primaryColor = "#D7263D", accentColor = "#F4B942", backgroundColor = "#2B1055", textColor = "#FFFFFF" },
    };

    public static Task<IBrowserContext> PhoneAsync(BrowserFixture fixture, ReducedMotion motion = ReducedMotion.NoPreference, string locale = "en-US") =>
        fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
            Locale = locale,
            ReducedMotion = motion,
        });

    /// <summary>A phone (reduced motion unless told) already on the activity's player page; disposing it closes the phone.</summary>
    public static async Task<Phone> OnPlayPageAsync(BrowserFixture fixture, Guid id, ReducedMotion motion = ReducedMotion.Reduce)
    {
        var context = await PhoneAsync(fixture, motion);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/play/{id}");
        return new Phone(context, page);
    }

    /// <summary>A POST to the management API with the demo tenant's key; the caller checks the answer.</summary>
    public static async Task<HttpResponseMessage> AdminPostAsync(LotteryAppFactory app, string path)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Api-Key", app.Services.GetRequiredService<IConfiguration>()["Demo:ApiKey"]);
        var response = await http.PostAsync(new Uri(path, UriKind.Relative), null);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>The public view of an activity as an anonymous visitor sees it (<c>GET /api/activities/{id}</c>).</summary>
    public static async Task<JsonElement> PublicViewAsync(LotteryAppFactory app, Guid id)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        return await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/activities/{id}", UriKind.Relative));
    }

    /// <summary>Waits (polling every 200 ms, at most <paramref name="seconds"/>) until the public status is <paramref name="status"/>.</summary>
    public static Task WaitForStatusAsync(LotteryAppFactory app, Guid id, string status, int seconds = 40) =>
        Eventually.ReturnsAsync(async () => (await PublicViewAsync(app, id)).GetProperty("status").GetString(), seen => seen == status,
            TimeSpan.FromSeconds(seconds), $"activity {id} is {status}", TimeSpan.FromMilliseconds(200));

    /// <summary>
    /// A code prize in the demo tenant's catalogue with <paramref name="codes"/> uploaded, through the catalogue use case
    /// (code upload has no HTTP endpoint: the catalogue page calls the same <see cref="CatalogueCommands"/>).
    /// </summary>
    public static async Task<Guid> CodePrizeAsync(LotteryAppFactory app, string name, IReadOnlyCollection<string> codes)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<LotteryDbContext>>();
        Guid tenant;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            tenant = await db.Tenants.Where(t => t.Slug == DemoOptions.TenantSlug).Select(t => t.Id).SingleAsync();
        }

        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(tenant);
        var catalogue = scope.ServiceProvider.GetRequiredService<CatalogueCommands>();
        var created = await catalogue.CreateAsync(tenant, new PrizeForm(name, PrizeKind.Code, "A test voucher.", 1m, null, 0), "e2e");
        Assert.True(created.IsSuccess, created.Error?.Message);
        var uploaded = await catalogue.UploadCodesAsync(created.Value, string.Join("\n", codes), csv: false, "e2e");
        Assert.True(uploaded.IsSuccess, uploaded.Error?.Message);
        Assert.Equal(codes.Count, uploaded.Value.Added);
        return created.Value;
    }
}

/// <summary>A phone's browser context and its one page.</summary>
public sealed class Phone(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public ValueTask DisposeAsync() => context.DisposeAsync();
}
