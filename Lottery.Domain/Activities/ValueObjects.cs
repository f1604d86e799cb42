namespace Lottery.Domain.Activities;

/// <summary>When an activity runs. A scheduled activity also has the instant its winners are drawn.</summary>
public sealed record ActivitySchedule(DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset? DrawAt = null)
{
    public bool Contains(DateTimeOffset instant) => instant >= StartsAt && instant < EndsAt;
}

/// <summary>Per-player rules of an activity.</summary>
/// <param name="ChancesPerPlayer">Draw chances every player starts with (tasks add more).</param>
/// <param name="ChancesPerDay">At most this many draws per player per day (UTC), or no daily limit.</param>
/// <param name="MaxWinsPerPlayer">At most this many wins per player over the activity, or no limit.</param>
public sealed record ActivityRules(int ChancesPerPlayer, int? ChancesPerDay = null, int? MaxWinsPerPlayer = null)
{
    public static ActivityRules Default { get; } = new(3, null, 1);
}

/// <summary>Who may play: the identity a player must have to draw, do tasks or enter (<c>"players": {"identity": ...}</c>).</summary>
/// <param name="Identity">Guest: anyone (one player per session). Email: a player who proved an e-mail address.
/// Partner: a user of the tenant's host app, vouched for by a token signed with one of the tenant's partner keys.</param>
public sealed record PlayerSettings(Players.PlayerIdentityKind Identity = Players.PlayerIdentityKind.Guest)
{
    public static PlayerSettings Default { get; } = new();
}

/// <summary>The game the player sees. Only the wheel exists now; the type leaves room for a grid or scratch card.</summary>
/// <param name="TryAgainSegments">How many "try again" segments the wheel shows between prize segments.</param>
public sealed record GameplaySettings(GameplayType Type = GameplayType.Wheel, int TryAgainSegments = 2)
{
    public static GameplaySettings Wheel { get; } = new();
}

/// <summary>Colours and background of the player page.</summary>
public sealed record ActivityTheme(
    string PrimaryColor = "#D7263D",
    string AccentColor = "#F4B942",
    string BackgroundColor = "#2B1055",
    string TextColor = "#FFFFFF",
    string? BackgroundImageUrl = null)
{
    public static ActivityTheme Default { get; } = new();
}
