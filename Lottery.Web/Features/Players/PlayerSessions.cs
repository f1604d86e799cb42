using System.Security.Claims;
using Lottery.Domain.Common;
using Lottery.Domain.Players;
using Lottery.Domain.Tenants;
using Lottery.Infrastructure.Persistence;
using Lottery.Web.Extensions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Lottery.Web.Features.Players;

/// <summary>A new session: the player it stands for and its bearer token (shown once; only its hash is stored).</summary>
public sealed record SessionTicket(Guid PlayerId, string Token);

/// <summary>
/// Who a session's token stands for. <see cref="TenantId"/> is the tenant whose partner key vouched for a partner
/// player; <see cref="Email"/> and <see cref="PartnerUserId"/> are set for their kind only.
/// </summary>
public sealed record PlayerIdentity(Guid Id, string? Nickname, PlayerIdentityKind Kind = PlayerIdentityKind.Guest, Guid? TenantId = null,
    string? Email = null, string? PartnerUserId = null)
{
    public bool IsVerified => Kind != PlayerIdentityKind.Guest;

    /// <summary>The claims the player's requests carry (see <see cref="PlayerClaims.Identity"/>).</summary>
    public IEnumerable<Claim> ToClaims()
    {
        yield return new Claim(ApiSchemes.PlayerIdClaim, Id.ToString());
        yield return new Claim(ClaimTypes.Name, Nickname ?? "Guest");
        yield return new Claim(PlayerClaims.Kind, Kind.ToString());
        if (TenantId is { } tenant)
        {
            yield return new Claim(PlayerClaims.Tenant, tenant.ToString());
        }

        if (Email is not null)
        {
            yield return new Claim(ClaimTypes.Email, Email);
        }

        if (PartnerUserId is not null)
        {
            yield return new Claim(PlayerClaims.PartnerUser, PartnerUserId);
        }
    }
}

public static class PlayerClaims
{
    public const string Kind = "lottery:player-kind";
    public const string Tenant = "lottery:player-tenant";
    public const string PartnerUser = "lottery:partner-user";

    /// <summary>The identity of an authenticated player's request (the inverse of <see cref="PlayerIdentity.ToClaims"/>).</summary>
    public static PlayerIdentity Identity(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var name = user.FindFirst(ClaimTypes.Name)?.Value;
        return new PlayerIdentity(
            user.PlayerId(),
            name == "Guest" ? null : name,
            Enum.TryParse<PlayerIdentityKind>(user.FindFirst(Kind)?.Value, out var kind) ? kind : PlayerIdentityKind.Guest,
            Guid.TryParse(user.FindFirst(Tenant)?.Value, out var tenant) ? tenant : null,
            user.FindFirst(ClaimTypes.Email)?.Value,
            user.FindFirst(PartnerUser)?.Value);
    }
}

/// <summary>
/// Player sessions: a guest session makes a new player; an e-mail or partner session finds the player of that identity
/// (or makes it once, even when sign-ins race) and opens another session for it. Tokens are random; only their
/// SHA-256 is stored.
/// </summary>
public sealed class PlayerSessions(IDbContextFactory<LotteryDbContext> contexts, IRandomSource random, TimeProvider clock, IMemoryCache cache)
{
    /// <summary>A new guest player and its only session.</summary>
    public async Task<Result<SessionTicket>> CreateGuestAsync(string? nickname, string? source, string? ipAddress, CancellationToken cancellationToken)
    {
        var created = Player.CreateGuest(nickname, source, clock);
        if (created.IsFailure)
        {
            return Result<SessionTicket>.Invalid(created.ValidationErrors);
        }

        var token = NewToken();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Players.Add(created.Value);
        db.PlayerSessions.Add(PlayerSession.Start(created.Value.Id, TenantApiKey.HashKey(token), ipAddress, clock));
        await db.SaveChangesAsync(cancellationToken);
        return new SessionTicket(created.Value.Id, token);
    }

    /// <summary>
    /// A new session for a verified identity (<paramref name="candidate"/> from <see cref="Player.ForEmail"/> or
    /// <see cref="Player.ForPartner"/>): the existing player with the same <see cref="Player.IdentityKey"/>, or the
    /// candidate saved as a new one. Every session of one identity is the same player.
    /// </summary>
    public async Task<SessionTicket> OpenVerifiedAsync(Player candidate, string? ipAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (candidate.IdentityKey is null)
        {
            throw new ArgumentException("Only an e-mail or partner player has an identity to share.", nameof(candidate));
        }

        var playerId = await FindOrAddAsync(candidate, cancellationToken);
        var token = NewToken();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.PlayerSessions.Add(PlayerSession.Start(playerId, TenantApiKey.HashKey(token), ipAddress, clock));
        await db.SaveChangesAsync(cancellationToken);
        return new SessionTicket(playerId, token);
    }

    /// <summary>The player a token belongs to, or null. Tokens never change owner, so lookups are cached.</summary>
    public async Task<PlayerIdentity?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var hash = TenantApiKey.HashKey(token);
        if (cache.TryGetValue(("player", hash), out PlayerIdentity? known))
        {
            return known;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var player = await db.PlayerSessions.AsNoTracking()
            .Where(s => s.TokenHash == hash)
            .Join(db.Players, s => s.PlayerId, p => p.Id, (s, p) => new PlayerIdentity(p.Id, p.Nickname, p.Kind, p.TenantId, p.Email, p.PartnerUserId))
            .SingleOrDefaultAsync(cancellationToken);
        if (player is not null)
        {
            cache.Set(("player", hash), player, TimeSpan.FromMinutes(10));
        }

        return player;
    }

    /// <summary>Drops a token's cached identity on this node (after its player changed kind, e.g. a guest promoted by e-mail).</summary>
    public void Forget(string token) => cache.Remove(("player", TenantApiKey.HashKey(token)));

    private async Task<Guid> FindOrAddAsync(Player candidate, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var existing = await db.Players.AsNoTracking().Where(p => p.IdentityKey == candidate.IdentityKey)
                .Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken);
            if (existing is { } id)
            {
                return id;
            }

            db.Players.Add(candidate);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return candidate.Id;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Another sign-in of the same identity created the player first (unique IdentityKey): read it back.
            }
        }
    }

    private string NewToken() => TenantApiKey.GenerateKey(random)[3..];
}
