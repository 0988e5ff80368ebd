using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jianguan.Web.Platform.Data.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RecordId = table.Column<long>(type: "bigint", nullable: false),
                    EntityId = table.Column<long>(type: "bigint", nullable: false),
                    AppliedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AppliedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Evidence = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Commitment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    DecideBy = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DecisionReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RulesApplied = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    EntityId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Message = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReadAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
