using System.Security.Cryptography;
using System.Text;
using Lottery.Domain.Common;

namespace Lottery.Domain.Tenants;

/// <summary>A management API key of a tenant. Only its SHA-256 hash is stored; the key itself is shown once.</summary>
public sealed class TenantApiKey : ITenantOwned
{
    private TenantApiKey()
    {
        Name = null!;
        Hash = null!;
        Prefix = null!;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; }

    /// <summary>Hex SHA-256 of the key.</summary>
    public string Hash { get; private set; }

    /// <summary>The first characters of the key, to recognise it in a list.</summary>
    public string Prefix { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    /// <summary>Creates a key record from a key the caller generated (or configured, for the demo tenant).</summary>
    public static TenantApiKey Create(Guid tenantId, string name, string key, TimeProvider clock) => new()
    {
        Id = Ids.New(clock),
        TenantId = tenantId,
        Name = name,
        Hash = HashKey(key),
        Prefix = key.Length <= 8 ? key : key[..8],
        CreatedAt = clock.GetUtcNow(),
    };

    /// <summary>A new random key: 32 bytes, URL-safe.</summary>
    public static string GenerateKey(IRandomSource random)
    {
        Span<byte> bytes = stackalloc byte[32];
        random.Fill(bytes);
        return "lk_" + Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_').TrimEnd('=');
    }

    public static string HashKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public void Revoke(TimeProvider clock) => RevokedAt ??= clock.GetUtcNow();
}
