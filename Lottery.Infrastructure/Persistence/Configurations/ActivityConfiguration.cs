using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Prizes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lottery.Infrastructure.Persistence.Configurations;

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> b)
    {
        b.Property(a => a.Name).HasMaxLength(Limits.NameMaxLength);
        b.Property(a => a.Description).HasMaxLength(Limits.DescriptionMaxLength);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.Property(a => a.ShortCode).HasMaxLength(ShortCodes.Length).IsUnicode(false);
        b.HasIndex(a => a.ShortCode).IsUnique();
        b.Property(a => a.Seed).HasMaxLength(64);
        b.Property(a => a.SeedCommitment).HasMaxLength(64);
        b.Property(a => a.EntrantsHash).HasMaxLength(64);
        b.ComplexProperty(a => a.Schedule);
        b.ComplexProperty(a => a.Rules);
        b.ComplexProperty(a => a.Players);
        b.ComplexProperty(a => a.Gameplay);
        b.ComplexProperty(a => a.Theme, t =>
        {
            t.Property(x => x.PrimaryColor).HasMaxLength(Limits.ColorMaxLength);
            t.Property(x => x.AccentColor).HasMaxLength(Limits.ColorMaxLength);
            t.Property(x => x.BackgroundColor).HasMaxLength(Limits.ColorMaxLength);
            t.Property(x => x.TextColor).HasMaxLength(Limits.ColorMaxLength);
            t.Property(x => x.BackgroundImageUrl).HasMaxLength(Limits.UrlMaxLength);
        });
        b.HasIndex(a => new { a.TenantId, a.Status });
        b.HasMany(a => a.Tiers).WithOne().HasForeignKey(t => t.ActivityId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Prizes).WithOne().HasForeignKey(p => p.ActivityId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Tasks).WithOne().HasForeignKey(t => t.ActivityId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Rounds).WithOne().HasForeignKey(r => r.ActivityId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(a => a.Tiers).AutoInclude();
        b.Navigation(a => a.Prizes).AutoInclude();
        b.Navigation(a => a.Tasks).AutoInclude();
        b.Navigation(a => a.Rounds).AutoInclude();
    }
}

internal sealed class PrizeTierConfiguration : IEntityTypeConfiguration<PrizeTier>
{
    public void Configure(EntityTypeBuilder<PrizeTier> b)
    {
        b.Property(t => t.Name).HasMaxLength(Limits.NameMaxLength);
        b.Property(t => t.Color).HasMaxLength(Limits.ColorMaxLength);
        b.Property(t => t.Probability).HasPrecision(9, Limits.ProbabilityScale);
        b.HasMany(t => t.Slots).WithOne().HasForeignKey(s => s.TierId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(t => t.Slots).AutoInclude();
    }
}

internal sealed class PrizeSlotConfiguration : IEntityTypeConfiguration<PrizeSlot>
{
    public void Configure(EntityTypeBuilder<PrizeSlot> b)
    {
        b.Property(s => s.PrizeName).HasMaxLength(Limits.NameMaxLength);
        b.Ignore(s => s.TimeSlots);
        b.Property<int?>("SlotMinutes");
        b.Property<string?>("SlotQuotas");
        b.HasOne<Prize>().WithMany().HasForeignKey(s => s.PrizeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ActivityPrizeConfiguration : IEntityTypeConfiguration<ActivityPrize>
{
    public void Configure(EntityTypeBuilder<ActivityPrize> b)
    {
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Ignore(p => p.Remaining);
        b.HasIndex(p => new { p.ActivityId, p.PrizeId }).IsUnique();
        b.HasOne<Prize>().WithMany().HasForeignKey(p => p.PrizeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ActivityTaskConfiguration : IEntityTypeConfiguration<ActivityTask>
{
    public void Configure(EntityTypeBuilder<ActivityTask> b) => b.HasIndex(t => new { t.ActivityId, t.Kind }).IsUnique();
}

internal sealed class ActivityRoundConfiguration : IEntityTypeConfiguration<ActivityRound>
{
    public void Configure(EntityTypeBuilder<ActivityRound> b) => b.Property(r => r.Name).HasMaxLength(Limits.NameMaxLength);
}

/// <summary>One working draft per activity (or per activity-to-be); the document is unbounded JSON text.</summary>
internal sealed class ActivityDraftConfiguration : IEntityTypeConfiguration<ActivityDraft>
{
    public void Configure(EntityTypeBuilder<ActivityDraft> b)
    {
        b.Property(d => d.UpdatedBy).HasMaxLength(256);
        b.HasIndex(d => new { d.TenantId, d.ActivityId }).IsUnique();
    }
}

internal sealed class ActivityVersionConfiguration : IEntityTypeConfiguration<ActivityVersion>
{
    public void Configure(EntityTypeBuilder<ActivityVersion> b)
    {
        b.Property(v => v.PublishedBy).HasMaxLength(256);
        b.HasIndex(v => new { v.ActivityId, v.Number }).IsUnique();
        b.HasOne<Activity>().WithMany().HasForeignKey(v => v.ActivityId).OnDelete(DeleteBehavior.Cascade);
    }
}
