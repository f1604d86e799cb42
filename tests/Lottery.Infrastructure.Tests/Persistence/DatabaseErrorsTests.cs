using System.Reflection;
using Lottery.Infrastructure.Persistence;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Lottery.Infrastructure.Tests.Persistence;

/// <summary>
/// Which database errors are a refusal of the data (never retried, the record goes to the dead letters) and which are
/// transient (retried). SQL Server's errors cannot be produced without an engine, so they are built as the client
/// builds them.
/// </summary>
public sealed class DatabaseErrorsTests
{
    [Theory]
    [InlineData(2627)] // Violation of PRIMARY KEY / UNIQUE constraint
    [InlineData(2601)] // Cannot insert duplicate key row ... with unique index
    [InlineData(547)]  // The INSERT statement conflicted with the FOREIGN KEY / CHECK constraint
    [InlineData(515)]  // Cannot insert the value NULL into column
    public void Sql_server_constraint_errors_are_refusals(int number) =>
        Assert.True(DatabaseErrors.IsConstraintViolation(SqlServerError(number)));

    [Theory]
    [InlineData(1205)] // deadlock victim
    [InlineData(-2)]   // timeout
    [InlineData(4060)] // cannot open database
    public void Sql_server_transient_errors_are_not_refusals(int number) =>
        Assert.False(DatabaseErrors.IsConstraintViolation(SqlServerError(number)));

    [Theory]
    [InlineData("23505", true)] // unique_violation
    [InlineData("23503", true)] // foreign_key_violation
    [InlineData("40001", false)] // serialization_failure
    [InlineData("57P01", false)] // admin_shutdown
    public void Postgres_refusals_are_sqlstate_class_23(string state, bool refusal) =>
        Assert.Equal(refusal, DatabaseErrors.IsConstraintViolation(new PostgresException("m", "ERROR", "ERROR", state)));

    [Fact]
    public void A_sqlite_unique_violation_is_a_refusal()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE t (k INTEGER PRIMARY KEY); INSERT INTO t VALUES (1);";
        command.ExecuteNonQuery();
        command.CommandText = "INSERT INTO t VALUES (1);";

        var error = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());

        Assert.True(DatabaseErrors.IsConstraintViolation(error));
        Assert.False(DatabaseErrors.IsConstraintViolation(new TimeoutException()));
    }

    /// <summary>A <see cref="SqlException"/> carrying one error, built through the client's own internal factory.</summary>
    private static SqlException SqlServerError(int number)
    {
        const BindingFlags Internal = BindingFlags.NonPublic | BindingFlags.Instance;
        var error = (SqlError)typeof(SqlError).GetConstructor(Internal,
            [typeof(int), typeof(byte), typeof(byte), typeof(string), typeof(string), typeof(string), typeof(int), typeof(Exception)])!
            .Invoke([number, (byte)1, (byte)16, "server", $"error {number}", "", 0, null]);
        var errors = (SqlErrorCollection)Activator.CreateInstance(typeof(SqlErrorCollection), nonPublic: true)!;
        typeof(SqlErrorCollection).GetMethod("Add", Internal)!.Invoke(errors, [error]);
        var exception = (SqlException)typeof(SqlException).GetMethod("CreateException", BindingFlags.NonPublic | BindingFlags.Static,
            [typeof(SqlErrorCollection), typeof(string)])!.Invoke(null, [errors, "16.0"])!;
        Assert.Equal(number, exception.Number);
        return exception;
    }
}
