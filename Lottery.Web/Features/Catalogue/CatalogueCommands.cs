using System.Text.Json;
using Lottery.Domain.Audit;
using Lottery.Domain.Common;
using Lottery.Domain.Prizes;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Catalogue;

/// <summary>
/// What an operator types for a prize. <paramref name="Stock"/> is only read when the prize is created;
/// <paramref name="HighValue"/>: only verified players (e-mail or partner) can claim it.
/// </summary>
public sealed record PrizeForm(string Name, PrizeKind Kind, string? Description, decimal UnitCost, int? Points, int Stock, bool HighValue = false);

/// <summary>
/// Operator changes to the current tenant's prize catalogue, each audited with the prize's id. A code prize's stock is
/// its unused codes: uploading codes adds them to the pool, and its stock can never be raised above the codes it has
/// (docs/decisions/014-prize-catalogue-and-codes.md).
/// </summary>
public sealed class CatalogueCommands(IDbContextFactory<LotteryDbContext> contexts, TimeProvider clock)
{
    public async Task<Result<Guid>> CreateAsync(Guid tenantId, PrizeForm form, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (form.Kind == PrizeKind.Code && form.Stock != 0)
        {
            return Result<Guid>.Invalid([new("stock", "A code prize's stock comes from its codes: create it, then upload its codes.")]);
        }

        var created = Prize.Create(tenantId, form.Name, form.Kind, form.Stock, clock, form.UnitCost,
            string.IsNullOrWhiteSpace(form.Description) ? null : form.Description.Trim(), points: form.Points);
        if (created.IsFailure)
        {
            return Result<Guid>.Invalid(created.ValidationErrors);
        }

        var prize = created.Value;
        prize.MarkHighValue(form.HighValue);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Prizes.Add(prize);
        db.Audit.Add(AuditEntry.Record(tenantId, null, actor, "prize.create", clock,
            after: Json(Snapshot(prize)), prizeId: prize.Id));
        await db.SaveChangesAsync(cancellationToken);
        return prize.Id;
    }

    /// <summary>Edits name, description, unit cost and points; the kind and the stock do not change here.</summary>
    public async Task<Result> UpdateAsync(Guid prizeId, PrizeForm form, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var prize = await db.Prizes.SingleOrDefaultAsync(p => p.Id == prizeId, cancellationToken);
        if (prize is null)
        {
            return NotFound();
        }

        var before = Snapshot(prize);
        var edited = prize.Edit(form.Name, form.Description, form.UnitCost, form.Points);
        if (edited.IsFailure)
        {
            return edited;
        }

        prize.MarkHighValue(form.HighValue);

        var after = Snapshot(prize);
        if (before == after)
        {
            return Result.Success();
        }

        db.Audit.Add(AuditEntry.Record(prize.TenantId, null, actor, "prize.update", clock, Json(before), Json(after), prize.Id));
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }

    /// <summary>
    /// Sets the units on hand (available + reserved by live activities). It cannot go below what activities have
    /// reserved, nor, for a code prize, above its unused codes.
    /// </summary>
    public async Task<Result> SetStockAsync(Guid prizeId, int total, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var prize = await db.Prizes.SingleOrDefaultAsync(p => p.Id == prizeId, cancellationToken);
        if (prize is null)
        {
            return NotFound();
        }

        var row = (await CatalogueQueries.RowsAsync(db, prizeId, cancellationToken)).Single();
        if (total < row.Reserved)
        {
            return Result.Failure(new Error(ErrorCodes.StockPoolShort,
                $"Activities have reserved {row.Reserved:N0} unit(s) of '{prize.Name}'; the stock cannot go below that."));
        }

        if (prize.Kind == PrizeKind.Code && total > row.CodesUnused)
        {
            return Result.Invalid([new("stock",
                $"'{prize.Name}' has {row.CodesUnused:N0} unused code(s): upload more codes to raise its stock above that.")]);
        }

        var adjusted = prize.AdjustPool(total - row.Total);
        if (adjusted.IsFailure)
        {
            return adjusted;
        }

        if (total == row.Total)
        {
            return Result.Success();
        }

        db.Audit.Add(AuditEntry.Record(prize.TenantId, null, actor, "prize.stock", clock,
            Json(new { available = row.Available, reserved = row.Reserved, total = row.Total }),
            Json(new { available = prize.PoolStock, reserved = row.Reserved, total }), prize.Id));
        return await SaveAsync(db, cancellationToken);
    }

