using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lottery.Infrastructure.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PrizePicturesAndAuditPrize : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "PrizeId",
                table: "Audit",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PrizePictures",
                columns: table => new
                {
                    PrizeId = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContentType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Data = table.Column<byte[]>(type: "bytea", nullable: false),
                    ETag = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrizePictures", x => x.PrizeId);
                    table.ForeignKey(
                        name: "FK_PrizePictures_Prizes_PrizeId",
                        column: x => x.PrizeId,
                        principalTable: "Prizes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Audit_TenantId_At",
                table: "Audit",
                columns: new[] { "TenantId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Audit_TenantId_PrizeId_At",
                table: "Audit",
                columns: new[] { "TenantId", "PrizeId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_PrizePictures_TenantId",
                table: "PrizePictures",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PrizePictures");

            migrationBuilder.DropIndex(
                name: "IX_Audit_TenantId_At",
                table: "Audit");

            migrationBuilder.DropIndex(
                name: "IX_Audit_TenantId_PrizeId_At",
                table: "Audit");

            migrationBuilder.DropColumn(
                name: "PrizeId",
                table: "Audit");
        }
    }
}
