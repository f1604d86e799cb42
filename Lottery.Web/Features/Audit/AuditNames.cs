namespace Lottery.Web.Features.Audit;

/// <summary>
/// The names an audit page needs instead of ids: activities, prizes, tiers, players and wins by id, and staff members'
/// display names by the account name recorded as the actor. Loaded once per page by <see cref="AuditQueries"/>.
/// </summary>
public sealed class AuditNames(IReadOnlyDictionary<Guid, string> things, IReadOnlyDictionary<string, string> people)
{
    public static AuditNames Empty { get; } = new(new Dictionary<Guid, string>(), new Dictionary<string, string>());

    /// <summary>The name of whatever has this id, or null when it is unknown (deleted, or never in this organisation).</summary>
    public string? Of(Guid id) => things.TryGetValue(id, out var name) ? name : null;

    /// <summary>Who an actor is, in words: a staff member's display name, "System", or which API key.</summary>
    public string Person(string actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (people.TryGetValue(actor, out var name) && !string.IsNullOrWhiteSpace(name))
        {
            return name;
        }

        if (string.Equals(actor, "system", StringComparison.OrdinalIgnoreCase))
        {
            return "System (automatic)";
        }

        const string key = "api-key:";
        return actor.StartsWith(key, StringComparison.OrdinalIgnoreCase) ? $"API key {actor[key.Length..]}…"
            : string.IsNullOrWhiteSpace(actor) ? "Someone (not recorded)" : actor;
    }
}
