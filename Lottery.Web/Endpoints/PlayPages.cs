using Lottery.Domain.Activities;
using Lottery.Infrastructure.Persistence;
using Lottery.Web.Components.Pages.Play;
using Lottery.Web.Extensions;
using Lottery.Web.Features.Draws;
using Lottery.Web.Features.Play;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Endpoints;

/// <summary>
/// The player pages: static server-side rendering plus one small ES module. No Blazor circuit, no blazor.web.js: a
/// phone on a slow network gets a complete page in one response (docs/decisions/009-player-page.md).
/// </summary>
public static class PlayPages
{
    public static WebApplication MapPlayPages(this WebApplication app)
    {
        app.MapGet("/play/{id:guid}", (Guid id, HttpContext http, ActivityRuntimeCache activities, PlayerNotices notices, CancellationToken ct) =>
            RenderAsync<PlayPage>(id, $"/play/{id}", http, activities, notices, ct)).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/play/{id:guid}/me", (Guid id, HttpContext http, ActivityRuntimeCache activities, PlayerNotices notices, CancellationToken ct) =>
            RenderAsync<MyPrizesPage>(id, $"/play/{id}/me", http, activities, notices, ct)).AllowAnonymous().ExcludeFromDescription();
        // Short links: /p/{code} (printed since campaigns have short codes) and /p/{guid} (links printed before).
        app.MapGet("/p/{id:guid}", (Guid id, HttpRequest request) => ToPlayer(id, request)).AllowAnonymous().ExcludeFromDescription();
        app.MapGet($"/p/{{code:length({ShortCodes.Length})}}", async (string code, HttpRequest request, IDbContextFactory<LotteryDbContext> contexts, CancellationToken ct) =>
        {
            if (ShortCodes.Normalize(code) is not { } normalized)
            {
                return (Results<RedirectHttpResult, NotFound>)TypedResults.NotFound();
            }

            await using var db = await contexts.CreateDbContextAsync(ct);
            var id = await db.Activities.IgnoreQueryFilters().IgnoreAutoIncludes()
                .Where(a => a.ShortCode == normalized).Select(a => (Guid?)a.Id).SingleOrDefaultAsync(ct);
            return id is { } found ? ToPlayer(found, request) : TypedResults.NotFound();
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static RedirectHttpResult ToPlayer(Guid id, HttpRequest request)
    {
        var source = request.Query["utm_source"].FirstOrDefault();
        return TypedResults.Redirect(string.IsNullOrEmpty(source) ? $"/play/{id}" : $"/play/{id}?utm_source={Uri.EscapeDataString(source)}");
    }

    private static async Task<RazorComponentResult> RenderAsync<TPage>(
        Guid id, string path, HttpContext http, ActivityRuntimeCache activities, PlayerNotices notices, CancellationToken cancellationToken)
        where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        var text = PlayText.For(http.Request);
        if (PlayText.Parse(http.Request.Query["lang"].FirstOrDefault()) is { } chosen)
        {
            http.Response.Cookies.Append(PlayText.CookieName, chosen.Language, new CookieOptions
            {
                SameSite = SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
                MaxAge = TimeSpan.FromDays(365),
                IsEssential = true,
            });
        }

        http.Response.Headers.CacheControl = "no-store";
        var runtime = await activities.GetAsync(id, cancellationToken);
        if (runtime is null || runtime.Activity.Status == ActivityStatus.Draft)
        {
            return new RazorComponentResult<PlayNotFound>(new { Model = new PlayPageModel(null, text, path) })
            {
                StatusCode = StatusCodes.Status404NotFound,
            };
        }

        // A returning player (session cookie) sees what became of their entry, rendered with the page.
        PlayerNotice? notice = null;
        var player = await http.AuthenticateAsync(ApiSchemes.Player);
        if (player.Succeeded)
        {
            notice = await notices.ForAsync(runtime.Activity, player.Principal.PlayerId(), cancellationToken);
        }

        var model = new PlayPageModel(PlayerApi.ToView(runtime, null), text, path, notice, http.Request.QueryString.Value);
        return new RazorComponentResult<TPage>(new { Model = model });
    }
}
