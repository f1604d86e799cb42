using Lottery.Domain.Common;
using Lottery.Domain.Players;
using Lottery.Domain.Tenants;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Lottery.Web.Features.Players;

public sealed record PlayerSession(Guid PlayerId, string Token);

/// <summary>Anonymous guest players: created with a random bearer token; only the token's SHA-256 is stored.</summary>
public sealed class PlayerSessions(IDbContextFactory<LotteryDbContext> contexts, IRandomSource random, TimeProvider clock, IMemoryCache cache)
{
    public async Task<Result<PlayerSession>> CreateAsync(string? nickname, string? source, CancellationToken cancellationToken)
    {
        var token = TenantApiKey.GenerateKey(random)[3..];
        var created = Player.CreateGuest(nickname, TenantApiKey.HashKey(token), source, clock);
        if (created.IsFailure)
        {
            return Result<PlayerSession>.Invalid(created.ValidationErrors);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Players.Add(created.Value);
        await db.SaveChangesAsync(cancellationToken);
        return new PlayerSession(created.Value.Id, token);
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
        var player = await db.Players.AsNoTracking()
            .Where(p => p.TokenHash == hash)
            .Select(p => new PlayerIdentity(p.Id, p.Nickname))
            .SingleOrDefaultAsync(cancellationToken);
        if (player is not null)
        {
            cache.Set(("player", hash), player, TimeSpan.FromMinutes(10));
        }

        return player;
    }
}

public sealed record PlayerIdentity(Guid Id, string? Nickname);
