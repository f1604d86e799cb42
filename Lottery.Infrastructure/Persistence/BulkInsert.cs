using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
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
/// What it reads from the model (columns, getters, the statement's head, parameter names) is worked out once per model
/// and entity type, not per call.
/// </summary>
public static class BulkInsert
{
    /// <summary>
    /// Parameters per statement: SQL Server accepts at most 2,100, SQLite 32,766, PostgreSQL 65,535; statements are cut
    /// below the smallest.
    /// </summary>
    private const int MaxParameters = 2000;

    /// <summary>
    /// Parameters per statement on SQLite. Microsoft.Data.Sqlite binds each parameter by name, and SQLite finds a name by
    /// walking the statement's list of names (<c>sqlite3_bind_parameter_index</c>): binding a statement of n parameters
    /// costs n²/2 string comparisons. At 2,000 that was the largest single item of the draw path's CPU profile
    /// (docs/profiles/draw-path.md); around a hundred keeps binding and the per-statement overhead both small.
    /// </summary>
    private const int SqliteMaxParameters = 128;

    private static readonly ConditionalWeakTable<IModel, ConcurrentDictionary<Type, Plan>> Plans = [];

    public static async Task InsertAsync<T>(this DbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var plan = Plans.GetOrCreateValue(db.Model).GetOrAdd(typeof(T), static (type, db) => Plan.For(db, type), db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            foreach (var chunk in rows.Chunk(plan.RowsPerStatement))
            {
                await using var command = connection.CreateCommand();
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                if (db.Database.GetCommandTimeout() is { } timeout)
                {
                    command.CommandTimeout = timeout;
                }

                command.CommandText = plan.Build(command, chunk);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>How rows of one entity type are inserted with one model: the columns, and the SQL's fixed parts.</summary>
    private sealed class Plan
    {
        private readonly string _head;
        private readonly Column[] _columns;
        private readonly string[] _names;
        private readonly string[] _placeholders;

        private Plan(string head, Column[] columns, string[] names, string[] placeholders, int rowsPerStatement)
        {
            _head = head;
            _columns = columns;
            _names = names;
            _placeholders = placeholders;
            RowsPerStatement = rowsPerStatement;
        }

        public int RowsPerStatement { get; }

        public static Plan For(DbContext db, Type clrType)
        {
            var entityType = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not in the model.");
            var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            var columns = new List<Column>();
            AddColumns(entityType, table, [], columns);

            var sql = db.GetService<ISqlGenerationHelper>();
            var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) VALUES ";
            var limit = db.Database.IsSqlite() ? SqliteMaxParameters : MaxParameters;
            var rowsPerStatement = Math.Max(1, limit / columns.Count);
            var count = rowsPerStatement * columns.Count;
            var names = new string[count];
            var placeholders = new string[count];
            for (var i = 0; i < count; i++)
            {
                var name = "p" + i.ToString(CultureInfo.InvariantCulture);
                names[i] = sql.GenerateParameterName(name);
                placeholders[i] = sql.GenerateParameterNamePlaceholder(name);
            }

            return new Plan(head, [.. columns], names, placeholders, rowsPerStatement);
        }

        public string Build(DbCommand command, object[] rows)
        {
            var text = new StringBuilder(_head, _head.Length + (rows.Length * _columns.Length * 8));
            var n = 0;
            foreach (var row in rows)
            {
                text.Append(n == 0 ? "(" : ", (");
                for (var c = 0; c < _columns.Length; c++, n++)
                {
                    var column = _columns[c];
                    command.Parameters.Add(column.Mapping.CreateParameter(command, _names[n], column.Read(row), nullable: true));
                    if (c > 0)
                    {
                        text.Append(", ");
                    }

                    text.Append(_placeholders[n]);
                }

                text.Append(')');
            }

            return text.ToString();
        }
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
            var owners = path.Select(n => n.GetGetter()).ToArray();
            columns.Add(new Column(name, property.GetRelationalTypeMapping(), owners.Length == 0
                ? getter.GetClrValue
                : row => Owned(row, owners) is { } owner ? getter.GetClrValue(owner) : null));
        }

        foreach (var navigation in type.GetNavigations().Where(n => n.TargetEntityType.IsOwned() && n.TargetEntityType.GetTableName() == table.Name))
        {
            AddColumns(navigation.TargetEntityType, table, [.. path, navigation], columns);
        }
    }

    /// <summary>Follows owned navigations from the row; null when an owned value on the way is null.</summary>
    private static object? Owned(object row, IClrPropertyGetter[] path)
    {
        object? current = row;
        foreach (var getter in path)
        {
            current = current is null ? null : getter.GetClrValue(current);
        }

        return current;
    }

    private sealed record Column(string Name, RelationalTypeMapping Mapping, Func<object, object?> Read);
}
