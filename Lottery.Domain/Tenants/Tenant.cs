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
