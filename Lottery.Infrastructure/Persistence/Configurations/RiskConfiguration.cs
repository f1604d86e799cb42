using Lottery.Domain.Common;
using Lottery.Domain.Draws;
using Lottery.Domain.Players;
using Lottery.Domain.Risk;
using Lottery.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lottery.Infrastructure.Persistence.Configurations;

internal sealed class PlayerSessionConfiguration : IEntityTypeConfiguration<PlayerSession>
{
    public void Configure(EntityTypeBuilder<PlayerSession> b)
    {
        b.Property(s => s.TokenHash).HasMaxLength(64);
        b.Property(s => s.IpAddress).HasMaxLength(PlayerSession.IpAddressMaxLength);
        b.HasIndex(s => s.TokenHash).IsUnique();
        b.HasIndex(s => new { s.IpAddress, s.CreatedAt });
        b.HasIndex(s => s.PlayerId);
        b.HasOne<Player>().WithMany().HasForeignKey(s => s.PlayerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PartnerKeyConfiguration : IEntityTypeConfiguration<PartnerKey>
{
    public void Configure(EntityTypeBuilder<PartnerKey> b)
    {
        b.Property(k => k.KeyId).HasMaxLength(PartnerKey.KeyIdMaxLength);
        b.Property(k => k.Name).HasMaxLength(Limits.NameMaxLength);
        b.Property(k => k.ProtectedSecret).HasMaxLength(PartnerKey.ProtectedSecretMaxLength);
        b.HasIndex(k => k.KeyId).IsUnique();
        b.HasOne<Tenant>().WithMany().HasForeignKey(k => k.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EmailCodeConfiguration : IEntityTypeConfiguration<EmailCode>
{
    public void Configure(EntityTypeBuilder<EmailCode> b)
    {
        b.Property(c => c.Email).HasMaxLength(Player.EmailMaxLength);
        b.Property(c => c.CodeHash).HasMaxLength(64);
        b.Property(c => c.IpAddress).HasMaxLength(PlayerSession.IpAddressMaxLength);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasIndex(c => new { c.Email, c.CreatedAt });
        b.HasIndex(c => new { c.IpAddress, c.CreatedAt });
    }
}

internal sealed class BlockListEntryConfiguration : IEntityTypeConfiguration<BlockListEntry>
{
    public void Configure(EntityTypeBuilder<BlockListEntry> b)
    {
        b.Property(e => e.Value).HasMaxLength(BlockListEntry.ValueMaxLength);
        b.Property(e => e.Reason).HasMaxLength(BlockListEntry.ReasonMaxLength);
        b.Property(e => e.CreatedBy).HasMaxLength(Limits.NameMaxLength);
        b.HasIndex(e => new { e.TenantId, e.Kind, e.Value }).IsUnique();
        b.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WinReviewConfiguration : IEntityTypeConfiguration<WinReview>
{
    public void Configure(EntityTypeBuilder<WinReview> b)
    {
        b.HasKey(r => r.WinId);
        b.Property(r => r.Reason).HasMaxLength(WinReview.ReasonMaxLength);
        b.Property(r => r.Note).HasMaxLength(WinReview.ReasonMaxLength);
        b.Property(r => r.DecidedBy).HasMaxLength(Limits.NameMaxLength);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => new { r.TenantId, r.Decision });
        b.HasOne<WinRecord>().WithOne().HasForeignKey<WinReview>(r => r.WinId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SpentChallengeConfiguration : IEntityTypeConfiguration<SpentChallenge>
{
    public void Configure(EntityTypeBuilder<SpentChallenge> b)
    {
        b.Property(c => c.Id).HasMaxLength(SpentChallenge.IdMaxLength);
        b.HasIndex(c => c.ExpiresAt);
    }
}

internal sealed class PlatformSettingConfiguration : IEntityTypeConfiguration<PlatformSetting>
{
    public void Configure(EntityTypeBuilder<PlatformSetting> b)
    {
        b.HasKey(s => s.Key);
        b.Property(s => s.Key).HasMaxLength(PlatformSetting.KeyMaxLength);
        b.Property(s => s.Value).HasMaxLength(PlatformSetting.ValueMaxLength);
        b.Property(s => s.UpdatedBy).HasMaxLength(Limits.NameMaxLength);
    }
}
