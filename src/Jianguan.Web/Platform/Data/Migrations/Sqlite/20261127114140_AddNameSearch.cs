using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jianguan.Web.Platform.Data.Migrations.Sqlite
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

            // Each name as the hex of its character pairs in order, then of its characters (EntityNameIndex):
            // a fragment of two or more characters is the phrase of its pairs, one character is itself.
            // json_each numbers the characters (a trigger cannot hold a recursive query); names are at most 128 long.
            var positions = "json_each('[" + string.Join(",", Enumerable.Range(1, 128)) + "]')";
            string Grams(string name) =>
                $"coalesce((SELECT group_concat(hex(substr(lower({name}), value, 2)), ' ' ORDER BY value) FROM {positions} WHERE value < length({name})) || ' ', '') " +
                $"|| (SELECT group_concat(hex(substr(lower({name}), value, 1)), ' ' ORDER BY value) FROM {positions} WHERE value <= length({name}))";
            migrationBuilder.Sql("CREATE VIRTUAL TABLE entity_name_grams USING fts5(grams, content='', contentless_delete=1, tokenize='ascii');");
            migrationBuilder.Sql($"INSERT INTO entity_name_grams(rowid, grams) SELECT \"Id\", {Grams("\"Name\"")} FROM supervised_entities;");
            migrationBuilder.Sql($"""
                CREATE TRIGGER supervised_entities_name_grams_insert AFTER INSERT ON supervised_entities BEGIN
                    INSERT INTO entity_name_grams(rowid, grams) VALUES (NEW."Id", {Grams("NEW.\"Name\"")});
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER supervised_entities_name_grams_update AFTER UPDATE OF "Name", "Id" ON supervised_entities
                WHEN OLD."Name" IS NOT NEW."Name" OR OLD."Id" IS NOT NEW."Id" BEGIN
                    DELETE FROM entity_name_grams WHERE rowid = OLD."Id";
                    INSERT INTO entity_name_grams(rowid, grams) VALUES (NEW."Id", {Grams("NEW.\"Name\"")});
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER supervised_entities_name_grams_delete AFTER DELETE ON supervised_entities BEGIN
                    DELETE FROM entity_name_grams WHERE rowid = OLD."Id";
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER supervised_entities_name_grams_insert;");
            migrationBuilder.Sql("DROP TRIGGER supervised_entities_name_grams_update;");
            migrationBuilder.Sql("DROP TRIGGER supervised_entities_name_grams_delete;");
            migrationBuilder.Sql("DROP TABLE entity_name_grams;");

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
