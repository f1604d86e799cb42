using System.Text.RegularExpressions;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Lottery.Infrastructure.Tests.Persistence;

/// <summary>
/// No SQL Server engine runs in the test environment, so the SQL Server migration set is checked as a script instead
/// of applied (SQLite and PostgreSQL apply theirs in <see cref="MigrationTests{TDatabase}"/>): it matches the model,
/// its idempotent T-SQL creates every table, index and concurrency column of the model, and the model stays inside
/// the rules SQL Server checks only when the script runs (cascade paths, index key sizes). The connection string
/// points at a closed port with a one-second timeout, so anything that tried to reach a server would fail.
/// </summary>
public sealed partial class SqlServerMigrationTests
{
    private const string NoServer = "Server=tcp:127.0.0.1,9;Database=lottery_script;Connect Timeout=1;Encrypt=False";

    /// <summary>SQL Server's index key limits: 900 bytes for a clustered index (the primary keys), 1700 otherwise.</summary>
    private const int ClusteredKeyBytes = 900;
    private const int NonClusteredKeyBytes = 1700;

    private static SqlServerLotteryDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<SqlServerLotteryDbContext>().UseSqlServer(NoServer).Options, new TenantScope());

    private static IModel DesignModel(DbContext db) => db.GetService<IDesignTimeModel>().Model;

    [Fact]
    public void The_model_builds_for_sql_server_with_its_own_migration_set()
    {
        using var db = CreateContext();

        Assert.True(db.Database.IsSqlServer());
        Assert.NotEmpty(DesignModel(db).GetEntityTypes());
        var migrations = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(migrations);
        Assert.All(db.GetService<IMigrationsAssembly>().Migrations.Values, m =>
            Assert.Equal("Lottery.Infrastructure.Persistence.SqlServer.Migrations", m.Namespace));
    }

    [Fact]
    public void The_migrations_match_the_model_so_no_model_change_is_pending()
    {
        using var db = CreateContext();

        Assert.False(db.Database.HasPendingModelChanges(),
            "The SqlServer model has changes no migration captures: run scripts/add-migration.sh <Name>.");
    }

    [Fact]
    public void The_idempotent_script_guards_every_migration_and_creates_every_table_index_and_concurrency_column()
    {
        using var db = CreateContext();
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        var model = DesignModel(db).GetRelationalModel();

        foreach (var migration in db.Database.GetMigrations())
        {
            Assert.Contains($"WHERE [MigrationId] = N'{migration}'", script, StringComparison.Ordinal);
        }

        Assert.NotEmpty(model.Tables);
        foreach (var table in model.Tables)
        {
            var create = CreateTableStatement(script, table.Name);
            foreach (var column in table.Columns)
            {
                // Created with its table, or added by a later migration.
                var definition = ColumnDefinition(column);
                Assert.True(create.Contains(definition, StringComparison.Ordinal)
                    || script.Contains($"ALTER TABLE [{table.Name}] ADD {definition}", StringComparison.Ordinal), $"[{table.Name}] {definition}");
            }

            foreach (var index in table.Indexes)
            {
                var unique = index.IsUnique ? "UNIQUE " : "";
                var columns = string.Join(", ", index.Columns.Select(c => $"[{c.Name}]"));
                // A unique index over a nullable column carries EF's IS NOT NULL filter: NULLs stay distinct as on the
                // other providers, instead of SQL Server's one-NULL-per-index.
                var filter = index.Filter is { } f ? $" WHERE {f}" : ";";
                Assert.Contains($"CREATE {unique}INDEX [{index.Name}] ON [{table.Name}] ({columns}){filter}", script, StringComparison.Ordinal);
            }
        }

        // The optimistic-concurrency columns: the app's integer Version tokens and Identity's ConcurrencyStamp.
        var tokens = model.Tables.SelectMany(t => t.Columns
                .Where(c => c.PropertyMappings.Any(m => m.Property.IsConcurrencyToken))
                .Select(c => (Table: t.Name, Column: c)))
            .ToList();
        Assert.Contains(tokens, t => t is { Table: "Activities", Column: { Name: "Version", StoreType: "int" } });
        Assert.Contains(tokens, t => t is { Table: "ActivityPrizes", Column: { Name: "Version", StoreType: "int" } });
        foreach (var (table, column) in tokens)
        {
            Assert.Contains(ColumnDefinition(column), CreateTableStatement(script, table), StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// SQL Server refuses a foreign key whose cascade could reach a table along a second path or in a cycle (error
    /// 1785); SQLite and PostgreSQL accept it, so only this check finds it before a SQL Server deployment does.
    /// </summary>
    [Fact]
    public void No_table_is_reached_by_two_cascade_paths_or_a_cascade_cycle()
    {
        using var db = CreateContext();
        var cascades = DesignModel(db).GetRelationalModel().Tables
            .SelectMany(t => t.ForeignKeyConstraints)
            .Where(fk => fk.OnDeleteAction is not (ReferentialAction.NoAction or ReferentialAction.Restrict))
            .ToLookup(fk => fk.PrincipalTable.Name, fk => fk.Table.Name);
        Assert.NotEmpty(cascades);

        foreach (var start in cascades.Select(g => g.Key))
        {
            var reached = new Dictionary<string, int>();
            Walk(start, [start]);

            void Walk(string table, List<string> path)
            {
                foreach (var dependent in cascades[table])
                {
                    Assert.False(path.Contains(dependent), $"Cascade cycle: {string.Join(" -> ", path)} -> {dependent}.");
                    reached[dependent] = reached.GetValueOrDefault(dependent) + 1;
                    Assert.True(reached[dependent] == 1, $"Deleting from {start} cascades to {dependent} along more than one path.");
                    Walk(dependent, [.. path, dependent]);
                }
            }
        }
    }

    /// <summary>
    /// A key or index column SQL Server cannot index (<c>nvarchar(max)</c>) fails the migration; one that is too wide
    /// for the key limit is created with a warning and then refuses the first long value. Both are caught here.
    /// </summary>
    [Fact]
    public void Every_key_and_index_fits_sql_servers_index_key_limit()
    {
        using var db = CreateContext();
        var keys = DesignModel(db).GetRelationalModel().Tables.SelectMany(t =>
            t.UniqueConstraints.Select(k => (Name: k.Name, k.Columns, Limit: k.GetIsPrimaryKey() ? ClusteredKeyBytes : NonClusteredKeyBytes))
                .Concat(t.Indexes.Select(i => (i.Name, i.Columns, Limit: NonClusteredKeyBytes))));

        foreach (var (name, columns, limit) in keys)
        {
            var bytes = columns.Sum(c => KeyBytes(c.StoreType));
            Assert.True(bytes <= limit, $"{name} is {bytes} bytes wide; SQL Server allows {limit}.");
        }
    }

    private static int KeyBytes(string storeType)
    {
        if (StringType().Match(storeType) is { Success: true } text)
        {
            Assert.True(text.Groups["length"].Value != "max", $"A {storeType} column cannot be part of an index key.");
            return int.Parse(text.Groups["length"].Value, System.Globalization.CultureInfo.InvariantCulture)
                * (text.Groups["unicode"].Success ? 2 : 1);
        }

        return storeType switch
        {
            "uniqueidentifier" => 16,
            "int" => 4,
            "bigint" => 8,
            "bit" => 1,
            "datetimeoffset" => 10,
            "datetime2" => 8,
            "date" => 3,
            _ => throw new Xunit.Sdk.XunitException($"Key size of {storeType} unknown to this test: add it."),
        };
    }

    private static string ColumnDefinition(IColumn column) =>
        $"[{column.Name}] {column.StoreType}{(column.IsNullable ? " NULL" : " NOT NULL")}";

    private static string CreateTableStatement(string script, string table)
    {
        var start = script.IndexOf($"CREATE TABLE [{table}] (", StringComparison.Ordinal);
        Assert.True(start >= 0, $"The script creates no table [{table}].");
        var end = StatementEnd().Match(script, start);
        Assert.True(end.Success, $"The CREATE TABLE [{table}] statement has no end.");
        return script[start..end.Index];
    }

    [GeneratedRegex(@"\n\s*\);")]
    private static partial Regex StatementEnd();

    [GeneratedRegex(@"^(?<unicode>n)?(var)?char\((?<length>\d+|max)\)$")]
    private static partial Regex StringType();
}
