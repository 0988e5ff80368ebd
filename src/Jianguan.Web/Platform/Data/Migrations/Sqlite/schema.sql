CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "audit_entries" (
    "Sequence" INTEGER NOT NULL CONSTRAINT "PK_audit_entries" PRIMARY KEY,
    "OccurredAtUtc" TEXT NOT NULL,
    "ActorId" TEXT NULL,
    "ActorName" TEXT NOT NULL,
    "DepartmentId" INTEGER NULL,
    "Action" TEXT NOT NULL,
    "EntityType" TEXT NOT NULL,
    "EntityKey" TEXT NOT NULL,
    "Changes" TEXT NOT NULL,
    "PreviousHash" TEXT NOT NULL,
    "Hash" TEXT NOT NULL
);

CREATE TABLE "calendar_days" (
    "Date" TEXT NOT NULL CONSTRAINT "PK_calendar_days" PRIMARY KEY,
    "Kind" INTEGER NOT NULL,
    "Name" TEXT NOT NULL
);

CREATE TABLE "calendar_years" (
    "Year" INTEGER NOT NULL CONSTRAINT "PK_calendar_years" PRIMARY KEY,
    "Source" TEXT NOT NULL
);

CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NULL
);

CREATE TABLE "departments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_departments" PRIMARY KEY AUTOINCREMENT,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "ShortName" TEXT NOT NULL,
    "DivisionCode" TEXT NOT NULL,
    "IsActive" INTEGER NOT NULL,
    "SortOrder" INTEGER NOT NULL
);

CREATE TABLE "divisions" (
    "Code" TEXT NOT NULL CONSTRAINT "PK_divisions" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Level" INTEGER NOT NULL,
    "ParentCode" TEXT NULL
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "officers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_officers" PRIMARY KEY AUTOINCREMENT,
    "DepartmentId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "LicenseNumber" TEXT NOT NULL,
    "LicenseExpiresOn" TEXT NOT NULL,
    "Qualifications" TEXT NOT NULL,
    "IsActive" INTEGER NOT NULL,
    CONSTRAINT "FK_officers_departments_DepartmentId" FOREIGN KEY ("DepartmentId") REFERENCES "departments" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "DepartmentId" INTEGER NULL,
    "OfficerId" INTEGER NULL,
    "CreditCode" TEXT NULL,
    "IsActive" INTEGER NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL,
    CONSTRAINT "FK_AspNetUsers_departments_DepartmentId" FOREIGN KEY ("DepartmentId") REFERENCES "departments" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_AspNetUsers_officers_OfficerId" FOREIGN KEY ("OfficerId") REFERENCES "officers" ("Id") ON DELETE SET NULL
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

INSERT INTO "AspNetRoles" ("Id", "ConcurrencyStamp", "Name", "NormalizedName")
VALUES ('role-administrator', 'role-administrator', 'Administrator', 'ADMINISTRATOR');
SELECT changes();

INSERT INTO "AspNetRoles" ("Id", "ConcurrencyStamp", "Name", "NormalizedName")
VALUES ('role-business', 'role-business', 'Business', 'BUSINESS');
SELECT changes();

INSERT INTO "AspNetRoles" ("Id", "ConcurrencyStamp", "Name", "NormalizedName")
VALUES ('role-coordinationcommittee', 'role-coordinationcommittee', 'CoordinationCommittee', 'COORDINATIONCOMMITTEE');
SELECT changes();

INSERT INTO "AspNetRoles" ("Id", "ConcurrencyStamp", "Name", "NormalizedName")
VALUES ('role-departmenthead', 'role-departmenthead', 'DepartmentHead', 'DEPARTMENTHEAD');
SELECT changes();

INSERT INTO "AspNetRoles" ("Id", "ConcurrencyStamp", "Name", "NormalizedName")
VALUES ('role-departmentmanager', 'role-departmentmanager', 'DepartmentManager', 'DEPARTMENTMANAGER');
SELECT changes();

INSERT INTO "AspNetRoles" ("Id", "ConcurrencyStamp", "Name", "NormalizedName")
VALUES ('role-legalreviewer', 'role-legalreviewer', 'LegalReviewer', 'LEGALREVIEWER');
SELECT changes();

INSERT INTO "AspNetRoles" ("Id", "ConcurrencyStamp", "Name", "NormalizedName")
VALUES ('role-officer', 'role-officer', 'Officer', 'OFFICER');
SELECT changes();


INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-01-01', 1, '元旦');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-01-26', 2, '春节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-01-28', 1, '春节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-01-29', 1, '春节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-01-30', 1, '春节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-01-31', 1, '春节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-02-01', 1, '春节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-02-02', 1, '春节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-02-03', 1, '春节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-02-04', 1, '春节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-02-08', 2, '春节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-04-04', 1, '清明节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-04-05', 1, '清明节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-04-06', 1, '清明节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-04-27', 2, '劳动节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-05-01', 1, '劳动节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-05-02', 1, '劳动节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-05-03', 1, '劳动节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-05-04', 1, '劳动节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-05-05', 1, '劳动节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-05-31', 1, '端午节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-06-01', 1, '端午节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-06-02', 1, '端午节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-09-28', 2, '国庆节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-10-01', 1, '国庆节、中秋节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-10-02', 1, '国庆节、中秋节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-10-03', 1, '国庆节、中秋节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-10-04', 1, '国庆节、中秋节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-10-05', 1, '国庆节、中秋节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-10-06', 1, '国庆节、中秋节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-10-07', 1, '国庆节、中秋节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-10-08', 1, '国庆节、中秋节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2025-10-11', 2, '国庆节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-01-01', 1, '元旦');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-01-02', 1, '元旦');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-01-03', 1, '元旦');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-01-04', 2, '元旦');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-02-14', 2, '春节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-02-15', 1, '春节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-02-16', 1, '春节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-02-17', 1, '春节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-02-18', 1, '春节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-02-19', 1, '春节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-02-20', 1, '春节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-02-21', 1, '春节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-02-22', 1, '春节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-02-23', 1, '春节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-02-28', 2, '春节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-04-04', 1, '清明节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-04-05', 1, '清明节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-04-06', 1, '清明节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-05-01', 1, '劳动节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-05-02', 1, '劳动节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-05-03', 1, '劳动节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-05-04', 1, '劳动节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-05-05', 1, '劳动节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-05-09', 2, '劳动节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-06-19', 1, '端午节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-06-20', 1, '端午节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-06-21', 1, '端午节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-09-20', 2, '中秋节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-09-25', 1, '中秋节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-09-26', 1, '中秋节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-09-27', 1, '中秋节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-10-01', 1, '国庆节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-10-02', 1, '国庆节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-10-03', 1, '国庆节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-10-04', 1, '国庆节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-10-05', 1, '国庆节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-10-06', 1, '国庆节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-10-07', 1, '国庆节');
SELECT changes();

INSERT INTO "calendar_days" ("Date", "Kind", "Name")
VALUES ('2026-10-10', 2, '国庆节');
SELECT changes();


INSERT INTO "calendar_years" ("Year", "Source")
VALUES (2025, '国办发明电〔2024〕12号');
SELECT changes();

INSERT INTO "calendar_years" ("Year", "Source")
VALUES (2026, '国务院办公厅关于2026年部分节假日安排的通知（2025-11-04）');
SELECT changes();


CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE INDEX "IX_AspNetUsers_DepartmentId" ON "AspNetUsers" ("DepartmentId");

CREATE INDEX "IX_AspNetUsers_OfficerId" ON "AspNetUsers" ("OfficerId");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE INDEX "IX_audit_entries_EntityType_EntityKey" ON "audit_entries" ("EntityType", "EntityKey");

CREATE INDEX "IX_audit_entries_OccurredAtUtc" ON "audit_entries" ("OccurredAtUtc");

CREATE UNIQUE INDEX "IX_departments_Code" ON "departments" ("Code");

CREATE UNIQUE INDEX "IX_departments_Name" ON "departments" ("Name");

CREATE INDEX "IX_divisions_ParentCode" ON "divisions" ("ParentCode");

CREATE INDEX "IX_officers_DepartmentId_IsActive" ON "officers" ("DepartmentId", "IsActive");

CREATE UNIQUE INDEX "IX_officers_LicenseNumber" ON "officers" ("LicenseNumber");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127090844_Foundation', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "industries" (
    "Code" TEXT NOT NULL CONSTRAINT "PK_industries" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Section" TEXT NOT NULL
);

