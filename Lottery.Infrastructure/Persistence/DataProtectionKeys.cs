using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;

namespace Lottery.Infrastructure.Persistence;

/// <summary>One ASP.NET Core Data Protection key (the XML the key manager writes).</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    public string Xml { get; set; } = "";
}

/// <summary>
/// Keeps the Data Protection key ring in the shared database, so every app node behind the load balancer can read the
/// cookies and antiforgery tokens the others issued. (Microsoft.AspNetCore.DataProtection.EntityFrameworkCore, which
/// does the same, is not in the registry.)
/// </summary>
public sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        using var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContext();
        return [.. db.Set<DataProtectionKey>().AsNoTracking().Select(k => k.Xml).ToList().Select(XElement.Parse)];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        using var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContext();
        db.Set<DataProtectionKey>().Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b) => b.Property(k => k.FriendlyName).HasMaxLength(200);
}
