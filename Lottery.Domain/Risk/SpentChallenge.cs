namespace Lottery.Domain.Risk;

/// <summary>
/// A proof-of-work challenge that was already used to open a session: the primary key makes each challenge single use
/// across every node (a replayed solution fails the insert).
/// </summary>
public sealed class SpentChallenge
{
    public const int IdMaxLength = 64;

    private SpentChallenge()
    {
        Id = null!;
    }

    public string Id { get; private set; }

    public DateTimeOffset SpentAt { get; private set; }

    /// <summary>When the challenge would have expired anyway: rows older than this can be deleted.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    public static SpentChallenge Spend(string id, DateTimeOffset expiresAt, TimeProvider clock) =>
        new() { Id = id, SpentAt = clock.GetUtcNow(), ExpiresAt = expiresAt };
}
