using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jianguan.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LatestAssessmentInEntityRiskClass : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_risk_assessments_RunId",
                table: "risk_assessments");

            migrationBuilder.DropIndex(
                name: "IX_entity_risk_classes_Class",
                table: "entity_risk_classes");

            migrationBuilder.RenameColumn(
                name: "AssessmentId",
                table: "entity_risk_classes",
                newName: "RunId");

            migrationBuilder.AddColumn<DateOnly>(
                name: "AsOf",
                table: "entity_risk_classes",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<string>(
                name: "Explanation",
                table: "entity_risk_classes",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "ModelId",
                table: "entity_risk_classes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // The entity's latest assessment moves into its row (the column renamed above still holds the
            // assessment's id here), and leaves the history: one row an entity, history only for replaced ones.
            // Row values and correlated subqueries, which both databases read alike.
            migrationBuilder.Sql("""
                UPDATE entity_risk_classes SET ("RunId", "Explanation", "AsOf", "ModelId") =
                    (SELECT a."RunId", a."Explanation", a."AsOf", a."ModelId" FROM risk_assessments a WHERE a."Id" = entity_risk_classes."RunId")
                    WHERE EXISTS (SELECT 1 FROM risk_assessments a WHERE a."Id" = entity_risk_classes."RunId");
                DELETE FROM risk_assessments WHERE EXISTS (SELECT 1 FROM entity_risk_classes c
                    WHERE c."EntityId" = risk_assessments."EntityId" AND c."RunId" = risk_assessments."RunId");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The latest assessments back into the history, and the class row pointing at them again.
            migrationBuilder.Sql("""
                INSERT INTO risk_assessments ("RunId", "EntityId", "Class", "Score", "Explanation", "AsOf", "ModelId")
                    SELECT "RunId", "EntityId", "Class", "Score", "Explanation", "AsOf", "ModelId" FROM entity_risk_classes;
                UPDATE entity_risk_classes SET "RunId" = (SELECT a."Id" FROM risk_assessments a
                    WHERE a."EntityId" = entity_risk_classes."EntityId" AND a."RunId" = entity_risk_classes."RunId");
                """);

            migrationBuilder.DropColumn(
                name: "AsOf",
                table: "entity_risk_classes");

            migrationBuilder.DropColumn(
                name: "Explanation",
                table: "entity_risk_classes");

            migrationBuilder.DropColumn(
                name: "ModelId",
                table: "entity_risk_classes");

            migrationBuilder.RenameColumn(
                name: "RunId",
                table: "entity_risk_classes",
                newName: "AssessmentId");

            migrationBuilder.CreateIndex(
                name: "IX_risk_assessments_RunId",
                table: "risk_assessments",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_entity_risk_classes_Class",
                table: "entity_risk_classes",
                column: "Class");
        }
    }
}
