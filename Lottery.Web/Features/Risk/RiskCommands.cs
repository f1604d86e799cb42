using System.Text.Json;
using Lottery.Domain.Audit;
using Lottery.Domain.Common;
using Lottery.Domain.Risk;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Risk;

/// <summary>The body of <c>POST /api/admin/blocklist</c>.</summary>
public sealed record AddBlockRequest(string? Kind, string? Value, string? Reason);

/// <summary>A block-list entry: <see cref="Kind"/> as the API spells it ("emailDomain"), the value in normal form.</summary>
public sealed record BlockEntryView(Guid Id, string Kind, string Value, string Reason, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>A page of the block list, newest first.</summary>
public sealed record BlockListPage(IReadOnlyList<BlockEntryView> Items, int Total, int Page, int PageSize);

/// <summary>The body of <c>POST /api/admin/stop-loss</c> (and the platform's).</summary>
public sealed record StopLossRequest(string? Reason);

/// <summary>One stop-loss switch: on since <see cref="StoppedAt"/>, by whom, why.</summary>
public sealed record StopLossView(bool Stopped, DateTimeOffset? StoppedAt = null, string? StoppedBy = null, string? Reason = null)
{
    public static StopLossView Of(DrawStop? stop) => stop is null ? new(false) : new(true, stop.At, stop.By, stop.Reason);
}

/// <summary>The tenant's switch and the platform's: draws run only while both are off.</summary>
public sealed record StopLossState(StopLossView Tenant, StopLossView Platform)
{
    public bool DrawsStopped => Tenant.Stopped || Platform.Stopped;
}

/// <summary>The body of <c>PUT /api/admin/risk-settings</c> and its answer: null means the platform's default.</summary>
public sealed record RiskSettingsRequest(int? ProofOfWorkDifficulty, int? WinsPerAddressPerDay);

/// <summary>
/// The staff's and the management API's changes to a tenant's risk controls, each audited and each bumping the tenant's
/// <c>RiskVersion</c> in the same transaction (an atomic <c>+ 1</c> in SQL, so two nodes changing the list at once can
/// never leave one version number for two different lists), then expiring this node's copy.
/// </summary>
public sealed class RiskCommands(IDbContextFactory<LotteryDbContext> contexts, RiskCache cache, TimeProvider clock)
{
    public const string PlatformActorPrefix = "platform:";

    /// <summary>Adds an entry; an entry that is already there (same kind and normal value) is answered as it is, unchanged.</summary>
    public async Task<Result<(BlockEntryView Entry, bool Created)>> AddBlockAsync(Guid tenantId, AddBlockRequest? request, string actor,
        CancellationToken cancellationToken)
    {
        var errors = new List<ValidationError>();
        var kind = BlockValues.Parse(request?.Kind);
        string? value = null;
        if (kind is null)
        {
            errors.Add(new("kind", "Choose what to block: player, partnerUser, email, emailDomain or ip."));
        }
        else if (BlockValues.Normalize(kind.Value, request?.Value) is { IsFailure: true } bad)
        {
            errors.AddRange(bad.ValidationErrors);
        }
        else
        {
            value = BlockValues.Normalize(kind.Value, request?.Value).Value;
        }

        var created = BlockListEntry.Create(tenantId, kind ?? BlockKind.Player, value ?? "-", request?.Reason, actor, clock);
        errors.AddRange(created.ValidationErrors.Where(e => e.Path != "value"));
        if (errors.Count > 0)
        {
            return Result<(BlockEntryView, bool)>.Invalid(errors);
        }

        var entry = created.Value;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await FindAsync(db, tenantId, entry.Kind, entry.Value, cancellationToken) is { } existing)
        {
            return (View(existing), false);
        }

        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            db.BlockList.Add(entry);
            db.Audit.Add(AuditEntry.Record(tenantId, null, actor, "blocklist.add", clock, after: Json(entry)));
            await db.SaveChangesAsync(cancellationToken);
            await BumpAsync(db, tenantId, cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Added at the same moment by another request: the unique index kept one; answer that one.
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            if (await FindAsync(again, tenantId, entry.Kind, entry.Value, cancellationToken) is { } winner)
            {
                return (View(winner), false);
            }

            throw;
        }

        cache.Invalidate(tenantId);
        return (View(entry), true);
    }

    public async Task<BlockListPage> ListAsync(Guid tenantId, int page, int pageSize, CancellationToken cancellationToken)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 1000);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.BlockList.IgnoreQueryFilters().AsNoTracking().Where(e => e.TenantId == tenantId);
        var total = await query.CountAsync(cancellationToken);
        // Newest first; ids are time-ordered (Ids.New), which also orders entries added in the same instant.
        var rows = await query.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new BlockListPage([.. rows.Select(View)], total, page, pageSize);
    }

    public async Task<Result> RemoveBlockAsync(Guid tenantId, Guid id, string actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entry = await db.BlockList.IgnoreQueryFilters().SingleOrDefaultAsync(e => e.Id == id && e.TenantId == tenantId, cancellationToken);
        if (entry is null)
        {
            return Result.Failure(new Error(ErrorCodes.NotFound, "The block-list entry was not found."));
        }

        await using (var tx = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.BlockList.Remove(entry);
            db.Audit.Add(AuditEntry.Record(tenantId, null, actor, "blocklist.remove", clock, before: Json(entry)));
            await db.SaveChangesAsync(cancellationToken);
            await BumpAsync(db, tenantId, cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }

        cache.Invalidate(tenantId);
        return Result.Success();
    }

    public async Task<StopLossState> StateAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId)
            .Select(t => new { t.DrawsStoppedAt, t.DrawsStoppedBy, t.DrawsStoppedReason }).SingleAsync(cancellationToken);
        var platform = await db.PlatformSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Key == PlatformSetting.DrawsStopped, cancellationToken);
        return new StopLossState(
            StopLossView.Of(tenant.DrawsStoppedAt is { } at ? new DrawStop(at, tenant.DrawsStoppedBy ?? "", tenant.DrawsStoppedReason) : null),
            StopLossView.Of(platform is null ? null : new DrawStop(platform.UpdatedAt, platform.UpdatedBy, platform.Value)));
    }

    /// <summary>The tenant's stop-loss: every draw, task and entry of its activities is refused until resumed.</summary>
    public async Task<Result<StopLossState>> StopAsync(Guid tenantId, string? reason, string actor, CancellationToken cancellationToken)
    {
        var changed = await ChangeTenantAsync(tenantId, actor, "draws.stop", t => t.StopDraws(actor, reason, clock), cancellationToken);
        return changed.IsSuccess ? await StateAsync(tenantId, cancellationToken) : Result<StopLossState>.Failure(changed.Error!, changed.ValidationErrors);
    }

    public async Task<Result<StopLossState>> ResumeAsync(Guid tenantId, string actor, CancellationToken cancellationToken)
    {
        await ChangeTenantAsync(tenantId, actor, "draws.resume", t =>
        {
            t.ResumeDraws();
            return Result.Success();
        }, cancellationToken);
        return await StateAsync(tenantId, cancellationToken);
    }

    public async Task<RiskSettingsRequest> SettingsAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId)
            .Select(t => new RiskSettingsRequest(t.ProofOfWorkDifficulty, t.WinsPerAddressPerDay)).SingleAsync(cancellationToken);
    }

    public async Task<Result> SetSettingsAsync(Guid tenantId, RiskSettingsRequest? request, string actor, CancellationToken cancellationToken) =>
        await ChangeTenantAsync(tenantId, actor, "risk.settings",
            t => t.SetRiskSettings(request?.ProofOfWorkDifficulty, request?.WinsPerAddressPerDay), cancellationToken);

    /// <summary>
    /// The platform's stop-loss: every draw of every tenant stops. Recorded in every tenant's audit log, since every
    /// tenant's campaigns are affected.
    /// </summary>
    public async Task<Result<StopLossView>> StopPlatformAsync(string? reason, string actor, CancellationToken cancellationToken)
    {
        var why = reason?.Trim();
        if (why is { Length: > Domain.Tenants.Tenant.StopReasonMaxLength })
        {
            return Result<StopLossView>.Invalid([new("reason", $"At most {Domain.Tenants.Tenant.StopReasonMaxLength} characters.")]);
        }

        await ChangePlatformAsync(actor, "draws.platform.stop", db =>
        {
            db.PlatformSettings.Add(PlatformSetting.Create(PlatformSetting.DrawsStopped, string.IsNullOrEmpty(why) ? null : why, actor, clock));
            return true;
        }, cancellationToken);
        return await PlatformStateAsync(cancellationToken);
    }

    public async Task<StopLossView> ResumePlatformAsync(string actor, CancellationToken cancellationToken)
    {
        await ChangePlatformAsync(actor, "draws.platform.resume", db =>
        {
            var row = db.PlatformSettings.Local.SingleOrDefault(s => s.Key == PlatformSetting.DrawsStopped);
            if (row is null)
            {
                return false;
            }

            db.PlatformSettings.Remove(row);
            return true;
        }, cancellationToken);
        return await PlatformStateAsync(cancellationToken);
    }

    public async Task<StopLossView> PlatformStateAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.PlatformSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Key == PlatformSetting.DrawsStopped, cancellationToken);
        return StopLossView.Of(row is null ? null : new DrawStop(row.UpdatedAt, row.UpdatedBy, row.Value));
    }

    private async Task<Result> ChangeTenantAsync(Guid tenantId, string actor, string action, Func<Domain.Tenants.Tenant, Result> change,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tenant = await db.Tenants.SingleAsync(t => t.Id == tenantId, cancellationToken);
        var before = RiskJson(tenant);
        var version = tenant.RiskVersion;
        var result = change(tenant);
        if (result.IsFailure || tenant.RiskVersion == version)
        {
            return result; // refused, or nothing changed (stopping a stopped tenant keeps the first stop)
        }

        await using (var tx = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.Entry(tenant).Property(t => t.RiskVersion).IsModified = false; // bumped atomically below
            db.Audit.Add(AuditEntry.Record(tenantId, null, actor, action, clock, before, RiskJson(tenant)));
            await db.SaveChangesAsync(cancellationToken);
            await BumpAsync(db, tenantId, cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }

        cache.Invalidate(tenantId);
        return Result.Success();
    }

    private async Task ChangePlatformAsync(string actor, string action, Func<LotteryDbContext, bool> change, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.PlatformSettings.Where(s => s.Key == PlatformSetting.DrawsStopped).LoadAsync(cancellationToken);
        if (action == "draws.platform.stop" && db.PlatformSettings.Local.Count > 0)
        {
            return; // already stopped: the first stop stays
        }

        if (!change(db))
        {
            return;
        }

        var tenants = await db.Tenants.AsNoTracking().Select(t => t.Id).ToListAsync(cancellationToken);
        var reason = db.PlatformSettings.Local.SingleOrDefault()?.Value;
        foreach (var tenantId in tenants)
        {
            db.Audit.Add(AuditEntry.Record(tenantId, null, actor, action, clock, after: reason is null ? null : JsonSerializer.Serialize(new { reason })));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (action == "draws.platform.stop")
        {
            // Stopped at the same moment by another request: one stop is kept, which is what was asked.
        }

        cache.InvalidatePlatform();
    }

    private static async Task BumpAsync(LotteryDbContext db, Guid tenantId, CancellationToken cancellationToken) =>
        await db.Tenants.Where(t => t.Id == tenantId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RiskVersion, t => t.RiskVersion + 1), cancellationToken);

    private static Task<BlockListEntry?> FindAsync(LotteryDbContext db, Guid tenantId, BlockKind kind, string value, CancellationToken cancellationToken) =>
        db.BlockList.IgnoreQueryFilters().AsNoTracking()
            .SingleOrDefaultAsync(e => e.TenantId == tenantId && e.Kind == kind && e.Value == value, cancellationToken);

    public static BlockEntryView View(BlockListEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Id, BlockValues.Name(entry.Kind), entry.Value, entry.Reason, entry.CreatedBy, entry.CreatedAt);
    }

    private static string Json(BlockListEntry e) =>
        JsonSerializer.Serialize(new { kind = BlockValues.Name(e.Kind), value = e.Value, reason = e.Reason });

    private static string RiskJson(Domain.Tenants.Tenant t) => JsonSerializer.Serialize(new
    {
        drawsStopped = t.DrawsStoppedAt is not null,
        reason = t.DrawsStoppedReason,
        proofOfWorkDifficulty = t.ProofOfWorkDifficulty,
        winsPerAddressPerDay = t.WinsPerAddressPerDay,
    });
}
