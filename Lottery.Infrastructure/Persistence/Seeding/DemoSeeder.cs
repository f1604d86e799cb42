using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Prizes;
using Lottery.Domain.Tenants;
using Lottery.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lottery.Infrastructure.Persistence.Seeding;

/// <summary>
/// Seeds, once, a demo tenant with staff accounts, a prize catalogue, a running instant wheel and an open scheduled
/// giveaway. A database that already has the demo tenant is left alone.
/// </summary>
public sealed partial class DemoSeeder(
    IDbContextFactory<LotteryDbContext> contexts,
    TenantScope tenantScope,
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    IOptions<DemoOptions> options,
    TimeProvider clock,
    IRandomSource random,
    ILogger<DemoSeeder> logger)
{
    public const string InstantActivityName = "Lucky Wheel";
    public const string ScheduledActivityName = "Weekend Giveaway";

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Ids.New(clock) }));
            }
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Tenants.AnyAsync(t => t.Slug == DemoOptions.TenantSlug, cancellationToken))
        {
            return;
        }

        var tenant = Tenant.Create("Demo Coffee Co.", DemoOptions.TenantSlug, clock).Value;
        tenantScope.Set(tenant.Id);
        db.Tenants.Add(tenant);

        var phone = Prize.Create(tenant.Id, "Smartphone", PrizeKind.Physical, 10, clock, 699m, "A brand-new smartphone, shipped to your door.").Value;
        var voucher = Prize.Create(tenant.Id, "Coffee voucher", PrizeKind.Code, 200, clock, 3.5m, "A free coffee in any of our shops.").Value;
        var points = Prize.Create(tenant.Id, "100 points", PrizeKind.Points, 100_000, clock, 0.1m, "Loyalty points, credited at once.", points: 100).Value;
        var tote = Prize.Create(tenant.Id, "Tote bag", PrizeKind.Physical, 50, clock, 12m, "A canvas tote bag.").Value;
        db.Prizes.AddRange(phone, voucher, points, tote);
        for (var i = 0; i < voucher.PoolStock; i++)
        {
            db.PrizeCodes.Add(PrizeCode.Create(tenant.Id, voucher.Id, NewCode(), clock));
        }

        var now = clock.GetUtcNow();
        var wheel = Activity.Create(tenant.Id, new ActivityDefinition(
            InstantActivityName,
            ActivityKind.Instant,
            now.AddHours(-1),
            now.AddDays(30),
            null,
            new ActivityRules(ChancesPerPlayer: 5, ChancesPerDay: null, MaxWinsPerPlayer: 2),
            [
                new TierDefinition("Grand prize", 0.01m, [new("Smartphone", PrizeKind.Physical, 5, PrizeId: phone.Id)], "#D7263D"),
                new TierDefinition("Second prize", 0.15m, [new("Coffee voucher", PrizeKind.Code, 150, PrizeId: voucher.Id)], "#F4B942"),
                new TierDefinition("Third prize", 0.30m, [new("100 points", PrizeKind.Points, 5_000, PrizeId: points.Id)], "#1B998B"),
            ],
            Tasks: [new TaskDefinition(TaskKind.Share, 1), new TaskDefinition(TaskKind.DailyCheckIn, 1)],
            Description: "Spin the wheel up to five times and win a smartphone, a free coffee or loyalty points. "
                + "Share the page or check in daily for extra spins."), clock).Value;
        Check(wheel.Publish([phone, voucher, points], clock));
        Check(wheel.Start(clock));

        var giveaway = Activity.Create(tenant.Id, new ActivityDefinition(
            ScheduledActivityName,
            ActivityKind.Scheduled,
            now.AddHours(-1),
            now.AddDays(3),
            now.AddDays(2),
            new ActivityRules(1),
            [new TierDefinition("Winners", 0m, [new("Tote bag", PrizeKind.Physical, 10, PrizeId: tote.Id)])],
            Description: "Join before the draw: ten entrants win a canvas tote bag."), clock).Value;
        Check(giveaway.Publish([tote], clock));
        Check(giveaway.CommitSeed(random));
        db.Activities.AddRange(wheel, giveaway);

        if (!string.IsNullOrWhiteSpace(options.Value.ApiKey))
        {
            db.ApiKeys.Add(TenantApiKey.Create(tenant.Id, "Demo key", options.Value.ApiKey, clock));
        }

        await db.SaveChangesAsync(cancellationToken);

        await CreateUser(DemoOptions.MarketerEmail, "Mia Marketer", Roles.Marketer, tenant.Id);
        await CreateUser(DemoOptions.ManagerEmail, "Max Manager", Roles.Manager, tenant.Id);
        await CreateUser(DemoOptions.AdminEmail, "Ada Admin", Roles.PlatformAdmin, tenant.Id);
        LogSeeded(tenant.Name, wheel.Id, giveaway.Id);
    }

    private async Task CreateUser(string email, string name, string role, Guid tenantId)
    {
        var user = new ApplicationUser
        {
            Id = Ids.New(clock),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            TenantId = tenantId,
            DisplayName = name,
        };
        Check(await users.CreateAsync(user, options.Value.Password));
        Check(await users.AddToRoleAsync(user, role));
    }

    private string NewCode()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        Span<char> chars = stackalloc char[8];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[random.NextInt(alphabet.Length)];
        }

        return $"COFFEE-{chars[..4]}-{chars[4..]}";
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Seeding failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    private static void Check(Result result)
    {
        if (result.IsFailure)
        {
            throw new InvalidOperationException($"Seeding failed: {result.Error!.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded demo tenant {Tenant}: instant activity {InstantId}, scheduled activity {ScheduledId}")]
    private partial void LogSeeded(string tenant, Guid instantId, Guid scheduledId);
}
