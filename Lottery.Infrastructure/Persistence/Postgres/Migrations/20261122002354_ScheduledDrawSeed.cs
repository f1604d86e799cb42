using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lottery.Infrastructure.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ScheduledDrawSeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EntrantsHash",
                table: "Activities",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Seed",
                table: "Activities",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SeedCommitment",
                table: "Activities",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EntrantsHash",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "Seed",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "SeedCommitment",
                table: "Activities");
        }
    }
}
