using System.Globalization;
using System.Threading.RateLimiting;
using Lottery.Web.Endpoints;
using Lottery.Web.Features.Activities;
using Lottery.Web.Features.Draws;
using Lottery.Web.Features.Email;
using Lottery.Web.Features.Lifecycle;
using Lottery.Web.Features.Partners;
using Lottery.Web.Features.Players;
using Lottery.Web.Features.Risk;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Lottery.Web.Extensions;

public static class ApiPolicies
{
    public const string Player = nameof(Player);
    public const string TenantApi = nameof(TenantApi);
}

/// <summary>
/// Section <c>RateLimiting</c>: how many draws a player, and how many API requests an address, may make per
/// <see cref="Period"/>. 0 turns a limit off (e.g. a load test from one address).
/// </summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    [System.ComponentModel.DataAnnotations.Range(0, 10_000)]
    public int PlayerDraws { get; set; } = 5;

    [System.ComponentModel.DataAnnotations.Range(0, 1_000_000)]
    public int AddressRequests { get; set; } = 100;

    /// <summary>The window both limits count in: one second by default.</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(1);
}

public static class ApiExtensions
{
    /// <summary>The HTTP API: player and API-key authentication, problem details, rate limits, OpenAPI, use cases.</summary>
    public static IHostApplicationBuilder AddLotteryApi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddMemoryCache();
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddOptions<PlatformOptions>().Bind(builder.Configuration.GetSection(PlatformOptions.Section));
        services.AddOptions<RateLimitingOptions>().Bind(builder.Configuration.GetSection(RateLimitingOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, PlayerTokenHandler>(ApiSchemes.Player, null)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiSchemes.ApiKey, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicies.Player, p => p.AddAuthenticationSchemes(ApiSchemes.Player).RequireAuthenticatedUser())
            .AddPolicy(ApiPolicies.TenantApi, p => p.AddAuthenticationSchemes(ApiSchemes.ApiKey).RequireAuthenticatedUser());

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = WriteRateLimitedAsync;
            o.AddPolicy(PlayerApi.DrawRateLimit, http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
                var player = http.User.FindFirst(ApiSchemes.PlayerIdClaim)?.Value;
                return player is null || limits.PlayerDraws == 0
                    ? RateLimitPartition.GetNoLimiter("none")
                    : RateLimitPartition.GetTokenBucketLimiter(player, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = limits.PlayerDraws,
                        TokensPerPeriod = limits.PlayerDraws,
                        ReplenishmentPeriod = limits.Period,
                        QueueLimit = 0,
                    });
            });
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
                return limits.AddressRequests == 0 || !http.Request.Path.StartsWithSegments("/api")
                    ? RateLimitPartition.GetNoLimiter("none")
                    : RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.AddressRequests,
                        Window = limits.Period,
                        QueueLimit = 0,
                    });
            });
        });

        services.AddSingleton<ActivityRuntimeCache>();
        services.AddScoped<DrawService>();
        services.AddScoped<PlayerSessions>();
        services.AddSingleton<PlayerGate>();
        services.AddRiskControls(); // stop-loss and block-list checks first, and the block list's session guard
        services.AddSingleton<IPlayerCheck, IdentityRequirementCheck>();
        services.AddOptions<ProofOfWorkOptions>().Bind(builder.Configuration.GetSection(ProofOfWorkOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GuestSessionOptions>().Bind(builder.Configuration.GetSection(GuestSessionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ProofOfWork>();
        services.AddScoped<GuestSessions>();
        services.AddPartnerSignIn();
        services.AddEmailSignIn(builder.Configuration);
        services.AddScoped<PlayerWins>();
        services.AddScoped<PlayerActions>();
        services.AddScoped<Features.Play.PlayerNotices>();
        services.AddScoped<ActivityCommands>();
        services.AddScoped<ActivityReports>();
        services.AddScoped<ScheduledDrawRunner>();
        services.AddScoped<DrawVerification>();
        services.AddScoped<ActivityScheduler>();
        services.AddScoped<ActivityFinisher>();
        services.AddHostedService<LifecycleBootstrap>();
        return builder;
    }

    public static WebApplication MapLotteryApi(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapPlayerApi();
        app.MapEmailSignInEndpoints();
        app.MapManagementApi();
        app.MapPlatformApi();
        app.MapRiskApi();
        return app;
    }

    private static async ValueTask WriteRateLimitedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await Results.Problem("Too many requests; wait a moment and try again.", statusCode: StatusCodes.Status429TooManyRequests,
                title: "Rate limited", type: Problems.TypePrefix + "rate-limited", extensions: new Dictionary<string, object?> { ["code"] = "rate-limited" })
            .ExecuteAsync(context.HttpContext);
    }
}
