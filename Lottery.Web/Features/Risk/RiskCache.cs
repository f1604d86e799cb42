using System.Collections.Concurrent;
using Lottery.Domain.Risk;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Risk;

/// <summary>A stop-loss that is on: since when, by whom, why.</summary>
public sealed record DrawStop(DateTimeOffset At, string By, string? Reason);

/// <summary>A tenant's block list in its normal form (<see cref="BlockValues"/>), as sets to look values up in.</summary>
public sealed class BlockSet
{
    private readonly Dictionary<BlockKind, HashSet<string>> _values;

    public BlockSet(IEnumerable<(BlockKind Kind, string Value)> entries)
    {
        _values = entries.GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => g.Select(e => e.Value).ToHashSet(StringComparer.Ordinal));
    }

    public static BlockSet Empty { get; } = new([]);

    public int Count => _values.Values.Sum(v => v.Count);

    public bool Contains(BlockKind kind, string? value) => value is not null && _values.TryGetValue(kind, out var set) && set.Contains(value);

    /// <summary>Whether an e-mail address is blocked by itself or by its domain (or a parent domain).</summary>
    public bool BlocksEmail(string? email) =>
        email is not null && (Contains(BlockKind.Email, email)
            || (BlockValues.DomainOf(email) is { } domain && BlockValues.DomainAndParents(domain).Any(d => Contains(BlockKind.EmailDomain, d))));

    /// <summary>Whether the request's address is blocked (compared in canonical form).</summary>
    public bool BlocksIp(string? ip) => _values.ContainsKey(BlockKind.Ip) && Contains(BlockKind.Ip, BlockValues.CanonicalIp(ip));
}

/// <summary>What a node knows of a tenant's risk controls, as of <see cref="Version"/> (<c>Tenant.RiskVersion</c>).</summary>
public sealed record TenantRisk(int Version, DrawStop? Stop, int? ProofOfWorkDifficulty, int? WinsPerAddressPerDay, BlockSet Blocks)
{
    public static TenantRisk None { get; } = new(-1, null, null, null, BlockSet.Empty);
}

/// <summary>The platform-wide stop-loss as a node knows it.</summary>
public sealed record PlatformRisk(DrawStop? Stop);

/// <summary>
/// Each node's copy of every tenant's risk controls (block list, stop-loss, settings) and of the platform stop-loss, so
/// a draw usually costs no database query. A copy older than <see cref="RefreshInterval"/> is checked on the next use:
/// one small query reads the tenant's <c>RiskVersion</c> and stop-loss (and one the platform switch); the block list is
/// read again only when the version moved. So a change made on any node is seen by every node within the interval plus
/// one query (well under a second), without a message bus. Concurrent callers share one refresh; a node that made a
/// change itself sees it at once (<see cref="Invalidate"/>). The database context factory is scoped (it carries the
/// tenant scope), so each read takes it from a scope of its own and reads across tenants explicitly.
/// </summary>
public sealed class RiskCache(IServiceScopeFactory scopes)
{
    /// <summary>How old a copy may be before it is checked again.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<Guid, Slot<TenantRisk>> _tenants = new();
    private readonly Slot<PlatformRisk> _platform = new();

    public ValueTask<TenantRisk> TenantAsync(Guid tenantId, CancellationToken cancellationToken) =>
        GetAsync(_tenants.GetOrAdd(tenantId, _ => new Slot<TenantRisk>()), cached => LoadTenantAsync(tenantId, cached), cancellationToken);

    public ValueTask<PlatformRisk> PlatformAsync(CancellationToken cancellationToken) =>
        GetAsync(_platform, _ => LoadPlatformAsync(), cancellationToken);

    /// <summary>The stop-loss that stops the tenant's draws now (the platform's first), or null.</summary>
    public async ValueTask<DrawStop?> DrawStopAsync(Guid tenantId, CancellationToken cancellationToken) =>
        (await PlatformAsync(cancellationToken)).Stop ?? (await TenantAsync(tenantId, cancellationToken)).Stop;

