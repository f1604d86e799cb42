using System.ComponentModel.DataAnnotations;

namespace Lottery.Infrastructure.Persistence;

/// <summary>
/// <c>Database:Provider</c>. SQLite and PostgreSQL are tested against a live engine; SQL Server's migrations are checked
/// as a generated T-SQL script only (no engine runs in the test environment).
/// </summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    SqlServer,
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
