using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ErpAmazonModule.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class SellingPartnerAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The API's name for the Selling Partner API became 'SellingPartner' (it was 'SpApi', refused until now).

            migrationBuilder.AlterColumn<string>(
                name: "Api",
                table: "AmazonAccounts",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(8)",
                oldMaxLength: 8);

            migrationBuilder.Sql("UPDATE \"AmazonAccounts\" SET \"Api\" = 'SellingPartner' WHERE \"Api\" = 'SpApi'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE \"AmazonAccounts\" SET \"Api\" = 'SpApi' WHERE \"Api\" = 'SellingPartner'");

            migrationBuilder.AlterColumn<string>(
                name: "Api",
                table: "AmazonAccounts",
                type: "nvarchar(8)",
                maxLength: 8,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(16)",
                oldMaxLength: 16);
        }
    }
}
