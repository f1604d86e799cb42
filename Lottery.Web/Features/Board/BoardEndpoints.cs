using Lottery.Infrastructure.Stock;
using Lottery.Web.Components.Pages.Board;
using Lottery.Web.Hubs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lottery.Web.Features.Board;

public static class BoardRegistration
{
    /// <summary>Live boards: the event bus and notifier, the Redis relay (Redis mode), shared boards, screen tokens, SignalR.</summary>
    public static IServiceCollection AddLiveBoards(this IServiceCollection services)
    {
        services.AddSignalR();
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

    /// <summary>The board hub and the kiosk screen page (a plain HTML page with the browser SignalR client).</summary>
    public static WebApplication MapLiveBoards(this WebApplication app)
    {
        app.MapHub<BoardHub>(BoardHub.Path).AllowAnonymous();
        app.MapGet("/board/{id:guid}/screen", (Guid id, HttpContext http) =>
        {
            // No data in the page: the hub decides, per token or staff sign-in, whether this screen may watch.
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            return new RazorComponentResult<BoardScreen>(new { ActivityId = id });
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