    /// <summary>Makes the next use read the database again (after this node changed the tenant's controls).</summary>
    public void Invalidate(Guid tenantId)
    {
        if (_tenants.TryGetValue(tenantId, out var slot))
        {
            slot.Expire();
        }
    }

    public void InvalidatePlatform() => _platform.Expire();

    private static async ValueTask<T> GetAsync<T>(Slot<T> slot, Func<T?, Task<T>> load, CancellationToken cancellationToken)
        where T : class
    {
        Task<T> pending;
        lock (slot)
        {
            if (slot.Value is { } fresh && Environment.TickCount64 - slot.CheckedAt < RefreshInterval.TotalMilliseconds)
            {
                return fresh;
            }

            if (slot.Pending is null || slot.Pending.IsCompleted)
            {
                slot.Pending = RefreshAsync(slot, load);
            }

            pending = slot.Pending;
        }

        return await pending.WaitAsync(cancellationToken);
    }

    private static async Task<T> RefreshAsync<T>(Slot<T> slot, Func<T?, Task<T>> load)
        where T : class
    {
        await Task.Yield(); // leave the caller's lock before touching the database
        var started = Environment.TickCount64; // the copy is as old as the moment the read began
        T? cached;
        int generation;
        lock (slot)
        {
            (cached, generation) = (slot.Value, slot.Generation);
        }

        var value = await load(cached);
        lock (slot)
        {
            slot.Value = value;
            // Expired while reading (this node changed something): what was read may predate the change, so the next
            // use reads again.
            if (slot.Generation == generation)
            {
                slot.CheckedAt = started;
            }
        }

        return value;
    }

    private static async Task<LotteryDbContext> ContextAsync(AsyncServiceScope scope) =>
        await scope.ServiceProvider.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContextAsync();

    private async Task<TenantRisk> LoadTenantAsync(Guid tenantId, TenantRisk? cached)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await ContextAsync(scope);
        // The version first: a change committed between the two reads leaves a newer list under an older version,
        // which the next check reads again — never an older list under a newer version.
        var head = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId)
            .Select(t => new { t.RiskVersion, t.DrawsStoppedAt, t.DrawsStoppedBy, t.DrawsStoppedReason, t.ProofOfWorkDifficulty, t.WinsPerAddressPerDay })
            .SingleOrDefaultAsync();
        if (head is null)
        {
            return TenantRisk.None;
        }

        var stop = head.DrawsStoppedAt is { } at ? new DrawStop(at, head.DrawsStoppedBy ?? "", head.DrawsStoppedReason) : null;
        var blocks = cached is not null && cached.Version == head.RiskVersion
            ? cached.Blocks
            : new BlockSet((await db.BlockList.IgnoreQueryFilters().AsNoTracking().Where(e => e.TenantId == tenantId)
                .Select(e => new { e.Kind, e.Value }).ToListAsync()).Select(e => (e.Kind, e.Value)));
        return new TenantRisk(head.RiskVersion, stop, head.ProofOfWorkDifficulty, head.WinsPerAddressPerDay, blocks);
    }

    private async Task<PlatformRisk> LoadPlatformAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await ContextAsync(scope);
        var row = await db.PlatformSettings.AsNoTracking().Where(s => s.Key == PlatformSetting.DrawsStopped)
            .Select(s => new { s.Value, s.UpdatedAt, s.UpdatedBy }).SingleOrDefaultAsync();
        return new PlatformRisk(row is null ? null : new DrawStop(row.UpdatedAt, row.UpdatedBy, row.Value));
    }

    private sealed class Slot<T>
        where T : class
    {
        public T? Value { get; set; }

        public long CheckedAt { get; set; } = long.MinValue / 2;

        public Task<T>? Pending { get; set; }

        public int Generation { get; private set; }

        public void Expire()
        {
            lock (this)
            {
                CheckedAt = long.MinValue / 2;
                Generation++;
            }
        }
    }
}
