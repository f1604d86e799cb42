using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Lottery.Domain.Tenants;
using Lottery.Infrastructure.Identity;
using Lottery.Infrastructure.Persistence;
using Lottery.Web.Features.Players;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Lottery.Web.Extensions;

public static class ApiSchemes
{
    /// <summary>Guest players: <c>Authorization: Bearer &lt;token&gt;</c>, or the <c>lottery.player</c> cookie set by the player page.</summary>
    public const string Player = nameof(Player);

    /// <summary>A tenant's systems: <c>X-Api-Key: &lt;key&gt;</c>.</summary>
    public const string ApiKey = nameof(ApiKey);

    public const string PlayerCookie = "lottery.player";
    public const string PlayerIdClaim = "lottery:player";
}

/// <summary>Authenticates a guest player by bearer token or cookie.</summary>
public sealed class PlayerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, PlayerSessions sessions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = TokenOf(Request);
        if (string.IsNullOrEmpty(token))
        {
            return AuthenticateResult.NoResult();
        }

        if (token.Length > 100 || await sessions.FindAsync(token, Context.RequestAborted) is not { } player)
        {
            return AuthenticateResult.Fail("Unknown player token.");
        }

        var identity = new ClaimsIdentity(player.ToClaims(), Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    /// <summary>The player token a request carries: <c>Authorization: Bearer</c>, else the session cookie.</summary>
    public static string? TokenOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : request.Cookies[ApiSchemes.PlayerCookie];
    }
}

/// <summary>Authenticates a tenant's system by its API key (stored hashed) and scopes the request to that tenant.</summary>
public sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IDbContextFactory<LotteryDbContext> contexts, IMemoryCache cache, TenantScope tenantScope)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(key))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = TenantApiKey.HashKey(key);
        if (!cache.TryGetValue(("apikey", hash), out (Guid TenantId, string Prefix)? found))
        {
            await using var db = await contexts.CreateDbContextAsync(Context.RequestAborted);
            var row = await db.ApiKeys.IgnoreQueryFilters().AsNoTracking()
                .Where(k => k.Hash == hash && k.RevokedAt == null)
                .Select(k => new { k.TenantId, k.Prefix })
                .SingleOrDefaultAsync(Context.RequestAborted);
            found = row is null ? null : (row.TenantId, row.Prefix);
            cache.Set(("apikey", hash), found, TimeSpan.FromSeconds(30));
        }

        if (found is not { } tenant)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        tenantScope.Set(tenant.TenantId);
        var identity = new ClaimsIdentity(
            [new Claim(LotteryClaimTypes.TenantId, tenant.TenantId.ToString()), new Claim(ClaimTypes.Name, $"api-key:{tenant.Prefix}")], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}

/// <summary>The platform operator's key (configuration <c>Platform:ApiKey</c>), compared in constant time.</summary>
public sealed class PlatformKeyFilter(IOptions<PlatformOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = options.Value.ApiKey;
        var given = context.HttpContext.Request.Headers[ApiKeyHandler.HeaderName].ToString();
        if (string.IsNullOrEmpty(expected) || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given)))
        {
            return TypedResults.Problem("A valid platform API key is required.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        return await next(context);
    }
}

public static class PlayerClaims
{
    public static Guid PlayerId(this ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ApiSchemes.PlayerIdClaim)!);
}

/// <summary>Section <c>Platform</c>: the operator of the SaaS platform. No key: the platform API is closed.</summary>
public sealed class PlatformOptions
{
    public const string Section = "Platform";

    public string? ApiKey { get; set; }
}
