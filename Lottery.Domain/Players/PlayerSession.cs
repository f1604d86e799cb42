using Lottery.Domain.Common;

namespace Lottery.Domain.Players;

/// <summary>
/// One signed-in device or browser of a player: a random bearer token, of which only the SHA-256 hash is stored.
/// A guest has exactly one session; an e-mail or partner player has one per sign-in, all standing for the same player.
/// </summary>
public sealed class PlayerSession
{
    /// <summary>An IPv6 address in text is at most 45 characters.</summary>
    public const int IpAddressMaxLength = 45;

    private PlayerSession()
    {
        TokenHash = null!;
    }

    public Guid Id { get; private set; }

    public Guid PlayerId { get; private set; }

    /// <summary>Hex SHA-256 of the session's bearer token.</summary>
    public string TokenHash { get; private set; }

    /// <summary>The address the session was opened from (caps on new sessions per address, farming checks).</summary>
    public string? IpAddress { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static PlayerSession Start(Guid playerId, string tokenHash, string? ipAddress, TimeProvider clock) => new()
    {
        Id = Ids.New(clock),
        PlayerId = playerId,
        TokenHash = tokenHash,
        IpAddress = ipAddress is { Length: > IpAddressMaxLength } ? ipAddress[..IpAddressMaxLength] : ipAddress,
        CreatedAt = clock.GetUtcNow(),
    };
}
