using Lottery.Domain.Activities;
using Lottery.Domain.Audit;
using Lottery.Domain.Common;
using Lottery.Domain.Draws;
using Lottery.Domain.Players;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lottery.Infrastructure.Persistence.Configurations;

internal sealed class PlayerConfiguration : IEntityTypeConfiguration<Player>
{
    public void Configure(EntityTypeBuilder<Player> b)
    {
        b.Property(p => p.Nickname).HasMaxLength(Limits.NicknameMaxLength);
        b.Property(p => p.Source).HasMaxLength(Limits.NameMaxLength);
        b.Property(p => p.Email).HasMaxLength(Player.EmailMaxLength);
        b.Property(p => p.PartnerUserId).HasMaxLength(Player.PartnerUserIdMaxLength);
        b.Property(p => p.IdentityKey).HasMaxLength(Player.IdentityKeyMaxLength);

        // One player per verified identity: two sign-ins racing to create it make one row (the loser reads it back).
        b.HasIndex(p => p.IdentityKey).IsUnique();
    }
}

internal sealed class ScheduledEntryConfiguration : IEntityTypeConfiguration<ScheduledEntry>
{
    public void Configure(EntityTypeBuilder<ScheduledEntry> b)
    {
        b.HasIndex(e => new { e.ActivityId, e.PlayerId }).IsUnique();
        b.HasOne<Activity>().WithMany().HasForeignKey(e => e.ActivityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Player>().WithMany().HasForeignKey(e => e.PlayerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DrawChanceConfiguration : IEntityTypeConfiguration<DrawChance>
{
    public void Configure(EntityTypeBuilder<DrawChance> b)
    {
        // One row per task, player, day and allowed time: a task repeated concurrently cannot grant twice.
        b.HasIndex(c => new { c.ActivityId, c.PlayerId, c.Task, c.Day, c.Sequence }).IsUnique();
        b.HasOne<Activity>().WithMany().HasForeignKey(c => c.ActivityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Player>().WithMany().HasForeignKey(c => c.PlayerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DrawRecordConfiguration : IEntityTypeConfiguration<DrawRecord>
{
    public void Configure(EntityTypeBuilder<DrawRecord> b)
    {
        b.Property(d => d.IdempotencyKey).HasMaxLength(Limits.NameMaxLength);
        b.HasIndex(d => new { d.ActivityId, d.DrawnAt });
        b.HasIndex(d => new { d.ActivityId, d.PlayerId, d.IdempotencyKey }).IsUnique();
        b.HasOne<Activity>().WithMany().HasForeignKey(d => d.ActivityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Player>().WithMany().HasForeignKey(d => d.PlayerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WinRecordConfiguration : IEntityTypeConfiguration<WinRecord>
{
    public void Configure(EntityTypeBuilder<WinRecord> b)
    {
        b.Property(w => w.PrizeName).HasMaxLength(Limits.NameMaxLength);
        b.Property(w => w.Code).HasMaxLength(Limits.CodeMaxLength);
        b.Property(w => w.Version).IsConcurrencyToken();
        b.HasIndex(w => new { w.ActivityId, w.WonAt });
        b.HasIndex(w => new { w.PlayerId, w.ActivityId });
        b.HasIndex(w => w.DrawId).IsUnique();
        b.HasOne<Activity>().WithMany().HasForeignKey(w => w.ActivityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Player>().WithMany().HasForeignKey(w => w.PlayerId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsOne(w => w.Claim, c =>
        {
            c.Property(x => x.TrackingNumber).HasMaxLength(Limits.CodeMaxLength);
            c.OwnsOne(x => x.Address, a =>
            {
                a.Property(x => x.RecipientName).HasMaxLength(Limits.NameMaxLength);
                a.Property(x => x.Phone).HasMaxLength(Limits.PhoneMaxLength);
                a.Property(x => x.Line1).HasMaxLength(Limits.AddressLineMaxLength);
                a.Property(x => x.Line2).HasMaxLength(Limits.AddressLineMaxLength);
                a.Property(x => x.City).HasMaxLength(Limits.NameMaxLength);
                a.Property(x => x.Region).HasMaxLength(Limits.NameMaxLength);
                a.Property(x => x.PostalCode).HasMaxLength(20);
                a.Property(x => x.Country).HasMaxLength(Limits.NameMaxLength);
            });
        });
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.Actor).HasMaxLength(Limits.NameMaxLength);
        b.Property(a => a.Action).HasMaxLength(64);
        b.HasIndex(a => new { a.TenantId, a.ActivityId, a.At });
        b.HasIndex(a => new { a.TenantId, a.PrizeId, a.At });
        b.HasIndex(a => new { a.TenantId, a.At });
    }
}
