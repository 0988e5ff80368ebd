using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Jianguan.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Foundation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ActorName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: true),
                    Action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EntityType = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    EntityKey = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Changes = table.Column<string>(type: "text", nullable: false),
                    PreviousHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_entries", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "calendar_days",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_days", x => x.Date);
                });

            migrationBuilder.CreateTable(
                name: "calendar_years",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_years", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "departments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ShortName = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_departments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "divisions",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    ParentCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_divisions", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "officers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    LicenseNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    LicenseExpiresOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Qualifications = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_officers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_officers_departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: true),
                    OfficerId = table.Column<int>(type: "integer", nullable: true),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUsers_departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AspNetUsers_officers_OfficerId",
                        column: x => x.OfficerId,
                        principalTable: "officers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    RoleId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "AspNetRoles",
                columns: new[] { "Id", "ConcurrencyStamp", "Name", "NormalizedName" },
                values: new object[,]
                {
                    { "role-administrator", "role-administrator", "Administrator", "ADMINISTRATOR" },
                    { "role-business", "role-business", "Business", "BUSINESS" },
                    { "role-coordinationcommittee", "role-coordinationcommittee", "CoordinationCommittee", "COORDINATIONCOMMITTEE" },
                    { "role-departmenthead", "role-departmenthead", "DepartmentHead", "DEPARTMENTHEAD" },
                    { "role-departmentmanager", "role-departmentmanager", "DepartmentManager", "DEPARTMENTMANAGER" },
                    { "role-legalreviewer", "role-legalreviewer", "LegalReviewer", "LEGALREVIEWER" },
                    { "role-officer", "role-officer", "Officer", "OFFICER" }
                });

            migrationBuilder.InsertData(
                table: "calendar_days",
                columns: new[] { "Date", "Kind", "Name" },
                values: new object[,]
                {
                    { new DateOnly(2025, 1, 1), 1, "元旦" },
                    { new DateOnly(2025, 1, 26), 2, "春节" },
                    { new DateOnly(2025, 1, 28), 1, "春节" },
                    { new DateOnly(2025, 1, 29), 1, "春节" },
                    { new DateOnly(2025, 1, 30), 1, "春节" },
                    { new DateOnly(2025, 1, 31), 1, "春节" },
                    { new DateOnly(2025, 2, 1), 1, "春节" },
                    { new DateOnly(2025, 2, 2), 1, "春节" },
                    { new DateOnly(2025, 2, 3), 1, "春节" },
                    { new DateOnly(2025, 2, 4), 1, "春节" },
                    { new DateOnly(2025, 2, 8), 2, "春节" },
                    { new DateOnly(2025, 4, 4), 1, "清明节" },
                    { new DateOnly(2025, 4, 5), 1, "清明节" },
                    { new DateOnly(2025, 4, 6), 1, "清明节" },
                    { new DateOnly(2025, 4, 27), 2, "劳动节" },
                    { new DateOnly(2025, 5, 1), 1, "劳动节" },
                    { new DateOnly(2025, 5, 2), 1, "劳动节" },
                    { new DateOnly(2025, 5, 3), 1, "劳动节" },
                    { new DateOnly(2025, 5, 4), 1, "劳动节" },
                    { new DateOnly(2025, 5, 5), 1, "劳动节" },
                    { new DateOnly(2025, 5, 31), 1, "端午节" },
                    { new DateOnly(2025, 6, 1), 1, "端午节" },
                    { new DateOnly(2025, 6, 2), 1, "端午节" },
                    { new DateOnly(2025, 9, 28), 2, "国庆节" },
                    { new DateOnly(2025, 10, 1), 1, "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 2), 1, "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 3), 1, "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 4), 1, "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 5), 1, "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 6), 1, "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 7), 1, "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 8), 1, "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 11), 2, "国庆节" },
                    { new DateOnly(2026, 1, 1), 1, "元旦" },
                    { new DateOnly(2026, 1, 2), 1, "元旦" },
                    { new DateOnly(2026, 1, 3), 1, "元旦" },
                    { new DateOnly(2026, 1, 4), 2, "元旦" },
                    { new DateOnly(2026, 2, 14), 2, "春节" },
                    { new DateOnly(2026, 2, 15), 1, "春节" },
                    { new DateOnly(2026, 2, 16), 1, "春节" },
                    { new DateOnly(2026, 2, 17), 1, "春节" },
                    { new DateOnly(2026, 2, 18), 1, "春节" },
                    { new DateOnly(2026, 2, 19), 1, "春节" },
                    { new DateOnly(2026, 2, 20), 1, "春节" },
                    { new DateOnly(2026, 2, 21), 1, "春节" },
                    { new DateOnly(2026, 2, 22), 1, "春节" },
                    { new DateOnly(2026, 2, 23), 1, "春节" },
                    { new DateOnly(2026, 2, 28), 2, "春节" },
                    { new DateOnly(2026, 4, 4), 1, "清明节" },
                    { new DateOnly(2026, 4, 5), 1, "清明节" },
                    { new DateOnly(2026, 4, 6), 1, "清明节" },
                    { new DateOnly(2026, 5, 1), 1, "劳动节" },
                    { new DateOnly(2026, 5, 2), 1, "劳动节" },
                    { new DateOnly(2026, 5, 3), 1, "劳动节" },
                    { new DateOnly(2026, 5, 4), 1, "劳动节" },
                    { new DateOnly(2026, 5, 5), 1, "劳动节" },
                    { new DateOnly(2026, 5, 9), 2, "劳动节" },
                    { new DateOnly(2026, 6, 19), 1, "端午节" },
                    { new DateOnly(2026, 6, 20), 1, "端午节" },
                    { new DateOnly(2026, 6, 21), 1, "端午节" },
                    { new DateOnly(2026, 9, 20), 2, "中秋节" },
                    { new DateOnly(2026, 9, 25), 1, "中秋节" },
                    { new DateOnly(2026, 9, 26), 1, "中秋节" },
                    { new DateOnly(2026, 9, 27), 1, "中秋节" },
                    { new DateOnly(2026, 10, 1), 1, "国庆节" },
                    { new DateOnly(2026, 10, 2), 1, "国庆节" },
                    { new DateOnly(2026, 10, 3), 1, "国庆节" },
                    { new DateOnly(2026, 10, 4), 1, "国庆节" },
                    { new DateOnly(2026, 10, 5), 1, "国庆节" },
                    { new DateOnly(2026, 10, 6), 1, "国庆节" },
                    { new DateOnly(2026, 10, 7), 1, "国庆节" },
                    { new DateOnly(2026, 10, 10), 2, "国庆节" }
                });

            migrationBuilder.InsertData(
                table: "calendar_years",
                columns: new[] { "Year", "Source" },
                values: new object[,]
                {
                    { 2025, "国办发明电〔2024〕12号" },
                    { 2026, "国务院办公厅关于2026年部分节假日安排的通知（2025-11-04）" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_DepartmentId",
                table: "AspNetUsers",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_OfficerId",
                table: "AspNetUsers",
                column: "OfficerId");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_EntityType_EntityKey",
                table: "audit_entries",
                columns: new[] { "EntityType", "EntityKey" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_OccurredAtUtc",
                table: "audit_entries",
                column: "OccurredAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_departments_Code",
                table: "departments",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_departments_Name",
                table: "departments",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_divisions_ParentCode",
                table: "divisions",
                column: "ParentCode");

            migrationBuilder.CreateIndex(
                name: "IX_officers_DepartmentId_IsActive",
                table: "officers",
                columns: new[] { "DepartmentId", "IsActive" });

            migrationBuilder.CreateIndex(
                name: "IX_officers_LicenseNumber",
                table: "officers",
                column: "LicenseNumber",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "calendar_days");

            migrationBuilder.DropTable(
                name: "calendar_years");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "divisions");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "officers");

            migrationBuilder.DropTable(
                name: "departments");
        }
    }
}
