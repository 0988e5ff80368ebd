using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jianguan.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SpotChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "officer_conflicts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OfficerId = table.Column<int>(type: "INTEGER", nullable: false),
                    EntityId = table.Column<long>(type: "INTEGER", nullable: false),
                    Relationship = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DeclaredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_officer_conflicts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_officer_conflicts_officers_OfficerId",
                        column: x => x.OfficerId,
                        principalTable: "officers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_officer_conflicts_supervised_entities_EntityId",
                        column: x => x.EntityId,
                        principalTable: "supervised_entities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "spot_check_plans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DepartmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Rules = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReportedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spot_check_plans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_spot_check_plans_departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "spot_check_tasks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PlanId = table.Column<long>(type: "INTEGER", nullable: true),
                    LeadDepartmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IndustryCode = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    DivisionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    Tag = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    EntityType = table.Column<int>(type: "INTEGER", nullable: true),
                    Stratification = table.Column<int>(type: "INTEGER", nullable: false),
                    RatioA = table.Column<int>(type: "INTEGER", nullable: false),
                    RatioB = table.Column<int>(type: "INTEGER", nullable: false),
                    RatioC = table.Column<int>(type: "INTEGER", nullable: false),
                    RatioD = table.Column<int>(type: "INTEGER", nullable: false),
                    OfficersPerEntity = table.Column<int>(type: "INTEGER", nullable: false),
                    Secret = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Commitment = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CommittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spot_check_tasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_spot_check_tasks_departments_LeadDepartmentId",
                        column: x => x.LeadDepartmentId,
                        principalTable: "departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_spot_check_tasks_spot_check_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "spot_check_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "spot_check_draws",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TaskId = table.Column<long>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    DrawnAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DrawnBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Entropy = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Commitment = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PoolDigest = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Seed = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PoolSize = table.Column<int>(type: "INTEGER", nullable: false),
                    SelectedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    UnassignedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ExcludedAtCap = table.Column<int>(type: "INTEGER", nullable: false),
                    Record = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    CancelReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CancelRequestedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CancelRequestedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CancelApprovedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CancelledAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spot_check_draws", x => x.Id);
                    table.ForeignKey(
                        name: "FK_spot_check_draws_spot_check_tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "spot_check_tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "spot_check_task_items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TaskId = table.Column<long>(type: "INTEGER", nullable: false),
                    DepartmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    ChecklistId = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ItemName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequiredQualification = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spot_check_task_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_spot_check_task_items_departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_spot_check_task_items_inspection_checklists_ChecklistId",
                        column: x => x.ChecklistId,
                        principalTable: "inspection_checklists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_spot_check_task_items_spot_check_tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "spot_check_tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "drawn_entities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DrawId = table.Column<long>(type: "INTEGER", nullable: false),
                    TaskId = table.Column<long>(type: "INTEGER", nullable: false),
                    EntityId = table.Column<long>(type: "INTEGER", nullable: false),
                    Stratum = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Rank = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UnassignedReason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drawn_entities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_drawn_entities_spot_check_draws_DrawId",
                        column: x => x.DrawId,
                        principalTable: "spot_check_draws",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_drawn_entities_supervised_entities_EntityId",
                        column: x => x.EntityId,
                        principalTable: "supervised_entities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "drawn_entity_officers",
                columns: table => new
                {
                    DrawnEntityId = table.Column<long>(type: "INTEGER", nullable: false),
                    OfficerId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drawn_entity_officers", x => new { x.DrawnEntityId, x.OfficerId });
                    table.ForeignKey(
                        name: "FK_drawn_entity_officers_drawn_entities_DrawnEntityId",
                        column: x => x.DrawnEntityId,
                        principalTable: "drawn_entities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_drawn_entity_officers_officers_OfficerId",
                        column: x => x.OfficerId,
                        principalTable: "officers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "spot_check_results",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DrawnEntityId = table.Column<long>(type: "INTEGER", nullable: false),
                    TaskId = table.Column<long>(type: "INTEGER", nullable: false),
                    EntityId = table.Column<long>(type: "INTEGER", nullable: false),
                    InspectedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    FollowUp = table.Column<int>(type: "INTEGER", nullable: false),
                    FollowUpNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    PublishBy = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreditRecordId = table.Column<long>(type: "INTEGER", nullable: true),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spot_check_results", x => x.Id);
                    table.ForeignKey(
                        name: "FK_spot_check_results_drawn_entities_DrawnEntityId",
                        column: x => x.DrawnEntityId,
                        principalTable: "drawn_entities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_spot_check_results_spot_check_tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "spot_check_tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "spot_check_item_results",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ResultId = table.Column<long>(type: "INTEGER", nullable: false),
                    TaskItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    ProblemFound = table.Column<bool>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spot_check_item_results", x => x.Id);
                    table.ForeignKey(
                        name: "FK_spot_check_item_results_spot_check_results_ResultId",
                        column: x => x.ResultId,
                        principalTable: "spot_check_results",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_spot_check_item_results_spot_check_task_items_TaskItemId",
                        column: x => x.TaskItemId,
                        principalTable: "spot_check_task_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_drawn_entities_DrawId_EntityId",
                table: "drawn_entities",
                columns: new[] { "DrawId", "EntityId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_drawn_entities_EntityId",
                table: "drawn_entities",
                column: "EntityId");

            migrationBuilder.CreateIndex(
                name: "IX_drawn_entity_officers_OfficerId",
                table: "drawn_entity_officers",
                column: "OfficerId");

            migrationBuilder.CreateIndex(
                name: "IX_officer_conflicts_EntityId_OfficerId",
                table: "officer_conflicts",
                columns: new[] { "EntityId", "OfficerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_officer_conflicts_OfficerId",
                table: "officer_conflicts",
                column: "OfficerId");

            migrationBuilder.CreateIndex(
                name: "IX_spot_check_draws_DrawnAtUtc",
                table: "spot_check_draws",
                column: "DrawnAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_spot_check_draws_TaskId_Number",
                table: "spot_check_draws",
                columns: new[] { "TaskId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_spot_check_item_results_ResultId",
                table: "spot_check_item_results",
                column: "ResultId");

            migrationBuilder.CreateIndex(
                name: "IX_spot_check_item_results_TaskItemId",
                table: "spot_check_item_results",
                column: "TaskItemId");

            migrationBuilder.CreateIndex(
                name: "IX_spot_check_plans_DepartmentId_Year",
                table: "spot_check_plans",
                columns: new[] { "DepartmentId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_spot_check_results_DrawnEntityId",
                table: "spot_check_results",
                column: "DrawnEntityId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_spot_check_results_EntityId_PublishedOn",
                table: "spot_check_results",
                columns: new[] { "EntityId", "PublishedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_spot_check_results_TaskId_PublishedOn",
                table: "spot_check_results",
                columns: new[] { "TaskId", "PublishedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_spot_check_task_items_ChecklistId",
                table: "spot_check_task_items",
                column: "ChecklistId");

            migrationBuilder.CreateIndex(
                name: "IX_spot_check_task_items_DepartmentId",
                table: "spot_check_task_items",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_spot_check_task_items_TaskId_ItemCode",
                table: "spot_check_task_items",
                columns: new[] { "TaskId", "ItemCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_spot_check_tasks_LeadDepartmentId_State",
                table: "spot_check_tasks",
                columns: new[] { "LeadDepartmentId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_spot_check_tasks_PlanId",
                table: "spot_check_tasks",
                column: "PlanId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "drawn_entity_officers");

            migrationBuilder.DropTable(
                name: "officer_conflicts");

            migrationBuilder.DropTable(
                name: "spot_check_item_results");

            migrationBuilder.DropTable(
                name: "spot_check_results");

            migrationBuilder.DropTable(
                name: "spot_check_task_items");

            migrationBuilder.DropTable(
                name: "drawn_entities");

            migrationBuilder.DropTable(
                name: "spot_check_draws");

            migrationBuilder.DropTable(
                name: "spot_check_tasks");

            migrationBuilder.DropTable(
                name: "spot_check_plans");
        }
    }
}
