using System.Security.Cryptography;

namespace Lottery.Domain.Activities;

/// <summary>
/// A campaign's short code, the last part of its short link (<c>/p/{code}</c>) and of the QR code printed on posters:
/// 8 characters from 27 that cannot be mistaken for one another when read off a poster (no 0/O, 1/l/I) and, without
/// vowels, spell no words. 27^8 ≈ 2.8·10^11 codes, drawn with the operating system's cryptographic generator so a
/// code cannot be guessed from another; the database's unique index keeps them unique.
/// </summary>
public static class ShortCodes
{
    public const string Alphabet = "23456789bcdfghjkmnpqrstvwxz";

    public const int Length = 8;

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>A code as typed by a person (any case, surrounding spaces) in its stored form, or null if it is none.</summary>
    public static string? Normalize(string? text)
    {
        var code = text?.Trim().ToLowerInvariant();
        return code is { Length: Length } && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? code : null;
    }
}
