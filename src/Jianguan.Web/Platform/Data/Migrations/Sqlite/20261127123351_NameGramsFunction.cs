using Jianguan.Web.Modules.Registry;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jianguan.Web.Platform.Data.Migrations.Sqlite
{
    /// <summary>
    /// The name index's triggers call <c>jianguan_name_grams</c> (registered on every connection by
    /// <see cref="SqliteFunctions"/>) instead of building the pairs in SQL, which cost 27 µs a row of 55 on a
    /// bulk import. The documents are the same, so the rows indexed before need nothing.
    /// </summary>
    public partial class NameGramsFunction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => CreateTriggers(migrationBuilder);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The same triggers as before in what they write; AddNameSearch's Down removes them.
            CreateTriggers(migrationBuilder);
        }

        private static void CreateTriggers(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER supervised_entities_name_grams_insert;");
            migrationBuilder.Sql("DROP TRIGGER supervised_entities_name_grams_update;");
            migrationBuilder.Sql($"""
                CREATE TRIGGER supervised_entities_name_grams_insert AFTER INSERT ON supervised_entities BEGIN
                    INSERT INTO entity_name_grams(rowid, grams) VALUES (NEW."Id", {EntityNameIndex.SqliteGramsFunction}(NEW."Name"));
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER supervised_entities_name_grams_update AFTER UPDATE OF "Name", "Id" ON supervised_entities
                WHEN OLD."Name" IS NOT NEW."Name" OR OLD."Id" IS NOT NEW."Id" BEGIN
                    DELETE FROM entity_name_grams WHERE rowid = OLD."Id";
                    INSERT INTO entity_name_grams(rowid, grams) VALUES (NEW."Id", {EntityNameIndex.SqliteGramsFunction}(NEW."Name"));
                END;
                """);
        }
    }
}
