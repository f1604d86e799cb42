using Lottery.Domain.Common;

namespace Lottery.Domain.Tenants;

/// <summary>A customer of the platform (a SaaS namespace): owns activities, prizes, staff and API keys.</summary>
public sealed class Tenant
{
    private Tenant()
    {
        Name = null!;
        Slug = null!;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>URL-safe, unique short name.</summary>
    public string Slug { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Stop-loss: when set, every draw, task and entry of the tenant's activities is refused until resumed.</summary>
    public DateTimeOffset? DrawsStoppedAt { get; private set; }

    public string? DrawsStoppedBy { get; private set; }

    public string? DrawsStoppedReason { get; private set; }

    /// <summary>Leading zero bits a guest's proof of work must have; null: the platform's default (<c>Players:ProofOfWork</c>).</summary>
    public int? ProofOfWorkDifficulty { get; private set; }

    /// <summary>More wins than this from one address in a day are held for review; null: the platform's default.</summary>
    public int? WinsPerAddressPerDay { get; private set; }

    /// <summary>Grows with every change of the tenant's risk controls (block list, stop-loss, settings), so nodes can tell their cached copy is stale.</summary>
    public int RiskVersion { get; private set; }

    public const int StopReasonMaxLength = 500;

    /// <summary>Stops every draw of the tenant (stop-loss). Stopping a stopped tenant keeps the first stop.</summary>
    public Result StopDraws(string by, string? reason, TimeProvider clock)
    {
        var why = reason?.Trim();
        if (why is { Length: > StopReasonMaxLength })
        {
            return Result.Invalid([new("reason", $"At most {StopReasonMaxLength} characters.")]);
        }

        if (DrawsStoppedAt is null)
        {
            DrawsStoppedAt = clock.GetUtcNow();
            DrawsStoppedBy = by;
            DrawsStoppedReason = string.IsNullOrEmpty(why) ? null : why;
            RiskVersion++;
        }

        return Result.Success();
    }

    public void ResumeDraws()
    {
        if (DrawsStoppedAt is not null)
        {
            DrawsStoppedAt = null;
            DrawsStoppedBy = null;
            DrawsStoppedReason = null;
            RiskVersion++;
        }
    }

    /// <summary>Sets the tenant's risk settings (null: the platform's default).</summary>
    public Result SetRiskSettings(int? proofOfWorkDifficulty, int? winsPerAddressPerDay)
    {
        var errors = new List<ValidationError>();
        Validate.Range(errors, "proofOfWorkDifficulty", proofOfWorkDifficulty, 0, 32);
        Validate.Range(errors, "winsPerAddressPerDay", winsPerAddressPerDay, 1, 100_000);
        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }

        ProofOfWorkDifficulty = proofOfWorkDifficulty;
        WinsPerAddressPerDay = winsPerAddressPerDay;
        RiskVersion++;
        return Result.Success();
    }

    public static Result<Tenant> Create(string name, string slug, TimeProvider clock)
    {
        var errors = new List<ValidationError>();
        Validate.Name(errors, "name", name);
        if (string.IsNullOrWhiteSpace(slug) || slug.Length > 50 || !slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            errors.Add(new("slug", "The slug must be 1-50 characters of lower-case letters, digits and '-'."));
        }

        if (errors.Count > 0)
        {
            return Result<Tenant>.Invalid(errors);
        }

        return new Tenant { Id = Ids.New(clock), Name = name.Trim(), Slug = slug, CreatedAt = clock.GetUtcNow() };
    }
}
