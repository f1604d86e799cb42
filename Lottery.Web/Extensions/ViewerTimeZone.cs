using Microsoft.JSInterop;

namespace Lottery.Web.Extensions;

/// <summary>
/// The viewer's time zone, as their browser reports it (<c>Intl</c>'s IANA zone, asked once per circuit through
/// <c>Components/Shared/LocalTime.razor.js</c>). Until it is known (prerendering, no circuit yet) times are shown in
/// UTC and say so. A zone the server does not know falls back to UTC, never to the server's own zone.
/// </summary>
public sealed class ViewerTimeZone(IJSRuntime js)
{
    private const string Module = "./Components/Shared/LocalTime.razor.js";
    private Task<TimeZoneInfo>? _lookup;

    /// <summary>The viewer's zone once known; null before (then show UTC).</summary>
    public TimeZoneInfo? Current { get; private set; }

    /// <summary>The zone to show times in now: the viewer's once known, UTC until then.</summary>
    public TimeZoneInfo Zone => Current ?? TimeZoneInfo.Utc;

    /// <summary>Asks the browser once (call after the first interactive render); later calls share the answer.</summary>
    public Task<TimeZoneInfo> ResolveAsync() => _lookup ??= LookUpAsync();

    /// <summary>How the page names the zone: "Europe/Berlin (UTC+01:00)", or "UTC".</summary>
    public static string Describe(TimeZoneInfo zone, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (zone == TimeZoneInfo.Utc || zone.Id is "UTC" or "Etc/UTC")
        {
            return "UTC";
        }

        var offset = zone.GetUtcOffset(at);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return $"{zone.Id} (UTC{sign}{offset.Duration():hh\\:mm})";
    }

    private async Task<TimeZoneInfo> LookUpAsync()
    {
        string? id = null;
        try
        {
            await using var module = await js.InvokeAsync<IJSObjectReference>("import", Module);
            id = await module.InvokeAsync<string?>("timeZone");
        }
        catch (JSException)
        {
            // An old browser without Intl's time zone: UTC, as said on the page.
        }
        catch (InvalidOperationException)
        {
            // No interactive circuit (prerendering): UTC until one asks again.
            _lookup = null;
            return TimeZoneInfo.Utc;
        }

        Current = id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
        return Current;
    }
}
