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

            migrationBuilder.AddForeignKey(
                name: "FK_Deliveries_SalesOrders_SalesOrderId",
                table: "Deliveries",
                column: "SalesOrderId",
                principalTable: "SalesOrders",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Deliveries_SalesOrders_SalesOrderId",
                table: "Deliveries");

            migrationBuilder.DropIndex(
                name: "IX_SalesOrders_Origin_ClientReference",
                table: "SalesOrders");

            migrationBuilder.DropIndex(
                name: "IX_Deliveries_SalesOrderId",
                table: "Deliveries");
        }
    }
}
