using Microsoft.Data.Sqlite;
using Npgsql;

namespace Lottery.TestSupport;

/// <summary>
/// Databases a test creates for itself and drops afterwards, on the PostgreSQL server of <see cref="TestServices.Postgres"/>.
/// </summary>
public static class ThrowawayPostgres
{
    /// <summary>A name no other test uses: <paramref name="prefix"/> and a fresh GUID.</summary>
    public static string NewName(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    /// <summary>The connection string of database <paramref name="name"/> on the test server; <paramref name="tune"/> sets pool sizes and time-outs.</summary>
    public static string ConnectionString(string name, Action<NpgsqlConnectionStringBuilder>? tune = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(TestServices.Postgres) { Database = name };
        tune?.Invoke(builder);
        return builder.ConnectionString;
    }

    public static Task CreateAsync(string name) => ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");

    /// <summary>Drops the database even while a connection the code under test left open still holds it (FORCE).</summary>
    public static Task DropAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        return ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(TestServices.Postgres) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>SQLite database files a test creates in the temp folder and deletes afterwards.</summary>
public static class ThrowawaySqlite
{
    public static string PathFor(string name) => Path.Combine(Path.GetTempPath(), name + ".db");

    /// <summary>Deletes the file and its journals, after closing the pooled connections that hold it.</summary>
    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" })
        {
            try
            {
                File.Delete(path + suffix);
            }
            catch (IOException)
            {
                // Still held open by a pool that outlived the host: the OS cleans its temp folder.
            }
        }
    }
}
