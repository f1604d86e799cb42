using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lottery.Infrastructure.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ActivityShortCode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ShortCode",
                table: "Activities",
                type: "TEXT",
                unicode: false,
                maxLength: 8,
                nullable: false,
                defaultValue: "");

            // Existing activities get a short code: 8 characters of ShortCodes.Alphabet from SQLite's random() (its
            // generator is ChaCha20 seeded by the OS); codes drawn twice are drawn again before the unique index.
            const string alphabet = "23456789bcdfghjkmnpqrstvwxz";
            var draw = string.Join(" || ", Enumerable.Repeat($"substr('{alphabet}', 1 + ((random() & 2147483647) % 27), 1)", 8));
            migrationBuilder.Sql($"UPDATE \"Activities\" SET \"ShortCode\" = {draw} WHERE \"ShortCode\" = '';");
            for (var i = 0; i < 3; i++)
            {
                migrationBuilder.Sql($"UPDATE \"Activities\" SET \"ShortCode\" = {draw} WHERE \"ShortCode\" IN (SELECT \"ShortCode\" FROM \"Activities\" GROUP BY \"ShortCode\" HAVING COUNT(*) > 1);");
            }

            migrationBuilder.CreateIndex(
                name: "IX_Activities_ShortCode",
                table: "Activities",
                column: "ShortCode",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Activities_ShortCode",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "ShortCode",
                table: "Activities");
        }
    }
}
