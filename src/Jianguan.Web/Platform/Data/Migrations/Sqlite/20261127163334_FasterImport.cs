using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jianguan.Web.Platform.Data.Migrations.Sqlite
{
    /// <summary>The credit code is no longer fixed-length in the model; SQLite stores TEXT either way (see the PostgreSQL migration).</summary>
    public partial class FasterImport : Migration
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
