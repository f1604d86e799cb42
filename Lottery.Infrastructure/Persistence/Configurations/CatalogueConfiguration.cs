using Lottery.Domain.Common;
using Lottery.Domain.Prizes;
using Lottery.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lottery.Infrastructure.Persistence.Configurations;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> b)
    {
        b.Property(t => t.Name).HasMaxLength(Limits.NameMaxLength);
        b.Property(t => t.Slug).HasMaxLength(50);
        b.Property(t => t.DrawsStoppedBy).HasMaxLength(Limits.NameMaxLength);
        b.Property(t => t.DrawsStoppedReason).HasMaxLength(Tenant.StopReasonMaxLength);
        b.HasIndex(t => t.Slug).IsUnique();
    }
}

internal sealed class TenantApiKeyConfiguration : IEntityTypeConfiguration<TenantApiKey>
{
    public void Configure(EntityTypeBuilder<TenantApiKey> b)
    {
        b.Property(k => k.Name).HasMaxLength(Limits.NameMaxLength);
        b.Property(k => k.Hash).HasMaxLength(64);
        b.Property(k => k.Prefix).HasMaxLength(16);
        b.Ignore(k => k.IsActive);
        b.HasIndex(k => k.Hash).IsUnique();
        b.HasOne<Tenant>().WithMany().HasForeignKey(k => k.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PrizeConfiguration : IEntityTypeConfiguration<Prize>
{
    public void Configure(EntityTypeBuilder<Prize> b)
    {
        b.Property(p => p.Name).HasMaxLength(Limits.NameMaxLength);
        b.Property(p => p.Description).HasMaxLength(Limits.DescriptionMaxLength);
        b.Property(p => p.ImageUrl).HasMaxLength(Limits.UrlMaxLength);
        b.Property(p => p.UnitCost).HasPrecision(18, 2);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PrizeCodeConfiguration : IEntityTypeConfiguration<PrizeCode>
{
    public void Configure(EntityTypeBuilder<PrizeCode> b)
    {
        b.Property(c => c.Code).HasMaxLength(Limits.CodeMaxLength);
        b.HasIndex(c => new { c.PrizeId, c.Code }).IsUnique();
        b.HasIndex(c => new { c.PrizeId, c.WinId });
        b.HasIndex(c => c.WinId).IsUnique();
        b.HasOne<Prize>().WithMany().HasForeignKey(c => c.PrizeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PrizePictureConfiguration : IEntityTypeConfiguration<PrizePicture>
{
    public void Configure(EntityTypeBuilder<PrizePicture> b)
    {
        b.HasKey(p => p.PrizeId);
        b.Property(p => p.PrizeId).ValueGeneratedNever();
        b.Property(p => p.ContentType).HasMaxLength(32);
        b.Property(p => p.ETag).HasMaxLength(16);
        b.Ignore(p => p.Url);
        b.HasOne<Prize>().WithOne().HasForeignKey<PrizePicture>(p => p.PrizeId).OnDelete(DeleteBehavior.Cascade);
    }
}
