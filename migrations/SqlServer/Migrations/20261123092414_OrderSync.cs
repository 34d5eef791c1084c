using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ErpAmazonModule.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class OrderSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AmazonOrderLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AccountId = table.Column<int>(type: "int", nullable: false),
                    AmazonOrderId = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    MarketplaceId = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    AmazonStatus = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: true),
                    FulfillmentChannel = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    PurchaseDate = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    LastUpdateDate = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    SalesOrderId = table.Column<int>(type: "int", nullable: true),
                    AmazonTotal = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    ErpTotal = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    TaxDifference = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    CurrencyCode = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: true),
                    State = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    LastError = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    FailedAttempts = table.Column<int>(type: "int", nullable: false),
                    UpdatedOn = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AmazonOrderLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AmazonOrderLinks_AmazonAccounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AmazonAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AmazonSyncRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AccountId = table.Column<int>(type: "int", nullable: false),
                    Trigger = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    State = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    QueuedOn = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    StartedOn = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    EndedOn = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    WindowFrom = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    WindowTo = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    OrdersSeen = table.Column<int>(type: "int", nullable: false),
                    OrdersCreated = table.Column<int>(type: "int", nullable: false),
                    OrdersUpdated = table.Column<int>(type: "int", nullable: false),
                    OrdersSkipped = table.Column<int>(type: "int", nullable: false),
                    OrdersFailed = table.Column<int>(type: "int", nullable: false),
                    PagesRead = table.Column<int>(type: "int", nullable: false),
                    ThrottleWaits = table.Column<int>(type: "int", nullable: false),
                    ThrottleWaitMilliseconds = table.Column<long>(type: "bigint", nullable: false),
                    Progress = table.Column<int>(type: "int", nullable: false),
                    Error = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AmazonSyncRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AmazonSyncRuns_AmazonAccounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AmazonAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AmazonOrderItemLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OrderLinkId = table.Column<int>(type: "int", nullable: false),
                    OrderItemId = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Sku = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ProductId = table.Column<int>(type: "int", nullable: false),
                    QuantityOrdered = table.Column<int>(type: "int", nullable: false),
                    QuantityShipped = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AmazonOrderItemLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AmazonOrderItemLinks_AmazonOrderLinks_OrderLinkId",
                        column: x => x.OrderLinkId,
                        principalTable: "AmazonOrderLinks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AmazonOrderItemLinks_OrderLinkId_OrderItemId",
                table: "AmazonOrderItemLinks",
                columns: new[] { "OrderLinkId", "OrderItemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AmazonOrderLinks_AccountId_AmazonOrderId",
                table: "AmazonOrderLinks",
                columns: new[] { "AccountId", "AmazonOrderId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AmazonOrderLinks_AccountId_State",
                table: "AmazonOrderLinks",
                columns: new[] { "AccountId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_AmazonOrderLinks_SalesOrderId",
                table: "AmazonOrderLinks",
                column: "SalesOrderId");

            migrationBuilder.CreateIndex(
                name: "IX_AmazonSyncRuns_AccountId_QueuedOn",
                table: "AmazonSyncRuns",
                columns: new[] { "AccountId", "QueuedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AmazonOrderItemLinks");

            migrationBuilder.DropTable(
                name: "AmazonSyncRuns");

            migrationBuilder.DropTable(
                name: "AmazonOrderLinks");
        }
    }
}
