using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Lottery.Infrastructure.Persistence;

/// <summary>How each provider says that it refused the data itself, as opposed to failing to run the statement.</summary>
public static class DatabaseErrors
{
    /// <summary>
    /// A constraint refused the write: unique key, foreign key, not null or check. Writing the same data again cannot
    /// succeed. PostgreSQL: SQLSTATE class 23 (integrity constraint violation). SQLite: <c>SQLITE_CONSTRAINT</c> (19).
    /// SQL Server: 2627 (unique or primary key constraint), 2601 (unique index), 547 (foreign key or check
    /// constraint), 515 (null into a not-null column).
    /// </summary>
    public static bool IsConstraintViolation(Exception exception) => exception switch
    {
        PostgresException { SqlState: var state } => state.StartsWith("23", StringComparison.Ordinal),
        SqliteException { SqliteErrorCode: 19 } => true,
        SqlException { Number: 2627 or 2601 or 547 or 515 } => true,
        _ => false,
    };
}
