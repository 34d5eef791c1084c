using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ErpAmazonModule.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "FailedUpdateDate",
                table: "AmazonOrderLinks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NextAttemptOn",
                table: "AmazonOrderLinks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NextSyncOn",
                table: "AmazonAccounts",
                type: "INTEGER",
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
