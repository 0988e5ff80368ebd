using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jianguan.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddCreditRepairAndNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "credit_repair_applications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecordId = table.Column<long>(type: "INTEGER", nullable: false),
                    EntityId = table.Column<long>(type: "INTEGER", nullable: false),
                    AppliedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AppliedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Commitment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DecideBy = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DecisionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RulesApplied = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credit_repair_applications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_credit_repair_applications_credit_records_RecordId",
                        column: x => x.RecordId,
                        principalTable: "credit_records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "risk_notices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DepartmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    EntityId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_risk_notices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_risk_notices_departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_risk_notices_supervised_entities_EntityId",
                        column: x => x.EntityId,
                        principalTable: "supervised_entities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_credit_repair_applications_EntityId_AppliedOn",
                table: "credit_repair_applications",
                columns: new[] { "EntityId", "AppliedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_credit_repair_applications_RecordId",
                table: "credit_repair_applications",
                column: "RecordId");

            migrationBuilder.CreateIndex(
                name: "IX_credit_repair_applications_Status_DecideBy",
                table: "credit_repair_applications",
                columns: new[] { "Status", "DecideBy" });

            migrationBuilder.CreateIndex(
                name: "IX_risk_notices_DepartmentId_ReadAtUtc_CreatedAtUtc",
                table: "risk_notices",
                columns: new[] { "DepartmentId", "ReadAtUtc", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_risk_notices_EntityId",
                table: "risk_notices",
                column: "EntityId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "credit_repair_applications");

            migrationBuilder.DropTable(
                name: "risk_notices");
        }
    }
}
