using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jianguan.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Inspections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "case_leads",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InspectionId = table.Column<long>(type: "bigint", nullable: true),
                    EntityId = table.Column<long>(type: "bigint", nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    Facts = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_leads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_leads_supervised_entities_EntityId",
                        column: x => x.EntityId,
                        principalTable: "supervised_entities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "evidence",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    InspectionId = table.Column<long>(type: "bigint", nullable: true),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    TakenAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    ReceivedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Signer = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evidence", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "inspection_points",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InspectionId = table.Column<long>(type: "bigint", nullable: false),
                    ChecklistId = table.Column<int>(type: "integer", nullable: false),
                    PointId = table.Column<int>(type: "integer", nullable: false),
                    ItemCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    IsMajor = table.Column<bool>(type: "boolean", nullable: false),
                    Result = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_points", x => x.Id);
                    table.ForeignKey(
                        name: "FK_inspection_points_inspection_checklists_ChecklistId",
                        column: x => x.ChecklistId,
                        principalTable: "inspection_checklists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inspections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    EntityId = table.Column<long>(type: "bigint", nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    TaskId = table.Column<long>(type: "bigint", nullable: true),
                    DrawnEntityId = table.Column<long>(type: "bigint", nullable: true),
                    RectificationOrderId = table.Column<long>(type: "bigint", nullable: true),
                    FirstOfficerId = table.Column<int>(type: "integer", nullable: false),
                    SecondOfficerId = table.Column<int>(type: "integer", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    FollowUp = table.Column<int>(type: "integer", nullable: false),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    PartyName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PartyRefusedToSign = table.Column<bool>(type: "boolean", nullable: false),
                    PartyRefusalNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ReceivedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_inspections_departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_inspections_drawn_entities_DrawnEntityId",
                        column: x => x.DrawnEntityId,
                        principalTable: "drawn_entities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_inspections_officers_FirstOfficerId",
                        column: x => x.FirstOfficerId,
                        principalTable: "officers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_inspections_officers_SecondOfficerId",
                        column: x => x.SecondOfficerId,
                        principalTable: "officers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_inspections_spot_check_tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "spot_check_tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_inspections_supervised_entities_EntityId",
                        column: x => x.EntityId,
                        principalTable: "supervised_entities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rectification_orders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InspectionId = table.Column<long>(type: "bigint", nullable: false),
                    EntityId = table.Column<long>(type: "bigint", nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    Requirement = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    WorkingDays = table.Column<int>(type: "integer", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ReInspectionId = table.Column<long>(type: "bigint", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rectification_orders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_rectification_orders_inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_rectification_orders_supervised_entities_EntityId",
                        column: x => x.EntityId,
                        principalTable: "supervised_entities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_case_leads_DepartmentId_CreatedAtUtc",
                table: "case_leads",
                columns: new[] { "DepartmentId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_case_leads_EntityId",
                table: "case_leads",
                column: "EntityId");

            migrationBuilder.CreateIndex(
                name: "IX_case_leads_InspectionId",
                table: "case_leads",
                column: "InspectionId");

            migrationBuilder.CreateIndex(
                name: "IX_evidence_ClientId",
                table: "evidence",
                column: "ClientId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_evidence_InspectionId",
                table: "evidence",
                column: "InspectionId");

            migrationBuilder.CreateIndex(
                name: "IX_evidence_Sha256",
                table: "evidence",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_points_ChecklistId",
                table: "inspection_points",
                column: "ChecklistId");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_points_InspectionId",
                table: "inspection_points",
                column: "InspectionId");

            migrationBuilder.CreateIndex(
                name: "IX_inspections_ClientId",
                table: "inspections",
                column: "ClientId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_inspections_DepartmentId_FinishedAtUtc",
                table: "inspections",
                columns: new[] { "DepartmentId", "FinishedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_inspections_DrawnEntityId",
                table: "inspections",
                column: "DrawnEntityId");

            migrationBuilder.CreateIndex(
                name: "IX_inspections_EntityId_FinishedAtUtc",
                table: "inspections",
                columns: new[] { "EntityId", "FinishedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_inspections_FirstOfficerId",
                table: "inspections",
                column: "FirstOfficerId");

            migrationBuilder.CreateIndex(
                name: "IX_inspections_RectificationOrderId",
                table: "inspections",
                column: "RectificationOrderId");

            migrationBuilder.CreateIndex(
                name: "IX_inspections_SecondOfficerId",
                table: "inspections",
                column: "SecondOfficerId");

            migrationBuilder.CreateIndex(
                name: "IX_inspections_TaskId",
                table: "inspections",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_rectification_orders_DepartmentId_ClosedOn_DueOn",
                table: "rectification_orders",
                columns: new[] { "DepartmentId", "ClosedOn", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_rectification_orders_EntityId",
                table: "rectification_orders",
                column: "EntityId");

            migrationBuilder.CreateIndex(
                name: "IX_rectification_orders_InspectionId",
                table: "rectification_orders",
                column: "InspectionId");

            migrationBuilder.AddForeignKey(
                name: "FK_case_leads_inspections_InspectionId",
                table: "case_leads",
                column: "InspectionId",
                principalTable: "inspections",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_evidence_inspections_InspectionId",
                table: "evidence",
                column: "InspectionId",
                principalTable: "inspections",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_inspection_points_inspections_InspectionId",
                table: "inspection_points",
                column: "InspectionId",
                principalTable: "inspections",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_inspections_rectification_orders_RectificationOrderId",
                table: "inspections",
                column: "RectificationOrderId",
                principalTable: "rectification_orders",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_rectification_orders_inspections_InspectionId",
                table: "rectification_orders");

            migrationBuilder.DropTable(
                name: "case_leads");

            migrationBuilder.DropTable(
                name: "evidence");

            migrationBuilder.DropTable(
                name: "inspection_points");

            migrationBuilder.DropTable(
                name: "inspections");

            migrationBuilder.DropTable(
                name: "rectification_orders");
        }
    }
}
