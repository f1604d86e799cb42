using Lottery.Domain.Players;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Lottery.Infrastructure.Tests.Persistence;

/// <summary>
/// Players became identities with many sessions (migration PlayerIdentityAndRisk): a guest who played before keeps
/// playing with the token it has, because its token becomes its one session.
/// </summary>
public abstract class PlayerSessionMigrationTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    [Fact]
    public async Task A_guest_token_from_before_the_migration_becomes_the_players_session()
    {
        var id = Guid.CreateVersion7();
        var tokenHash = new string('a', 64);
        var createdAt = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        await using (var db = database.CreateContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var added = migrations.FindIndex(m => m.EndsWith("_PlayerIdentityAndRisk", StringComparison.Ordinal));
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[added - 1]);

            // The old schema: the token hash sat on the player row.
            // SQLite stores ids as text and instants as DateTimeOffsetToBinaryConverter's numbers (LotteryDbContext).
            var sqlite = db.Database.IsSqlite();
            object key = sqlite ? id.ToString().ToUpperInvariant() : id;
            object at = sqlite ? new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertToProvider(createdAt)! : createdAt;
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "Players" ("Id", "Nickname", "TokenHash", "Source", "CreatedAt") VALUES ({key}, {"Mia"}, {tokenHash}, {"wechat"}, {at})""");
            await migrator.MigrateAsync();
        }

        await using var after = database.CreateContext();
        var player = await after.Players.SingleAsync(p => p.Id == id);
        Assert.Equal(PlayerIdentityKind.Guest, player.Kind);
        Assert.Null(player.IdentityKey);
        Assert.Equal("Mia", player.Nickname);
        var session = await after.PlayerSessions.SingleAsync(s => s.PlayerId == id);
        Assert.Equal(tokenHash, session.TokenHash);
        Assert.Equal(createdAt, session.CreatedAt);
    }
}

public sealed class SqlitePlayerSessionMigrationTests(SqliteDatabase database) : PlayerSessionMigrationTests<SqliteDatabase>(database);

public sealed class PostgresPlayerSessionMigrationTests(PostgresDatabase database) : PlayerSessionMigrationTests<PostgresDatabase>(database);
