using System.Security.Claims;
using System.Security.Cryptography;
using Lottery.Infrastructure.Identity;
using Lottery.Web.Extensions;
using Microsoft.AspNetCore.DataProtection;

namespace Lottery.Web.Features.Board;

/// <summary>A screen link's token and when it stops working.</summary>
public sealed record BoardToken(string Value, DateTimeOffset ExpiresAt);

/// <summary>
/// Time-limited tokens that let a screen outside the app (a kiosk, a partner's big screen) watch one activity's board
/// without a staff sign-in. A token is the activity and tenant ids protected by ASP.NET Core Data Protection with an
/// expiry; the key ring is shared by every node through the database, so a token works on all of them. Nothing is
/// stored: a token cannot be revoked before it expires except by rotating the key ring (docs/decisions/010).
/// </summary>
public sealed class BoardTokens(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly IReadOnlyList<TimeSpan> Lifetimes = [TimeSpan.FromHours(12), TimeSpan.FromDays(7), TimeSpan.FromDays(30)];

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Lottery.Board.ScreenToken.v1").ToTimeLimitedDataProtector();

    public BoardToken Create(Guid activityId, Guid tenantId, TimeSpan lifetime)
    {
        var expires = clock.GetUtcNow() + lifetime;
        return new BoardToken(_protector.Protect($"{activityId:N}.{tenantId:N}", expires), expires);
    }

    /// <summary>The tenant the token grants <paramref name="activityId"/> of, or null (unknown, tampered, expired, another activity).</summary>
    public Guid? Validate(string? token, Guid activityId)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2_000)
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(token).Split('.');
            return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var activity) && activity == activityId
                && Guid.TryParseExact(parts[1], "N", out var tenant) ? tenant : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

/// <summary>Who may watch and steer a board.</summary>
public static class BoardAccess
{
    /// <summary>Staff of the activity's tenant may watch its board.</summary>
    public static bool CanWatch(ClaimsPrincipal user, Guid activityTenant) =>
        user.Identity?.IsAuthenticated == true && user.TenantId() == activityTenant
        && Roles.All.Any(user.IsInRole);

    /// <summary>Managers and platform admins may pause and resume from the board and create screen links.</summary>
    public static bool CanControl(ClaimsPrincipal user) => user.IsInRole(Roles.Manager) || user.IsInRole(Roles.PlatformAdmin);
}
