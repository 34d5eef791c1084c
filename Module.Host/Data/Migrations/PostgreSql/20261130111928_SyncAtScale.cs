using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ErpAmazonModule.Host.Data.Migrations.PostgreSql
{
    /// <summary>
    /// Nothing to do on PostgreSQL: its first migration already creates this step's schema (the provider arrived after it);
    /// the name keeps the three providers' migration lists the same.
    /// </summary>
    public partial class SyncAtScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
