using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ErpAmazonModule.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DataProtection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "BuyerDataErasedOn",
                table: "AmazonOrderLinks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AmazonAuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    User = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RemoteAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    EntityType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    EntityKey = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Changes = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AmazonAuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AmazonDataPurges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StartedOn = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedOn = table.Column<long>(type: "INTEGER", nullable: true),
                    RetentionDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Orders = table.Column<int>(type: "INTEGER", nullable: false),
                    Partners = table.Column<int>(type: "INTEGER", nullable: false),
                    Kept = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AuditEntriesPurged = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AmazonDataPurges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AmazonAuditEntries_At",
                table: "AmazonAuditEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AmazonAuditEntries_EntityType_EntityKey",
                table: "AmazonAuditEntries",
                columns: new[] { "EntityType", "EntityKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AmazonAuditEntries");

            migrationBuilder.DropTable(
                name: "AmazonDataPurges");

            migrationBuilder.DropColumn(
                name: "BuyerDataErasedOn",
                table: "AmazonOrderLinks");
        }
    }
}
