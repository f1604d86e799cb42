using System.Net;
using System.Net.Sockets;
using Lottery.Domain.Common;
using Lottery.Domain.Players;
using Lottery.Domain.Risk;

namespace Lottery.Web.Features.Risk;

/// <summary>
/// The block list's kinds as the API spells them ("player", "partnerUser", "email", "emailDomain", "ip") and in words,
/// and the normal form of each kind's value, so an entry and a request compare as plain strings.
/// </summary>
public static class BlockValues
{
    private static readonly (BlockKind Kind, string Name, string Words)[] Kinds =
    [
        (BlockKind.Player, "player", "Player"),
        (BlockKind.PartnerUser, "partnerUser", "Partner user"),
        (BlockKind.Email, "email", "E-mail address"),
        (BlockKind.EmailDomain, "emailDomain", "E-mail domain"),
        (BlockKind.Ip, "ip", "IP address"),
    ];

    public static IReadOnlyList<BlockKind> All { get; } = [.. Kinds.Select(k => k.Kind)];

    /// <summary>The API's name of a kind ("emailDomain").</summary>
    public static string Name(BlockKind kind) => Kinds.First(k => k.Kind == kind).Name;

    /// <summary>A kind in words for people ("E-mail domain").</summary>
    public static string Words(BlockKind kind) => Kinds.First(k => k.Kind == kind).Words;

    /// <summary>What to type for a kind, shown under the value field.</summary>
    public static string Hint(BlockKind kind) => kind switch
    {
        BlockKind.Player => "The player's id, as shown on the winners page or in an export.",
        BlockKind.PartnerUser => "Your app's user id for the player (the token's sub).",
        BlockKind.Email => "One address, e.g. name@example.com.",
        BlockKind.EmailDomain => "Every address of a domain and its subdomains, e.g. mailinator.com.",
        _ => "An IPv4 or IPv6 address, e.g. 203.0.113.7.",
    };

    public static BlockKind? Parse(string? name) =>
        Kinds.FirstOrDefault(k => string.Equals(k.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase)) is { Name: not null } found ? found.Kind : null;

    /// <summary>The value in its normal form for <paramref name="kind"/>, or a validation error saying what is expected.</summary>
    public static Result<string> Normalize(BlockKind kind, string? value)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            return Result<string>.Invalid([new("value", "A value to block is required.")]);
        }

        string? normal = kind switch
        {
            BlockKind.Player => Guid.TryParse(text, out var id) && id != Guid.Empty ? id.ToString("D") : null,
            BlockKind.PartnerUser => text.Length <= Player.PartnerUserIdMaxLength ? text : null,
            BlockKind.Email => Player.NormalizeEmail(text),
            BlockKind.EmailDomain => Domain(text),
            _ => CanonicalIp(text),
        };
        return normal is null
            ? Result<string>.Invalid([new("value", kind switch
            {
                BlockKind.Player => "Enter a player id such as 0193a5c2-7f1e-7a3b-9c4d-2e5f6a7b8c9d.",
                BlockKind.PartnerUser => $"A partner user id has at most {Player.PartnerUserIdMaxLength} characters.",
                BlockKind.Email => "Enter one e-mail address such as name@example.com.",
                BlockKind.EmailDomain => "Enter a domain such as example.com (without the @).",
                _ => "Enter an IP address such as 203.0.113.7 or 2001:db8::1.",
            })])
            : normal;
    }

    /// <summary>An IP address in canonical text (an IPv4-mapped IPv6 address as IPv4), or null when it is none.</summary>
    public static string? CanonicalIp(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !IPAddress.TryParse(text.Trim(), out var ip))
        {
            return null;
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        if (ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            ip.ScopeId = 0;
        }

        return ip.ToString();
    }

    /// <summary>The domain of an e-mail address ("Example.COM" from "a@Example.COM"), lower-case.</summary>
    public static string? DomainOf(string? email)
    {
        var at = email?.LastIndexOf('@') ?? -1;
        return at < 0 ? null : email![(at + 1)..].ToLowerInvariant();
    }

    /// <summary>The domain and every parent domain of it ("a.b.com", "b.com", "com"): an entry for b.com blocks a.b.com too.</summary>
    public static IEnumerable<string> DomainAndParents(string domain)
    {
        for (var d = domain; d.Length > 0;)
        {
            yield return d;
            var dot = d.IndexOf('.', StringComparison.Ordinal);
            d = dot < 0 ? "" : d[(dot + 1)..];
        }
    }

    private static string? Domain(string text)
    {
        var domain = text.TrimStart('@').TrimEnd('.').ToLowerInvariant();
        if (domain.Length is 0 or > 253 || !domain.Contains('.', StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var label in domain.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-'
                || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c > 127))
            {
                return null;
            }
        }

        return domain;
    }
}
