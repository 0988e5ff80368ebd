using Jianguan.Web.Platform.Errors;
using System.Globalization;
using System.Security.Claims;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.Catalog;

public sealed record ChecklistPointInput(string? Content, string? Method, string? Basis, string? Standard, string? FailureHandling, bool IsMajor = false);

/// <summary>A checklist as entered; <see cref="RatioPercent"/> is the spot-check ratio in percent (5 = 5%).</summary>
public sealed record InspectionChecklistInput(
    string? Name, string? SpotCheck, decimal? RatioPercent, string? Frequency, List<ChecklistPointInput>? Points,
    string? EffectiveFrom = null, string? ChangeNote = null, bool IsPublished = true);

public sealed record ChecklistPointDto(int Number, string Content, string Method, string MethodLabel, string Basis, string Standard, string FailureHandling, bool IsMajor);

public sealed record InspectionChecklistDto(
    int Id, string ItemCode, int Version, string EffectiveFrom, string? EffectiveTo, int DepartmentId, string DepartmentName,
    string Name, string SpotCheck, string SpotCheckLabel, decimal? RatioPercent, string Frequency, bool IsPublished,
    IReadOnlyList<ChecklistPointDto> Points, string ChangeNote, DateTime RecordedAtUtc, string? RecordedBy)
{
    public static InspectionChecklistDto From(InspectionChecklist c) => new(
        c.Id, c.ItemCode, c.Version, CatalogVersioning.Date(c.EffectiveFrom), CatalogVersioning.Date(c.EffectiveTo), c.DepartmentId,
        c.Department?.ShortName ?? "", c.Name, c.SpotCheck.ToString(), c.SpotCheck.Label(), InspectionChecklistEditor.Percent(c.RatioBasisPoints),
        c.Frequency, c.IsPublished,
        c.Points.OrderBy(p => p.Number).Select(p => new ChecklistPointDto(p.Number, p.Content, p.Method.ToString(), p.Method.Label(), p.Basis, p.Standard, p.FailureHandling, p.IsMajor)).ToList(),
        c.ChangeNote, c.RecordedAtUtc, c.RecordedBy);

    public static InspectionChecklistDto ForPublic(InspectionChecklist c) => From(c) with { RecordedBy = null };
}

/// <summary>Adds checklist versions for items; the checklist belongs to its item's department.</summary>
public sealed class InspectionChecklistEditor(AppDbContext db, SupervisionItemEditor items, TimeProvider time)
{
    public const int MaxPoints = 200;

    public IQueryable<InspectionChecklist> VersionsVisibleTo(ClaimsPrincipal user) =>
        db.Set<InspectionChecklist>().Include(c => c.Department).Include(c => c.Points).VisibleTo(user);

    public Task<InspectionChecklist?> FindCurrentAsync(ClaimsPrincipal user, string itemCode, CancellationToken ct) =>
        VersionsVisibleTo(user).FirstOrDefaultAsync(c => c.ItemCode == itemCode && c.EffectiveTo == null, ct);

    public static decimal? Percent(int? basisPoints) => basisPoints is { } bp ? bp / 100m : null;

