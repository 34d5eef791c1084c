using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ErpAmazonModule.Host.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PartnersFoundByIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Partners_Email",
                table: "Partners");

            migrationBuilder.CreateIndex(
                name: "IX_Partners_Email_ParentId_AnonymousScope_Name",
                table: "Partners",
                columns: new[] { "Email", "ParentId", "AnonymousScope", "Name" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Partners_Email_ParentId_AnonymousScope_Name",
                table: "Partners");

            migrationBuilder.CreateIndex(
                name: "IX_Partners_Email",
                table: "Partners",
                column: "Email");
        }
    }
}
