using System.Net.Mail;
using Lottery.Domain.Common;

namespace Lottery.Domain.Players;

/// <summary>
/// A player: the one a session's bearer token stands for (see <see cref="PlayerSession"/>). A guest is one player per
/// session; an e-mail player is one player per verified address on the whole platform; a partner player is one player
/// per partner user id (<c>sub</c>) within the tenant whose key signed the token. Every per-player rule (chances, wins,
/// tasks, entries, claims) counts per player, so all sessions of one e-mail or one partner user share them.
/// Players are separate from staff accounts; everything they do in an activity is tenant-owned.
/// </summary>
public sealed class Player
{
    public const int EmailMaxLength = 254;
    public const int PartnerUserIdMaxLength = 128;

    /// <summary>Length of <see cref="IdentityKey"/>: "partner:" + 32 hex + ":" + the partner's user id.</summary>
    public const int IdentityKeyMaxLength = 300;

    private Player()
    {
    }

    public Guid Id { get; private set; }

    public PlayerIdentityKind Kind { get; private set; }

    /// <summary>The tenant whose partner key vouched for the player (partner players only).</summary>
    public Guid? TenantId { get; private set; }

    /// <summary>The verified e-mail address, lower case (e-mail players only).</summary>
    public string? Email { get; private set; }

    /// <summary>The partner's own id for the user (JWT <c>sub</c>; partner players only).</summary>
    public string? PartnerUserId { get; private set; }

    /// <summary>Unique per verified identity: <c>email:&lt;address&gt;</c> or <c>partner:&lt;tenant&gt;:&lt;sub&gt;</c>; null for guests.</summary>
    public string? IdentityKey { get; private set; }

    public string? Nickname { get; private set; }

    /// <summary>Where the player came from (utm_source or link source), for channel reports.</summary>
    public string? Source { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>True for an e-mail or partner player: someone proved who they are.</summary>
    public bool IsVerified => Kind != PlayerIdentityKind.Guest;

    public static Result<Player> CreateGuest(string? nickname, string? source, TimeProvider clock) =>
        Create(PlayerIdentityKind.Guest, null, null, null, nickname, source, clock);

    /// <summary>A player for a verified e-mail address (normalised with <see cref="NormalizeEmail"/>).</summary>
    public static Result<Player> ForEmail(string email, string? nickname, string? source, TimeProvider clock)
    {
        if (NormalizeEmail(email) is not { } normalized)
        {
            return Result<Player>.Invalid([new("email", "Enter an e-mail address such as name@example.com.")]);
        }

        return Create(PlayerIdentityKind.Email, null, normalized, null, nickname, source, clock);
    }

    /// <summary>A player for a partner's user, vouched for by a token signed with a key of <paramref name="tenantId"/>.</summary>
    public static Result<Player> ForPartner(Guid tenantId, string partnerUserId, string? name, string? source, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(partnerUserId) || partnerUserId.Length > PartnerUserIdMaxLength)
        {
            return Result<Player>.Invalid([new("sub", $"The partner's user id (sub) is required and has at most {PartnerUserIdMaxLength} characters.")]);
        }

        var nickname = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (nickname is { Length: > Limits.NicknameMaxLength })
        {
            nickname = nickname[..Limits.NicknameMaxLength];
        }

        return Create(PlayerIdentityKind.Partner, tenantId, null, partnerUserId, nickname, source, clock);
    }

    /// <summary>
    /// A guest proves an e-mail address that has no player yet: the guest becomes that e-mail player in place, so its
    /// sessions, chances, wins and entries stay its own. Only a guest can be promoted, and only to one address.
    /// </summary>
    public Result PromoteToEmail(string email)
    {
        if (Kind != PlayerIdentityKind.Guest)
        {
            return Result.Failure(new Error(ErrorCodes.IllegalTransition, "Only a guest can become an e-mail player."));
        }

        if (NormalizeEmail(email) is not { } normalized)
        {
            return Result.Invalid([new("email", "Enter an e-mail address such as name@example.com.")]);
        }

        Kind = PlayerIdentityKind.Email;
        Email = normalized;
        IdentityKey = EmailKey(normalized);
        return Result.Success();
    }

    /// <summary>The key that makes two sessions one player: see <see cref="IdentityKey"/>.</summary>
    public static string EmailKey(string normalizedEmail) => "email:" + normalizedEmail;

    public static string PartnerKey(Guid tenantId, string partnerUserId) => $"partner:{tenantId:N}:{partnerUserId}";

    /// <summary>
    /// The address in lower case without surrounding spaces, or null when it is not one address (display names,
    /// several addresses, no domain with a dot, longer than <see cref="EmailMaxLength"/>).
    /// </summary>
    public static string? NormalizeEmail(string? email)
    {
        var trimmed = email?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > EmailMaxLength || trimmed.Any(char.IsWhiteSpace)
            || !MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || parsed.DisplayName.Length > 0
            || !parsed.Host.Contains('.', StringComparison.Ordinal) || parsed.Host.EndsWith('.'))
        {
            return null;
        }

        return trimmed.ToLowerInvariant();
    }

    /// <summary>The nickname as shown to other people: first and last character only (e.g. "A***e").</summary>
    public static string Mask(string? nickname)
    {
        // By Unicode scalar (rune), so an emoji or other surrogate pair is never cut in half.
        var runes = (nickname ?? "").EnumerateRunes().ToArray();
        return runes.Length switch
        {
            0 => "Guest",
            1 => "*",
            2 => $"{runes[0]}*",
            _ => $"{runes[0]}***{runes[^1]}",
        };
    }

    private static Result<Player> Create(PlayerIdentityKind kind, Guid? tenantId, string? email, string? partnerUserId, string? nickname,
        string? source, TimeProvider clock)
    {
        var errors = new List<ValidationError>();
        var trimmed = string.IsNullOrWhiteSpace(nickname) ? null : nickname.Trim();
        Validate.MaxLength(errors, "nickname", trimmed, Limits.NicknameMaxLength);
        Validate.MaxLength(errors, "source", source, Limits.NameMaxLength);
        if (errors.Count > 0)
        {
            return Result<Player>.Invalid(errors);
        }

        return new Player
        {
            Id = Ids.New(clock),
            Kind = kind,
            TenantId = tenantId,
            Email = email,
            PartnerUserId = partnerUserId,
            IdentityKey = kind switch
            {
                PlayerIdentityKind.Email => EmailKey(email!),
                PlayerIdentityKind.Partner => PartnerKey(tenantId!.Value, partnerUserId!),
                _ => null,
            },
            Nickname = trimmed,
            Source = source,
            CreatedAt = clock.GetUtcNow(),
        };
    }
}
