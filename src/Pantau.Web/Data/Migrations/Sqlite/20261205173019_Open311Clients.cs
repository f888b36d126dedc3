using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pantau.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Open311Clients : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClientName",
                table: "Reports",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Trusted",
                table: "ApiClients",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_Reports_ApiClientId_CreatedAt",
                table: "Reports",
                columns: new[] { "ApiClientId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Reports_SubmissionHash_CreatedAt",
                table: "Reports",
                columns: new[] { "SubmissionHash", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reports_ApiClientId_CreatedAt",
                table: "Reports");

            migrationBuilder.DropIndex(
                name: "IX_Reports_SubmissionHash_CreatedAt",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "ClientName",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "Trusted",
                table: "ApiClients");
        }
    }
}