CREATE TABLE "supervised_entities" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_supervised_entities" PRIMARY KEY AUTOINCREMENT,
    "CreditCode" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Type" INTEGER NOT NULL,
    "LegalRepresentativeName" TEXT NULL,
    "LegalRepresentativeIdNumber" TEXT NULL,
    "Address" TEXT NULL,
    "DivisionCode" TEXT NOT NULL,
    "IndustryCode" TEXT NOT NULL,
    "IndustrySection" TEXT NOT NULL,
    "RegisteredOn" TEXT NULL,
    "Status" INTEGER NOT NULL
);

CREATE TABLE "entity_licences" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_entity_licences" PRIMARY KEY AUTOINCREMENT,
    "EntityId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Number" TEXT NOT NULL,
    "ExpiresOn" TEXT NULL,
    CONSTRAINT "FK_entity_licences_supervised_entities_EntityId" FOREIGN KEY ("EntityId") REFERENCES "supervised_entities" ("Id") ON DELETE CASCADE
);

CREATE TABLE "entity_tags" (
    "EntityId" INTEGER NOT NULL,
    "Tag" TEXT NOT NULL,
    CONSTRAINT "PK_entity_tags" PRIMARY KEY ("EntityId", "Tag"),
    CONSTRAINT "FK_entity_tags_supervised_entities_EntityId" FOREIGN KEY ("EntityId") REFERENCES "supervised_entities" ("Id") ON DELETE CASCADE
);

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('01', '农业', 'A');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('02', '林业', 'A');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('03', '畜牧业', 'A');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('04', '渔业', 'A');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('05', '农、林、牧、渔专业及辅助性活动', 'A');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('06', '煤炭开采和洗选业', 'B');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('07', '石油和天然气开采业', 'B');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('08', '黑色金属矿采选业', 'B');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('09', '有色金属矿采选业', 'B');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('10', '非金属矿采选业', 'B');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('11', '开采专业及辅助性活动', 'B');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('12', '其他采矿业', 'B');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('13', '农副食品加工业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('14', '食品制造业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('15', '酒、饮料和精制茶制造业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('16', '烟草制品业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('17', '纺织业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('18', '纺织服装、服饰业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('19', '皮革、毛皮、羽毛及其制品和制鞋业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('20', '木材加工和木、竹、藤、棕、草制品业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('21', '家具制造业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('22', '造纸和纸制品业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('23', '印刷和记录媒介复制业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('24', '文教、工美、体育和娱乐用品制造业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('25', '石油、煤炭及其他燃料加工业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('26', '化学原料和化学制品制造业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('27', '医药制造业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('28', '化学纤维制造业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('29', '橡胶和塑料制品业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('30', '非金属矿物制品业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('31', '黑色金属冶炼和压延加工业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('32', '有色金属冶炼和压延加工业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('33', '金属制品业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('34', '通用设备制造业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('35', '专用设备制造业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('36', '汽车制造业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('37', '铁路、船舶、航空航天和其他运输设备制造业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('38', '电气机械和器材制造业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('39', '计算机、通信和其他电子设备制造业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('40', '仪器仪表制造业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('41', '其他制造业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('42', '废弃资源综合利用业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('43', '金属制品、机械和设备修理业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('44', '电力、热力生产和供应业', 'D');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('45', '燃气生产和供应业', 'D');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('46', '水的生产和供应业', 'D');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('47', '房屋建筑业', 'E');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('48', '土木工程建筑业', 'E');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('49', '建筑安装业', 'E');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('50', '建筑装饰、装修和其他建筑业', 'E');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('51', '批发业', 'F');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('52', '零售业', 'F');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('53', '铁路运输业', 'G');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('54', '道路运输业', 'G');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('55', '水上运输业', 'G');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('56', '航空运输业', 'G');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('57', '管道运输业', 'G');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('58', '多式联运和运输代理业', 'G');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('59', '装卸搬运和仓储业', 'G');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('60', '邮政业', 'G');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('61', '住宿业', 'H');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('62', '餐饮业', 'H');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('63', '电信、广播电视和卫星传输服务', 'I');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('64', '互联网和相关服务', 'I');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('65', '软件和信息技术服务业', 'I');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('66', '货币金融服务', 'J');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('67', '资本市场服务', 'J');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('68', '保险业', 'J');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('69', '其他金融业', 'J');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('70', '房地产业', 'K');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('71', '租赁业', 'L');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('72', '商务服务业', 'L');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('73', '研究和试验发展', 'M');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('74', '专业技术服务业', 'M');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('75', '科技推广和应用服务业', 'M');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('76', '水利管理业', 'N');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('77', '生态保护和环境治理业', 'N');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('78', '公共设施管理业', 'N');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('79', '土地管理业', 'N');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('80', '居民服务业', 'O');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('81', '机动车、电子产品和日用产品修理业', 'O');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('82', '其他服务业', 'O');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('83', '教育', 'P');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('84', '卫生', 'Q');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('85', '社会工作', 'Q');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('86', '新闻和出版业', 'R');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('87', '广播、电视、电影和录音制作业', 'R');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('88', '文化艺术业', 'R');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('89', '体育', 'R');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('90', '娱乐业', 'R');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('91', '中国共产党机关', 'S');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('92', '国家机构', 'S');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('93', '人民政协、民主党派', 'S');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('94', '社会保障', 'S');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('95', '群众团体、社会团体和其他成员组织', 'S');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('96', '基层群众自治组织及其他组织', 'S');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('97', '国际组织', 'T');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('A', '农、林、牧、渔业', 'A');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('B', '采矿业', 'B');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('C', '制造业', 'C');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('D', '电力、热力、燃气及水生产和供应业', 'D');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('E', '建筑业', 'E');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('F', '批发和零售业', 'F');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('G', '交通运输、仓储和邮政业', 'G');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('H', '住宿和餐饮业', 'H');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('I', '信息传输、软件和信息技术服务业', 'I');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('J', '金融业', 'J');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('K', '房地产业', 'K');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('L', '租赁和商务服务业', 'L');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('M', '科学研究和技术服务业', 'M');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('N', '水利、环境和公共设施管理业', 'N');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('O', '居民服务、修理和其他服务业', 'O');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('P', '教育', 'P');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('Q', '卫生和社会工作', 'Q');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('R', '文化、体育和娱乐业', 'R');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('S', '公共管理、社会保障和社会组织', 'S');
SELECT changes();

INSERT INTO "industries" ("Code", "Name", "Section")
VALUES ('T', '国际组织', 'T');
SELECT changes();


CREATE INDEX "IX_entity_licences_EntityId" ON "entity_licences" ("EntityId");

CREATE INDEX "IX_entity_licences_ExpiresOn" ON "entity_licences" ("ExpiresOn");

CREATE INDEX "IX_entity_tags_Tag" ON "entity_tags" ("Tag");

CREATE UNIQUE INDEX "IX_supervised_entities_CreditCode" ON "supervised_entities" ("CreditCode");

CREATE INDEX "IX_supervised_entities_DivisionCode_Status" ON "supervised_entities" ("DivisionCode", "Status");

CREATE INDEX "IX_supervised_entities_IndustryCode_Status" ON "supervised_entities" ("IndustryCode", "Status");

CREATE INDEX "IX_supervised_entities_IndustrySection_Status" ON "supervised_entities" ("IndustrySection", "Status");

CREATE INDEX "IX_supervised_entities_Name" ON "supervised_entities" ("Name");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127095734_AddRegistry', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "inspection_checklists" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_inspection_checklists" PRIMARY KEY AUTOINCREMENT,
    "ItemCode" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "EffectiveFrom" TEXT NOT NULL,
    "EffectiveTo" TEXT NULL,
    "DepartmentId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "SpotCheck" INTEGER NOT NULL,
    "RatioBasisPoints" INTEGER NULL,
    "Frequency" TEXT NOT NULL,
    "IsPublished" INTEGER NOT NULL,
    "ChangeNote" TEXT NOT NULL,
    "RecordedAtUtc" TEXT NOT NULL,
    "RecordedBy" TEXT NOT NULL,
    CONSTRAINT "FK_inspection_checklists_departments_DepartmentId" FOREIGN KEY ("DepartmentId") REFERENCES "departments" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "power_list_entries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_power_list_entries" PRIMARY KEY AUTOINCREMENT,
    "DepartmentId" INTEGER NOT NULL,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Type" INTEGER NOT NULL,
    "LegalBasis" TEXT NOT NULL,
    "Responsibility" TEXT NOT NULL,
    "IsPublished" INTEGER NOT NULL,
    CONSTRAINT "FK_power_list_entries_departments_DepartmentId" FOREIGN KEY ("DepartmentId") REFERENCES "departments" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "supervision_items" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_supervision_items" PRIMARY KEY AUTOINCREMENT,
    "Code" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "EffectiveFrom" TEXT NOT NULL,
    "EffectiveTo" TEXT NULL,
    "DepartmentId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Category" INTEGER NOT NULL,
    "SupervisedObject" TEXT NOT NULL,
    "Measures" TEXT NOT NULL,
    "LegalBasisLaw" TEXT NOT NULL,
    "LegalBasisArticle" TEXT NOT NULL,
    "LegalBasisText" TEXT NOT NULL,
    "Process" TEXT NOT NULL,
    "Result" TEXT NOT NULL,
    "Level" INTEGER NOT NULL,
    "OwnershipRule" INTEGER NOT NULL,
    "IsPublished" INTEGER NOT NULL,
    "ChangeNote" TEXT NOT NULL,
    "RecordedAtUtc" TEXT NOT NULL,
    "RecordedBy" TEXT NOT NULL,
    CONSTRAINT "FK_supervision_items_departments_DepartmentId" FOREIGN KEY ("DepartmentId") REFERENCES "departments" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "checklist_points" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_checklist_points" PRIMARY KEY AUTOINCREMENT,
    "ChecklistId" INTEGER NOT NULL,
    "Number" INTEGER NOT NULL,
    "Content" TEXT NOT NULL,
    "Method" INTEGER NOT NULL,
    "Basis" TEXT NOT NULL,
    "Standard" TEXT NOT NULL,
    "FailureHandling" TEXT NOT NULL,
    "IsMajor" INTEGER NOT NULL,
    CONSTRAINT "FK_checklist_points_inspection_checklists_ChecklistId" FOREIGN KEY ("ChecklistId") REFERENCES "inspection_checklists" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_checklist_points_ChecklistId_Number" ON "checklist_points" ("ChecklistId", "Number");

CREATE INDEX "IX_inspection_checklists_DepartmentId_EffectiveTo" ON "inspection_checklists" ("DepartmentId", "EffectiveTo");

CREATE UNIQUE INDEX "IX_inspection_checklists_ItemCode_Version" ON "inspection_checklists" ("ItemCode", "Version");

CREATE UNIQUE INDEX "IX_power_list_entries_DepartmentId_Code" ON "power_list_entries" ("DepartmentId", "Code");

CREATE UNIQUE INDEX "IX_supervision_items_Code_Version" ON "supervision_items" ("Code", "Version");

CREATE INDEX "IX_supervision_items_DepartmentId_EffectiveTo" ON "supervision_items" ("DepartmentId", "EffectiveTo");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127103850_AddCatalog', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
DROP INDEX "IX_supervised_entities_DivisionCode_Status";

DROP INDEX "IX_supervised_entities_IndustryCode_Status";

DROP INDEX "IX_supervised_entities_IndustrySection_Status";

DROP INDEX "IX_supervised_entities_Name";

CREATE INDEX "IX_supervised_entities_DivisionCode_Status_IndustryCode" ON "supervised_entities" ("DivisionCode", "Status", "IndustryCode");

CREATE INDEX "IX_supervised_entities_IndustryCode_Status_DivisionCode" ON "supervised_entities" ("IndustryCode", "Status", "DivisionCode");

CREATE INDEX "IX_supervised_entities_IndustrySection_Status_DivisionCode" ON "supervised_entities" ("IndustrySection", "Status", "DivisionCode");

CREATE INDEX "IX_supervised_entities_Name_Id" ON "supervised_entities" ("Name", "Id");

CREATE VIRTUAL TABLE entity_name_grams USING fts5(grams, content='', contentless_delete=1, tokenize='ascii');

INSERT INTO entity_name_grams(rowid, grams) SELECT "Id", coalesce((SELECT group_concat(hex(substr(lower("Name"), value, 2)), ' ' ORDER BY value) FROM json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71,72,73,74,75,76,77,78,79,80,81,82,83,84,85,86,87,88,89,90,91,92,93,94,95,96,97,98,99,100,101,102,103,104,105,106,107,108,109,110,111,112,113,114,115,116,117,118,119,120,121,122,123,124,125,126,127,128]') WHERE value < length("Name")) || ' ', '') || (SELECT group_concat(hex(substr(lower("Name"), value, 1)), ' ' ORDER BY value) FROM json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71,72,73,74,75,76,77,78,79,80,81,82,83,84,85,86,87,88,89,90,91,92,93,94,95,96,97,98,99,100,101,102,103,104,105,106,107,108,109,110,111,112,113,114,115,116,117,118,119,120,121,122,123,124,125,126,127,128]') WHERE value <= length("Name")) FROM supervised_entities;

CREATE TRIGGER supervised_entities_name_grams_insert AFTER INSERT ON supervised_entities BEGIN
    INSERT INTO entity_name_grams(rowid, grams) VALUES (NEW."Id", coalesce((SELECT group_concat(hex(substr(lower(NEW."Name"), value, 2)), ' ' ORDER BY value) FROM json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71,72,73,74,75,76,77,78,79,80,81,82,83,84,85,86,87,88,89,90,91,92,93,94,95,96,97,98,99,100,101,102,103,104,105,106,107,108,109,110,111,112,113,114,115,116,117,118,119,120,121,122,123,124,125,126,127,128]') WHERE value < length(NEW."Name")) || ' ', '') || (SELECT group_concat(hex(substr(lower(NEW."Name"), value, 1)), ' ' ORDER BY value) FROM json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71,72,73,74,75,76,77,78,79,80,81,82,83,84,85,86,87,88,89,90,91,92,93,94,95,96,97,98,99,100,101,102,103,104,105,106,107,108,109,110,111,112,113,114,115,116,117,118,119,120,121,122,123,124,125,126,127,128]') WHERE value <= length(NEW."Name")));
END;

CREATE TRIGGER supervised_entities_name_grams_update AFTER UPDATE OF "Name", "Id" ON supervised_entities
WHEN OLD."Name" IS NOT NEW."Name" OR OLD."Id" IS NOT NEW."Id" BEGIN
    DELETE FROM entity_name_grams WHERE rowid = OLD."Id";
    INSERT INTO entity_name_grams(rowid, grams) VALUES (NEW."Id", coalesce((SELECT group_concat(hex(substr(lower(NEW."Name"), value, 2)), ' ' ORDER BY value) FROM json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71,72,73,74,75,76,77,78,79,80,81,82,83,84,85,86,87,88,89,90,91,92,93,94,95,96,97,98,99,100,101,102,103,104,105,106,107,108,109,110,111,112,113,114,115,116,117,118,119,120,121,122,123,124,125,126,127,128]') WHERE value < length(NEW."Name")) || ' ', '') || (SELECT group_concat(hex(substr(lower(NEW."Name"), value, 1)), ' ' ORDER BY value) FROM json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71,72,73,74,75,76,77,78,79,80,81,82,83,84,85,86,87,88,89,90,91,92,93,94,95,96,97,98,99,100,101,102,103,104,105,106,107,108,109,110,111,112,113,114,115,116,117,118,119,120,121,122,123,124,125,126,127,128]') WHERE value <= length(NEW."Name")));
END;

CREATE TRIGGER supervised_entities_name_grams_delete AFTER DELETE ON supervised_entities BEGIN
    DELETE FROM entity_name_grams WHERE rowid = OLD."Id";
END;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127114140_AddNameSearch', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "import_jobs" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_import_jobs" PRIMARY KEY,
    "FileName" TEXT NOT NULL,
    "FileBytes" INTEGER NOT NULL,
    "Mode" INTEGER NOT NULL,
    "Status" INTEGER NOT NULL,
    "CreatedById" TEXT NULL,
    "CreatedByName" TEXT NOT NULL,
    "DepartmentId" INTEGER NULL,
    "Host" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "FinishedAtUtc" TEXT NULL,
    "Report" TEXT NULL,
    "Error" TEXT NULL
);

CREATE INDEX "IX_import_jobs_DepartmentId_CreatedAtUtc" ON "import_jobs" ("DepartmentId", "CreatedAtUtc");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127114528_AddImportJobs', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
DROP TRIGGER supervised_entities_name_grams_insert;

DROP TRIGGER supervised_entities_name_grams_update;

CREATE TRIGGER supervised_entities_name_grams_insert AFTER INSERT ON supervised_entities BEGIN
    INSERT INTO entity_name_grams(rowid, grams) VALUES (NEW."Id", jianguan_name_grams(NEW."Name"));
END;

CREATE TRIGGER supervised_entities_name_grams_update AFTER UPDATE OF "Name", "Id" ON supervised_entities
WHEN OLD."Name" IS NOT NEW."Name" OR OLD."Id" IS NOT NEW."Id" BEGIN
    DELETE FROM entity_name_grams WHERE rowid = OLD."Id";
    INSERT INTO entity_name_grams(rowid, grams) VALUES (NEW."Id", jianguan_name_grams(NEW."Name"));
END;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127123351_NameGramsFunction', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127163334_FasterImport', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "departments" ADD "IsRegistrationAuthority" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "annual_reports" (
    "EntityId" INTEGER NOT NULL,
    "Year" INTEGER NOT NULL,
    "FiledOn" TEXT NOT NULL,
    "OnTime" INTEGER NOT NULL,
    CONSTRAINT "PK_annual_reports" PRIMARY KEY ("EntityId", "Year")
);

CREATE TABLE "credit_listings" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_credit_listings" PRIMARY KEY AUTOINCREMENT,
    "EntityId" INTEGER NOT NULL,
    "List" INTEGER NOT NULL,
    "Reason" INTEGER NOT NULL,
    "ReportYear" INTEGER NULL,
    "FoundOn" TEXT NOT NULL,
    "ListBy" TEXT NOT NULL,
    "ListedOn" TEXT NOT NULL,
    "DecisionNumber" TEXT NOT NULL,
    "DepartmentId" INTEGER NOT NULL,
    "Facts" TEXT NOT NULL,
    "ObjectionBy" TEXT NOT NULL,
    "ExpiresOn" TEXT NULL,
    "RemovalRequestedOn" TEXT NULL,
    "RemoveBy" TEXT NULL,
    "RemovedOn" TEXT NULL,
    "RemovalReason" INTEGER NULL,
    "RemovalDecisionNumber" TEXT NULL,
    "RelatedListingId" INTEGER NULL,
    "IsStatusMark" INTEGER NOT NULL,
    CONSTRAINT "FK_credit_listings_departments_DepartmentId" FOREIGN KEY ("DepartmentId") REFERENCES "departments" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_credit_listings_supervised_entities_EntityId" FOREIGN KEY ("EntityId") REFERENCES "supervised_entities" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "credit_records" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_credit_records" PRIMARY KEY AUTOINCREMENT,
    "EntityId" INTEGER NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Severity" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Detail" TEXT NULL,
    "DecisionNumber" TEXT NULL,
    "OccurredOn" TEXT NOT NULL,
    "DepartmentId" INTEGER NULL,
    "IssuedBy" TEXT NOT NULL,
    "Source" INTEGER NOT NULL,
    "SourceKey" TEXT NULL,
    "PublicFrom" TEXT NULL,
    "PublicUntil" TEXT NULL,
    "PublicityEndedOn" TEXT NULL,
    "PublicityEndReason" TEXT NULL,
    "ListingId" INTEGER NULL,
    "RecordedAtUtc" TEXT NOT NULL,
    CONSTRAINT "FK_credit_records_departments_DepartmentId" FOREIGN KEY ("DepartmentId") REFERENCES "departments" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_credit_records_supervised_entities_EntityId" FOREIGN KEY ("EntityId") REFERENCES "supervised_entities" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "entity_risk_classes" (
    "EntityId" INTEGER NOT NULL CONSTRAINT "PK_entity_risk_classes" PRIMARY KEY AUTOINCREMENT,
    "Class" INTEGER NOT NULL,
    "Score" TEXT NOT NULL,
    "AssessmentId" INTEGER NOT NULL,
    "Since" TEXT NOT NULL
);

CREATE TABLE "risk_assessments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_risk_assessments" PRIMARY KEY AUTOINCREMENT,
    "RunId" INTEGER NOT NULL,
    "EntityId" INTEGER NOT NULL,
    "Class" INTEGER NOT NULL,
    "Score" TEXT NOT NULL,
    "Explanation" TEXT NOT NULL,
    "AsOf" TEXT NOT NULL,
    "ModelId" INTEGER NOT NULL
);

CREATE TABLE "risk_models" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_risk_models" PRIMARY KEY AUTOINCREMENT,
    "Version" INTEGER NOT NULL,
    "EffectiveFrom" TEXT NOT NULL,
    "Note" TEXT NOT NULL,
    "Definition" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL
);

CREATE TABLE "risk_runs" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_risk_runs" PRIMARY KEY AUTOINCREMENT,
    "ModelId" INTEGER NOT NULL,
    "AsOf" TEXT NOT NULL,
    "Trigger" INTEGER NOT NULL,
    "EntityId" INTEGER NULL,
    "StartedAtUtc" TEXT NOT NULL,
    "FinishedAtUtc" TEXT NULL,
    "Assessed" INTEGER NOT NULL,
    "Changed" INTEGER NOT NULL,
    "StartedBy" TEXT NOT NULL,
    CONSTRAINT "FK_risk_runs_risk_models_ModelId" FOREIGN KEY ("ModelId") REFERENCES "risk_models" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_credit_listings_DepartmentId" ON "credit_listings" ("DepartmentId");

CREATE INDEX "IX_credit_listings_EntityId_List_Reason" ON "credit_listings" ("EntityId", "List", "Reason");

CREATE INDEX "IX_credit_listings_List_RemovedOn_ExpiresOn" ON "credit_listings" ("List", "RemovedOn", "ExpiresOn");

CREATE INDEX "IX_credit_records_DepartmentId" ON "credit_records" ("DepartmentId");

CREATE INDEX "IX_credit_records_EntityId_OccurredOn" ON "credit_records" ("EntityId", "OccurredOn");

CREATE UNIQUE INDEX "IX_credit_records_IssuedBy_SourceKey" ON "credit_records" ("IssuedBy", "SourceKey");

CREATE INDEX "IX_entity_risk_classes_Class" ON "entity_risk_classes" ("Class");

CREATE INDEX "IX_risk_assessments_EntityId_AsOf" ON "risk_assessments" ("EntityId", "AsOf");

CREATE INDEX "IX_risk_assessments_RunId" ON "risk_assessments" ("RunId");

CREATE UNIQUE INDEX "IX_risk_models_Version" ON "risk_models" ("Version");

CREATE INDEX "IX_risk_runs_ModelId" ON "risk_runs" ("ModelId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127170001_AddCredit', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "credit_repair_applications" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_credit_repair_applications" PRIMARY KEY AUTOINCREMENT,
    "RecordId" INTEGER NOT NULL,
    "EntityId" INTEGER NOT NULL,
    "AppliedOn" TEXT NOT NULL,
    "AppliedBy" TEXT NOT NULL,
    "Evidence" TEXT NOT NULL,
    "Commitment" TEXT NOT NULL,
    "DecideBy" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "DecidedOn" TEXT NULL,
    "DecidedBy" TEXT NULL,
    "DecisionReason" TEXT NULL,
    "RulesApplied" TEXT NULL,
    CONSTRAINT "FK_credit_repair_applications_credit_records_RecordId" FOREIGN KEY ("RecordId") REFERENCES "credit_records" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "risk_notices" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_risk_notices" PRIMARY KEY AUTOINCREMENT,
    "DepartmentId" INTEGER NOT NULL,
    "EntityId" INTEGER NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Message" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "ReadAtUtc" TEXT NULL,
    CONSTRAINT "FK_risk_notices_departments_DepartmentId" FOREIGN KEY ("DepartmentId") REFERENCES "departments" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_risk_notices_supervised_entities_EntityId" FOREIGN KEY ("EntityId") REFERENCES "supervised_entities" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_credit_repair_applications_EntityId_AppliedOn" ON "credit_repair_applications" ("EntityId", "AppliedOn");

CREATE INDEX "IX_credit_repair_applications_RecordId" ON "credit_repair_applications" ("RecordId");

CREATE INDEX "IX_credit_repair_applications_Status_DecideBy" ON "credit_repair_applications" ("Status", "DecideBy");

CREATE INDEX "IX_risk_notices_DepartmentId_ReadAtUtc_CreatedAtUtc" ON "risk_notices" ("DepartmentId", "ReadAtUtc", "CreatedAtUtc");

CREATE INDEX "IX_risk_notices_EntityId" ON "risk_notices" ("EntityId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127171640_AddCreditRepairAndNotices', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "entity_risk_classes" ADD "Fingerprint" INTEGER NOT NULL DEFAULT 0;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127173059_AddRiskFingerprint', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "commitment_templates" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_commitment_templates" PRIMARY KEY AUTOINCREMENT,
    "DepartmentId" INTEGER NOT NULL,
    "ItemCode" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "IsActive" INTEGER NOT NULL,
    CONSTRAINT "FK_commitment_templates_departments_DepartmentId" FOREIGN KEY ("DepartmentId") REFERENCES "departments" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "joint_punishment_rules" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_joint_punishment_rules" PRIMARY KEY AUTOINCREMENT,
    "List" INTEGER NOT NULL,
    "DepartmentId" INTEGER NOT NULL,
    "Measure" TEXT NOT NULL,
    "LegalBasis" TEXT NOT NULL,
    "MonthsAfterListing" INTEGER NULL,
    "IsActive" INTEGER NOT NULL,
    CONSTRAINT "FK_joint_punishment_rules_departments_DepartmentId" FOREIGN KEY ("DepartmentId") REFERENCES "departments" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "credit_commitments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_credit_commitments" PRIMARY KEY AUTOINCREMENT,
    "EntityId" INTEGER NOT NULL,
    "TemplateId" INTEGER NOT NULL,
    "Text" TEXT NOT NULL,
    "CommittedOn" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "ConcludedOn" TEXT NULL,
    "Finding" TEXT NULL,
    CONSTRAINT "FK_credit_commitments_commitment_templates_TemplateId" FOREIGN KEY ("TemplateId") REFERENCES "commitment_templates" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_credit_commitments_supervised_entities_EntityId" FOREIGN KEY ("EntityId") REFERENCES "supervised_entities" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "joint_punishment_measures" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_joint_punishment_measures" PRIMARY KEY AUTOINCREMENT,
    "RuleId" INTEGER NOT NULL,
    "ListingId" INTEGER NOT NULL,
    "EntityId" INTEGER NOT NULL,
    "DepartmentId" INTEGER NOT NULL,
    "StartsOn" TEXT NOT NULL,
    "EndsOn" TEXT NULL,
    "Status" INTEGER NOT NULL,
    "FeedbackOn" TEXT NULL,
    "Feedback" TEXT NULL,
    CONSTRAINT "FK_joint_punishment_measures_credit_listings_ListingId" FOREIGN KEY ("ListingId") REFERENCES "credit_listings" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_joint_punishment_measures_departments_DepartmentId" FOREIGN KEY ("DepartmentId") REFERENCES "departments" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_joint_punishment_measures_joint_punishment_rules_RuleId" FOREIGN KEY ("RuleId") REFERENCES "joint_punishment_rules" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_commitment_templates_DepartmentId" ON "commitment_templates" ("DepartmentId");

CREATE INDEX "IX_credit_commitments_EntityId_CommittedOn" ON "credit_commitments" ("EntityId", "CommittedOn");

CREATE INDEX "IX_credit_commitments_TemplateId" ON "credit_commitments" ("TemplateId");

CREATE INDEX "IX_joint_punishment_measures_DepartmentId_Status" ON "joint_punishment_measures" ("DepartmentId", "Status");

CREATE INDEX "IX_joint_punishment_measures_ListingId" ON "joint_punishment_measures" ("ListingId");

CREATE INDEX "IX_joint_punishment_measures_RuleId" ON "joint_punishment_measures" ("RuleId");

CREATE INDEX "IX_joint_punishment_rules_DepartmentId" ON "joint_punishment_rules" ("DepartmentId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127175142_AddJointPunishmentAndCommitments', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "ef_temp_entity_risk_classes" (
    "EntityId" INTEGER NOT NULL CONSTRAINT "PK_entity_risk_classes" PRIMARY KEY,
    "AssessmentId" INTEGER NOT NULL,
    "Class" INTEGER NOT NULL,
    "Fingerprint" INTEGER NOT NULL,
    "Score" TEXT NOT NULL,
    "Since" TEXT NOT NULL
);

INSERT INTO "ef_temp_entity_risk_classes" ("EntityId", "AssessmentId", "Class", "Fingerprint", "Score", "Since")
SELECT "EntityId", "AssessmentId", "Class", "Fingerprint", "Score", "Since"
FROM "entity_risk_classes";

COMMIT;

PRAGMA foreign_keys = 0;

BEGIN TRANSACTION;
DROP TABLE "entity_risk_classes";

ALTER TABLE "ef_temp_entity_risk_classes" RENAME TO "entity_risk_classes";

COMMIT;

PRAGMA foreign_keys = 1;

BEGIN TRANSACTION;
CREATE INDEX "IX_entity_risk_classes_Class" ON "entity_risk_classes" ("Class");

COMMIT;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127175531_RiskClassKeyNotGenerated', '10.0.15');

BEGIN TRANSACTION;
CREATE TABLE "officer_conflicts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_officer_conflicts" PRIMARY KEY AUTOINCREMENT,
    "OfficerId" INTEGER NOT NULL,
    "EntityId" INTEGER NOT NULL,
    "Relationship" TEXT NOT NULL,
    "DeclaredOn" TEXT NOT NULL,
    "RecordedBy" TEXT NOT NULL,
    CONSTRAINT "FK_officer_conflicts_officers_OfficerId" FOREIGN KEY ("OfficerId") REFERENCES "officers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_officer_conflicts_supervised_entities_EntityId" FOREIGN KEY ("EntityId") REFERENCES "supervised_entities" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "spot_check_plans" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_spot_check_plans" PRIMARY KEY AUTOINCREMENT,
    "DepartmentId" INTEGER NOT NULL,
    "Year" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Scope" TEXT NOT NULL,
    "Rules" TEXT NOT NULL,
    "State" INTEGER NOT NULL,
    "ReportedAtUtc" TEXT NULL,
    "ReportedBy" TEXT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    CONSTRAINT "FK_spot_check_plans_departments_DepartmentId" FOREIGN KEY ("DepartmentId") REFERENCES "departments" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "spot_check_tasks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_spot_check_tasks" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "PlanId" INTEGER NULL,
    "LeadDepartmentId" INTEGER NOT NULL,
    "StartsOn" TEXT NOT NULL,
    "EndsOn" TEXT NOT NULL,
    "IndustryCode" TEXT NULL,
    "DivisionCode" TEXT NULL,
    "Tag" TEXT NULL,
    "EntityType" INTEGER NULL,
    "Stratification" INTEGER NOT NULL,
    "RatioA" INTEGER NOT NULL,
    "RatioB" INTEGER NOT NULL,
    "RatioC" INTEGER NOT NULL,
    "RatioD" INTEGER NOT NULL,
    "OfficersPerEntity" INTEGER NOT NULL,
    "Secret" TEXT NOT NULL,
    "Commitment" TEXT NOT NULL,
    "CommittedAtUtc" TEXT NOT NULL,
    "State" INTEGER NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    CONSTRAINT "FK_spot_check_tasks_departments_LeadDepartmentId" FOREIGN KEY ("LeadDepartmentId") REFERENCES "departments" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_spot_check_tasks_spot_check_plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "spot_check_plans" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "spot_check_draws" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_spot_check_draws" PRIMARY KEY AUTOINCREMENT,
    "TaskId" INTEGER NOT NULL,
    "Number" INTEGER NOT NULL,
    "DrawnAtUtc" TEXT NOT NULL,
    "DrawnBy" TEXT NOT NULL,
    "Entropy" TEXT NOT NULL,
    "Commitment" TEXT NOT NULL,
    "PoolDigest" TEXT NOT NULL,
    "Seed" TEXT NOT NULL,
    "PoolSize" INTEGER NOT NULL,
    "SelectedCount" INTEGER NOT NULL,
    "UnassignedCount" INTEGER NOT NULL,
    "ExcludedAtCap" INTEGER NOT NULL,
    "Record" TEXT NOT NULL,
    "State" INTEGER NOT NULL,
    "CancelReason" TEXT NULL,
    "CancelRequestedBy" TEXT NULL,
    "CancelRequestedAtUtc" TEXT NULL,
    "CancelApprovedBy" TEXT NULL,
    "CancelledAtUtc" TEXT NULL,
    CONSTRAINT "FK_spot_check_draws_spot_check_tasks_TaskId" FOREIGN KEY ("TaskId") REFERENCES "spot_check_tasks" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "spot_check_task_items" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_spot_check_task_items" PRIMARY KEY AUTOINCREMENT,
    "TaskId" INTEGER NOT NULL,
    "DepartmentId" INTEGER NOT NULL,
    "ChecklistId" INTEGER NOT NULL,
    "ItemCode" TEXT NOT NULL,
    "ItemName" TEXT NOT NULL,
    "RequiredQualification" TEXT NOT NULL,
    CONSTRAINT "FK_spot_check_task_items_departments_DepartmentId" FOREIGN KEY ("DepartmentId") REFERENCES "departments" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_spot_check_task_items_inspection_checklists_ChecklistId" FOREIGN KEY ("ChecklistId") REFERENCES "inspection_checklists" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_spot_check_task_items_spot_check_tasks_TaskId" FOREIGN KEY ("TaskId") REFERENCES "spot_check_tasks" ("Id") ON DELETE CASCADE
);

CREATE TABLE "drawn_entities" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_drawn_entities" PRIMARY KEY AUTOINCREMENT,
    "DrawId" INTEGER NOT NULL,
    "TaskId" INTEGER NOT NULL,
    "EntityId" INTEGER NOT NULL,
    "Stratum" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    "Rank" TEXT NOT NULL,
    "UnassignedReason" TEXT NULL,
    CONSTRAINT "FK_drawn_entities_spot_check_draws_DrawId" FOREIGN KEY ("DrawId") REFERENCES "spot_check_draws" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_drawn_entities_supervised_entities_EntityId" FOREIGN KEY ("EntityId") REFERENCES "supervised_entities" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "drawn_entity_officers" (
    "DrawnEntityId" INTEGER NOT NULL,
    "OfficerId" INTEGER NOT NULL,
    CONSTRAINT "PK_drawn_entity_officers" PRIMARY KEY ("DrawnEntityId", "OfficerId"),
    CONSTRAINT "FK_drawn_entity_officers_drawn_entities_DrawnEntityId" FOREIGN KEY ("DrawnEntityId") REFERENCES "drawn_entities" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_drawn_entity_officers_officers_OfficerId" FOREIGN KEY ("OfficerId") REFERENCES "officers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "spot_check_results" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_spot_check_results" PRIMARY KEY AUTOINCREMENT,
    "DrawnEntityId" INTEGER NOT NULL,
    "TaskId" INTEGER NOT NULL,
    "EntityId" INTEGER NOT NULL,
    "InspectedOn" TEXT NOT NULL,
    "Outcome" INTEGER NOT NULL,
    "FollowUp" INTEGER NOT NULL,
    "FollowUpNote" TEXT NOT NULL,
    "Note" TEXT NOT NULL,
    "PublishBy" TEXT NOT NULL,
    "PublishedOn" TEXT NULL,
    "CreditRecordId" INTEGER NULL,
    "RecordedAtUtc" TEXT NOT NULL,
    "RecordedBy" TEXT NOT NULL,
    CONSTRAINT "FK_spot_check_results_drawn_entities_DrawnEntityId" FOREIGN KEY ("DrawnEntityId") REFERENCES "drawn_entities" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_spot_check_results_spot_check_tasks_TaskId" FOREIGN KEY ("TaskId") REFERENCES "spot_check_tasks" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "spot_check_item_results" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_spot_check_item_results" PRIMARY KEY AUTOINCREMENT,
    "ResultId" INTEGER NOT NULL,
    "TaskItemId" INTEGER NOT NULL,
    "ProblemFound" INTEGER NOT NULL,
    "Note" TEXT NOT NULL,
    CONSTRAINT "FK_spot_check_item_results_spot_check_results_ResultId" FOREIGN KEY ("ResultId") REFERENCES "spot_check_results" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_spot_check_item_results_spot_check_task_items_TaskItemId" FOREIGN KEY ("TaskItemId") REFERENCES "spot_check_task_items" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_drawn_entities_DrawId_EntityId" ON "drawn_entities" ("DrawId", "EntityId");

CREATE INDEX "IX_drawn_entities_EntityId" ON "drawn_entities" ("EntityId");

CREATE INDEX "IX_drawn_entity_officers_OfficerId" ON "drawn_entity_officers" ("OfficerId");

CREATE UNIQUE INDEX "IX_officer_conflicts_EntityId_OfficerId" ON "officer_conflicts" ("EntityId", "OfficerId");

CREATE INDEX "IX_officer_conflicts_OfficerId" ON "officer_conflicts" ("OfficerId");

CREATE INDEX "IX_spot_check_draws_DrawnAtUtc" ON "spot_check_draws" ("DrawnAtUtc");

CREATE UNIQUE INDEX "IX_spot_check_draws_TaskId_Number" ON "spot_check_draws" ("TaskId", "Number");

CREATE INDEX "IX_spot_check_item_results_ResultId" ON "spot_check_item_results" ("ResultId");

CREATE INDEX "IX_spot_check_item_results_TaskItemId" ON "spot_check_item_results" ("TaskItemId");

CREATE INDEX "IX_spot_check_plans_DepartmentId_Year" ON "spot_check_plans" ("DepartmentId", "Year");

CREATE UNIQUE INDEX "IX_spot_check_results_DrawnEntityId" ON "spot_check_results" ("DrawnEntityId");

CREATE INDEX "IX_spot_check_results_EntityId_PublishedOn" ON "spot_check_results" ("EntityId", "PublishedOn");

CREATE INDEX "IX_spot_check_results_TaskId_PublishedOn" ON "spot_check_results" ("TaskId", "PublishedOn");

CREATE INDEX "IX_spot_check_task_items_ChecklistId" ON "spot_check_task_items" ("ChecklistId");

CREATE INDEX "IX_spot_check_task_items_DepartmentId" ON "spot_check_task_items" ("DepartmentId");

CREATE UNIQUE INDEX "IX_spot_check_task_items_TaskId_ItemCode" ON "spot_check_task_items" ("TaskId", "ItemCode");

CREATE INDEX "IX_spot_check_tasks_LeadDepartmentId_State" ON "spot_check_tasks" ("LeadDepartmentId", "State");

CREATE INDEX "IX_spot_check_tasks_PlanId" ON "spot_check_tasks" ("PlanId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127211612_SpotChecks', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "public_credit_snapshots" (
    "EntityId" INTEGER NOT NULL CONSTRAINT "PK_public_credit_snapshots" PRIMARY KEY,
    "CreditCode" TEXT NOT NULL,
    "Json" BLOB NULL,
    "BuiltOn" TEXT NULL,
    "ValidUntil" TEXT NULL,
    "Format" INTEGER NOT NULL,
    "Generation" INTEGER NOT NULL,
    CONSTRAINT "FK_public_credit_snapshots_supervised_entities_EntityId" FOREIGN KEY ("EntityId") REFERENCES "supervised_entities" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_public_credit_snapshots_CreditCode" ON "public_credit_snapshots" ("CreditCode");

CREATE TRIGGER credit_records_public_insert AFTER INSERT ON credit_records BEGIN INSERT INTO public_credit_snapshots ("EntityId", "CreditCode", "Format", "Generation")
SELECT "Id", "CreditCode", 0, 1 FROM supervised_entities WHERE "Id" IN (NEW."EntityId")
ON CONFLICT ("EntityId") DO UPDATE SET "Json" = NULL, "CreditCode" = excluded."CreditCode", "Generation" = "Generation" + 1; END;

CREATE TRIGGER credit_records_public_delete AFTER DELETE ON credit_records BEGIN INSERT INTO public_credit_snapshots ("EntityId", "CreditCode", "Format", "Generation")
SELECT "Id", "CreditCode", 0, 1 FROM supervised_entities WHERE "Id" IN (OLD."EntityId")
ON CONFLICT ("EntityId") DO UPDATE SET "Json" = NULL, "CreditCode" = excluded."CreditCode", "Generation" = "Generation" + 1; END;

CREATE TRIGGER credit_records_public_update AFTER UPDATE ON credit_records BEGIN INSERT INTO public_credit_snapshots ("EntityId", "CreditCode", "Format", "Generation")
SELECT "Id", "CreditCode", 0, 1 FROM supervised_entities WHERE "Id" IN (OLD."EntityId", NEW."EntityId")
ON CONFLICT ("EntityId") DO UPDATE SET "Json" = NULL, "CreditCode" = excluded."CreditCode", "Generation" = "Generation" + 1; END;

CREATE TRIGGER credit_listings_public_insert AFTER INSERT ON credit_listings BEGIN INSERT INTO public_credit_snapshots ("EntityId", "CreditCode", "Format", "Generation")
SELECT "Id", "CreditCode", 0, 1 FROM supervised_entities WHERE "Id" IN (NEW."EntityId")
ON CONFLICT ("EntityId") DO UPDATE SET "Json" = NULL, "CreditCode" = excluded."CreditCode", "Generation" = "Generation" + 1; END;

CREATE TRIGGER credit_listings_public_delete AFTER DELETE ON credit_listings BEGIN INSERT INTO public_credit_snapshots ("EntityId", "CreditCode", "Format", "Generation")
SELECT "Id", "CreditCode", 0, 1 FROM supervised_entities WHERE "Id" IN (OLD."EntityId")
ON CONFLICT ("EntityId") DO UPDATE SET "Json" = NULL, "CreditCode" = excluded."CreditCode", "Generation" = "Generation" + 1; END;

CREATE TRIGGER credit_listings_public_update AFTER UPDATE ON credit_listings BEGIN INSERT INTO public_credit_snapshots ("EntityId", "CreditCode", "Format", "Generation")
SELECT "Id", "CreditCode", 0, 1 FROM supervised_entities WHERE "Id" IN (OLD."EntityId", NEW."EntityId")
ON CONFLICT ("EntityId") DO UPDATE SET "Json" = NULL, "CreditCode" = excluded."CreditCode", "Generation" = "Generation" + 1; END;

CREATE TRIGGER supervised_entities_public_update
AFTER UPDATE OF "CreditCode", "Name", "Type", "LegalRepresentativeName", "Address", "RegisteredOn", "Status" ON supervised_entities
BEGIN INSERT INTO public_credit_snapshots ("EntityId", "CreditCode", "Format", "Generation")
SELECT "Id", "CreditCode", 0, 1 FROM supervised_entities WHERE "Id" IN (NEW."Id")
ON CONFLICT ("EntityId") DO UPDATE SET "Json" = NULL, "CreditCode" = excluded."CreditCode", "Generation" = "Generation" + 1; END;

CREATE TRIGGER departments_public_update AFTER UPDATE OF "Name" ON departments WHEN OLD."Name" IS NOT NEW."Name"
BEGIN INSERT INTO public_credit_snapshots ("EntityId", "CreditCode", "Format", "Generation")
SELECT "Id", "CreditCode", 0, 1 FROM supervised_entities WHERE "Id" IN (SELECT "EntityId" FROM credit_listings WHERE "DepartmentId" = NEW."Id")
ON CONFLICT ("EntityId") DO UPDATE SET "Json" = NULL, "CreditCode" = excluded."CreditCode", "Generation" = "Generation" + 1; END;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127215301_AddPublicCreditSnapshots', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "case_leads" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_case_leads" PRIMARY KEY AUTOINCREMENT,
    "InspectionId" INTEGER NULL,
    "EntityId" INTEGER NOT NULL,
    "DepartmentId" INTEGER NOT NULL,
    "Facts" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    CONSTRAINT "FK_case_leads_supervised_entities_EntityId" FOREIGN KEY ("EntityId") REFERENCES "supervised_entities" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_case_leads_inspections_InspectionId" FOREIGN KEY ("InspectionId") REFERENCES "inspections" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "evidence" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_evidence" PRIMARY KEY AUTOINCREMENT,
    "ClientId" TEXT NOT NULL,
    "InspectionId" INTEGER NULL,
    "Kind" INTEGER NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "TakenAtUtc" TEXT NOT NULL,
    "Latitude" REAL NULL,
    "Longitude" REAL NULL,
    "ReceivedAtUtc" TEXT NOT NULL,
    "UploadedBy" TEXT NOT NULL,
    "Signer" TEXT NOT NULL,
    CONSTRAINT "FK_evidence_inspections_InspectionId" FOREIGN KEY ("InspectionId") REFERENCES "inspections" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "inspection_points" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_inspection_points" PRIMARY KEY AUTOINCREMENT,
    "InspectionId" INTEGER NOT NULL,
    "ChecklistId" INTEGER NOT NULL,
    "PointId" INTEGER NOT NULL,
    "ItemCode" TEXT NOT NULL,
    "Number" INTEGER NOT NULL,
    "Content" TEXT NOT NULL,
    "IsMajor" INTEGER NOT NULL,
    "Result" INTEGER NOT NULL,
    "Note" TEXT NOT NULL,
    CONSTRAINT "FK_inspection_points_inspection_checklists_ChecklistId" FOREIGN KEY ("ChecklistId") REFERENCES "inspection_checklists" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_inspection_points_inspections_InspectionId" FOREIGN KEY ("InspectionId") REFERENCES "inspections" ("Id") ON DELETE CASCADE
);

CREATE TABLE "inspections" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_inspections" PRIMARY KEY AUTOINCREMENT,
    "ClientId" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Channel" INTEGER NOT NULL,
    "EntityId" INTEGER NOT NULL,
    "DepartmentId" INTEGER NOT NULL,
    "TaskId" INTEGER NULL,
    "DrawnEntityId" INTEGER NULL,
    "RectificationOrderId" INTEGER NULL,
    "FirstOfficerId" INTEGER NOT NULL,
    "SecondOfficerId" INTEGER NOT NULL,
    "StartedAtUtc" TEXT NOT NULL,
    "FinishedAtUtc" TEXT NOT NULL,
    "Place" TEXT NOT NULL,
    "Latitude" REAL NULL,
    "Longitude" REAL NULL,
    "Outcome" INTEGER NOT NULL,
    "FollowUp" INTEGER NOT NULL,
    "Summary" TEXT NOT NULL,
    "PartyName" TEXT NOT NULL,
    "PartyRefusedToSign" INTEGER NOT NULL,
    "PartyRefusalNote" TEXT NOT NULL,
    "ReceivedAtUtc" TEXT NOT NULL,
    "RecordedBy" TEXT NOT NULL,
    CONSTRAINT "FK_inspections_departments_DepartmentId" FOREIGN KEY ("DepartmentId") REFERENCES "departments" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_inspections_drawn_entities_DrawnEntityId" FOREIGN KEY ("DrawnEntityId") REFERENCES "drawn_entities" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_inspections_officers_FirstOfficerId" FOREIGN KEY ("FirstOfficerId") REFERENCES "officers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_inspections_officers_SecondOfficerId" FOREIGN KEY ("SecondOfficerId") REFERENCES "officers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_inspections_spot_check_tasks_TaskId" FOREIGN KEY ("TaskId") REFERENCES "spot_check_tasks" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_inspections_supervised_entities_EntityId" FOREIGN KEY ("EntityId") REFERENCES "supervised_entities" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_inspections_rectification_orders_RectificationOrderId" FOREIGN KEY ("RectificationOrderId") REFERENCES "rectification_orders" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "rectification_orders" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_rectification_orders" PRIMARY KEY AUTOINCREMENT,
    "InspectionId" INTEGER NOT NULL,
    "EntityId" INTEGER NOT NULL,
    "DepartmentId" INTEGER NOT NULL,
    "Requirement" TEXT NOT NULL,
    "IssuedOn" TEXT NOT NULL,
    "WorkingDays" INTEGER NOT NULL,
    "DueOn" TEXT NOT NULL,
    "ReInspectionId" INTEGER NULL,
    "ClosedOn" TEXT NULL,
    CONSTRAINT "FK_rectification_orders_inspections_InspectionId" FOREIGN KEY ("InspectionId") REFERENCES "inspections" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_rectification_orders_supervised_entities_EntityId" FOREIGN KEY ("EntityId") REFERENCES "supervised_entities" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_case_leads_DepartmentId_CreatedAtUtc" ON "case_leads" ("DepartmentId", "CreatedAtUtc");

CREATE INDEX "IX_case_leads_EntityId" ON "case_leads" ("EntityId");

CREATE INDEX "IX_case_leads_InspectionId" ON "case_leads" ("InspectionId");

CREATE UNIQUE INDEX "IX_evidence_ClientId" ON "evidence" ("ClientId");

CREATE INDEX "IX_evidence_InspectionId" ON "evidence" ("InspectionId");

CREATE INDEX "IX_evidence_Sha256" ON "evidence" ("Sha256");

CREATE INDEX "IX_inspection_points_ChecklistId" ON "inspection_points" ("ChecklistId");

CREATE INDEX "IX_inspection_points_InspectionId" ON "inspection_points" ("InspectionId");

CREATE UNIQUE INDEX "IX_inspections_ClientId" ON "inspections" ("ClientId");

CREATE INDEX "IX_inspections_DepartmentId_FinishedAtUtc" ON "inspections" ("DepartmentId", "FinishedAtUtc");

CREATE INDEX "IX_inspections_DrawnEntityId" ON "inspections" ("DrawnEntityId");

CREATE INDEX "IX_inspections_EntityId_FinishedAtUtc" ON "inspections" ("EntityId", "FinishedAtUtc");

CREATE INDEX "IX_inspections_FirstOfficerId" ON "inspections" ("FirstOfficerId");

CREATE INDEX "IX_inspections_RectificationOrderId" ON "inspections" ("RectificationOrderId");

CREATE INDEX "IX_inspections_SecondOfficerId" ON "inspections" ("SecondOfficerId");

CREATE INDEX "IX_inspections_TaskId" ON "inspections" ("TaskId");

CREATE INDEX "IX_rectification_orders_DepartmentId_ClosedOn_DueOn" ON "rectification_orders" ("DepartmentId", "ClosedOn", "DueOn");

CREATE INDEX "IX_rectification_orders_EntityId" ON "rectification_orders" ("EntityId");

CREATE INDEX "IX_rectification_orders_InspectionId" ON "rectification_orders" ("InspectionId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261128001104_Inspections', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
DROP INDEX "IX_risk_assessments_RunId";

DROP INDEX "IX_entity_risk_classes_Class";

ALTER TABLE "entity_risk_classes" RENAME COLUMN "AssessmentId" TO "RunId";

ALTER TABLE "entity_risk_classes" ADD "AsOf" TEXT NOT NULL DEFAULT '0001-01-01';

ALTER TABLE "entity_risk_classes" ADD "Explanation" TEXT NOT NULL DEFAULT '';

ALTER TABLE "entity_risk_classes" ADD "ModelId" INTEGER NOT NULL DEFAULT 0;

UPDATE entity_risk_classes SET ("RunId", "Explanation", "AsOf", "ModelId") =
    (SELECT a."RunId", a."Explanation", a."AsOf", a."ModelId" FROM risk_assessments a WHERE a."Id" = entity_risk_classes."RunId")
    WHERE EXISTS (SELECT 1 FROM risk_assessments a WHERE a."Id" = entity_risk_classes."RunId");
DELETE FROM risk_assessments WHERE EXISTS (SELECT 1 FROM entity_risk_classes c
    WHERE c."EntityId" = risk_assessments."EntityId" AND c."RunId" = risk_assessments."RunId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261128124925_LatestAssessmentInEntityRiskClass', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE INDEX "IX_credit_records_Kind_EntityId_OccurredOn" ON "credit_records" ("Kind", "EntityId", "OccurredOn");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261128132742_RecordsByKindForReclassification', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261129005811_CreditCodeByteOrder', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "inspections" ADD "AssignmentId" INTEGER NULL;

CREATE TABLE "inspection_assignments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_inspection_assignments" PRIMARY KEY AUTOINCREMENT,
    "DepartmentId" INTEGER NOT NULL,
    "EntityId" INTEGER NOT NULL,
    "Source" INTEGER NOT NULL,
    "Reference" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "ItemCodes" TEXT NOT NULL,
    "FirstOfficerId" INTEGER NOT NULL,
    "SecondOfficerId" INTEGER NOT NULL,
    "DueOn" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "InspectionId" INTEGER NULL,
    "CancelledAtUtc" TEXT NULL,
    "CancelReason" TEXT NOT NULL,
    CONSTRAINT "FK_inspection_assignments_departments_DepartmentId" FOREIGN KEY ("DepartmentId") REFERENCES "departments" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_inspection_assignments_inspections_InspectionId" FOREIGN KEY ("InspectionId") REFERENCES "inspections" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_inspection_assignments_officers_FirstOfficerId" FOREIGN KEY ("FirstOfficerId") REFERENCES "officers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_inspection_assignments_officers_SecondOfficerId" FOREIGN KEY ("SecondOfficerId") REFERENCES "officers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_inspection_assignments_supervised_entities_EntityId" FOREIGN KEY ("EntityId") REFERENCES "supervised_entities" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_inspections_AssignmentId" ON "inspections" ("AssignmentId");

CREATE INDEX "IX_inspection_assignments_DepartmentId_DueOn" ON "inspection_assignments" ("DepartmentId", "DueOn");

CREATE INDEX "IX_inspection_assignments_EntityId" ON "inspection_assignments" ("EntityId");

CREATE INDEX "IX_inspection_assignments_FirstOfficerId_InspectionId" ON "inspection_assignments" ("FirstOfficerId", "InspectionId");

CREATE INDEX "IX_inspection_assignments_InspectionId" ON "inspection_assignments" ("InspectionId");

CREATE INDEX "IX_inspection_assignments_SecondOfficerId_InspectionId" ON "inspection_assignments" ("SecondOfficerId", "InspectionId");

CREATE TABLE "ef_temp_inspections" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_inspections" PRIMARY KEY AUTOINCREMENT,
    "AssignmentId" INTEGER NULL,
    "Channel" INTEGER NOT NULL,
    "ClientId" TEXT NOT NULL,
    "DepartmentId" INTEGER NOT NULL,
    "DrawnEntityId" INTEGER NULL,
    "EntityId" INTEGER NOT NULL,
    "FinishedAtUtc" TEXT NOT NULL,
    "FirstOfficerId" INTEGER NOT NULL,
    "FollowUp" INTEGER NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Latitude" REAL NULL,
    "Longitude" REAL NULL,
    "Outcome" INTEGER NOT NULL,
    "PartyName" TEXT NOT NULL,
    "PartyRefusalNote" TEXT NOT NULL,
    "PartyRefusedToSign" INTEGER NOT NULL,
    "Place" TEXT NOT NULL,
    "ReceivedAtUtc" TEXT NOT NULL,
    "RecordedBy" TEXT NOT NULL,
    "RectificationOrderId" INTEGER NULL,
    "SecondOfficerId" INTEGER NOT NULL,
    "StartedAtUtc" TEXT NOT NULL,
    "Summary" TEXT NOT NULL,
    "TaskId" INTEGER NULL,
    CONSTRAINT "FK_inspections_departments_DepartmentId" FOREIGN KEY ("DepartmentId") REFERENCES "departments" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_inspections_drawn_entities_DrawnEntityId" FOREIGN KEY ("DrawnEntityId") REFERENCES "drawn_entities" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_inspections_inspection_assignments_AssignmentId" FOREIGN KEY ("AssignmentId") REFERENCES "inspection_assignments" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_inspections_officers_FirstOfficerId" FOREIGN KEY ("FirstOfficerId") REFERENCES "officers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_inspections_officers_SecondOfficerId" FOREIGN KEY ("SecondOfficerId") REFERENCES "officers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_inspections_rectification_orders_RectificationOrderId" FOREIGN KEY ("RectificationOrderId") REFERENCES "rectification_orders" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_inspections_spot_check_tasks_TaskId" FOREIGN KEY ("TaskId") REFERENCES "spot_check_tasks" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_inspections_supervised_entities_EntityId" FOREIGN KEY ("EntityId") REFERENCES "supervised_entities" ("Id") ON DELETE RESTRICT
);

INSERT INTO "ef_temp_inspections" ("Id", "AssignmentId", "Channel", "ClientId", "DepartmentId", "DrawnEntityId", "EntityId", "FinishedAtUtc", "FirstOfficerId", "FollowUp", "Kind", "Latitude", "Longitude", "Outcome", "PartyName", "PartyRefusalNote", "PartyRefusedToSign", "Place", "ReceivedAtUtc", "RecordedBy", "RectificationOrderId", "SecondOfficerId", "StartedAtUtc", "Summary", "TaskId")
SELECT "Id", "AssignmentId", "Channel", "ClientId", "DepartmentId", "DrawnEntityId", "EntityId", "FinishedAtUtc", "FirstOfficerId", "FollowUp", "Kind", "Latitude", "Longitude", "Outcome", "PartyName", "PartyRefusalNote", "PartyRefusedToSign", "Place", "ReceivedAtUtc", "RecordedBy", "RectificationOrderId", "SecondOfficerId", "StartedAtUtc", "Summary", "TaskId"
FROM "inspections";

COMMIT;

PRAGMA foreign_keys = 0;

BEGIN TRANSACTION;
DROP TABLE "inspections";

ALTER TABLE "ef_temp_inspections" RENAME TO "inspections";

COMMIT;

PRAGMA foreign_keys = 1;

BEGIN TRANSACTION;
CREATE INDEX "IX_inspections_AssignmentId" ON "inspections" ("AssignmentId");

CREATE UNIQUE INDEX "IX_inspections_ClientId" ON "inspections" ("ClientId");

CREATE INDEX "IX_inspections_DepartmentId_FinishedAtUtc" ON "inspections" ("DepartmentId", "FinishedAtUtc");

CREATE INDEX "IX_inspections_DrawnEntityId" ON "inspections" ("DrawnEntityId");

CREATE INDEX "IX_inspections_EntityId_FinishedAtUtc" ON "inspections" ("EntityId", "FinishedAtUtc");

CREATE INDEX "IX_inspections_FirstOfficerId" ON "inspections" ("FirstOfficerId");

CREATE INDEX "IX_inspections_RectificationOrderId" ON "inspections" ("RectificationOrderId");

CREATE INDEX "IX_inspections_SecondOfficerId" ON "inspections" ("SecondOfficerId");

CREATE INDEX "IX_inspections_TaskId" ON "inspections" ("TaskId");

COMMIT;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261129063712_InspectionAssignments', '10.0.15');

BEGIN TRANSACTION;
INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261129101808_InspectionClosingTokens', '10.0.15');

COMMIT;

