using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pantau.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Open311Clients : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Description",
                table: "Reports",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(2000)",
                oldMaxLength: 2000);

            migrationBuilder.AddColumn<string>(
                name: "ClientName",
                table: "Reports",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Trusted",
                table: "ApiClients",
                type: "boolean",
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

            migrationBuilder.AlterColumn<string>(
                name: "Description",
                table: "Reports",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(4000)",
                oldMaxLength: 4000);
        }
    }
}