    /// <summary>
    /// Adds the codes of an uploaded list to a code prize's pool and raises its stock by as many. Codes repeated in the
    /// file or already in the pool are skipped and listed; nothing is stored if nothing is new.
    /// </summary>
    public async Task<Result<CodeImportSummary>> UploadCodesAsync(Guid prizeId, string content, bool csv, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var prize = await db.Prizes.SingleOrDefaultAsync(p => p.Id == prizeId, cancellationToken);
        if (prize is null)
        {
            return Result<CodeImportSummary>.Failure(NotFound().Error!);
        }

        if (prize.Kind != PrizeKind.Code)
        {
            return Result<CodeImportSummary>.Invalid([new("codes", $"'{prize.Name}' is not a code prize; only code prizes have codes.")]);
        }

        var parsed = CodeImport.Parse(content, csv);
        if (parsed.Codes.Count > CodeImport.MaxCodesPerUpload)
        {
            return Result<CodeImportSummary>.Invalid([new("codes",
                $"At most {CodeImport.MaxCodesPerUpload:N0} codes can be uploaded at once; this file has {parsed.Codes.Count:N0}.")]);
        }

        var existing = (await db.PrizeCodes.Where(c => c.PrizeId == prizeId).Select(c => c.Code).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var fresh = parsed.Codes.Where(c => !existing.Contains(c)).ToList();
        var already = parsed.Codes.Where(existing.Contains).ToList();
        var poolBefore = prize.PoolStock;
        if (fresh.Count > 0)
        {
            var adjusted = prize.AdjustPool(fresh.Count);
            if (adjusted.IsFailure)
            {
                return Result<CodeImportSummary>.Failure(adjusted.Error!, adjusted.ValidationErrors);
            }

            db.PrizeCodes.AddRange(fresh.Select(c => PrizeCode.Create(prize.TenantId, prize.Id, c, clock)));
            db.Audit.Add(AuditEntry.Record(prize.TenantId, null, actor, "prize.codes", clock,
                Json(new { available = poolBefore, codes = existing.Count }),
                Json(new
                {
                    available = prize.PoolStock,
                    codes = existing.Count + fresh.Count,
                    added = fresh.Count,
                    skipped = parsed.DuplicatesInFile.Count + already.Count + parsed.TooLong.Count,
                }), prize.Id));
            var saved = await SaveAsync(db, cancellationToken);
            if (saved.IsFailure)
            {
                return Result<CodeImportSummary>.Failure(saved.Error!);
            }
        }

        return new CodeImportSummary(parsed.Lines, fresh.Count, parsed.DuplicatesInFile, already, parsed.TooLong, parsed.BlankLines, prize.PoolStock);
    }

    /// <summary>Stores a validated PNG/JPEG/WebP (≤ 1 MB) as the prize's picture and points the prize at it.</summary>
    public async Task<Result<string>> SetPictureAsync(Guid prizeId, byte[] data, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var prize = await db.Prizes.SingleOrDefaultAsync(p => p.Id == prizeId, cancellationToken);
        if (prize is null)
        {
            return Result<string>.Failure(NotFound().Error!);
        }

        var made = PrizePicture.Create(prize.TenantId, prize.Id, data, clock);
        if (made.IsFailure)
        {
            return Result<string>.Invalid(made.ValidationErrors);
        }

        var picture = made.Value;
        var current = await db.PrizePictures.SingleOrDefaultAsync(p => p.PrizeId == prizeId, cancellationToken);
        var before = prize.ImageUrl;
        if (current is null)
        {
            db.PrizePictures.Add(picture);
        }
        else
        {
            current.Replace(picture);
        }

        prize.SetImageUrl(picture.Url);
        db.Audit.Add(AuditEntry.Record(prize.TenantId, null, actor, "prize.picture", clock,
            Json(new { picture = before }), Json(new { picture = picture.Url, type = picture.ContentType, bytes = data.Length }), prize.Id));
        await db.SaveChangesAsync(cancellationToken);
        return picture.Url;
    }

    public async Task<Result> RemovePictureAsync(Guid prizeId, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var prize = await db.Prizes.SingleOrDefaultAsync(p => p.Id == prizeId, cancellationToken);
        if (prize is null)
        {
            return NotFound();
        }

        if (await db.PrizePictures.SingleOrDefaultAsync(p => p.PrizeId == prizeId, cancellationToken) is { } picture)
        {
            db.PrizePictures.Remove(picture);
        }

        var before = prize.ImageUrl;
        prize.SetImageUrl(null);
        db.Audit.Add(AuditEntry.Record(prize.TenantId, null, actor, "prize.picture", clock,
            Json(new { picture = before }), Json(new { picture = (string?)null }), prize.Id));
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }

    private static async Task<Result> SaveAsync(LotteryDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success();
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Failure(new Error(ErrorCodes.Concurrency,
                "The prize's stock changed at the same time (an activity was published or ended); reload and try again."));
        }
    }

    private static Result NotFound() => Result.Failure(new Error(ErrorCodes.NotFound, "The prize was not found."));

    private static PrizeSnapshot Snapshot(Prize p) => new(p.Name, p.Kind.ToString(), p.Description, p.UnitCost, p.Points, p.PoolStock, p.IsHighValue);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Web);

    private sealed record PrizeSnapshot(string Name, string Kind, string? Description, decimal UnitCost, int? Points, int Available, bool HighValue);
}
