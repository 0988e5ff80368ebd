using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jianguan.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InspectionAssignments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AssignmentId",
                table: "inspections",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "inspection_assignments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    EntityId = table.Column<long>(type: "bigint", nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    Reference = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ItemCodes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    FirstOfficerId = table.Column<int>(type: "integer", nullable: false),
                    SecondOfficerId = table.Column<int>(type: "integer", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    InspectionId = table.Column<long>(type: "bigint", nullable: true),
                    CancelledAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CancelReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_assignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_inspection_assignments_departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_inspection_assignments_inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_inspection_assignments_officers_FirstOfficerId",
                        column: x => x.FirstOfficerId,
                        principalTable: "officers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_inspection_assignments_officers_SecondOfficerId",
                        column: x => x.SecondOfficerId,
                        principalTable: "officers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_inspection_assignments_supervised_entities_EntityId",
                        column: x => x.EntityId,
                        principalTable: "supervised_entities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_inspections_AssignmentId",
                table: "inspections",
                column: "AssignmentId");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_assignments_DepartmentId_DueOn",
                table: "inspection_assignments",
                columns: new[] { "DepartmentId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_inspection_assignments_EntityId",
                table: "inspection_assignments",
                column: "EntityId");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_assignments_FirstOfficerId_InspectionId",
                table: "inspection_assignments",
                columns: new[] { "FirstOfficerId", "InspectionId" });

            migrationBuilder.CreateIndex(
                name: "IX_inspection_assignments_InspectionId",
                table: "inspection_assignments",
                column: "InspectionId");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_assignments_SecondOfficerId_InspectionId",
                table: "inspection_assignments",
                columns: new[] { "SecondOfficerId", "InspectionId" });

            migrationBuilder.AddForeignKey(
                name: "FK_inspections_inspection_assignments_AssignmentId",
                table: "inspections",
                column: "AssignmentId",
                principalTable: "inspection_assignments",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_inspections_inspection_assignments_AssignmentId",
                table: "inspections");

            migrationBuilder.DropTable(
                name: "inspection_assignments");

            migrationBuilder.DropIndex(
                name: "IX_inspections_AssignmentId",
                table: "inspections");

            migrationBuilder.DropColumn(
                name: "AssignmentId",
                table: "inspections");
        }
    }
}
