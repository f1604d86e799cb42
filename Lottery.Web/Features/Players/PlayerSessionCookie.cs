using Lottery.Web.Extensions;

namespace Lottery.Web.Features.Players;

/// <summary>The player page's session: the token in an HttpOnly cookie (every way of opening a session sets it the same way).</summary>
public static class PlayerSessionCookie
{
    public static void Set(HttpContext http, string token)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Append(ApiSchemes.PlayerCookie, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(365),
            IsEssential = true,
        });
    }
}
