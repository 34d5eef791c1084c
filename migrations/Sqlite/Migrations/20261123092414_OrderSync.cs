using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ErpAmazonModule.Migrations.Sqlite.Migrations
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    AmazonOrderId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    MarketplaceId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    AmazonStatus = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    FulfillmentChannel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    PurchaseDate = table.Column<long>(type: "INTEGER", nullable: true),
                    LastUpdateDate = table.Column<long>(type: "INTEGER", nullable: true),
                    SalesOrderId = table.Column<int>(type: "INTEGER", nullable: true),
                    AmazonTotal = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: true),
                    ErpTotal = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: true),
                    TaxDifference = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    CurrencyCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    FailedAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedOn = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    QueuedOn = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedOn = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedOn = table.Column<long>(type: "INTEGER", nullable: true),
                    WindowFrom = table.Column<long>(type: "INTEGER", nullable: true),
                    WindowTo = table.Column<long>(type: "INTEGER", nullable: true),
                    OrdersSeen = table.Column<int>(type: "INTEGER", nullable: false),
                    OrdersCreated = table.Column<int>(type: "INTEGER", nullable: false),
                    OrdersUpdated = table.Column<int>(type: "INTEGER", nullable: false),
                    OrdersSkipped = table.Column<int>(type: "INTEGER", nullable: false),
                    OrdersFailed = table.Column<int>(type: "INTEGER", nullable: false),
                    PagesRead = table.Column<int>(type: "INTEGER", nullable: false),
                    ThrottleWaits = table.Column<int>(type: "INTEGER", nullable: false),
                    ThrottleWaitMilliseconds = table.Column<long>(type: "INTEGER", nullable: false),
                    Progress = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrderLinkId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrderItemId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProductId = table.Column<int>(type: "INTEGER", nullable: false),
                    QuantityOrdered = table.Column<int>(type: "INTEGER", nullable: false),
                    QuantityShipped = table.Column<int>(type: "INTEGER", nullable: false)
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
