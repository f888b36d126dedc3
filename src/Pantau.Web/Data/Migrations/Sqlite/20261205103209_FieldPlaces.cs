using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pantau.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FieldPlaces : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "VillageCode",
                table: "FieldPositions",
                type: "TEXT",
                maxLength: 13,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VillageCode",
                table: "FieldChecks",
                type: "TEXT",
                maxLength: 13,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "VillageCode",
                table: "FieldPositions");

            migrationBuilder.DropColumn(
                name: "VillageCode",
                table: "FieldChecks");
        }
    }
}
