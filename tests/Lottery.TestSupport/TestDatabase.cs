using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace Lottery.TestSupport;

/// <summary>
/// A database of its own for one test class (an xUnit class fixture): created before the first test, migrated unless
/// the fixture says otherwise, and deleted after the last. Contexts are built like production builds them: the
/// provider's context type with its options and a <see cref="TenantScope"/>.
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    public abstract DatabaseProvider Provider { get; }

    /// <summary>The connection string of this fixture's own database.</summary>
    public abstract string ConnectionString { get; }

    /// <summary>Whether the migrations are applied before the first test; false leaves the database empty.</summary>
    protected virtual bool ApplyMigrations => true;

    /// <summary>A new context scoped to <paramref name="tenantId"/>, or to no tenant (then tenant-owned rows are hidden).</summary>
    public LotteryDbContext CreateContext(Guid? tenantId = null)
    {
        var tenant = new TenantScope();
        if (tenantId is { } id)
        {
            tenant.Set(id);
        }

        return CreateContext(tenant);
    }

    public abstract LotteryDbContext CreateContext(ITenantContext tenant);

    /// <summary>
    /// A host composed the way the app composes it (<c>AddInfrastructure</c>) whose configuration points at this
    /// database; <paramref name="settings"/> add to or override that configuration.
    /// </summary>
    public IHost BuildHost(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider.ToString(),
            ["ConnectionStrings:Lottery"] = ConnectionString,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        return TestHost.Build(configuration);
    }

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        if (ApplyMigrations)
        {
            await using var db = CreateContext();
            await db.Database.MigrateAsync();
        }
    }

    public Task DisposeAsync() => DropDatabaseAsync();

    protected abstract Task CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();
}
