using Lottery.Domain.Common;

namespace Lottery.Domain.Players;

/// <summary>
/// A player: an anonymous guest identified by a bearer token (only its hash is stored). Players are separate from
/// staff accounts and belong to no tenant; everything they do in an activity (chances, draws, wins) is tenant-owned.
/// </summary>
public sealed class Player
{
    private Player()
    {
        TokenHash = null!;
    }

    public Guid Id { get; private set; }

    public string? Nickname { get; private set; }

    /// <summary>Hex SHA-256 of the player's bearer token.</summary>
    public string TokenHash { get; private set; }

    /// <summary>Where the player came from (utm_source or link source), for channel reports.</summary>
    public string? Source { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Result<Player> CreateGuest(string? nickname, string tokenHash, string? source, TimeProvider clock)
    {
        var errors = new List<ValidationError>();
        var trimmed = string.IsNullOrWhiteSpace(nickname) ? null : nickname.Trim();
        Validate.MaxLength(errors, "nickname", trimmed, Limits.NicknameMaxLength);
        Validate.MaxLength(errors, "source", source, Limits.NameMaxLength);
        if (errors.Count > 0)
        {
            return Result<Player>.Invalid(errors);
        }

        return new Player { Id = Ids.New(clock), Nickname = trimmed, TokenHash = tokenHash, Source = source, CreatedAt = clock.GetUtcNow() };
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
}
