using Jianguan.Web.Platform.Errors;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.Catalog;

/// <summary>What a person enters for an item; enumerations as their Chinese word or English name.</summary>
public sealed record SupervisionItemInput(
    string? Code, string? Name, string? Category, string? SupervisedObject, string? Measures,
    string? LegalBasisLaw, string? LegalBasisArticle, string? LegalBasisText, string? Process, string? Result,
    string? Level, string? OwnershipRule, int? DepartmentId, string? EffectiveFrom = null, string? ChangeNote = null, bool IsPublished = true);

public sealed record SupervisionItemDto(
    int Id, string Code, int Version, string EffectiveFrom, string? EffectiveTo, int DepartmentId, string DepartmentName,
    string Name, string Category, string CategoryLabel, string SupervisedObject, string Measures,
    string LegalBasisLaw, string LegalBasisArticle, string LegalBasisText, string Process, string Result,
    string Level, string LevelLabel, string OwnershipRule, string OwnershipRuleLabel, bool IsPublished,
    string ChangeNote, DateTime RecordedAtUtc, string? RecordedBy)
{
    public static SupervisionItemDto From(SupervisionItem i) => new(
        i.Id, i.Code, i.Version, CatalogVersioning.Date(i.EffectiveFrom), CatalogVersioning.Date(i.EffectiveTo), i.DepartmentId, i.Department?.ShortName ?? "",
        i.Name, i.Category.ToString(), i.Category.Label(), i.SupervisedObject, i.Measures,
        i.LegalBasisLaw, i.LegalBasisArticle, i.LegalBasisText, i.Process, i.Result,
        i.Level.ToString(), i.Level.Label(), i.OwnershipRule.ToString(), i.OwnershipRule.Label(), i.IsPublished,
        i.ChangeNote, i.RecordedAtUtc, i.RecordedBy);

    /// <summary>The public sees the catalog, not which staff account typed it.</summary>
    public static SupervisionItemDto ForPublic(SupervisionItem i) => From(i) with { RecordedBy = null };
}

/// <summary>
/// Creates items and their new versions under the department rule. An edit never changes a stored version:
/// it adds the next version and closes the current one's period (<see cref="CatalogVersioning"/>).
/// </summary>
public sealed partial class SupervisionItemEditor(AppDbContext db, TimeProvider time)
{
    [GeneratedRegex("^[0-9A-Za-z][0-9A-Za-z-]{3,31}$")]
    private static partial Regex CodePattern();

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    /// <summary>Every version of the items the user may see.</summary>
    public IQueryable<SupervisionItem> VersionsVisibleTo(ClaimsPrincipal user) =>
        db.Set<SupervisionItem>().Include(i => i.Department).VisibleTo(user);

    /// <summary>The latest version of each item the user may see, in catalog order.</summary>
    public IQueryable<SupervisionItem> CurrentVisibleTo(ClaimsPrincipal user) =>
        VersionsVisibleTo(user).Where(i => i.EffectiveTo == null).OrderBy(i => i.Department!.SortOrder).ThenBy(i => i.Code);

    public Task<SupervisionItem?> FindCurrentAsync(ClaimsPrincipal user, string code, CancellationToken ct) =>
        VersionsVisibleTo(user).FirstOrDefaultAsync(i => i.Code == code && i.EffectiveTo == null, ct);

    public static string NotFoundMessage(string code) => $"监管事项 {code} 不存在，或不属于您的部门。";

