using Lottery.Domain.Common;

namespace Lottery.Domain.Players;

/// <summary>
/// A one-time code sent to an e-mail address to prove the player owns it. Only a hash of the code is stored; a code
/// expires, allows a few wrong attempts, and is used once.
/// </summary>
public sealed class EmailCode
{
    private EmailCode()
    {
        Email = null!;
        CodeHash = null!;
    }

    public Guid Id { get; private set; }

    /// <summary>The address, normalised (<see cref="Player.NormalizeEmail"/>).</summary>
    public string Email { get; private set; }

    /// <summary>Hex HMAC or hash of the code (never the code itself).</summary>
    public string CodeHash { get; private set; }

    /// <summary>The address the code was requested from.</summary>
    public string? IpAddress { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>Wrong codes tried so far.</summary>
    public int FailedAttempts { get; private set; }

    public DateTimeOffset? ConsumedAt { get; private set; }

    /// <summary>Optimistic concurrency: two verifications of one code cannot both use it.</summary>
    public int Version { get; private set; }

    public static EmailCode Issue(string normalizedEmail, string codeHash, string? ipAddress, TimeSpan lifetime, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return new EmailCode
        {
            Id = Ids.New(clock),
            Email = normalizedEmail,
            CodeHash = codeHash,
            IpAddress = ipAddress is { Length: > PlayerSession.IpAddressMaxLength } ? ipAddress[..PlayerSession.IpAddressMaxLength] : ipAddress,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
    }

    public bool IsUsable(DateTimeOffset now, int maxAttempts) => ConsumedAt is null && now < ExpiresAt && FailedAttempts < maxAttempts;

    public void RecordFailure()
    {
        FailedAttempts++;
        Version++;
    }

    public void Consume(TimeProvider clock)
    {
        ConsumedAt ??= clock.GetUtcNow();
        Version++;
    }
}
