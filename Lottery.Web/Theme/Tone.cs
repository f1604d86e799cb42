using Lottery.Domain.Activities;

namespace Lottery.Web.Theme;

/// <summary>
/// What a status colour means, the same on every page: Danger (red) is only for errors and things that need action
/// because something went wrong; a cancelled campaign or a shipped prize is not an error.
/// </summary>
public enum Tone
{
    Neutral,
    Info,
    Success,
    Warning,
    Danger,
}

public static class Tones
{
    public static Tone Of(ActivityStatus status) => status switch
    {
        ActivityStatus.Running or ActivityStatus.Open => Tone.Success,
        ActivityStatus.Published or ActivityStatus.Drawn => Tone.Info,
        ActivityStatus.Paused or ActivityStatus.Drawing => Tone.Warning,
        _ => Tone.Neutral,
    };

    /// <summary>The CSS class of a tone (app.css: a light tint with dark text, at least 7:1).</summary>
    public static string CssClass(Tone tone) => "tone-" + tone.ToString().ToLowerInvariant();
}
