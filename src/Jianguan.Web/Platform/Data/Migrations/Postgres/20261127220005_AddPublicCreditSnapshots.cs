using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jianguan.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddPublicCreditSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "public_credit_snapshots",
                columns: table => new
                {
                    EntityId = table.Column<long>(type: "bigint", nullable: false),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Json = table.Column<byte[]>(type: "bytea", nullable: true),
                    BuiltOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    Format = table.Column<long>(type: "bigint", nullable: false),
                    Generation = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_public_credit_snapshots", x => x.EntityId);
                    table.ForeignKey(
                        name: "FK_public_credit_snapshots_supervised_entities_EntityId",
                        column: x => x.EntityId,
                        principalTable: "supervised_entities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_public_credit_snapshots_CreditCode",
                table: "public_credit_snapshots",
                column: "CreditCode",
                unique: true);

            // The snapshots' invalidation (PublicCreditSnapshot): every change of a record, a listing, an entity's public
            // columns or a department's name voids the snapshots of the entities concerned, whoever writes and however
            // (EF, bulk COPY, SQL, another instance). A void row is kept, its generation raised, so that a view built from
            // what was read before the change is not stored over it. Statement triggers: one upsert per statement, not per row.
            string Void(string entities) => $"""
                INSERT INTO public_credit_snapshots ("EntityId", "CreditCode", "Format", "Generation")
                SELECT e."Id", e."CreditCode", 0, 1 FROM supervised_entities AS e WHERE e."Id" IN ({entities})
                ON CONFLICT ("EntityId") DO UPDATE SET "Json" = NULL, "CreditCode" = EXCLUDED."CreditCode", "Generation" = public_credit_snapshots."Generation" + 1;
                """;
            void Function(string name, string entities) => migrationBuilder.Sql($"""
                CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    {Void(entities)}
                    RETURN NULL;
                END $$;
                """);
            Function("jianguan_public_credit_changed", """SELECT "EntityId" FROM changed""");
            Function("jianguan_public_credit_updated", """SELECT "EntityId" FROM old_rows UNION SELECT "EntityId" FROM new_rows""");
            Function("jianguan_public_credit_entity_updated", """
                SELECT n."Id" FROM new_rows AS n JOIN old_rows AS o ON o."Id" = n."Id"
                WHERE (o."CreditCode", o."Name", o."Type", o."LegalRepresentativeName", o."Address", o."RegisteredOn", o."Status")
                  IS DISTINCT FROM (n."CreditCode", n."Name", n."Type", n."LegalRepresentativeName", n."Address", n."RegisteredOn", n."Status")
                """);
            Function("jianguan_public_credit_department_updated", """
                SELECT l."EntityId" FROM credit_listings AS l JOIN new_rows AS n ON n."Id" = l."DepartmentId" JOIN old_rows AS o ON o."Id" = n."Id"
                WHERE o."Name" IS DISTINCT FROM n."Name"
                """);
            foreach (var table in new[] { "credit_records", "credit_listings" })
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_public_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS changed
                        FOR EACH STATEMENT EXECUTE FUNCTION jianguan_public_credit_changed();
                    CREATE TRIGGER {table}_public_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS changed
                        FOR EACH STATEMENT EXECUTE FUNCTION jianguan_public_credit_changed();
                    CREATE TRIGGER {table}_public_update AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION jianguan_public_credit_updated();
                    """);
            migrationBuilder.Sql("""
                CREATE TRIGGER supervised_entities_public_update AFTER UPDATE ON supervised_entities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION jianguan_public_credit_entity_updated();
                CREATE TRIGGER departments_public_update AFTER UPDATE ON departments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION jianguan_public_credit_department_updated();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "credit_records", "credit_listings" })
                migrationBuilder.Sql($"DROP TRIGGER {table}_public_insert ON {table}; DROP TRIGGER {table}_public_delete ON {table}; DROP TRIGGER {table}_public_update ON {table};");
            migrationBuilder.Sql("DROP TRIGGER supervised_entities_public_update ON supervised_entities; DROP TRIGGER departments_public_update ON departments;");
            migrationBuilder.Sql("""
                DROP FUNCTION jianguan_public_credit_changed(); DROP FUNCTION jianguan_public_credit_updated();
                DROP FUNCTION jianguan_public_credit_entity_updated(); DROP FUNCTION jianguan_public_credit_department_updated();
                """);
            migrationBuilder.DropTable(
                name: "public_credit_snapshots");
        }
    }
}
