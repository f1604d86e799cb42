using System.Text.Json;
using Lottery.Domain.Audit;
using Lottery.Domain.Common;
using Lottery.Domain.Tenants;
using Lottery.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Partners;

/// <summary>A new partner key: <see cref="Secret"/> is shown this once and never again.</summary>
public sealed record PartnerKeyCreated(string KeyId, string Secret, string Name, DateTimeOffset CreatedAt);

/// <summary>A partner key as listed (never its secret). <see cref="RevokedAt"/> set: tokens signed with it are refused.</summary>
public sealed record PartnerKeyView(string KeyId, string Name, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public bool IsActive => RevokedAt is null;
}

/// <summary>The body of <c>POST /api/admin/partner-keys</c>: an optional name ("Android app", "Web shop").</summary>
public sealed record CreatePartnerKeyRequest(string? Name);

/// <summary>
/// A tenant's signing keys for partner tokens: created with a random id (<c>pk_…</c>, the JWT <c>kid</c>) and a random
/// 256-bit secret that is shown once and stored only protected by ASP.NET Core Data Protection; listed without secrets;
/// revoked (tokens signed with a revoked key are refused within <see cref="PartnerTokens.KeyCacheTime"/> on every node,
/// at once on the node that revoked it). Every change is audited.
/// </summary>
public sealed class PartnerKeys(
    IDbContextFactory<LotteryDbContext> contexts, IDataProtectionProvider protection, IRandomSource random, TimeProvider clock, PartnerTokens tokens)
{
    /// <summary>The Data Protection purpose of partner secrets: another purpose cannot unprotect them.</summary>
    public const string ProtectorPurpose = "Lottery.PartnerKeys";

    public const string KeyIdPrefix = "pk_";

    public async Task<Result<PartnerKeyCreated>> CreateAsync(Guid tenantId, string? name, string actor, CancellationToken cancellationToken)
    {
        var secret = RandomText(32);
        Span<byte> id = stackalloc byte[16];
        random.Fill(id);
        var keyId = KeyIdPrefix + Convert.ToHexStringLower(id);
        var created = PartnerKey.Create(tenantId, keyId, name, Protector(protection).Protect(secret), clock);
        if (created.IsFailure)
        {
            return Result<PartnerKeyCreated>.Invalid(created.ValidationErrors);
        }

        var key = created.Value;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.PartnerKeys.Add(key);
        db.Audit.Add(AuditEntry.Record(tenantId, null, actor, "partnerKey.create", clock, after: Describe(key)));
        await db.SaveChangesAsync(cancellationToken);
        return new PartnerKeyCreated(key.KeyId, secret, key.Name, key.CreatedAt);
    }

    public async Task<IReadOnlyList<PartnerKeyView>> ListAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var keys = await db.PartnerKeys.AsNoTracking().Where(k => k.TenantId == tenantId)
            .Select(k => new PartnerKeyView(k.KeyId, k.Name, k.CreatedAt, k.RevokedAt))
            .ToListAsync(cancellationToken);

        // Sorted here: SQLite cannot order by DateTimeOffset. Active keys first, newest first.
        return [.. keys.OrderBy(k => k.RevokedAt is not null).ThenByDescending(k => k.CreatedAt)];
    }

    /// <summary>Revokes a key of <paramref name="tenantId"/>; another tenant's key (or none) is not found.</summary>
    public async Task<Result> RevokeAsync(Guid tenantId, string keyId, string actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.PartnerKeys.SingleOrDefaultAsync(k => k.KeyId == keyId && k.TenantId == tenantId, cancellationToken);
        if (key is null)
        {
            return Result.Failure(new Error(ErrorCodes.NotFound, "The partner key was not found."));
        }

        if (key.IsActive)
        {
            var before = Describe(key);
            key.Revoke(clock);
            db.Audit.Add(AuditEntry.Record(tenantId, null, actor, "partnerKey.revoke", clock, before, Describe(key)));
            await db.SaveChangesAsync(cancellationToken);
        }

        tokens.Forget(keyId);
        return Result.Success();
    }

    internal static IDataProtector Protector(IDataProtectionProvider provider) => provider.CreateProtector(ProtectorPurpose);

    private static string Describe(PartnerKey key) =>
        JsonSerializer.Serialize(new { keyId = key.KeyId, name = key.Name, revokedAt = key.RevokedAt });

    private string RandomText(int bytes)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        random.Fill(buffer);
        return Convert.ToBase64String(buffer).Replace('+', '-').Replace('/', '_').TrimEnd('=');
    }
}
