using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ErpAmazonModule.Migrations.PostgreSql.Migrations
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AmazonShipmentFeeds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AccountId = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    FeedSubmissionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Messages = table.Column<int>(type: "integer", nullable: false),
                    PreparedOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AccountId = table.Column<int>(type: "integer", nullable: false),
                    DeliveryId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SalesOrderId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AmazonOrderId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Carrier = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CarrierCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ShippingMethod = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    TrackingNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ShipDate = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ValidatedOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    FeedId = table.Column<int>(type: "integer", nullable: true),
                    FeedSubmissionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    MessageId = table.Column<int>(type: "integer", nullable: true),
                    CreatedOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ConfirmedOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UpdatedOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ShipmentId = table.Column<int>(type: "integer", nullable: false),
                    OrderItemId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false)
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
