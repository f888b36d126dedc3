using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pantau.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportEscalation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "EscalatedAt",
                table: "Reports",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Escalation",
                table: "Reports",
                type: "TEXT",
                maxLength: 24,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EscalatedAt",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "Escalation",
                table: "Reports");
        }
    }
}
