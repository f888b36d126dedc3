using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pantau.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// The schema as the frozen SQL history 0001–0020 left it (ADR 012). It changes nothing: it starts the generated
    /// history with its target model (the Designer file) and the model snapshot, from which the next migration is the
    /// difference. Generated with a CREATE of every table, emptied by hand, as that schema is there already.
    /// </summary>
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
