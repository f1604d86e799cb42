using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lottery.Domain.Players;
using Lottery.Web.Features.Players;
using Lottery.Web.Tests.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lottery.Web.Tests.Risk;

/// <summary>
/// The embedded app whose requests may say which address they come from (<c>X-Test-Client-Ip</c>): the in-memory test
/// server has no socket, so without it every request would come from no address at all.
/// </summary>
public sealed class RiskApp() : LotteryApiFactory(StoreMode.EmbeddedSqlite)
{
    public const string ClientIpHeader = "X-Test-Client-Ip";

    protected override void ConfigureApp(IWebHostBuilder builder)
    {
        base.ConfigureApp(builder);
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, ClientIpFromHeader>());
    }

    private sealed class ClientIpFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, following) =>
            {
                if (http.Request.Headers[ClientIpHeader].FirstOrDefault() is { } ip)
                {
                    http.Connection.RemoteIpAddress = IPAddress.Parse(ip);
                }

                return following(http);
            });
            next(app);
        };
    }
}

/// <summary>Steps the risk tests share: block, read chances, open verified players' sessions directly.</summary>
public static class RiskSteps
{
    public static Task<HttpResponseMessage> BlockAsync(HttpClient tenant, string kind, string value, string? reason = "Farming") =>
        tenant.PostAsJsonAsync("/api/admin/blocklist", new { kind, value, reason });

    public static async Task<Guid> BlockedAsync(HttpClient tenant, string kind, string value)
    {
        var response = await BlockAsync(tenant, kind, value);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<int> RemainingChancesAsync(HttpClient player, Guid activity) =>
        (await (await player.GetAsync($"/api/activities/{activity}")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("remainingChances").GetInt32();

    public static async Task<JsonElement> ViewAsync(HttpClient client, Guid activity) =>
        await (await client.GetAsync($"/api/activities/{activity}")).Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>A verified player's client (an e-mail or partner player), opened as the sign-in endpoints would.</summary>
    public static async Task<(HttpClient Client, Guid PlayerId)> VerifiedPlayerAsync(LotteryApiFactory app, Player candidate)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var ticket = await scope.ServiceProvider.GetRequiredService<PlayerSessions>().OpenVerifiedAsync(candidate, "127.0.0.1", CancellationToken.None);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ticket.Token);
        return (client, ticket.PlayerId);
    }

    /// <summary>A new guest's client (bearer token) and player id.</summary>
    public static async Task<(HttpClient Client, Guid PlayerId)> GuestAsync(LotteryApiFactory app)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var response = await client.PostAsJsonAsync("/api/player/sessions", new { nickname = "Guest" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var session = await response.Content.ReadFromJsonAsync<LotteryApiFactory.SessionCreated>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session!.Token);
        return (client, session.PlayerId);
    }

    public static Task<Guid> TenantOfAsync(LotteryApiFactory app, Guid activity) =>
        app.QueryAsync(db => db.Activities.IgnoreQueryFilters().Where(a => a.Id == activity).Select(a => a.TenantId).SingleAsync());

    public static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, await ApiSteps.ProblemCodeAsync(response));
    }
}