    public static string RatioText(int? basisPoints) =>
        basisPoints is { } bp ? (bp / 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%" : "";

    /// <summary>Checks a checklist's content, naming each bad field (points as points[i].field); returns it unattached, or null.</summary>
    internal static InspectionChecklist? Validate(InspectionChecklistInput input, FieldErrors errors)
    {
        errors.Required("name", input.Name, "检查清单名称", 200);
        var spotCheck = SpotCheckFlag.None;
        if (!string.IsNullOrWhiteSpace(input.SpotCheck) && !CatalogLabels.TryParse(input.SpotCheck, out spotCheck))
            errors.Add("spotCheck", $"双随机抽查应为 {CatalogLabels.Choices<SpotCheckFlag>()} 之一，收到“{input.SpotCheck}”。");
        int? ratio = null;
        if (input.RatioPercent is { } percent)
        {
            if (percent <= 0 || percent > 100) errors.Add("ratioPercent", $"抽查比例应大于 0% 且不超过 100%，收到 {percent}%。");
            else if (decimal.Round(percent, 2) != percent) errors.Add("ratioPercent", $"抽查比例最多保留两位小数，收到 {percent}%。");
            else ratio = (int)(percent * 100);
        }
        SupervisionItemEditor.Optional(errors, "frequency", input.Frequency, "抽查频次", 50);
        // 一般 items are drawn at a limited ratio and 重点 items at a set one: both need ratio and frequency to plan a draw.
        if (spotCheck != SpotCheckFlag.None)
        {
            if (input.RatioPercent is null) errors.Add("ratioPercent", $"纳入双随机抽查（{spotCheck.Label()}）的事项必须填写抽查比例，如 5%。");
            if (string.IsNullOrWhiteSpace(input.Frequency)) errors.Add("frequency", $"纳入双随机抽查（{spotCheck.Label()}）的事项必须填写抽查频次，如“1次/年”。");
        }
        var points = input.Points ?? [];
        if (points.Count == 0) errors.Add("points", "检查清单至少需要一个检查要点。");
        if (points.Count > MaxPoints) errors.Add("points", $"检查要点最多 {MaxPoints} 个，收到 {points.Count} 个。");
        var checklist = new InspectionChecklist
        {
            Name = input.Name?.Trim() ?? "", SpotCheck = spotCheck, RatioBasisPoints = ratio, Frequency = input.Frequency?.Trim() ?? "",
            IsPublished = input.IsPublished,
        };
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var prefix = $"points[{i}].";
            errors.Required(prefix + "content", p.Content, $"第 {i + 1} 个要点的检查内容", 1000);
            if (!CatalogLabels.TryParse<CheckMethod>(p.Method, out var method))
                errors.Add(prefix + "method", $"第 {i + 1} 个要点的检查方式应为 {CatalogLabels.Choices<CheckMethod>()} 之一，收到“{p.Method}”。");
            errors.Required(prefix + "basis", p.Basis, $"第 {i + 1} 个要点的检查依据", 1000);
            SupervisionItemEditor.Optional(errors, prefix + "standard", p.Standard, "检查标准", 1000);
            SupervisionItemEditor.Optional(errors, prefix + "failureHandling", p.FailureHandling, "处理方式", 500);
            checklist.Points.Add(new ChecklistPoint
            {
                Number = i + 1, Content = p.Content?.Trim() ?? "", Method = method, Basis = p.Basis?.Trim() ?? "",
                Standard = p.Standard?.Trim() ?? "", FailureHandling = p.FailureHandling?.Trim() ?? "", IsMajor = p.IsMajor,
            });
        }
        SupervisionItemEditor.Optional(errors, "changeNote", input.ChangeNote, "调整说明", 500);
        return errors.Any ? null : checklist;
    }

    /// <summary>Adds the next checklist version of the item (the first when it has none). Same content: no new version.</summary>
    public async Task<EditResult<InspectionChecklist>> SaveAsync(ClaimsPrincipal user, string itemCode, InspectionChecklistInput input, CancellationToken ct)
    {
        var item = await items.FindCurrentAsync(user, itemCode, ct);
        if (item is null) return new EditResult<InspectionChecklist>.NotFound(SupervisionItemEditor.NotFoundMessage(itemCode));
        var current = await FindCurrentAsync(user, itemCode, ct);

        var errors = new FieldErrors();
        var next = Validate(input, errors);
        var from = CatalogVersioning.EffectiveFrom(input.EffectiveFrom, current, items.Today, errors);
        if (errors.Any || next is null) return new EditResult<InspectionChecklist>.Invalid(errors.ToDictionary());
        if (!user.MaintainsCatalogOf(item.DepartmentId))
            return new EditResult<InspectionChecklist>.Forbidden("只能维护本部门的检查实施清单。");

        next.ItemCode = item.Code;
        next.DepartmentId = item.DepartmentId;
        if (current is not null && current.SameContentAs(next)) return new EditResult<InspectionChecklist>.Saved(current);
        CatalogVersioning.Supersede(current, next, from, input.ChangeNote, user, time.GetUtcNow().UtcDateTime);
        db.Add(next);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return new EditResult<InspectionChecklist>.Conflict("name", $"事项 {item.Code} 的检查清单刚被他人调整，请刷新后重新修改。");
        }
        await db.Entry(next).Reference(c => c.Department).LoadAsync(ct);
        return new EditResult<InspectionChecklist>.Saved(next);
    }
}

