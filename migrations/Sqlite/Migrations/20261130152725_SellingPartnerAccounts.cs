using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ErpAmazonModule.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SellingPartnerAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The API's name for the Selling Partner API became 'SellingPartner' (it was 'SpApi', refused until now).

            migrationBuilder.Sql("UPDATE \"AmazonAccounts\" SET \"Api\" = 'SellingPartner' WHERE \"Api\" = 'SpApi'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE \"AmazonAccounts\" SET \"Api\" = 'SpApi' WHERE \"Api\" = 'SellingPartner'");


        }
    }
}
