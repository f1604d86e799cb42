using Lottery.Domain.Common;

namespace Lottery.Domain.Risk;

/// <summary>What a block-list entry matches.</summary>
public enum BlockKind
{
    /// <summary>A player id (any identity).</summary>
    Player,

    /// <summary>A partner's user id (JWT <c>sub</c>) within the tenant.</summary>
    PartnerUser,

    /// <summary>One e-mail address.</summary>
    Email,

    /// <summary>Every address of a domain, e.g. <c>mailinator.com</c>.</summary>
    EmailDomain,

    /// <summary>An IP address.</summary>
    Ip,
}

/// <summary>A tenant's block-list entry: a blocked player cannot draw, do tasks, enter or open sessions.</summary>
public sealed class BlockListEntry : ITenantOwned
{
    public const int ValueMaxLength = 300;
    public const int ReasonMaxLength = 500;

    private BlockListEntry()
    {
        Value = null!;
        Reason = null!;
        CreatedBy = null!;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public BlockKind Kind { get; private set; }

    /// <summary>The matched value, normalised for its kind (lower-case e-mail/domain, canonical IP text, id as "D" format).</summary>
    public string Value { get; private set; }

    public string Reason { get; private set; }

    /// <summary>Who added it (user name or "api-key:prefix").</summary>
    public string CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>An entry from a value already normalised by the caller for <paramref name="kind"/>.</summary>
    public static Result<BlockListEntry> Create(Guid tenantId, BlockKind kind, string normalizedValue, string? reason, string createdBy, TimeProvider clock)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(normalizedValue))
        {
            errors.Add(new("value", "A value to block is required."));
        }

        Validate.MaxLength(errors, "value", normalizedValue, ValueMaxLength);
        var why = reason?.Trim() ?? "";
        if (why.Length == 0)
        {
            errors.Add(new("reason", "Say why (the reason is kept in the audit log)."));
        }

        Validate.MaxLength(errors, "reason", why, ReasonMaxLength);
        if (errors.Count > 0)
        {
            return Result<BlockListEntry>.Invalid(errors);
        }

        return new BlockListEntry
        {
            Id = Ids.New(clock),
            TenantId = tenantId,
            Kind = kind,
            Value = normalizedValue,
            Reason = why,
            CreatedBy = createdBy,
            CreatedAt = clock.GetUtcNow(),
        };
    }
}
