using Microsoft.AspNetCore.Identity;

namespace Lottery.Infrastructure.Identity;

/// <summary>A staff account (marketer, manager, platform admin), bound to one tenant. Players are not users.</summary>
public sealed class ApplicationUser : IdentityUser<Guid>
{
    public Guid TenantId { get; set; }

    public string DisplayName { get; set; } = "";
}

/// <summary>The staff roles; each page and endpoint of the admin area names the roles it allows.</summary>
public static class Roles
{
    public const string PlatformAdmin = nameof(PlatformAdmin);
    public const string Marketer = nameof(Marketer);
    public const string Manager = nameof(Manager);

    public static IReadOnlyList<string> All { get; } = [PlatformAdmin, Marketer, Manager];

    /// <summary>Roles that may change campaigns.</summary>
    public const string Editors = PlatformAdmin + "," + Marketer;

    /// <summary>Roles that may see the admin area.</summary>
    public const string Staff = PlatformAdmin + "," + Marketer + "," + Manager;
}

/// <summary>Claim types the app adds to a staff member's identity.</summary>
public static class LotteryClaimTypes
{
    public const string TenantId = "lottery:tenant";
    public const string DisplayName = "lottery:name";
}
