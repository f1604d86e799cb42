namespace Lottery.Domain.Common;

/// <summary>Bounds shared by validation and persistence column sizes.</summary>
public static class Limits
{
    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 4000;
    public const int ColorMaxLength = 16;
    public const int UrlMaxLength = 2048;
    public const int CodeMaxLength = 128;
    public const int NicknameMaxLength = 40;
    public const int AddressLineMaxLength = 200;
    public const int PhoneMaxLength = 32;

    /// <summary>Probabilities are decimal fractions with at most this many decimal places (1e-6 resolution).</summary>
    public const int ProbabilityScale = 6;

    public const int MaxTiers = 20;
    public const int MaxPrizesPerTier = 20;
    public const int MaxChancesPerPlayer = 10_000;
    public const int MaxStock = 100_000_000;

    /// <summary>At most this many time slots per prize (a year of hourly slots fits).</summary>
    public const int MaxTimeSlots = 10_000;
}
