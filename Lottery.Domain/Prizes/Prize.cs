using Lottery.Domain.Common;

namespace Lottery.Domain.Prizes;

/// <summary>
/// A prize in a tenant's catalogue. <see cref="PoolStock"/> is the total stock pool not yet reserved by any activity:
/// publishing an activity takes its pre-allocated quantity from here and ending it returns what was not issued.
/// </summary>
public sealed class Prize : ITenantOwned
{
    private Prize()
    {
        Name = null!;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; }

    public PrizeKind Kind { get; private set; }

    public string? Description { get; private set; }

    public string? ImageUrl { get; private set; }

    /// <summary>What one unit costs the tenant, for the odds and cost simulator and reports.</summary>
    public decimal UnitCost { get; private set; }

    /// <summary>Points credited per win, for <see cref="PrizeKind.Points"/>.</summary>
    public int? Points { get; private set; }

    /// <summary>Units available to reserve (the total pool minus every live activity's pre-allocation).</summary>
    public int PoolStock { get; private set; }

    /// <summary>A high-value prize is only handed to a verified player (e-mail or partner identity); a guest who wins it verifies first.</summary>
    public bool IsHighValue { get; private set; }

    /// <summary>Optimistic concurrency token, incremented on every stock change.</summary>
    public int Version { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Result<Prize> Create(Guid tenantId, string name, PrizeKind kind, int poolStock, TimeProvider clock,
        decimal unitCost = 0, string? description = null, string? imageUrl = null, int? points = null)
    {
        var errors = new List<ValidationError>();
        Validate.Name(errors, "name", name);
        Validate.Range(errors, "stock", poolStock, 0, Limits.MaxStock);
        Validate.MaxLength(errors, "description", description, Limits.DescriptionMaxLength);
        Validate.MaxLength(errors, "imageUrl", imageUrl, Limits.UrlMaxLength);
        if (unitCost < 0)
        {
            errors.Add(new("unitCost", "The unit cost cannot be negative."));
        }

        if (kind == PrizeKind.Points && points is not > 0)
        {
            errors.Add(new("points", "A points prize needs a positive number of points."));
        }

        if (errors.Count > 0)
        {
            return Result<Prize>.Invalid(errors);
        }

        return new Prize
        {
            Id = Ids.New(clock),
            TenantId = tenantId,
            Name = name.Trim(),
            Kind = kind,
            PoolStock = poolStock,
            UnitCost = unitCost,
            Description = description,
            ImageUrl = imageUrl,
            Points = kind == PrizeKind.Points ? points : null,
            CreatedAt = clock.GetUtcNow(),
        };
    }

    /// <summary>Takes <paramref name="quantity"/> units from the pool for an activity; refuses if the pool is short.</summary>
    public Result Reserve(int quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quantity);
        if (quantity > PoolStock)
        {
            return Result.Failure(new Error(ErrorCodes.StockPoolShort,
                $"Prize '{Name}' has {PoolStock} unit(s) left in its pool; {quantity} were requested."));
        }

        PoolStock -= quantity;
        Version++;
        return Result.Success();
    }

    /// <summary>Gives unused units back to the pool (an activity ended or was cancelled).</summary>
    public void Return(int quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quantity);
        PoolStock += quantity;
        Version++;
    }

    /// <summary>An operator changes the pool (restock or write-off); it never goes below zero.</summary>
    public Result AdjustPool(int delta)
    {
        var next = (long)PoolStock + delta;
        if (next < 0)
        {
            return Result.Failure(new Error(ErrorCodes.StockPoolShort,
                $"Prize '{Name}' has {PoolStock} unit(s) in its pool; it cannot lose {-(long)delta}."));
        }

        if (next > Limits.MaxStock)
        {
            return Result.Invalid([new("stock", $"A prize's pool may hold at most {Limits.MaxStock:N0} units.")]);
        }

        PoolStock += delta;
        Version++;
        return Result.Success();
    }

    public void Describe(string? description, string? imageUrl, decimal unitCost)
    {
        Description = description;
        ImageUrl = imageUrl;
        UnitCost = unitCost;
    }

    /// <summary>
    /// An operator edits the catalogue entry. The kind never changes (activities and codes depend on it); a points
    /// prize keeps a positive number of points. Every problem is listed.
    /// </summary>
    public Result Edit(string name, string? description, decimal unitCost, int? points)
    {
        var errors = new List<ValidationError>();
        Validate.Name(errors, "name", name);
        Validate.MaxLength(errors, "description", description, Limits.DescriptionMaxLength);
        if (unitCost < 0)
        {
            errors.Add(new("unitCost", "The unit cost cannot be negative."));
        }

        if (Kind == PrizeKind.Points && points is not > 0)
        {
            errors.Add(new("points", "A points prize needs a positive number of points."));
        }

        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }

        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        UnitCost = unitCost;
        Points = Kind == PrizeKind.Points ? points : null;
        return Result.Success();
    }

    /// <summary>Points the prize at its picture (or at none).</summary>
    public Result SetImageUrl(string? imageUrl)
    {
        var errors = new List<ValidationError>();
        Validate.MaxLength(errors, "imageUrl", imageUrl, Limits.UrlMaxLength);
        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }

        ImageUrl = imageUrl;
        return Result.Success();
    }

    public void MarkHighValue(bool highValue)
    {
        if (IsHighValue != highValue)
        {
            IsHighValue = highValue;
            Version++;
        }
    }
}
