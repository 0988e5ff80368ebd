using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jianguan.Web.Platform.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "inspection_assignments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DepartmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    EntityId = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ItemCodes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    FirstOfficerId = table.Column<int>(type: "INTEGER", nullable: false),
                    SecondOfficerId = table.Column<int>(type: "INTEGER", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InspectionId = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelledAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CancelReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
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
