using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ErpAmazonModule.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class FinancialEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "FinancesWatermark",
                table: "AmazonAccounts",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AmazonFinancialEvents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AccountId = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    AmazonOrderId = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    PostedDate = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CurrencyCode = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    Charges = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Fees = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Promotions = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    TaxWithheld = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Total = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    EventKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    ImportedOn = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AmazonFinancialEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AmazonFinancialEvents_AmazonAccounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AmazonAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AmazonFinancialEventAmounts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    EventId = table.Column<int>(type: "int", nullable: false),
                    OrderItemId = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    SellerSku = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Type = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Amount = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AmazonFinancialEventAmounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AmazonFinancialEventAmounts_AmazonFinancialEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "AmazonFinancialEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AmazonFinancialEventAmounts_EventId",
                table: "AmazonFinancialEventAmounts",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_AmazonFinancialEvents_AccountId_AmazonOrderId",
                table: "AmazonFinancialEvents",
                columns: new[] { "AccountId", "AmazonOrderId" });

            migrationBuilder.CreateIndex(
                name: "IX_AmazonFinancialEvents_AccountId_EventKey",
                table: "AmazonFinancialEvents",
                columns: new[] { "AccountId", "EventKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AmazonFinancialEvents_PostedDate",
                table: "AmazonFinancialEvents",
                column: "PostedDate");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AmazonFinancialEventAmounts");

            migrationBuilder.DropTable(
                name: "AmazonFinancialEvents");

            migrationBuilder.DropColumn(
                name: "FinancesWatermark",
                table: "AmazonAccounts");
        }
    }
}