public sealed record PowerListEntryInput(int? DepartmentId, string? Code, string? Name, string? Type, string? LegalBasis, string? Responsibility, bool IsPublished = true);

public sealed record PowerListEntryDto(int Id, int DepartmentId, string DepartmentName, string Code, string Name, string Type, string TypeLabel, string LegalBasis, string Responsibility, bool IsPublished)
{
    public static PowerListEntryDto From(PowerListEntry p) =>
        new(p.Id, p.DepartmentId, p.Department?.ShortName ?? "", p.Code, p.Name, p.Type.ToString(), p.Type.Label(), p.LegalBasis, p.Responsibility, p.IsPublished);
}

/// <summary>Creates and changes 权责清单 entries under the department rule.</summary>
public sealed class PowerListEditor(AppDbContext db)
{
    public IQueryable<PowerListEntry> VisibleTo(ClaimsPrincipal user) =>
        db.Set<PowerListEntry>().Include(p => p.Department).VisibleTo(user).OrderBy(p => p.Department!.SortOrder).ThenBy(p => p.Code);

    internal static PowerListEntry? Validate(PowerListEntryInput input, FieldErrors errors)
    {
        errors.Required("code", input.Code, "权力编码", 32);
        errors.Required("name", input.Name, "权力名称", 200);
        if (!CatalogLabels.TryParse<PowerType>(input.Type, out var type))
            errors.Add("type", $"权力类型应为 {CatalogLabels.Choices<PowerType>()} 之一，收到“{input.Type}”。");
        errors.Required("legalBasis", input.LegalBasis, "设定依据", 4000);
        SupervisionItemEditor.Optional(errors, "responsibility", input.Responsibility, "责任事项", 4000);
        return errors.Any ? null : new PowerListEntry
        {
            Code = input.Code!.Trim(), Name = input.Name!.Trim(), Type = type, LegalBasis = input.LegalBasis!.Trim(),
            Responsibility = input.Responsibility?.Trim() ?? "", IsPublished = input.IsPublished,
        };
    }

    public async Task<EditResult<PowerListEntry>> SaveAsync(ClaimsPrincipal user, int? id, PowerListEntryInput input, CancellationToken ct)
    {
        PowerListEntry? entry = null;
        if (id is not null && (entry = await VisibleTo(user).FirstOrDefaultAsync(p => p.Id == id, ct)) is null)
            return new EditResult<PowerListEntry>.NotFound($"权责清单条目 {id} 不存在，或不属于您的部门。");
        var errors = new FieldErrors();
        var values = Validate(input, errors);
        var departmentId = input.DepartmentId ?? entry?.DepartmentId ?? Platform.Auth.ClaimsPrincipalExtensions.DepartmentId(user);
        if (departmentId is null) errors.Add("departmentId", "必填：实施主体（部门）。");
        else if (!await db.Set<Department>().AnyAsync(d => d.Id == departmentId && d.IsActive, ct))
            errors.Add("departmentId", $"部门 {departmentId} 不存在或已停用。");
        if (errors.Any || values is null) return new EditResult<PowerListEntry>.Invalid(errors.ToDictionary());
        if (!user.MaintainsCatalogOf(departmentId!.Value) || (entry is not null && !user.MaintainsCatalogOf(entry.DepartmentId)))
            return new EditResult<PowerListEntry>.Forbidden("只能维护本部门的权责清单。");
        if (await db.Set<PowerListEntry>().AnyAsync(p => p.DepartmentId == departmentId && p.Code == values.Code && p.Id != (entry == null ? 0 : entry.Id), ct))
            return new EditResult<PowerListEntry>.Conflict("code", $"本部门的权责清单中已有编码 {values.Code}。");

        entry ??= db.Set<PowerListEntry>().Add(new PowerListEntry()).Entity;
        entry.DepartmentId = departmentId.Value;
        Copy(values, entry);
        await db.SaveChangesAsync(ct);
        await db.Entry(entry).Reference(p => p.Department).LoadAsync(ct);
        return new EditResult<PowerListEntry>.Saved(entry);
    }

    internal static void Copy(PowerListEntry from, PowerListEntry to)
    {
        to.Code = from.Code;
        to.Name = from.Name;
        to.Type = from.Type;
        to.LegalBasis = from.LegalBasis;
        to.Responsibility = from.Responsibility;
        to.IsPublished = from.IsPublished;
    }
}
