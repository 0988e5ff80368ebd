using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jianguan.Web.Platform.Data.Migrations.Sqlite
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
                    EntityId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Json = table.Column<byte[]>(type: "BLOB", nullable: true),
                    BuiltOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Format = table.Column<long>(type: "INTEGER", nullable: false),
                    Generation = table.Column<long>(type: "INTEGER", nullable: false)
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
            // columns or a department's name voids the snapshots of the entities concerned, whoever writes and however.
            // A void row is kept, its generation raised, so that a view built from what was read before the change is not
            // stored over it.
            string Void(string entities) => $"""
                INSERT INTO public_credit_snapshots ("EntityId", "CreditCode", "Format", "Generation")
                SELECT "Id", "CreditCode", 0, 1 FROM supervised_entities WHERE "Id" IN ({entities})
                ON CONFLICT ("EntityId") DO UPDATE SET "Json" = NULL, "CreditCode" = excluded."CreditCode", "Generation" = "Generation" + 1;
                """;
            foreach (var table in new[] { "credit_records", "credit_listings" })
            {
                migrationBuilder.Sql($"CREATE TRIGGER {table}_public_insert AFTER INSERT ON {table} BEGIN {Void("NEW.\"EntityId\"")} END;");
                migrationBuilder.Sql($"CREATE TRIGGER {table}_public_delete AFTER DELETE ON {table} BEGIN {Void("OLD.\"EntityId\"")} END;");
                migrationBuilder.Sql($"CREATE TRIGGER {table}_public_update AFTER UPDATE ON {table} BEGIN {Void("OLD.\"EntityId\", NEW.\"EntityId\"")} END;");
            }
            migrationBuilder.Sql($"""
                CREATE TRIGGER supervised_entities_public_update
                AFTER UPDATE OF "CreditCode", "Name", "Type", "LegalRepresentativeName", "Address", "RegisteredOn", "Status" ON supervised_entities
                BEGIN {Void("NEW.\"Id\"")} END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER departments_public_update AFTER UPDATE OF "Name" ON departments WHEN OLD."Name" IS NOT NEW."Name"
                BEGIN {Void("SELECT \"EntityId\" FROM credit_listings WHERE \"DepartmentId\" = NEW.\"Id\"")} END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "credit_records", "credit_listings" })
                foreach (var change in new[] { "insert", "delete", "update" })
                    migrationBuilder.Sql($"DROP TRIGGER {table}_public_{change};");
            migrationBuilder.Sql("DROP TRIGGER supervised_entities_public_update;");
            migrationBuilder.Sql("DROP TRIGGER departments_public_update;");
            migrationBuilder.DropTable(
                name: "public_credit_snapshots");
        }
    }
}
