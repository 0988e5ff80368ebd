using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jianguan.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddNameSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_supervised_entities_DivisionCode_Status",
                table: "supervised_entities");

            migrationBuilder.DropIndex(
                name: "IX_supervised_entities_IndustryCode_Status",
                table: "supervised_entities");

            migrationBuilder.DropIndex(
                name: "IX_supervised_entities_IndustrySection_Status",
                table: "supervised_entities");

            migrationBuilder.DropIndex(
                name: "IX_supervised_entities_Name",
                table: "supervised_entities");

            migrationBuilder.CreateIndex(
                name: "IX_supervised_entities_DivisionCode_Status_IndustryCode",
                table: "supervised_entities",
                columns: new[] { "DivisionCode", "Status", "IndustryCode" });

            migrationBuilder.CreateIndex(
                name: "IX_supervised_entities_IndustryCode_Status_DivisionCode",
                table: "supervised_entities",
                columns: new[] { "IndustryCode", "Status", "DivisionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_supervised_entities_IndustrySection_Status_DivisionCode",
                table: "supervised_entities",
                columns: new[] { "IndustrySection", "Status", "DivisionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_supervised_entities_Name_Id",
                table: "supervised_entities",
                columns: new[] { "Name", "Id" });

            // The characters and character pairs of a name (EntityNameIndex). pg_trgm served nothing: under the C locale
            // it drops Chinese characters, and no trigram serves a fragment of two.
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_supervised_entities_Name_trgm\";");
            migrationBuilder.Sql("""
                CREATE FUNCTION jianguan_name_grams(name text) RETURNS text[]
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
                    SELECT coalesce(array_agg(DISTINCT gram), '{}') FROM (
                        SELECT substr(lower(name), i, 1) FROM generate_series(1, length(name)) AS i
                        UNION ALL
                        SELECT substr(lower(name), i, 2) FROM generate_series(1, length(name) - 1) AS i) AS grams(gram)
                $$;
                """);
            migrationBuilder.Sql("CREATE INDEX \"IX_supervised_entities_Name_grams\" ON supervised_entities USING gin (jianguan_name_grams(\"Name\"));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX \"IX_supervised_entities_Name_grams\";");
            migrationBuilder.Sql("DROP FUNCTION jianguan_name_grams(text);");
            migrationBuilder.Sql("CREATE INDEX \"IX_supervised_entities_Name_trgm\" ON supervised_entities USING gin (\"Name\" gin_trgm_ops);");

            migrationBuilder.DropIndex(
                name: "IX_supervised_entities_DivisionCode_Status_IndustryCode",
                table: "supervised_entities");

            migrationBuilder.DropIndex(
                name: "IX_supervised_entities_IndustryCode_Status_DivisionCode",
                table: "supervised_entities");

            migrationBuilder.DropIndex(
                name: "IX_supervised_entities_IndustrySection_Status_DivisionCode",
                table: "supervised_entities");

            migrationBuilder.DropIndex(
                name: "IX_supervised_entities_Name_Id",
                table: "supervised_entities");

            migrationBuilder.CreateIndex(
                name: "IX_supervised_entities_DivisionCode_Status",
                table: "supervised_entities",
                columns: new[] { "DivisionCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_supervised_entities_IndustryCode_Status",
                table: "supervised_entities",
                columns: new[] { "IndustryCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_supervised_entities_IndustrySection_Status",
                table: "supervised_entities",
                columns: new[] { "IndustrySection", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_supervised_entities_Name",
                table: "supervised_entities",
                column: "Name");
        }
    }
}
