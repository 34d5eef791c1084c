using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ErpAmazonModule.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AccountOrdersApiVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OrdersApiVersion",
                table: "AmazonAccounts",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: true);

            // Selling Partner accounts made before the choice existed were read through Orders v0: they keep it.
            // EXEC: the idempotent script runs this in the batch that adds the column, which SQL Server compiles as a whole.
            migrationBuilder.Sql(@"EXEC(N'UPDATE [AmazonAccounts] SET [OrdersApiVersion] = ''v0'' WHERE [Api] = ''SellingPartner''')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OrdersApiVersion",
                table: "AmazonAccounts");
        }
    }
}
