using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ErpAmazonModule.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ShipmentConfirmations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ShipmentsWatermark",
                table: "AmazonAccounts",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AmazonShipmentFeeds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AccountId = table.Column<int>(type: "int", nullable: false),
                    State = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    FeedSubmissionId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Messages = table.Column<int>(type: "int", nullable: false),
                    PreparedOn = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    SubmittedOn = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CompletedOn = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
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
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AccountId = table.Column<int>(type: "int", nullable: false),
                    DeliveryId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    SalesOrderId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    AmazonOrderId = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Carrier = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    CarrierCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ShippingMethod = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    TrackingNumber = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ShipDate = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ValidatedOn = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    State = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Message = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    FeedId = table.Column<int>(type: "int", nullable: true),
                    FeedSubmissionId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    MessageId = table.Column<int>(type: "int", nullable: true),
                    CreatedOn = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    SentOn = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ConfirmedOn = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    UpdatedOn = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
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
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ShipmentId = table.Column<int>(type: "int", nullable: false),
                    OrderItemId = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Quantity = table.Column<int>(type: "int", nullable: false)
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
