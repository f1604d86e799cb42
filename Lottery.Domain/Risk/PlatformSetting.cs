namespace Lottery.Domain.Risk;

/// <summary>A platform-wide switch or value set by a platform admin (e.g. the platform stop-loss), by key.</summary>
public sealed class PlatformSetting
{
    public const int KeyMaxLength = 100;
    public const int ValueMaxLength = 2000;

    /// <summary>The platform stop-loss: present = every draw of every tenant is refused; the value is the reason.</summary>
    public const string DrawsStopped = "draws.stopped";

    private PlatformSetting()
    {
        Key = null!;
        UpdatedBy = null!;
    }

    public string Key { get; private set; }

    public string? Value { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string UpdatedBy { get; private set; }

    public static PlatformSetting Create(string key, string? value, string by, TimeProvider clock) =>
        new() { Key = key, Value = Trim(value), UpdatedAt = clock.GetUtcNow(), UpdatedBy = by };

    public void Set(string? value, string by, TimeProvider clock)
    {
        Value = Trim(value);
        UpdatedAt = clock.GetUtcNow();
        UpdatedBy = by;
    }

    private static string? Trim(string? value) => value is { Length: > ValueMaxLength } ? value[..ValueMaxLength] : value;
}
