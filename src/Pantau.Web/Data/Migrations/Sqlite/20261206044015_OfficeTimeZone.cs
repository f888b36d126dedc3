using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pantau.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OfficeTimeZone : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TimeZone",
                table: "Offices",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            // Offices made before the column keep the zone of their province (IndonesianTimeZone.ForProvince).
            migrationBuilder.Sql("""
                UPDATE "Offices" SET "TimeZone" = CASE
                    WHEN "ProvinceCode" IN ('51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76') THEN 'Asia/Makassar'
                    WHEN "ProvinceCode" LIKE '8%' OR "ProvinceCode" LIKE '9%' THEN 'Asia/Jayapura'
                    ELSE 'Asia/Jakarta' END
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TimeZone",
                table: "Offices");
        }
    }
}