    /// <summary>
    /// Checks the content of an item, naming each bad JSON field; returns the item's content (not yet
    /// attached to the context) or null. Shared by the editor and the spreadsheet import.
    /// </summary>
    internal static SupervisionItem? Validate(SupervisionItemInput input, FieldErrors errors, bool codeRequired)
    {
        var code = input.Code?.Trim();
        if (codeRequired)
        {
            errors.Required("code", code, "事项编码", 32);
            if (!string.IsNullOrEmpty(code) && !CodePattern().IsMatch(code))
                errors.Add("code", $"事项编码应为 4 到 32 位数字、字母或连字符（如 14 位目录编码 33070200100001），收到“{code}”。");
        }
        errors.Required("name", input.Name, "事项名称", 200);
        if (!CatalogLabels.TryParse<ItemCategory>(input.Category, out var category))
            errors.Add("category", $"监管类别应为 {CatalogLabels.Choices<ItemCategory>()} 之一，收到“{input.Category}”。");
        errors.Required("supervisedObject", input.SupervisedObject, "监管对象", 500);
        Optional(errors, "measures", input.Measures, "监管措施", 500);
        errors.Required("legalBasisLaw", input.LegalBasisLaw, "设定依据（法律法规名称）", 200);
        Optional(errors, "legalBasisArticle", input.LegalBasisArticle, "依据条款", 100);
        Optional(errors, "legalBasisText", input.LegalBasisText, "条款内容", 4000);
        Optional(errors, "process", input.Process, "监管流程", 2000);
        Optional(errors, "result", input.Result, "监管结果", 1000);
        if (!CatalogLabels.TryParse<ItemLevel>(input.Level, out var level))
            errors.Add("level", $"监管层级应为 {CatalogLabels.Choices<ItemLevel>()} 之一，收到“{input.Level}”。");
        var ownership = OwnershipRule.ApproverSupervises;
        if (!string.IsNullOrWhiteSpace(input.OwnershipRule) && !CatalogLabels.TryParse(input.OwnershipRule, out ownership))
            errors.Add("ownershipRule", $"监管职责划分应为 {CatalogLabels.Choices<OwnershipRule>()} 之一，收到“{input.OwnershipRule}”。");
        Optional(errors, "changeNote", input.ChangeNote, "调整说明", 500);
        if (errors.Any) return null;
        return new SupervisionItem
        {
            Code = code ?? "",
            Name = input.Name!.Trim(),
            Category = category,
            SupervisedObject = input.SupervisedObject!.Trim(),
            Measures = input.Measures?.Trim() ?? "",
            LegalBasisLaw = input.LegalBasisLaw!.Trim(),
            LegalBasisArticle = input.LegalBasisArticle?.Trim() ?? "",
            LegalBasisText = input.LegalBasisText?.Trim() ?? "",
            Process = input.Process?.Trim() ?? "",
            Result = input.Result?.Trim() ?? "",
            Level = level,
            OwnershipRule = ownership,
            IsPublished = input.IsPublished,
        };
    }

    internal static void Optional(FieldErrors errors, string field, string? value, string label, int maxLength)
    {
        if (value is not null && value.Trim().Length > maxLength)
            errors.Add(field, $"{label}最多 {maxLength} 个字符，收到 {value.Trim().Length} 个。");
    }

    /// <summary>Creates an item (<paramref name="code"/> null) or adds a version to it. Same content: no new version.</summary>
    public async Task<EditResult<SupervisionItem>> SaveAsync(ClaimsPrincipal user, string? code, SupervisionItemInput input, CancellationToken ct)
    {
        SupervisionItem? current = null;
        if (code is not null && (current = await FindCurrentAsync(user, code, ct)) is null)
            return new EditResult<SupervisionItem>.NotFound(NotFoundMessage(code));

        var errors = new FieldErrors();
        var next = Validate(current is null ? input : input with { Code = input.Code ?? current.Code }, errors, codeRequired: true);
        if (current is not null && !string.IsNullOrWhiteSpace(input.Code) && input.Code.Trim() != current.Code)
            errors.Add("code", $"事项编码是事项的永久标识，不能在新版本中更改（现为 {current.Code}）。如需新编码，请新增事项。");
        var from = CatalogVersioning.EffectiveFrom(input.EffectiveFrom, current, Today, errors);
        var departmentId = input.DepartmentId ?? current?.DepartmentId ?? user.DepartmentId();
        if (departmentId is null) errors.Add("departmentId", "必填：实施主体（部门）。");
        else if (!await db.Set<Department>().AnyAsync(d => d.Id == departmentId && d.IsActive, ct))
            errors.Add("departmentId", $"部门 {departmentId} 不存在或已停用。");
        if (errors.Any || next is null) return new EditResult<SupervisionItem>.Invalid(errors.ToDictionary());

        if (!user.MaintainsCatalogOf(departmentId!.Value) || (current is not null && !user.MaintainsCatalogOf(current.DepartmentId)))
            return new EditResult<SupervisionItem>.Forbidden("只能维护本部门的监管事项目录。");
        next.DepartmentId = departmentId.Value;
        if (current is null && await db.Set<SupervisionItem>().AnyAsync(i => i.Code == next.Code, ct))
            return new EditResult<SupervisionItem>.Conflict("code", $"事项编码 {next.Code} 已被使用。");
        if (current is not null && current.SameContentAs(next)) return new EditResult<SupervisionItem>.Saved(current);

        next.Code = current?.Code ?? next.Code;
        CatalogVersioning.Supersede(current, next, from, input.ChangeNote, user, time.GetUtcNow().UtcDateTime);
        db.Add(next);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique (code, version) index: someone else added a version of this item meanwhile.
            return new EditResult<SupervisionItem>.Conflict("code", $"事项 {next.Code} 刚被他人调整，请刷新后在最新版本上重新修改。");
        }
        await db.Entry(next).Reference(i => i.Department).LoadAsync(ct);
        return new EditResult<SupervisionItem>.Saved(next);
    }
}
