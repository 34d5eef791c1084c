using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ErpAmazonModule.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class SyncAtScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AmazonOrderLinks_AccountId_State",
                table: "AmazonOrderLinks");

            migrationBuilder.AddColumn<string>(
                name: "JobId",
                table: "AmazonSyncRuns",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "FailedUpdateDate",
                table: "AmazonOrderLinks",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NextAttemptOn",
                table: "AmazonOrderLinks",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NextSyncOn",
                table: "AmazonAccounts",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AmazonSyncRuns_State_AccountId",
                table: "AmazonSyncRuns",
                columns: new[] { "State", "AccountId" });

            migrationBuilder.CreateIndex(
                name: "IX_AmazonOrderLinks_AccountId_State_NextAttemptOn",
                table: "AmazonOrderLinks",
                columns: new[] { "AccountId", "State", "NextAttemptOn" });

            migrationBuilder.CreateIndex(
                name: "IX_AmazonOrderLinks_AmazonOrderId",
                table: "AmazonOrderLinks",
                column: "AmazonOrderId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AmazonSyncRuns_State_AccountId",
                table: "AmazonSyncRuns");

            migrationBuilder.DropIndex(
                name: "IX_AmazonOrderLinks_AccountId_State_NextAttemptOn",
                table: "AmazonOrderLinks");

            migrationBuilder.DropIndex(
                name: "IX_AmazonOrderLinks_AmazonOrderId",
                table: "AmazonOrderLinks");

            migrationBuilder.DropColumn(
                name: "JobId",
                table: "AmazonSyncRuns");

            migrationBuilder.DropColumn(
                name: "FailedUpdateDate",
                table: "AmazonOrderLinks");

            migrationBuilder.DropColumn(
                name: "NextAttemptOn",
                table: "AmazonOrderLinks");

            migrationBuilder.DropColumn(
                name: "NextSyncOn",
                table: "AmazonAccounts");

            migrationBuilder.CreateIndex(
                name: "IX_AmazonOrderLinks_AccountId_State",
                table: "AmazonOrderLinks",
                columns: new[] { "AccountId", "State" });
        }
    }
}
