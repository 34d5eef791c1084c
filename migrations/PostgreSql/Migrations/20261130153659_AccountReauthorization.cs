using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ErpAmazonModule.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AccountReauthorization : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReauthorizationNeededSince",
                table: "AmazonAccounts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReauthorizationReason",
                table: "AmazonAccounts",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReauthorizationNeededSince",
                table: "AmazonAccounts");

            migrationBuilder.DropColumn(
                name: "ReauthorizationReason",
                table: "AmazonAccounts");
        }
    }
}
