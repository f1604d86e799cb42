using System.Linq.Expressions;
using Lottery.Domain.Activities;
using Lottery.Domain.Audit;
using Lottery.Domain.Common;
using Lottery.Domain.Draws;
using Lottery.Domain.Players;
using Lottery.Domain.Prizes;
using Lottery.Domain.Risk;
using Lottery.Domain.Tenants;
using Lottery.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Infrastructure.Persistence;

/// <summary>
/// The one database of the product. Provider-neutral: <see cref="SqliteLotteryDbContext"/> and
/// <see cref="PostgresLotteryDbContext"/> only exist to carry one migration set each. Every <see cref="ITenantOwned"/>
/// entity has a global query filter on the current tenant; code that must see every tenant (background jobs, the
/// platform API) says so with <c>IgnoreQueryFilters()</c>.
/// </summary>
public abstract class LotteryDbContext(DbContextOptions options, ITenantContext tenant)
    : IdentityDbContext<ApplicationUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<TenantApiKey> ApiKeys => Set<TenantApiKey>();

    public DbSet<Prize> Prizes => Set<Prize>();

    public DbSet<PrizeCode> PrizeCodes => Set<PrizeCode>();

    public DbSet<PrizePicture> PrizePictures => Set<PrizePicture>();

    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<ActivityPrize> ActivityPrizes => Set<ActivityPrize>();

    public DbSet<Player> Players => Set<Player>();

    public DbSet<PlayerSession> PlayerSessions => Set<PlayerSession>();

    public DbSet<EmailCode> EmailCodes => Set<EmailCode>();

    public DbSet<PartnerKey> PartnerKeys => Set<PartnerKey>();

    public DbSet<BlockListEntry> BlockList => Set<BlockListEntry>();

    public DbSet<WinReview> WinReviews => Set<WinReview>();

    public DbSet<SpentChallenge> SpentChallenges => Set<SpentChallenge>();

    public DbSet<PlatformSetting> PlatformSettings => Set<PlatformSetting>();

    public DbSet<ScheduledEntry> ScheduledEntries => Set<ScheduledEntry>();

    public DbSet<DrawChance> DrawChances => Set<DrawChance>();

    public DbSet<DrawRecord> DrawRecords => Set<DrawRecord>();

    public DbSet<WinRecord> Wins => Set<WinRecord>();

    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    public DbSet<ActivityDraft> ActivityDrafts => Set<ActivityDraft>();

    public DbSet<ActivityVersion> ActivityVersions => Set<ActivityVersion>();

    /// <summary>The tenant the filters use; <see cref="Guid.Empty"/> (no tenant) matches no row.</summary>
    public Guid CurrentTenantId => tenant.TenantId ?? Guid.Empty;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAuditIsAppendOnly();
        GuardTenantWrites();
        EnsureShortCodesAreFreeAsync(sync: true, CancellationToken.None).GetAwaiter().GetResult();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAuditIsAppendOnly();
        GuardTenantWrites();
        await EnsureShortCodesAreFreeAsync(sync: false, cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LotteryDbContext).Assembly);

        foreach (var entity in builder.Model.GetEntityTypes().Where(e => !e.IsOwned()))
        {
            if (entity.FindPrimaryKey() is { Properties: [{ Name: "Id", ClrType: var t } key] } && t == typeof(Guid)
                && entity.ClrType.Assembly == typeof(Activity).Assembly)
            {
                // Domain entities create their own ids; EF must treat a new id as a new row, never as an update.
                key.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
            }

            if (typeof(ITenantOwned).IsAssignableFrom(entity.ClrType))
            {
                typeof(LotteryDbContext).GetMethod(nameof(ApplyTenantFilter),
                        System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                    .MakeGenericMethod(entity.ClrType)
                    .Invoke(this, [builder]);
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<ActivityKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ActivityStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<SoldOutBehavior>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<GameplayType>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<TaskKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<PrizeKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ChanceSource>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<DrawOutcome>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<WinStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<PlayerIdentityKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<BlockKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ReviewDecision>().HaveConversion<string>().HaveMaxLength(16);
    }

    private void ApplyTenantFilter<TEntity>(ModelBuilder builder)
        where TEntity : class, ITenantOwned
    {
        Expression<Func<TEntity, bool>> filter = e => e.TenantId == CurrentTenantId;
        builder.Entity<TEntity>().HasQueryFilter(filter);
        builder.Entity<TEntity>().HasIndex(e => e.TenantId);
    }

    /// <summary>
    /// A new activity's short code is drawn at random (<see cref="ShortCodes"/>); in the rare case that another activity
    /// of any tenant already has it, another is drawn before the insert. The unique index stays the guarantee (two
    /// inserts racing for one code: the second fails instead of sharing it).
    /// </summary>
    private async Task EnsureShortCodesAreFreeAsync(bool sync, CancellationToken cancellationToken)
    {
        var added = ChangeTracker.Entries<Activity>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        var pending = added;
        while (pending.Count > 0)
        {
            var codes = pending.Select(a => a.ShortCode).ToList();
            var query = Activities.IgnoreQueryFilters().IgnoreAutoIncludes().AsNoTracking()
                .Where(a => codes.Contains(a.ShortCode)).Select(a => a.ShortCode);
            var taken = (sync ? query.ToList() : await query.ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            pending = pending.Where(a => taken.Contains(a.ShortCode) || added.Any(b => b != a && b.ShortCode == a.ShortCode)).ToList();
            pending.ForEach(a => a.RedrawShortCode());
        }
    }

    /// <summary>
    /// The audit log is append-only: an entry is added, never changed or removed. A broken invariant, so it throws.
    /// (Set-based <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> bypass this check; nothing in the code base issues one on
    /// <see cref="Audit"/>, and a test keeps it that way.)
    /// </summary>
    private void GuardAuditIsAppendOnly()
    {
        foreach (var entry in ChangeTracker.Entries<AuditEntry>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException(
                    $"Audit entry {entry.Entity.Id} was about to be {(entry.State == EntityState.Deleted ? "deleted" : "modified")}; the audit log is append-only.");
            }
        }
    }

    /// <summary>A broken invariant, not an expected outcome: code in one tenant's scope never writes another's rows.</summary>
    private void GuardTenantWrites()
    {
        if (tenant.TenantId is not { } current)
        {
            return;
        }

        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && entry.Entity.TenantId != current)
            {
                throw new InvalidOperationException(
                    $"A {entry.Entity.GetType().Name} of another tenant was about to be written in tenant {current}'s scope.");
            }
        }
    }
}

