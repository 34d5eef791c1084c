using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ErpAmazonModule.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class DataProtection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "BuyerDataErasedOn",
                table: "AmazonOrderLinks",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AmazonAuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    User = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    RemoteAddress = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Action = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    EntityType = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    EntityKey = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Changes = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AmazonAuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AmazonDataPurges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    StartedOn = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    EndedOn = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    RetentionDays = table.Column<int>(type: "int", nullable: false),
                    Orders = table.Column<int>(type: "int", nullable: false),
                    Partners = table.Column<int>(type: "int", nullable: false),
                    Kept = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    AuditEntriesPurged = table.Column<int>(type: "int", nullable: false),
                    Error = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AmazonDataPurges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AmazonAuditEntries_At",
                table: "AmazonAuditEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AmazonAuditEntries_EntityType_EntityKey",
                table: "AmazonAuditEntries",
                columns: new[] { "EntityType", "EntityKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AmazonAuditEntries");

            migrationBuilder.DropTable(
                name: "AmazonDataPurges");

            migrationBuilder.DropColumn(
                name: "BuyerDataErasedOn",
                table: "AmazonOrderLinks");
        }
    }
}
