using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ErpAmazonModule.Migrations.Sqlite.Migrations
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Api = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    SellerId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ProtectedAuthorizationToken = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    AuthorizationTokenMask = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CompanyId = table.Column<int>(type: "INTEGER", nullable: true),
                    Salesperson = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    SalesTeam = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    SyncIntervalMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    LastSyncWatermark = table.Column<long>(type: "INTEGER", nullable: true),
                    AuthorizedOn = table.Column<long>(type: "INTEGER", nullable: true),
                    AuthorizationExpiresOn = table.Column<long>(type: "INTEGER", nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedOn = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedOn = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AmazonAccounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AmazonDataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AmazonDataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AmazonDefaultProducts",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ProductId = table.Column<int>(type: "INTEGER", nullable: true),
                    UpdatedOn = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AmazonDefaultProducts", x => x.Kind);
                });

            migrationBuilder.CreateTable(
                name: "AmazonMarketplaces",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Endpoint = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ApiIdentifier = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    CurrencyCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    PricesIncludeTax = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsBuiltIn = table.Column<bool>(type: "INTEGER", nullable: false),
                    SpApiOnly = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AmazonMarketplaces", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AmazonAccountMarketplaces",
                columns: table => new
                {
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    MarketplaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    Sku = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ProductId = table.Column<int>(type: "INTEGER", nullable: false),
                    MarketplaceId = table.Column<int>(type: "INTEGER", nullable: true),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedOn = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedOn = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AmazonAccountMarketplaces");

            migrationBuilder.DropTable(
                name: "AmazonDataProtectionKeys");

            migrationBuilder.DropTable(
                name: "AmazonDefaultProducts");

            migrationBuilder.DropTable(
                name: "AmazonOffers");

            migrationBuilder.DropTable(
                name: "AmazonAccounts");

            migrationBuilder.DropTable(
                name: "AmazonMarketplaces");
        }
    }
}
