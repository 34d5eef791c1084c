using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ErpAmazonModule.Host.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SyncAtScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_SalesOrders_Origin_ClientReference",
                table: "SalesOrders",
                columns: new[] { "Origin", "ClientReference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_SalesOrderId",
                table: "Deliveries",
                column: "SalesOrderId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SalesOrders_Origin_ClientReference",
                table: "SalesOrders");

            migrationBuilder.DropIndex(
                name: "IX_Deliveries_SalesOrderId",
                table: "Deliveries");
        }
    }
}
