using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ErpAmazonModule.Host.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DefaultSalesTax : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsDefaultSalesTax",
                table: "Taxes",
                type: "bit",
                nullable: false,
                defaultValue: false);

            // The demo company's standard VAT is what products created without taxes are sold with.
            migrationBuilder.Sql(@"EXEC(N'UPDATE [Taxes] SET [IsDefaultSalesTax] = 1 WHERE [Name] = ''DE VAT 19%''')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IsDefaultSalesTax",
                table: "Taxes");
        }
    }
}
