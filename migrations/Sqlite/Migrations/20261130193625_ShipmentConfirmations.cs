using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ErpAmazonModule.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ShipmentConfirmations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ShipmentsWatermark",
                table: "AmazonAccounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AmazonShipmentFeeds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FeedSubmissionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Messages = table.Column<int>(type: "INTEGER", nullable: false),
                    PreparedOn = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedOn = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedOn = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AmazonShipmentFeeds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AmazonShipmentFeeds_AmazonAccounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AmazonAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AmazonShipments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    DeliveryId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SalesOrderId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AmazonOrderId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Carrier = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CarrierCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ShippingMethod = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    TrackingNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ShipDate = table.Column<long>(type: "INTEGER", nullable: false),
                    ValidatedOn = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    FeedId = table.Column<int>(type: "INTEGER", nullable: true),
                    FeedSubmissionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    MessageId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedOn = table.Column<long>(type: "INTEGER", nullable: false),
                    SentOn = table.Column<long>(type: "INTEGER", nullable: true),
                    ConfirmedOn = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedOn = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AmazonShipments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AmazonShipments_AmazonAccounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AmazonAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AmazonShipmentLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ShipmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrderItemId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AmazonShipmentLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AmazonShipmentLines_AmazonShipments_ShipmentId",
                        column: x => x.ShipmentId,
                        principalTable: "AmazonShipments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AmazonShipmentFeeds_AccountId_State",
                table: "AmazonShipmentFeeds",
                columns: new[] { "AccountId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_AmazonShipmentLines_ShipmentId",
                table: "AmazonShipmentLines",
                column: "ShipmentId");

            migrationBuilder.CreateIndex(
                name: "IX_AmazonShipments_AccountId_DeliveryId",
                table: "AmazonShipments",
                columns: new[] { "AccountId", "DeliveryId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AmazonShipments_AccountId_State",
                table: "AmazonShipments",
                columns: new[] { "AccountId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_AmazonShipments_AmazonOrderId",
                table: "AmazonShipments",
                column: "AmazonOrderId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AmazonShipmentFeeds");

            migrationBuilder.DropTable(
                name: "AmazonShipmentLines");

            migrationBuilder.DropTable(
                name: "AmazonShipments");

            migrationBuilder.DropColumn(
                name: "ShipmentsWatermark",
                table: "AmazonAccounts");
        }
    }
}
