using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ErpAmazonModule.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AmazonAccounts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Api = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Region = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    SellerId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ProtectedAuthorizationToken = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AuthorizationTokenMask = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CheckedEndpoint = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CompanyId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Salesperson = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    SalesTeam = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    SyncIntervalMinutes = table.Column<int>(type: "integer", nullable: false),
                    LastSyncWatermark = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    NextSyncOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AuthorizedOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AuthorizationExpiresOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AmazonAccounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AmazonDefaultProducts",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ProductId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    UpdatedOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AmazonDefaultProducts", x => x.Kind);
                });

            migrationBuilder.CreateTable(
                name: "AmazonMarketplaces",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CountryCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Endpoint = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ApiIdentifier = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Region = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    CurrencyCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    PricesIncludeTax = table.Column<bool>(type: "boolean", nullable: false),
                    IsBuiltIn = table.Column<bool>(type: "boolean", nullable: false),
                    SpApiOnly = table.Column<bool>(type: "boolean", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AmazonMarketplaces", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AmazonOrderLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AccountId = table.Column<int>(type: "integer", nullable: false),
                    AmazonOrderId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    MarketplaceId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    AmazonStatus = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    FulfillmentChannel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    PurchaseDate = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastUpdateDate = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SalesOrderId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AmazonTotal = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    ErpTotal = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    TaxDifference = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    CurrencyCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    FailedAttempts = table.Column<int>(type: "integer", nullable: false),
                    FailedUpdateDate = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    NextAttemptOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UpdatedOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AccountId = table.Column<int>(type: "integer", nullable: false),
                    Trigger = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    QueuedOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndedOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WindowFrom = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WindowTo = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OrdersSeen = table.Column<int>(type: "integer", nullable: false),
                    OrdersCreated = table.Column<int>(type: "integer", nullable: false),
                    OrdersUpdated = table.Column<int>(type: "integer", nullable: false),
                    OrdersSkipped = table.Column<int>(type: "integer", nullable: false),
                    OrdersFailed = table.Column<int>(type: "integer", nullable: false),
                    PagesRead = table.Column<int>(type: "integer", nullable: false),
                    ThrottleWaits = table.Column<int>(type: "integer", nullable: false),
                    ThrottleWaitMilliseconds = table.Column<long>(type: "bigint", nullable: false),
                    Progress = table.Column<int>(type: "integer", nullable: false),
                    Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    JobId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
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
                name: "AmazonAccountMarketplaces",
                columns: table => new
                {
                    AccountId = table.Column<int>(type: "integer", nullable: false),
                    MarketplaceId = table.Column<int>(type: "integer", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AmazonAccountMarketplaces", x => new { x.AccountId, x.MarketplaceId });
                    table.ForeignKey(
                        name: "FK_AmazonAccountMarketplaces_AmazonAccounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AmazonAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AmazonAccountMarketplaces_AmazonMarketplaces_MarketplaceId",
                        column: x => x.MarketplaceId,
                        principalTable: "AmazonMarketplaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AmazonOffers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AccountId = table.Column<int>(type: "integer", nullable: false),
                    Sku = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProductId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MarketplaceId = table.Column<int>(type: "integer", nullable: true),
                    Origin = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AmazonOffers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AmazonOffers_AmazonAccounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AmazonAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AmazonOffers_AmazonMarketplaces_MarketplaceId",
                        column: x => x.MarketplaceId,
                        principalTable: "AmazonMarketplaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AmazonOrderItemLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrderLinkId = table.Column<int>(type: "integer", nullable: false),
                    OrderItemId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ProductId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    QuantityOrdered = table.Column<int>(type: "integer", nullable: false),
                    QuantityShipped = table.Column<int>(type: "integer", nullable: false)
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
                name: "IX_AmazonAccountMarketplaces_MarketplaceId",
                table: "AmazonAccountMarketplaces",
                column: "MarketplaceId");

            migrationBuilder.CreateIndex(
                name: "IX_AmazonAccounts_Name",
                table: "AmazonAccounts",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AmazonAccounts_Region_SellerId",
                table: "AmazonAccounts",
                columns: new[] { "Region", "SellerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AmazonMarketplaces_ApiIdentifier",
                table: "AmazonMarketplaces",
                column: "ApiIdentifier",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AmazonMarketplaces_Region",
                table: "AmazonMarketplaces",
                column: "Region");

            migrationBuilder.CreateIndex(
                name: "IX_AmazonOffers_AccountId_Sku",
                table: "AmazonOffers",
                columns: new[] { "AccountId", "Sku" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AmazonOffers_MarketplaceId",
                table: "AmazonOffers",
                column: "MarketplaceId");

            migrationBuilder.CreateIndex(
                name: "IX_AmazonOffers_ProductId",
                table: "AmazonOffers",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_AmazonOffers_Sku",
                table: "AmazonOffers",
                column: "Sku");

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
                name: "IX_AmazonOrderLinks_AccountId_State_NextAttemptOn",
                table: "AmazonOrderLinks",
                columns: new[] { "AccountId", "State", "NextAttemptOn" });

            migrationBuilder.CreateIndex(
                name: "IX_AmazonOrderLinks_AmazonOrderId",
                table: "AmazonOrderLinks",
                column: "AmazonOrderId");

            migrationBuilder.CreateIndex(
                name: "IX_AmazonOrderLinks_SalesOrderId",
                table: "AmazonOrderLinks",
                column: "SalesOrderId");

            migrationBuilder.CreateIndex(
                name: "IX_AmazonSyncRuns_AccountId_QueuedOn",
                table: "AmazonSyncRuns",
                columns: new[] { "AccountId", "QueuedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_AmazonSyncRuns_State_AccountId",
                table: "AmazonSyncRuns",
                columns: new[] { "State", "AccountId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AmazonAccountMarketplaces");

            migrationBuilder.DropTable(
                name: "AmazonDefaultProducts");

            migrationBuilder.DropTable(
                name: "AmazonOffers");

            migrationBuilder.DropTable(
                name: "AmazonOrderItemLinks");

            migrationBuilder.DropTable(
                name: "AmazonSyncRuns");

            migrationBuilder.DropTable(
                name: "AmazonMarketplaces");

            migrationBuilder.DropTable(
                name: "AmazonOrderLinks");

            migrationBuilder.DropTable(
                name: "AmazonAccounts");
        }
    }
}
