using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Lottery.Infrastructure.Persistence;

/// <summary>
/// Writes new rows of one entity type with multi-row <c>INSERT … VALUES (…), (…)</c> statements built from EF Core's
/// own model: the table and column names, the owned types that share the table (null owned values become NULL columns)
/// and each column's type mapping, which applies the provider's value conversions (SQLite stores instants as ticks).
/// Nothing is tracked: for hot paths that write many rows in one transaction (style rule 12). EF Core has no bulk insert
/// of its own, and the registry holds no bulk-insert extension that supports all three providers (decision 006).
/// Runs in the caller's transaction; the rows must be new (a duplicate key fails the statement).
/// </summary>
public static class BulkInsert
{
    /// <summary>
    /// Parameters per statement: SQL Server accepts at most 2,100, SQLite 32,766, PostgreSQL 65,535; statements are cut
    /// below the smallest.
    /// </summary>
    private const int MaxParameters = 2000;

    public static async Task InsertAsync<T>(this DbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = new List<Column>();
        AddColumns(entityType, table, [], columns);

        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) VALUES ";
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            foreach (var chunk in rows.Chunk(Math.Max(1, MaxParameters / columns.Count)))
            {
                await using var command = connection.CreateCommand();
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                if (db.Database.GetCommandTimeout() is { } timeout)
                {
                    command.CommandTimeout = timeout;
                }

                command.CommandText = Build(command, sql, head, columns, chunk);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Build(DbCommand command, ISqlGenerationHelper sql, string head, List<Column> columns, IEnumerable<object> rows)
    {
        var text = new StringBuilder(head);
        var n = 0;
        foreach (var row in rows)
        {
            text.Append(n == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var name = "p" + n++.ToString(System.Globalization.CultureInfo.InvariantCulture);
                command.Parameters.Add(columns[c].Mapping.CreateParameter(command, sql.GenerateParameterName(name), columns[c].Read(row), nullable: true));
                text.Append(c == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
            }

            text.Append(')');
        }

        return text.ToString();
    }

    /// <summary>The columns of <paramref name="type"/> in the table, then those of its owned types (each column once).</summary>
    private static void AddColumns(IEntityType type, StoreObjectIdentifier table, IReadOnlyList<INavigation> path, List<Column> columns)
    {
        foreach (var property in type.GetProperties())
        {
            var name = property.GetColumnName(table);
            if (name is null || columns.Any(c => c.Name == name))
            {
                // Not in this table, or an owned type's copy of its owner's key (the same column).
                continue;
            }

            if (property.IsShadowProperty())
            {
                throw new InvalidOperationException($"{type.DisplayName()}.{property.Name} is a shadow property; bulk insert reads CLR values only.");
            }

            var getter = property.GetGetter();
            columns.Add(new Column(name, property.GetRelationalTypeMapping(), row => Owned(row, path) is { } owner ? getter.GetClrValue(owner) : null));
        }

        foreach (var navigation in type.GetNavigations().Where(n => n.TargetEntityType.IsOwned() && n.TargetEntityType.GetTableName() == table.Name))
        {
            AddColumns(navigation.TargetEntityType, table, [.. path, navigation], columns);
        }
    }

    /// <summary>Follows owned navigations from the row; null when an owned value on the way is null.</summary>
    private static object? Owned(object row, IReadOnlyList<INavigation> path)
    {
        object? current = row;
        foreach (var navigation in path)
        {
            current = current is null ? null : navigation.GetGetter().GetClrValue(current);
        }

        return current;
    }

    private sealed record Column(string Name, RelationalTypeMapping Mapping, Func<object, object?> Read);
}
