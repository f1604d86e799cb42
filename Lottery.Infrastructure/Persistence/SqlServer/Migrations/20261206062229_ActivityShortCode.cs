using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lottery.Infrastructure.Persistence.SqlServer.Migrations
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
                type: "varchar(8)",
                unicode: false,
                maxLength: 8,
                nullable: false,
                defaultValue: "");

            // Existing activities get a short code: 8 characters of ShortCodes.Alphabet from 16 bytes of
            // CRYPT_GEN_RANDOM per row (seeded with the row's id, so it is drawn for each row); codes drawn twice are
            // drawn again before the unique index.
            const string alphabet = "23456789bcdfghjkmnpqrstvwxz";
            var draw = string.Join(" + ", Enumerable.Range(0, 8).Select(i =>
                $"SUBSTRING('{alphabet}', 1 + (CAST(SUBSTRING(r.[Bytes], {2 * i + 1}, 2) AS int) % 27), 1)"));
            // In EXEC: a batch is compiled before it runs, and the column is only added by the batch before.
            string Update(string where) => "EXEC(N'" + (
                $"UPDATE a SET a.[ShortCode] = {draw} FROM [Activities] AS a CROSS APPLY (SELECT CRYPT_GEN_RANDOM(16, CAST(a.[Id] AS varbinary(16))) AS [Bytes]) AS r WHERE {where};").Replace("'", "''", StringComparison.Ordinal) + "')";
            migrationBuilder.Sql(Update("a.[ShortCode] = ''"));
            for (var i = 0; i < 3; i++)
            {
                migrationBuilder.Sql(Update("a.[ShortCode] IN (SELECT [ShortCode] FROM [Activities] GROUP BY [ShortCode] HAVING COUNT(*) > 1)"));
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
