using Jianguan.Web.Platform.Errors;
using System.Globalization;
using System.Security.Claims;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Spreadsheets;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.Catalog.Import;

/// <summary>A concurrent change made the import's versions collide; nothing of the import was stored.</summary>
public sealed class CatalogImportConflictException(string message, Exception inner) : Exception(message, inner);

/// <summary>The three lists a department exchanges as Excel.</summary>
public enum CatalogList { Items, Checklists, Powers }

/// <summary>
/// What to do with a file that has bad rows: only check it; refuse it whole (the default: a partial
/// catalog is rarely what a department means); or store the good rows and report the bad ones.
/// </summary>
public enum ImportMode { Validate, RejectAll, ValidRows }

/// <summary>
/// The outcome of an import, row by row: every data row is counted as created, changed (a new version, or an
/// updated power), unchanged or rejected, and every rejected row has at least one error naming its column.
/// </summary>
public sealed record CatalogImportReport(
    string List, string Mode, int DepartmentId, int Rows, int Created, int Changed, int Unchanged, int RejectedRows,
    bool Saved, IReadOnlyList<SpreadsheetError> Errors);

/// <summary>
/// Excel export and import of the catalog lists, in the Chinese column headers departments use. An import
/// goes through the same validation as the editors and the same versioning; one save stores the whole file
/// (or its valid rows), so a refused file changes nothing.
/// </summary>
public sealed class CatalogSpreadsheets(AppDbContext db, SupervisionItemEditor itemEditor, TimeProvider time)
{
    public static class ItemColumns
    {
        public const string Code = "事项编码", Name = "事项名称", Category = "监管类别", SupervisedObject = "监管对象", Measures = "监管措施",
            Law = "设定依据", Article = "依据条款", ArticleText = "条款内容", Process = "监管流程", Result = "监管结果", Level = "监管层级",
            Department = "实施主体", Ownership = "监管职责划分", Published = "是否公示", EffectiveFrom = "生效日期", Version = "版本号", Note = "调整说明";

        public static readonly string[] All = [Code, Name, Category, SupervisedObject, Measures, Law, Article, ArticleText, Process, Result, Level, Department, Ownership, Published, EffectiveFrom, Version, Note];
        public static readonly string[] Required = [Code, Name, Category, SupervisedObject, Measures, Law, Article, ArticleText, Process, Result, Level, Ownership];

        public static readonly Dictionary<string, string> ByField = new()
        {
            ["code"] = Code, ["name"] = Name, ["category"] = Category, ["supervisedObject"] = SupervisedObject, ["measures"] = Measures,
            ["legalBasisLaw"] = Law, ["legalBasisArticle"] = Article, ["legalBasisText"] = ArticleText, ["process"] = Process, ["result"] = Result,
            ["level"] = Level, ["ownershipRule"] = Ownership, ["effectiveFrom"] = EffectiveFrom, ["changeNote"] = Note, ["departmentId"] = Department, ["isPublished"] = Published,
        };
    }

    public static class ChecklistColumns
    {
        public const string ItemCode = "事项编码", ItemName = "事项名称", Name = "检查清单名称", SpotCheck = "双随机抽查", Ratio = "抽查比例",
            Frequency = "抽查频次", Number = "序号", Content = "检查内容", Method = "检查方式", Basis = "检查依据", Standard = "检查标准",
            Handling = "处理方式", Major = "重大要点", Published = "是否公示", EffectiveFrom = "生效日期", Version = "版本号", Note = "调整说明";

        public static readonly string[] All = [ItemCode, ItemName, Name, SpotCheck, Ratio, Frequency, Number, Content, Method, Basis, Standard, Handling, Major, Published, EffectiveFrom, Version, Note];
        public static readonly string[] Required = [ItemCode, Name, SpotCheck, Ratio, Frequency, Number, Content, Method, Basis, Standard, Handling, Major];

        public static readonly Dictionary<string, string> ByField = new()
        {
            ["name"] = Name, ["spotCheck"] = SpotCheck, ["ratioPercent"] = Ratio, ["frequency"] = Frequency, ["points"] = Content,
            ["content"] = Content, ["method"] = Method, ["basis"] = Basis, ["standard"] = Standard, ["failureHandling"] = Handling,
            ["effectiveFrom"] = EffectiveFrom, ["changeNote"] = Note, ["isPublished"] = Published,
        };
    }

