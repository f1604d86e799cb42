using System.ComponentModel.DataAnnotations;

namespace Lottery.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Section <c>Database</c>. The connection string is <c>ConnectionStrings:Lottery</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the app starts.</summary>
    public bool MigrateAtStart { get; set; } = true;

    [Required]
    public string ConnectionString { get; set; } = "";
}
