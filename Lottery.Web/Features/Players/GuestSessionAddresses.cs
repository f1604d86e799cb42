using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Lottery.Web.Features.Players;

/// <summary>
/// Section <c>ForwardedHeaders</c>: the load balancers or reverse proxies whose <c>X-Forwarded-For</c> /
/// <c>X-Forwarded-Proto</c> the app believes. Empty (the default): the headers are ignored and the client address is the
/// connection's, so nobody can pick their own address to slip past a per-address cap.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>10.0.0.0/8</c>.</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <summary>How many proxies in a chain to unwrap (1: only the one in front of the app).</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool IsEnabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}

public static class GuestSessionAddresses
{
    /// <summary>Trusts forwarded headers from the configured proxies only; does nothing when none is configured.</summary>
    public static WebApplication UseConfiguredForwardedHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.Configuration.GetSection(ForwardedHeadersSettings.Section).Get<ForwardedHeadersSettings>() ?? new();
        if (!settings.IsEnabled)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = settings.ForwardLimit,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in settings.KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in settings.KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }

        app.UseForwardedHeaders(options);
        return app;
    }
}
