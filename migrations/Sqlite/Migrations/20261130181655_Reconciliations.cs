using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ErpAmazonModule.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Reconciliations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AmazonReconciliations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    AmazonOrderId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SalesOrderId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CurrencyCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Expected = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    Paid = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    Fees = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    Difference = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    FeesPosted = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    FeeEntries = table.Column<int>(type: "INTEGER", nullable: false),
                    FeeEntryId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    WrittenOff = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    WriteOffEntries = table.Column<int>(type: "INTEGER", nullable: false),
                    WriteOffEntryId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ApprovedOn = table.Column<long>(type: "INTEGER", nullable: true),
                    ApprovalComment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    MatchedOn = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AmazonReconciliations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AmazonReconciliations_AmazonAccounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AmazonAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AmazonReconciliations_AccountId_AmazonOrderId",
                table: "AmazonReconciliations",
                columns: new[] { "AccountId", "AmazonOrderId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AmazonReconciliations_State_AccountId",
                table: "AmazonReconciliations",
                columns: new[] { "State", "AccountId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AmazonReconciliations");
        }
    }
}
