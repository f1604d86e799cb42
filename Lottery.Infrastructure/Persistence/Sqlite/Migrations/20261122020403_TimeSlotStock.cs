using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lottery.Infrastructure.Persistence.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SlotQuotas",
                table: "PrizeSlot",
                type: "TEXT",
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
