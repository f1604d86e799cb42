using Lottery.Domain.Activities;
using Lottery.Infrastructure.Stock.Embedded;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lottery.Infrastructure.Persistence.Configurations;

internal sealed class PlayerCounterConfiguration : IEntityTypeConfiguration<PlayerCounter>
{
    public void Configure(EntityTypeBuilder<PlayerCounter> b)
    {
        b.HasKey(c => new { c.ActivityId, c.PlayerId });
        b.Property(c => c.Day).HasMaxLength(8);
        b.HasOne<Activity>().WithMany().HasForeignKey(c => c.ActivityId).OnDelete(DeleteBehavior.Cascade);
    }
}
