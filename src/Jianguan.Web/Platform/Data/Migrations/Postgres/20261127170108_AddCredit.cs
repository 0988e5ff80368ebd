using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jianguan.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddCredit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsRegistrationAuthority",
                table: "departments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "annual_reports",
                columns: table => new
                {
                    EntityId = table.Column<long>(type: "bigint", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    FiledOn = table.Column<DateOnly>(type: "date", nullable: false),
                    OnTime = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_annual_reports", x => new { x.EntityId, x.Year });
                });

            migrationBuilder.CreateTable(
                name: "credit_listings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EntityId = table.Column<long>(type: "bigint", nullable: false),
                    List = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<int>(type: "integer", nullable: false),
                    ReportYear = table.Column<int>(type: "integer", nullable: true),
                    FoundOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ListBy = table.Column<DateOnly>(type: "date", nullable: false),
                    ListedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DecisionNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    Facts = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ObjectionBy = table.Column<DateOnly>(type: "date", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RemovalRequestedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RemoveBy = table.Column<DateOnly>(type: "date", nullable: true),
                    RemovedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RemovalReason = table.Column<int>(type: "integer", nullable: true),
                    RemovalDecisionNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RelatedListingId = table.Column<long>(type: "bigint", nullable: true),
                    IsStatusMark = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credit_listings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_credit_listings_departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_credit_listings_supervised_entities_EntityId",
                        column: x => x.EntityId,
                        principalTable: "supervised_entities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "credit_records",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EntityId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Severity = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Detail = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DecisionNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    OccurredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: true),
                    IssuedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    SourceKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PublicFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    PublicUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    PublicityEndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PublicityEndReason = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ListingId = table.Column<long>(type: "bigint", nullable: true),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credit_records", x => x.Id);
                    table.ForeignKey(
                        name: "FK_credit_records_departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_credit_records_supervised_entities_EntityId",
                        column: x => x.EntityId,
                        principalTable: "supervised_entities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "entity_risk_classes",
                columns: table => new
                {
                    EntityId = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Class = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: false),
                    AssessmentId = table.Column<long>(type: "bigint", nullable: false),
                    Since = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_entity_risk_classes", x => x.EntityId);
                });

            migrationBuilder.CreateTable(
                name: "risk_assessments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    EntityId = table.Column<long>(type: "bigint", nullable: false),
                    Class = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: false),
                    Explanation = table.Column<string>(type: "text", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    ModelId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_risk_assessments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "risk_models",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    Note = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Definition = table.Column<string>(type: "text", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_risk_models", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "risk_runs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ModelId = table.Column<int>(type: "integer", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    Trigger = table.Column<int>(type: "integer", nullable: false),
                    EntityId = table.Column<long>(type: "bigint", nullable: true),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Assessed = table.Column<int>(type: "integer", nullable: false),
                    Changed = table.Column<int>(type: "integer", nullable: false),
                    StartedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_risk_runs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_risk_runs_risk_models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "risk_models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_credit_listings_DepartmentId",
                table: "credit_listings",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_credit_listings_EntityId_List_Reason",
                table: "credit_listings",
                columns: new[] { "EntityId", "List", "Reason" });

            migrationBuilder.CreateIndex(
                name: "IX_credit_listings_List_RemovedOn_ExpiresOn",
                table: "credit_listings",
                columns: new[] { "List", "RemovedOn", "ExpiresOn" });

            migrationBuilder.CreateIndex(
                name: "IX_credit_records_DepartmentId",
                table: "credit_records",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_credit_records_EntityId_OccurredOn",
                table: "credit_records",
                columns: new[] { "EntityId", "OccurredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_credit_records_IssuedBy_SourceKey",
                table: "credit_records",
                columns: new[] { "IssuedBy", "SourceKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_entity_risk_classes_Class",
                table: "entity_risk_classes",
                column: "Class");

            migrationBuilder.CreateIndex(
                name: "IX_risk_assessments_EntityId_AsOf",
                table: "risk_assessments",
                columns: new[] { "EntityId", "AsOf" });

            migrationBuilder.CreateIndex(
                name: "IX_risk_assessments_RunId",
                table: "risk_assessments",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_risk_models_Version",
                table: "risk_models",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_risk_runs_ModelId",
                table: "risk_runs",
                column: "ModelId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "annual_reports");

            migrationBuilder.DropTable(
                name: "credit_listings");

            migrationBuilder.DropTable(
                name: "credit_records");

            migrationBuilder.DropTable(
                name: "entity_risk_classes");

            migrationBuilder.DropTable(
                name: "risk_assessments");

            migrationBuilder.DropTable(
                name: "risk_runs");

            migrationBuilder.DropTable(
                name: "risk_models");

            migrationBuilder.DropColumn(
                name: "IsRegistrationAuthority",
                table: "departments");
        }
    }
}
