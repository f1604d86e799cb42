using System.Text;
using Lottery.Domain.Common;
using Lottery.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Lottery.Web.Features.Partners;

/// <summary>Who a valid partner token vouches for: a user (<c>sub</c>) of the tenant whose key signed it.</summary>
public sealed record PartnerUser(Guid TenantId, string KeyId, string Subject, string? Name);

/// <summary>
/// Validates partner tokens with Microsoft.IdentityModel.JsonWebTokens (no hand-written parsing or signature check):
/// HS256 only, header <c>kid</c> = an active partner key, <c>exp</c> required and at most
/// <see cref="MaxLifetime"/> ahead, <c>sub</c> required; <see cref="ClockSkew"/> of tolerance. The signing key is the
/// secret text as UTF-8 bytes. Every refusal is one problem code (<c>invalid-credentials</c>) whose message says what
/// to fix without telling which key ids exist.
/// </summary>
public sealed class PartnerTokens(
    IDbContextFactory<LotteryDbContext> contexts, IDataProtectionProvider protection, IMemoryCache cache, TimeProvider clock)
{
    /// <summary>How far ahead a token may expire: hosts sign short-lived tokens for one visit.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(24);

    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>How long a node keeps a looked-up key: a revoke elsewhere takes effect on every node within this.</summary>
    public static readonly TimeSpan KeyCacheTime = TimeSpan.FromSeconds(5);

    /// <summary>Longer tokens are refused unread (a real one is a few hundred characters).</summary>
    public const int MaxTokenLength = 4096;

    private const string Generic =
        "The partner token could not be verified. It must be an HS256 JWT signed with an active partner key of this platform " +
        "(header 'kid' = the key id), with 'sub' and 'exp' claims.";

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public async Task<Result<PartnerUser>> ValidateAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength || !_handler.CanReadToken(token))
        {
            return Refused(Generic);
        }

        string? kid;
        try
        {
            kid = _handler.ReadJsonWebToken(token).Kid;
        }
        catch (ArgumentException)
        {
            return Refused(Generic);
        }

        if (string.IsNullOrEmpty(kid) || kid.Length > Domain.Tenants.PartnerKey.KeyIdMaxLength
            || await FindKeyAsync(kid, cancellationToken) is not { } key)
        {
            return Refused(Generic);
        }

        var parameters = new TokenValidationParameters
        {
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = ClockSkew,
            LifetimeValidator = ValidLifetime,
            TryAllIssuerSigningKeys = false,
            IssuerSigningKeyResolver = (_, _, requested, _) => requested == kid ? [key.SigningKey] : [],
        };
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return Refused(result.Exception is SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException
                or SecurityTokenNotYetValidException or SecurityTokenNoExpirationException
                ? LifetimeProblem(_handler.ReadJsonWebToken(token))
                : Generic);
        }

        var subject = jwt.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Sub, out var sub) ? sub : null;
        if (string.IsNullOrWhiteSpace(subject))
        {
            return Refused("The partner token has no 'sub' claim: put your own id of the signed-in user there.");
        }

        if (subject.Length > Domain.Players.Player.PartnerUserIdMaxLength)
        {
            return Refused($"The partner token's 'sub' has more than {Domain.Players.Player.PartnerUserIdMaxLength} characters.");
        }

        var name = jwt.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Name, out var n) ? n : null;
        return new PartnerUser(key.TenantId, kid, subject, name);
    }

    /// <summary>Drops a key from this node's cache (a revoke takes effect here at once).</summary>
    public void Forget(string keyId) => cache.Remove(CacheKey(keyId));

    private bool ValidLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return expires is { } exp
            && exp > now - ClockSkew
            && exp <= now + MaxLifetime + ClockSkew
            && (notBefore is not { } nbf || nbf <= now + ClockSkew);
    }

    private string LifetimeProblem(JsonWebToken jwt)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out _))
        {
            return "The partner token has no 'exp' claim: tokens must expire, at most 24 hours after they are signed.";
        }

        if (jwt.ValidTo <= now - ClockSkew)
        {
            return "The partner token has expired: ask the host app for a fresh one.";
        }

        return jwt.ValidTo > now + MaxLifetime + ClockSkew
            ? "The partner token expires more than 24 hours ahead: sign tokens that expire sooner."
            : "The partner token is not valid yet ('nbf' is in the future): check the signing server's clock.";
    }

    private async Task<CachedKey?> FindKeyAsync(string kid, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CacheKey(kid), out CachedKey? known))
        {
            return known;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.PartnerKeys.IgnoreQueryFilters().AsNoTracking()
            .Where(k => k.KeyId == kid && k.RevokedAt == null)
            .Select(k => new { k.TenantId, k.ProtectedSecret })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null; // unknown or revoked: not cached, so a key created a moment later works at once
        }

        var secret = PartnerKeys.Protector(protection).Unprotect(row.ProtectedSecret);
        var found = new CachedKey(row.TenantId, new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)) { KeyId = kid });
        cache.Set(CacheKey(kid), found, KeyCacheTime);
        return found;
    }

    private static (string, string) CacheKey(string kid) => ("partner-key", kid);

    private static Result<PartnerUser> Refused(string message) => new Error(ErrorCodes.InvalidCredentials, message);

    private sealed record CachedKey(Guid TenantId, SymmetricSecurityKey SigningKey);
}