/// <summary>The SQLite flavour (embedded default). Carries the SQLite migration set.</summary>
public sealed class SqliteLotteryDbContext(DbContextOptions<SqliteLotteryDbContext> options, ITenantContext tenant)
    : LotteryDbContext(options, tenant)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no date type; storing UTC instants as ticks keeps comparisons and ORDER BY in SQL.
        configurationBuilder.Properties<DateTimeOffset>()
            .HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>The PostgreSQL flavour (production). Carries the PostgreSQL migration set.</summary>
public sealed class PostgresLotteryDbContext(DbContextOptions<PostgresLotteryDbContext> options, ITenantContext tenant)
    : LotteryDbContext(options, tenant);

/// <summary>The SQL Server flavour. Carries the SQL Server migration set.</summary>
public sealed class SqlServerLotteryDbContext(DbContextOptions<SqlServerLotteryDbContext> options, ITenantContext tenant)
    : LotteryDbContext(options, tenant)
{
    private const int IdentityKeyMaxLength = 128;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Identity's login and token keys are two nvarchar(450) columns, 1,800 bytes: SQL Server creates such a key with
        // a warning and then refuses a row whose values are longer than 900 bytes together. 128 characters each, as the
        // ASP.NET Core templates set for SQL Server (MaxLengthForKeys), keeps every key inside the limit.
        builder.Entity<IdentityUserLogin<Guid>>(b =>
        {
            b.Property(l => l.LoginProvider).HasMaxLength(IdentityKeyMaxLength);
            b.Property(l => l.ProviderKey).HasMaxLength(IdentityKeyMaxLength);
        });
        builder.Entity<IdentityUserToken<Guid>>(b =>
        {
            b.Property(t => t.LoginProvider).HasMaxLength(IdentityKeyMaxLength);
            b.Property(t => t.Name).HasMaxLength(IdentityKeyMaxLength);
        });
    }
}
