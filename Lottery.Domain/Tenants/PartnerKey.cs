using Lottery.Domain.Common;

namespace Lottery.Domain.Tenants;

/// <summary>
/// A tenant's signing key for partner tokens (HS256 JWTs its host app signs; header <c>kid</c> = <see cref="KeyId"/>).
/// The secret is shown once when created and stored only in protected form (ASP.NET Core Data Protection), because
/// verifying a signature needs the secret itself, not a hash.
/// </summary>
public sealed class PartnerKey : ITenantOwned
{
    public const int KeyIdMaxLength = 40;
    public const int ProtectedSecretMaxLength = 1000;

    private PartnerKey()
    {
        KeyId = null!;
        Name = null!;
        ProtectedSecret = null!;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    /// <summary>Public, unique id of the key (the JWT header's <c>kid</c>), e.g. <c>pk_3f9a...</c>.</summary>
    public string KeyId { get; private set; }

    public string Name { get; private set; }

    /// <summary>The secret, protected with Data Protection (never the plain secret).</summary>
    public string ProtectedSecret { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    public static Result<PartnerKey> Create(Guid tenantId, string keyId, string? name, string protectedSecret, TimeProvider clock)
    {
        var errors = new List<ValidationError>();
        var trimmed = string.IsNullOrWhiteSpace(name) ? "Partner key" : name.Trim();
        Validate.Name(errors, "name", trimmed);
        if (errors.Count > 0)
        {
            return Result<PartnerKey>.Invalid(errors);
        }

        return new PartnerKey
        {
            Id = Ids.New(clock),
            TenantId = tenantId,
            KeyId = keyId,
            Name = trimmed,
            ProtectedSecret = protectedSecret,
            CreatedAt = clock.GetUtcNow(),
        };
    }

    public void Revoke(TimeProvider clock) => RevokedAt ??= clock.GetUtcNow();
}