    public static class PowerColumns
    {
        public const string Code = "权力编码", Name = "权力名称", Type = "权力类型", Basis = "设定依据", Responsibility = "责任事项",
            Department = "实施主体", Published = "是否公示";

        public static readonly string[] All = [Code, Name, Type, Basis, Responsibility, Department, Published];
        public static readonly string[] Required = [Code, Name, Type, Basis, Responsibility];

        public static readonly Dictionary<string, string> ByField = new()
        {
            ["code"] = Code, ["name"] = Name, ["type"] = Type, ["legalBasis"] = Basis, ["responsibility"] = Responsibility, ["departmentId"] = Department, ["isPublished"] = Published,
        };
    }

    public static string SheetName(CatalogList list) => list switch
    {
        CatalogList.Items => "监管事项目录清单",
        CatalogList.Checklists => "检查实施清单",
        _ => "权责清单",
    };

    public static string FileName(CatalogList list, Department department, DateOnly day) =>
        $"{department.ShortName}-{SheetName(list)}-{day:yyyyMMdd}.xlsx";

    public static bool TryParseList(string? text, out CatalogList list) =>
        Enum.TryParse(text, ignoreCase: true, out list) && Enum.IsDefined(list);

    public static bool TryParseMode(string? text, out ImportMode mode)
    {
        mode = text?.Trim().ToLowerInvariant() switch
        {
            null or "" or "reject-all" or "rejectall" => ImportMode.RejectAll,
            "valid-rows" or "validrows" => ImportMode.ValidRows,
            "validate" => ImportMode.Validate,
            _ => (ImportMode)(-1),
        };
        return Enum.IsDefined(mode);
    }

    public static string ModeText(ImportMode mode) => mode switch
    {
        ImportMode.Validate => "validate",
        ImportMode.ValidRows => "valid-rows",
        _ => "reject-all",
    };

    // ---- Export ----

    /// <summary>The department's current list as an .xlsx, in the columns an import reads back.</summary>
    public async Task<byte[]> ExportAsync(CatalogList list, int departmentId, CancellationToken ct)
    {
        var department = await db.Set<Department>().AsNoTracking().SingleAsync(d => d.Id == departmentId, ct);
        switch (list)
        {
            case CatalogList.Items:
            {
                var items = await db.Set<SupervisionItem>().AsNoTracking()
                    .Where(i => i.DepartmentId == departmentId && i.EffectiveTo == null).OrderBy(i => i.Code).ToListAsync(ct);
                return Spreadsheet.Write(SheetName(list), ItemColumns.All, items.Select(i => (IReadOnlyList<string?>)
                [
                    i.Code, i.Name, i.Category.Label(), i.SupervisedObject, i.Measures, i.LegalBasisLaw, i.LegalBasisArticle, i.LegalBasisText,
                    i.Process, i.Result, i.Level.Label(), department.Name, i.OwnershipRule.Label(), YesNo(i.IsPublished),
                    CatalogVersioning.Date(i.EffectiveFrom), i.Version.ToString(CultureInfo.InvariantCulture), i.ChangeNote,
                ]));
            }
            case CatalogList.Checklists:
            {
                var checklists = await db.Set<InspectionChecklist>().AsNoTracking().Include(c => c.Points)
                    .Where(c => c.DepartmentId == departmentId && c.EffectiveTo == null).OrderBy(c => c.ItemCode).ToListAsync(ct);
                var names = await db.Set<SupervisionItem>().AsNoTracking()
                    .Where(i => i.DepartmentId == departmentId && i.EffectiveTo == null).ToDictionaryAsync(i => i.Code, i => i.Name, ct);
                return Spreadsheet.Write(SheetName(list), ChecklistColumns.All, checklists.SelectMany(c => c.Points.OrderBy(p => p.Number).Select(p => (IReadOnlyList<string?>)
                [
                    c.ItemCode, names.GetValueOrDefault(c.ItemCode, ""), c.Name, c.SpotCheck.Label(), InspectionChecklistEditor.RatioText(c.RatioBasisPoints),
                    c.Frequency, p.Number.ToString(CultureInfo.InvariantCulture), p.Content, p.Method.Label(), p.Basis, p.Standard, p.FailureHandling,
                    YesNo(p.IsMajor), YesNo(c.IsPublished), CatalogVersioning.Date(c.EffectiveFrom), c.Version.ToString(CultureInfo.InvariantCulture), c.ChangeNote,
                ])));
            }
            default:
            {
                var powers = await db.Set<PowerListEntry>().AsNoTracking().Where(p => p.DepartmentId == departmentId).OrderBy(p => p.Code).ToListAsync(ct);
                return Spreadsheet.Write(SheetName(list), PowerColumns.All, powers.Select(p => (IReadOnlyList<string?>)
                [
                    p.Code, p.Name, p.Type.Label(), p.LegalBasis, p.Responsibility, department.Name, YesNo(p.IsPublished),
                ]));
            }
        }
    }

