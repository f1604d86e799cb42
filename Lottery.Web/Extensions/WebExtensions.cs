using Lottery.Infrastructure.Identity;
using Lottery.Web.Components;
using Lottery.Web.Endpoints;
using Lottery.Web.Features.Activities;
using Lottery.Web.Features.Audit;
using Lottery.Web.Features.Catalogue;
using Lottery.Web.Features.Designer;
using Lottery.Web.Features.Landing;
using Lottery.Web.Features.Players;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Lottery.Web.Theme;
using MudBlazor.Services;

namespace Lottery.Web.Extensions;

public static class WebExtensions
{
    /// <summary>Razor components, MudBlazor, cookie sign-in for staff, authorization, antiforgery, tenant resolution.</summary>
    public static IHostApplicationBuilder AddLotteryWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            o.SnackbarConfiguration.VisibleStateDuration = 6000;
        });
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "lottery.staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
        });
        services.AddScoped<IUserClaimsPrincipalFactory<ApplicationUser>, TenantClaimsPrincipalFactory>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.PlatformAdmin, Roles.Marketer, Roles.Manager))
            .AddPolicy(Policies.Editor, p => p.RequireRole(Roles.PlatformAdmin, Roles.Marketer))
            .AddPolicy(Policies.Operator, p => p.RequireRole(Roles.PlatformAdmin, Roles.Manager));
        services.AddAntiforgery();
        services.AddScoped<CircuitHandler, TenantCircuitHandler>();
        services.AddScoped<LandingQueries>();
        services.AddScoped<ActivityQueries>();
        services.AddScoped<ActivityListCommands>();
        services.AddScoped<CatalogueQueries>();
        services.AddScoped<CatalogueCommands>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<ViewerTimeZone>();
        services.AddScoped<DesignerService>();
        return builder;
    }

    public static WebApplication UseLotteryWeb(this WebApplication app)
    {
        // First: the client address every later step sees (rate limits, guest-session caps) — proxies only when configured.
        app.UseConfiguredForwardedHeaders();
        // The API answers every error with problem details; pages show designed error and not-found pages.
        app.UseWhen(IsApi, api => api.UseExceptionHandler().UseStatusCodePages());
        app.UseWhen(http => !IsApi(http), pages =>
        {
            if (!app.Environment.IsDevelopment())
            {
                pages.UseExceptionHandler("/error", createScopeForErrors: true);
            }

            pages.UseStatusCodePagesWithReExecute("/not-found");
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        // Routing runs after the error and status-code pages, so their re-executed request (/error, /not-found) is
        // routed again; with the implicit routing at the start of the pipeline an unknown address answered an empty 404.
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<TenantMiddleware>();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>The theme's tokens for pages without MudBlazor; <c>?v=</c> names the version, so it is cached for a year.</summary>
    private static IResult TokensCss(HttpContext http)
    {
        var versioned = http.Request.Query["v"] == LotteryTheme.TokensVersion;
        http.Response.Headers.CacheControl = versioned ? "public, max-age=31536000, immutable" : "no-cache";
        return Results.Text(LotteryTheme.TokensCss, "text/css; charset=utf-8");
    }

    private static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments("/api");

    public static WebApplication MapLotteryPages(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapMediaEndpoints();
        app.MapGet("/tokens.css", TokensCss).ExcludeFromDescription();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}

public static class Policies
{
    public const string Staff = nameof(Staff);
    public const string Editor = nameof(Editor);

    /// <summary>Runs live campaigns: the kill switch, screen links, winners' personal data (managers and platform admins).</summary>
    public const string Operator = nameof(Operator);
}
