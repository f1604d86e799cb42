using Lottery.Infrastructure.Stock;
using Lottery.Infrastructure.Stock.Redis;
using Lottery.Web.Components.Pages.Board;
using Lottery.Web.Hubs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using BackplaneOptions = Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions;

namespace Lottery.Web.Features.Board;

public static class BoardRegistration
{
    /// <summary>
    /// Live boards: the event bus and notifier, shared boards, screen tokens, SignalR. Redis mode (the infrastructure
    /// registered a <see cref="RedisConnection"/>, so call this after it): the hub is scaled out with the SignalR Redis
    /// backplane, the screens of an activity are fed by one node (<see cref="BoardFeedClaims"/>) and board events cross
    /// nodes through <see cref="RedisBoardRelay"/> (docs/decisions/016). Embedded mode: one node, in process only.
    /// </summary>
    public static IServiceCollection AddLiveBoards(this IServiceCollection services)
    {
        var signalR = services.AddSignalR();
        if (services.Any(d => d.ServiceType == typeof(RedisConnection)))
        {
            // The app's own Redis configuration; a multiplexer of its own, because the backplane owns (and disposes)
            // the connection it is given. Its channels are "lottery:hubs:" + the hub's type name + group/connection.
            signalR.AddStackExchangeRedis();
            services.AddOptions<BackplaneOptions>().Configure<IOptions<RedisOptions>>((backplane, app) =>
            {
                backplane.Configuration = ConfigurationOptions.Parse(app.Value.Configuration!);
                backplane.Configuration.AbortOnConnectFail = false;
                backplane.Configuration.ChannelPrefix = RedisKeys.HubChannelPrefix;
            });
            services.AddSingleton<BoardFeedClaims>();
        }

        services.AddSingleton<BoardNotifier>();
        services.AddSingleton<IBoardSource, BoardSource>();
        services.AddSingleton<BoardRegistry>();
        services.AddSingleton<BoardHubGroups>();
        services.AddSingleton<BoardTokens>();
        // Redis mode: events cross nodes over pub/sub. Embedded mode: in process only.
        services.AddSingleton(sp => new BoardEventBus(
            sp.GetRequiredService<BoardNotifier>(),
            sp.GetRequiredService<ILogger<BoardEventBus>>(),
            sp.GetService<RedisConnection>() is null ? null : ActivatorUtilities.CreateInstance<RedisBoardRelay>(sp)));
        services.AddHostedService(sp => sp.GetRequiredService<BoardEventBus>());
        return services;
    }

    /// <summary>A screen shows a draw this long after it was made unless its link says otherwise (the player's wheel spins meanwhile).</summary>
    public static readonly TimeSpan DefaultScreenRevealDelay = TimeSpan.FromSeconds(5);

    /// <summary>The longest reveal delay a screen link may ask for.</summary>
    public static readonly TimeSpan MaxScreenRevealDelay = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a kiosk screen holds each update before showing it: the link's <c>?reveal=</c> seconds, else
    /// <c>Board:ScreenRevealDelay</c>, else <see cref="DefaultScreenRevealDelay"/>; between 0 and <see cref="MaxScreenRevealDelay"/>.
    /// A screen beside a player would otherwise announce a win while the player's wheel still spins (≈ 4.6 s).
    /// </summary>
    public static TimeSpan ScreenRevealDelay(int? revealSeconds, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var delay = revealSeconds is { } seconds ? TimeSpan.FromSeconds(seconds)
            : config.GetValue<TimeSpan?>("Board:ScreenRevealDelay") ?? DefaultScreenRevealDelay;
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxScreenRevealDelay ? MaxScreenRevealDelay : delay;
    }

    /// <summary>The board hub and the kiosk screen page (a plain HTML page with the browser SignalR client).</summary>
    public static WebApplication MapLiveBoards(this WebApplication app)
    {
        app.MapHub<BoardHub>(BoardHub.Path).AllowAnonymous();
        app.MapGet("/board/{id:guid}/screen", (Guid id, int? reveal, HttpContext http, IConfiguration config) =>
        {
            // No data in the page: the hub decides, per token or staff sign-in, whether this screen may watch.
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            return new RazorComponentResult<BoardScreen>(new { ActivityId = id, RevealDelay = ScreenRevealDelay(reveal, config) });
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
