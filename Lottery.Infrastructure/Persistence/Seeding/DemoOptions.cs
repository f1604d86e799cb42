using System.ComponentModel.DataAnnotations;

namespace Lottery.Infrastructure.Persistence.Seeding;

/// <summary>Section <c>Demo</c>: the demo tenant seeded on an empty database (on in the embedded default).</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Seed { get; set; }

    /// <summary>Password of the demo staff accounts.</summary>
    [MinLength(8)]
    public string Password { get; set; } = "Demo#2026";

    /// <summary>The demo tenant's management API key (<c>X-Api-Key</c>); none when empty.</summary>
    public string? ApiKey { get; set; }

    public const string MarketerEmail = "marketer@demo.local";
    public const string ManagerEmail = "manager@demo.local";
    public const string AdminEmail = "admin@demo.local";
    public const string TenantSlug = "demo";
}