    // ---- Import ----

    /// <summary>
    /// Imports a checked workbook (<see cref="Spreadsheet.ReadUploadAsync"/>) into the department's list. The
    /// caller has checked that the user maintains that department's catalog. Throws
    /// <see cref="SpreadsheetFileException"/> when the sheet as a whole cannot be read (headers missing …).
    /// </summary>
    public async Task<CatalogImportReport> ImportAsync(ClaimsPrincipal user, CatalogList list, int departmentId, Stream workbook, ImportMode mode, CancellationToken ct)
    {
        var department = await db.Set<Department>().AsNoTracking().SingleAsync(d => d.Id == departmentId, ct);
        var required = list switch { CatalogList.Items => ItemColumns.Required, CatalogList.Checklists => ChecklistColumns.Required, _ => PowerColumns.Required };
        var table = Spreadsheet.Read(workbook, required);
        var import = new ImportRun(table.Rows.Count);
        switch (list)
        {
            case CatalogList.Items: await StageItemsAsync(user, department, table, import, ct); break;
            case CatalogList.Checklists: await StageChecklistsAsync(user, department, table, import, ct); break;
            default: await StagePowersAsync(department, table, import, ct); break;
        }

        var save = mode == ImportMode.ValidRows || (mode == ImportMode.RejectAll && import.Errors.Count == 0);
        if (save && import.Changes.Count > 0)
        {
            foreach (var change in import.Changes) change();
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e)
            {
                // The unique (code, version) index: another person adjusted one of these items meanwhile.
                throw new CatalogImportConflictException("导入期间清单被他人修改，本次导入未保存任何数据。请重新导出最新清单后再导入。", e);
            }
        }
        return new CatalogImportReport(list.ToString(), ModeText(mode), departmentId, table.Rows.Count, import.Created, import.Changed, import.Unchanged,
            import.RejectedRows.Count, save && import.Changes.Count > 0,
            [.. import.Errors.OrderBy(e => e.Row).ThenBy(e => Array.IndexOf(table.Headers.ToArray(), e.Column))]);
    }

    /// <summary>The state of one import: staged changes (applied only when the mode says so), counts and errors.</summary>
    private sealed class ImportRun(int rows)
    {
        public List<Action> Changes { get; } = [];
        public List<SpreadsheetError> Errors { get; } = [];
        public HashSet<int> RejectedRows { get; } = [];
        public int Rows { get; } = rows;
        public int Created, Changed, Unchanged;

        public void Reject(int row, string column, string message)
        {
            Errors.Add(new SpreadsheetError(row, column, message));
            RejectedRows.Add(row);
        }

        public void Reject(int row, FieldErrors errors, Dictionary<string, string> columns, string fallback)
        {
            foreach (var (field, messages) in errors.ToDictionary())
                foreach (var message in messages)
                    Reject(row, columns.GetValueOrDefault(field, fallback), message);
        }
    }

    private async Task StageItemsAsync(ClaimsPrincipal user, Department department, SpreadsheetTable table, ImportRun run, CancellationToken ct)
    {
        var current = await db.Set<SupervisionItem>().Where(i => i.DepartmentId == department.Id && i.EffectiveTo == null).ToDictionaryAsync(i => i.Code, ct);
        var codes = table.Rows.Select(r => r.Text(ItemColumns.Code)).Where(c => c.Length > 0).Distinct().ToList();
        var elsewhere = (await db.Set<SupervisionItem>().Where(i => codes.Contains(i.Code) && i.DepartmentId != department.Id)
            .Select(i => i.Code).Distinct().ToListAsync(ct)).ToHashSet();
        var firstRowOfCode = new Dictionary<string, int>();
        var now = time.GetUtcNow().UtcDateTime;

        foreach (var row in table.Rows)
        {
            var errors = new FieldErrors();
            var input = new SupervisionItemInput(
                row.Text(ItemColumns.Code), row.Text(ItemColumns.Name), row.Text(ItemColumns.Category), row.Text(ItemColumns.SupervisedObject),
                row.Text(ItemColumns.Measures), row.Text(ItemColumns.Law), row.Text(ItemColumns.Article), row.Text(ItemColumns.ArticleText),
                row.Text(ItemColumns.Process), row.Text(ItemColumns.Result), row.Text(ItemColumns.Level), row.Text(ItemColumns.Ownership),
                department.Id, null, row.Text(ItemColumns.Note), Published(row, ItemColumns.Published, errors));
            var next = SupervisionItemEditor.Validate(input, errors, codeRequired: true);
            CheckDepartment(row, ItemColumns.Department, department, errors);
            var code = input.Code!.Trim();
            if (code.Length > 0)
            {
                if (firstRowOfCode.TryGetValue(code, out var first)) errors.Add("code", $"事项编码 {code} 在第 {first} 行已出现，同一事项只能有一行。");
                else firstRowOfCode[code] = row.Number;
                if (elsewhere.Contains(code)) errors.Add("code", $"事项编码 {code} 已属于其他部门的目录，不能导入到{department.ShortName}。");
            }
            var existing = current.GetValueOrDefault(code);
            var from = ImportEffectiveFrom(row.Text(ItemColumns.EffectiveFrom), existing, errors);
            if (errors.Any || next is null)
            {
                run.Reject(row.Number, errors, ItemColumns.ByField, ItemColumns.Code);
                continue;
            }
            next.DepartmentId = department.Id;
            if (existing is not null && existing.SameContentAs(next))
            {
                run.Unchanged++;
                continue;
            }
            if (existing is null) run.Created++; else run.Changed++;
            var note = input.ChangeNote is { Length: > 0 } n && n != existing?.ChangeNote ? n : "Excel 导入";
            run.Changes.Add(() =>
            {
                CatalogVersioning.Supersede(existing, next, from, note, user, now);
                db.Add(next);
            });
        }
    }

    private async Task StageChecklistsAsync(ClaimsPrincipal user, Department department, SpreadsheetTable table, ImportRun run, CancellationToken ct)
    {
        var items = await db.Set<SupervisionItem>().AsNoTracking().Where(i => i.DepartmentId == department.Id && i.EffectiveTo == null)
            .Select(i => i.Code).ToListAsync(ct);
        var itemCodes = items.ToHashSet();
        var current = await db.Set<InspectionChecklist>().Include(c => c.Points)
            .Where(c => c.DepartmentId == department.Id && c.EffectiveTo == null).ToDictionaryAsync(c => c.ItemCode, ct);
        var now = time.GetUtcNow().UtcDateTime;

        // Rows without a code cannot belong to any checklist: each is rejected on its own.
        foreach (var row in table.Rows.Where(r => r.Text(ChecklistColumns.ItemCode).Length == 0))
            run.Reject(row.Number, ChecklistColumns.ItemCode, "必填：事项编码（本行检查要点所属的监管事项）。");

        foreach (var group in table.Rows.Where(r => r.Text(ChecklistColumns.ItemCode).Length > 0).GroupBy(r => r.Text(ChecklistColumns.ItemCode)))
        {
            var code = group.Key;
            var rows = group.ToList();
            var head = rows[0];
            var rowErrors = new Dictionary<int, FieldErrors>();
            FieldErrors ErrorsOf(SpreadsheetRow r) => rowErrors.TryGetValue(r.Number, out var e) ? e : rowErrors[r.Number] = new FieldErrors();

            if (!itemCodes.Contains(code))
                ErrorsOf(head).Add("itemCode", $"事项编码 {code} 不在{department.ShortName}的监管事项目录中：请先导入或新增该事项。");

            // The checklist's own columns may be filled on the first row only; when repeated they must agree.
            string Shared(string column)
            {
                var value = head.Text(column);
                foreach (var r in rows.Skip(1))
                {
                    var other = r.Text(column);
                    if (other.Length > 0 && other != value)
                        ErrorsOf(r).Add(column, $"“{column}”与同一事项第 {head.Number} 行的“{value}”不一致，同一检查清单只能有一个值。");
                }
                return value;
            }
            var name = Shared(ChecklistColumns.Name);
            var spotCheck = Shared(ChecklistColumns.SpotCheck);
            var ratioText = Shared(ChecklistColumns.Ratio);
            var frequency = Shared(ChecklistColumns.Frequency);
            Shared(ChecklistColumns.Published);
            var effectiveText = Shared(ChecklistColumns.EffectiveFrom);
            var note = Shared(ChecklistColumns.Note);
            var ratio = ParseRatio(head.Raw(ChecklistColumns.Ratio), ratioText, ErrorsOf(head));
            var published = Published(head, ChecklistColumns.Published, ErrorsOf(head));

            var numbered = new List<(int Number, SpreadsheetRow Row, ChecklistPointInput Point)>();
            foreach (var r in rows)
            {
                var numberText = r.Text(ChecklistColumns.Number);
                if (!int.TryParse(numberText, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
                    ErrorsOf(r).Add(ChecklistColumns.Number, $"序号应为从 1 开始的整数，收到“{numberText}”。");
                else if (numbered.FirstOrDefault(n => n.Number == number) is { Row: not null } twin)
                    ErrorsOf(r).Add(ChecklistColumns.Number, $"序号 {number} 在同一事项的第 {twin.Row.Number} 行已使用。");
                var majorText = r.Text(ChecklistColumns.Major);
                var major = majorText switch { "是" => true, "否" or "" => false, _ => (bool?)null };
                if (major is null) ErrorsOf(r).Add(ChecklistColumns.Major, $"重大要点应填“是”或“否”，收到“{majorText}”。");
                numbered.Add((number, r, new ChecklistPointInput(r.Text(ChecklistColumns.Content), r.Text(ChecklistColumns.Method), r.Text(ChecklistColumns.Basis),
                    r.Text(ChecklistColumns.Standard), r.Text(ChecklistColumns.Handling), major ?? false)));
            }
            numbered = [.. numbered.OrderBy(n => n.Number)];

            var errors = new FieldErrors();
            var input = new InspectionChecklistInput(name, spotCheck, ratio, frequency, [.. numbered.Select(n => n.Point)], null, note, published);
            var next = InspectionChecklistEditor.Validate(input, errors);
            var existing = current.GetValueOrDefault(code);
            var from = ImportEffectiveFrom(effectiveText, existing, errors);
            // Point errors go to the row of that point, the checklist's own errors to the group's first row.
            foreach (var (field, messages) in errors.ToDictionary())
            {
                var target = head;
                var key = field;
                if (field.StartsWith("points[", StringComparison.Ordinal))
                {
                    var index = int.Parse(field[7..field.IndexOf(']')], CultureInfo.InvariantCulture);
                    target = numbered[index].Row;
                    key = field[(field.IndexOf('.') + 1)..];
                }
                foreach (var m in messages) ErrorsOf(target).Add(key, m);
            }

            // Reading a cell creates an empty error list for its row: only rows with errors count.
            foreach (var empty in rowErrors.Where(e => !e.Value.Any).Select(e => e.Key).ToList()) rowErrors.Remove(empty);
            if (rowErrors.Count > 0)
            {
                foreach (var (rowNumber, e) in rowErrors)
                    foreach (var (field, messages) in e.ToDictionary())
                        foreach (var m in messages)
                            run.Reject(rowNumber, ChecklistColumns.ByField.GetValueOrDefault(field, field == "itemCode" ? ChecklistColumns.ItemCode : field), m);
                var bad = string.Join("、", rowErrors.Keys.Order());
                // A checklist is imported whole or not at all: its good rows are rejected with the reason, never dropped silently.
                foreach (var r in rows.Where(r => !rowErrors.ContainsKey(r.Number)))
                    run.Reject(r.Number, ChecklistColumns.ItemCode, $"同一事项（{code}）的第 {bad} 行有错误，整个检查清单未导入；改正后本行随之导入。");
                continue;
            }
            next!.ItemCode = code;
            next.DepartmentId = department.Id;
            if (existing is not null && existing.SameContentAs(next))
            {
                run.Unchanged += rows.Count;
                continue;
            }
            if (existing is null) run.Created += rows.Count; else run.Changed += rows.Count;
            var changeNote = note.Length > 0 && note != existing?.ChangeNote ? note : "Excel 导入";
            run.Changes.Add(() =>
            {
                CatalogVersioning.Supersede(existing, next, from, changeNote, user, now);
                db.Add(next);
            });
        }
    }

    private async Task StagePowersAsync(Department department, SpreadsheetTable table, ImportRun run, CancellationToken ct)
    {
        var current = await db.Set<PowerListEntry>().Where(p => p.DepartmentId == department.Id).ToDictionaryAsync(p => p.Code, ct);
        var firstRowOfCode = new Dictionary<string, int>();
        foreach (var row in table.Rows)
        {
            var errors = new FieldErrors();
            var input = new PowerListEntryInput(department.Id, row.Text(PowerColumns.Code), row.Text(PowerColumns.Name), row.Text(PowerColumns.Type),
                row.Text(PowerColumns.Basis), row.Text(PowerColumns.Responsibility), Published(row, PowerColumns.Published, errors));
            var values = PowerListEditor.Validate(input, errors);
            CheckDepartment(row, PowerColumns.Department, department, errors);
            var code = input.Code!.Trim();
            if (code.Length > 0)
            {
                if (firstRowOfCode.TryGetValue(code, out var first)) errors.Add("code", $"权力编码 {code} 在第 {first} 行已出现，同一权力只能有一行。");
                else firstRowOfCode[code] = row.Number;
            }
            if (errors.Any || values is null)
            {
                run.Reject(row.Number, errors, PowerColumns.ByField, PowerColumns.Code);
                continue;
            }
            var existing = current.GetValueOrDefault(code);
            if (existing is not null && existing.SameContentAs(values))
            {
                run.Unchanged++;
                continue;
            }
            if (existing is null) run.Created++; else run.Changed++;
            run.Changes.Add(() =>
            {
                if (existing is null)
                {
                    values.DepartmentId = department.Id;
                    db.Add(values);
                }
                else PowerListEditor.Copy(values, existing);
            });
        }
    }

    /// <summary>
    /// A changed row takes effect today, unless the row names a later first day on purpose; the date exported
    /// with the current version only says when that version began.
    /// </summary>
    private DateOnly ImportEffectiveFrom(string text, ICatalogVersion? existing, FieldErrors errors)
    {
        var today = itemEditor.Today;
        var earliest = existing is not null && existing.EffectiveFrom > today ? existing.EffectiveFrom : today;
        if (text.Length == 0 || (existing is not null && text == CatalogVersioning.Date(existing.EffectiveFrom))) return earliest;
        return CatalogVersioning.EffectiveFrom(text, existing, today, errors);
    }

    private static bool Published(SpreadsheetRow row, string column, FieldErrors errors)
    {
        var text = row.Text(column);
        switch (text)
        {
            case "" or "是": return true;
            case "否": return false;
            default:
                errors.Add("isPublished", $"是否公示应填“是”或“否”，收到“{text}”。");
                return true;
        }
    }

    private static void CheckDepartment(SpreadsheetRow row, string column, Department department, FieldErrors errors)
    {
        var text = row.Text(column);
        if (text.Length > 0 && text != department.Name && text != department.ShortName)
            errors.Add("departmentId", $"实施主体“{text}”与导入的目标部门“{department.Name}”不一致。");
    }

    /// <summary>
    /// Reads a ratio as departments write it: "5%", "5" (percent) or, from a cell Excel formats as a
    /// percentage, the fraction 0.05.
    /// </summary>
    private static decimal? ParseRatio(object? raw, string text, FieldErrors errors)
    {
        if (text.Length == 0) return null;
        if (raw is double fraction && fraction > 0 && fraction < 1) return Math.Round((decimal)fraction * 100, 4);
        var number = text.TrimEnd('%', '％').Trim();
        if (decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)) return percent;
        errors.Add("ratioPercent", $"抽查比例应为百分数，如“5%”，收到“{text}”。");
        return null;
    }

    private static string YesNo(bool value) => value ? "是" : "否";
}
