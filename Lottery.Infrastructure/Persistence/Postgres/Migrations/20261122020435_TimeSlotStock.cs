using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lottery.Infrastructure.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class TimeSlotStock : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SlotMinutes",
                table: "PrizeSlot",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SlotQuotas",
                table: "PrizeSlot",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SlotMinutes",
                table: "PrizeSlot");

            migrationBuilder.DropColumn(
                name: "SlotQuotas",
                table: "PrizeSlot");
        }
    }
}
