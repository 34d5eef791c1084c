using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ErpAmazonModule.Host.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeliveryValidation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BackorderOfId",
                table: "Deliveries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Carrier",
                table: "Deliveries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ShipDate",
                table: "Deliveries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ShippingMethod",
                table: "Deliveries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TrackingNumber",
                table: "Deliveries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ValidatedOn",
                table: "Deliveries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_ValidatedOn",
                table: "Deliveries",
                column: "ValidatedOn");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Deliveries_ValidatedOn",
                table: "Deliveries");

            migrationBuilder.DropColumn(
                name: "BackorderOfId",
                table: "Deliveries");

            migrationBuilder.DropColumn(
                name: "Carrier",
                table: "Deliveries");

            migrationBuilder.DropColumn(
                name: "ShipDate",
                table: "Deliveries");

            migrationBuilder.DropColumn(
                name: "ShippingMethod",
                table: "Deliveries");

            migrationBuilder.DropColumn(
                name: "TrackingNumber",
                table: "Deliveries");

            migrationBuilder.DropColumn(
                name: "ValidatedOn",
                table: "Deliveries");
        }
    }
}
