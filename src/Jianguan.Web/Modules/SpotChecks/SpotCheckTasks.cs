using System.Security.Claims;
using Jianguan.Draw;
using Jianguan.Web.Platform.Calendar;
using Officer = Jianguan.Web.Modules.Organization.Officer;
using Jianguan.Web.Modules.Catalog;
using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Jianguan.Web.Platform.Rules;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.SpotChecks;

public sealed record PlanInput(int? Year, string? Name, string? Scope, string? Rules, int? DepartmentId = null);

public sealed record TaskItemInput(string? ItemCode, string? RequiredQualification = null);

public sealed record RatiosInput(int? A, int? B, int? C, int? D);

public sealed record TaskInput(
    string? Name, long? PlanId, string? StartsOn, string? EndsOn, List<TaskItemInput>? Items,
    string? IndustryCode = null, string? DivisionCode = null, string? Tag = null, string? EntityType = null,
    string? Stratification = null, RatiosInput? Ratios = null, int? OfficersPerEntity = null, int? LeadDepartmentId = null);

public sealed record ConflictInput(int? OfficerId, string? CreditCode, string? Relationship);

/// <summary>One stratum of a pool before the draw, with the quota its ratio gives and how it was rounded.</summary>
public sealed record StratumPreview(string Key, string RiskClass, int Size, int RatioBasisPoints, int Quota, string Rounding);

public sealed record PoolPreview(int PoolSize, int ExcludedAtCap, int Quota, IReadOnlyList<StratumPreview> Strata);

/// <summary>A pool entity as the draw reads it: its code, stratum, and id.</summary>
public readonly record struct PoolRow(long EntityId, string CreditCode, string Stratum);

/// <summary>
/// 一单两库一细则 and the tasks made of them: annual plans, officers' declared conflicts, and tasks whose items come
/// from the catalog's checklists open to spot checks, whose pool is the registry's active entities in the lead
/// department's remit narrowed by the task's filters, stratified by risk class (and industry or township).
/// </summary>
public sealed class SpotCheckTasks(AppDbContext db, IConfiguration configuration, TimeProvider time)
{
    public LegalRules Rules { get; init; } = LegalRules.Default;

    /// <summary>Default ratios per risk class in basis points: higher for C and D (国市监信发〔2022〕6号); configurable.</summary>
    public IReadOnlyDictionary<string, int> DefaultRatios =>
        new Dictionary<string, int>
        {
            ["A"] = configuration.GetValue("SpotChecks:Ratios:A", 300),
            ["B"] = configuration.GetValue("SpotChecks:Ratios:B", 500),
            ["C"] = configuration.GetValue("SpotChecks:Ratios:C", 1000),
            ["D"] = configuration.GetValue("SpotChecks:Ratios:D", 2000),
        };

    /// <summary>Administrators anywhere; department managers for their own department.</summary>
    public static bool CanOrganise(ClaimsPrincipal user, int departmentId) =>
        user.IsInRole(Roles.Administrator) || (user.IsInRole(Roles.DepartmentManager) && user.DepartmentId() == departmentId);

    public static bool CanSee(ClaimsPrincipal user, SpotCheckTask task) =>
        user.SeesAllDepartments() || (user.DepartmentId() is { } d && (task.LeadDepartmentId == d || task.Items.Any(i => i.DepartmentId == d)));

    public IQueryable<SpotCheckPlan> PlansVisibleTo(ClaimsPrincipal user)
    {
        var query = db.Set<SpotCheckPlan>().Include(p => p.Department).AsQueryable();
        if (user.SeesAllDepartments()) return query;
        var department = user.DepartmentId() ?? -1;
        return query.Where(p => p.DepartmentId == department);
    }

    public IQueryable<SpotCheckTask> TasksVisibleTo(ClaimsPrincipal user)
    {
        var query = db.Set<SpotCheckTask>().Include(t => t.LeadDepartment).Include(t => t.Items).AsQueryable();
        if (user.SeesAllDepartments()) return query;
        var department = user.DepartmentId() ?? -1;
        return query.Where(t => t.LeadDepartmentId == department || t.Items.Any(i => i.DepartmentId == department));
    }

    public async Task<EditResult<SpotCheckPlan>> CreatePlanAsync(ClaimsPrincipal user, PlanInput input, CancellationToken ct)
    {
        var departmentId = input.DepartmentId ?? user.DepartmentId();
        if (departmentId is not { } d || !CanOrganise(user, d))
            return new EditResult<SpotCheckPlan>.Forbidden("抽查计划由本部门的部门管理员制定。");
        var errors = new FieldErrors();
        var year = time.GetLocalNow().Year;
        if (input.Year is not { } y || y < year - 1 || y > year + 1) errors.Add("year", $"计划年度应为 {year - 1} 至 {year + 1} 年。");
        errors.Required("name", input.Name, "计划名称", 200);
        errors.Required("scope", input.Scope, "抽查范围及比例", 2000);
        errors.Required("rules", input.Rules, "抽查工作细则", 20000);
        if (!await db.Set<Department>().AnyAsync(x => x.Id == d && x.IsActive, ct)) errors.Add("departmentId", $"部门 {d} 不存在或已停用。");
        if (errors.Any) return new EditResult<SpotCheckPlan>.Invalid(errors.ToDictionary());
        var plan = new SpotCheckPlan
        {
            DepartmentId = d, Year = input.Year!.Value, Name = input.Name!.Trim(), Scope = input.Scope!.Trim(), Rules = input.Rules!.Trim(),
            CreatedAtUtc = time.GetUtcNow().UtcDateTime, CreatedBy = user.Identity?.Name ?? "",
        };
        db.Add(plan);
        await db.SaveChangesAsync(ct);
        return new EditResult<SpotCheckPlan>.Saved(plan);
    }

    /// <summary>Reports the plan to the next level up (报送); a reported plan is public.</summary>
    public async Task<EditResult<SpotCheckPlan>> ReportPlanAsync(ClaimsPrincipal user, long id, CancellationToken ct)
    {
        var plan = await PlansVisibleTo(user).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return new EditResult<SpotCheckPlan>.NotFound($"抽查计划 {id} 不存在，或不属于您的部门。");
        if (!CanOrganise(user, plan.DepartmentId)) return new EditResult<SpotCheckPlan>.Forbidden("抽查计划由本部门的部门管理员报送。");
        if (plan.State != SpotCheckPlanState.Draft) return new EditResult<SpotCheckPlan>.Conflict("state", $"计划已于 {plan.ReportedAtUtc:yyyy-MM-dd} 报送。");
        (plan.State, plan.ReportedAtUtc, plan.ReportedBy) = (SpotCheckPlanState.Reported, time.GetUtcNow().UtcDateTime, user.Identity?.Name);
        await db.SaveChangesAsync(ct);
        return new EditResult<SpotCheckPlan>.Saved(plan);
    }

    public async Task<EditResult<SpotCheckTask>> CreateTaskAsync(ClaimsPrincipal user, TaskInput input, CancellationToken ct)
    {
        var lead = input.LeadDepartmentId ?? user.DepartmentId();
        if (lead is not { } leadId || !CanOrganise(user, leadId))
            return new EditResult<SpotCheckTask>.Forbidden("抽查任务由牵头部门的部门管理员创建。");
        var errors = new FieldErrors();
        var today = time.Today();
        errors.Required("name", input.Name, "任务名称", 200);
        var startsOn = CreditListings.ParseDate(input.StartsOn, "startsOn", "开始日期", errors, required: true);
        var endsOn = CreditListings.ParseDate(input.EndsOn, "endsOn", "结束日期", errors, required: true);
        if (startsOn > endsOn) errors.Add("endsOn", $"结束日期 {endsOn:yyyy-MM-dd} 早于开始日期 {startsOn:yyyy-MM-dd}。");
        if (endsOn < today) errors.Add("endsOn", $"结束日期 {endsOn:yyyy-MM-dd} 已过。");
        if (input.PlanId is { } planId && !await db.Set<SpotCheckPlan>().AnyAsync(p => p.Id == planId && p.DepartmentId == leadId, ct))
            errors.Add("planId", $"抽查计划 {planId} 不存在，或不是牵头部门的计划。");

        var items = new List<SpotCheckTaskItem>();
        if (input.Items is not { Count: > 0 }) errors.Add("items", "至少选择一个抽查事项。");
        foreach (var (item, n) in (input.Items ?? []).Select((x, n) => (x, n)))
        {
            var code = item.ItemCode?.Trim() ?? "";
            var checklist = await db.Set<InspectionChecklist>().AsNoTracking()
                .Where(InspectionChecklist.InForceOn(today)).Where(c => c.ItemCode == code)
                .OrderByDescending(c => c.Version).FirstOrDefaultAsync(ct);
            var name = await db.Set<SupervisionItem>().AsNoTracking().Where(i => i.Code == code).OrderByDescending(i => i.Version).Select(i => i.Name).FirstOrDefaultAsync(ct);
            if (checklist is null) errors.Add($"items[{n}].itemCode", $"事项 {code} 不存在，或今天没有生效的检查实施清单。");
            else if (checklist.SpotCheck == SpotCheckFlag.None) errors.Add($"items[{n}].itemCode", $"事项 {code} 的检查实施清单未列入抽查事项清单（未标为重点或一般抽查）。");
            else if (items.Any(i => i.ItemCode == code)) errors.Add($"items[{n}].itemCode", $"事项 {code} 重复。");
            else
                items.Add(new SpotCheckTaskItem
                {
                    DepartmentId = checklist.DepartmentId, ChecklistId = checklist.Id, ItemCode = code, ItemName = name ?? checklist.Name,
                    RequiredQualification = item.RequiredQualification?.Trim() ?? "",
                });
            if (item.RequiredQualification?.Trim().Length > 32) errors.Add($"items[{n}].requiredQualification", "资质要求最多 32 个字符。");
        }
        if (items.Count > 0 && items.All(i => i.DepartmentId != leadId)) errors.Add("items", "牵头部门至少承担一个抽查事项。");

        var stratification = Stratification.RiskClass;
        if (!string.IsNullOrWhiteSpace(input.Stratification) && !Enum.TryParse(input.Stratification, true, out stratification) | !Enum.IsDefined(stratification))
            errors.Add("stratification", $"无法识别的分层方式“{input.Stratification}”，可用：{string.Join("、", Enum.GetNames<Stratification>())}。");
        EntityType? entityType = null;
        if (!string.IsNullOrWhiteSpace(input.EntityType))
            entityType = CreditListings.ParseEnum<EntityType>(input.EntityType, "entityType", "市场主体类型", errors);
        var defaults = DefaultRatios;
        var ratios = new Dictionary<string, int>
        {
            ["A"] = input.Ratios?.A ?? defaults["A"], ["B"] = input.Ratios?.B ?? defaults["B"],
            ["C"] = input.Ratios?.C ?? defaults["C"], ["D"] = input.Ratios?.D ?? defaults["D"],
        };
        foreach (var (riskClass, bp) in ratios)
            if (bp is < 0 or > QuotaRules.BasisPointsWhole) errors.Add($"ratios.{riskClass}", $"{riskClass} 类的抽查比例应为 0 至 10000 个基点（万分之一），收到 {bp}。");
        var officers = input.OfficersPerEntity ?? Rules.SpotChecks(today).MinimumOfficers;
        if (officers < Rules.SpotChecks(today).MinimumOfficers || officers > 10)
            errors.Add("officersPerEntity", $"每户检查人员应为 {Rules.SpotChecks(today).MinimumOfficers} 至 10 人（{Rules.SpotChecks(today).OfficersSource}）。");
        var industry = input.IndustryCode?.Trim().ToUpperInvariant();
        if (!string.IsNullOrEmpty(industry) && !System.Text.RegularExpressions.Regex.IsMatch(industry, "^([A-T]|[0-9]{2,4})$"))
            errors.Add("industryCode", "行业应为 GB/T 4754 门类字母或 2 至 4 位代码。");
        var division = input.DivisionCode?.Trim();
        if (!string.IsNullOrEmpty(division) && !System.Text.RegularExpressions.Regex.IsMatch(division, "^[0-9]{2,12}$"))
            errors.Add("divisionCode", "区划代码应为 2 至 12 位数字。");
        var tag = input.Tag?.Trim();
        if (tag?.Length > 32) errors.Add("tag", "标签最多 32 个字符。");
        if (errors.Any) return new EditResult<SpotCheckTask>.Invalid(errors.ToDictionary());

        var secret = DrawSecret.New();
        var now = time.GetUtcNow().UtcDateTime;
        var task = new SpotCheckTask
        {
            Name = input.Name!.Trim(), PlanId = input.PlanId, LeadDepartmentId = leadId, StartsOn = startsOn!.Value, EndsOn = endsOn!.Value,
            IndustryCode = string.IsNullOrEmpty(industry) ? null : industry, DivisionCode = string.IsNullOrEmpty(division) ? null : division,
            Tag = string.IsNullOrEmpty(tag) ? null : tag, EntityType = entityType, Stratification = stratification,
            RatioA = ratios["A"], RatioB = ratios["B"], RatioC = ratios["C"], RatioD = ratios["D"], OfficersPerEntity = officers,
            Secret = secret, Commitment = DrawSecret.Commitment(secret), CommittedAtUtc = now,
            CreatedAtUtc = now, CreatedBy = user.Identity?.Name ?? "", Items = items,
        };
        db.Add(task);
        await db.SaveChangesAsync(ct);
        return new EditResult<SpotCheckTask>.Saved(task);
    }

    public async Task<EditResult<OfficerConflict>> DeclareConflictAsync(ClaimsPrincipal user, ConflictInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var officer = input.OfficerId is { } oid ? await db.Set<Officer>().FirstOrDefaultAsync(o => o.Id == oid, ct) : null;
        if (officer is null) errors.Add("officerId", input.OfficerId is null ? "必填：执法人员。" : $"执法人员 {input.OfficerId} 不存在。");
        else if (!user.CanManageOfficersOf(officer.DepartmentId) && !await IsOfficerAsync(user, officer.Id, ct))
            return new EditResult<OfficerConflict>.Forbidden("回避事项由执法人员本人或其部门管理员申报。");
        var code = input.CreditCode?.Trim().ToUpperInvariant();
        var entity = string.IsNullOrEmpty(code) ? null : await db.Set<SupervisedEntity>().FirstOrDefaultAsync(e => e.CreditCode == code, ct);
        if (entity is null) errors.Add("creditCode", string.IsNullOrEmpty(code) ? "必填：统一社会信用代码。" : $"统一社会信用代码为 {code} 的市场主体不存在。");
        errors.Required("relationship", input.Relationship, "利害关系", 200);
        if (errors.Any) return new EditResult<OfficerConflict>.Invalid(errors.ToDictionary());
        if (await db.Set<OfficerConflict>().AnyAsync(c => c.OfficerId == officer!.Id && c.EntityId == entity!.Id, ct))
            return new EditResult<OfficerConflict>.Conflict("creditCode", $"{officer!.Name} 与 {entity!.Name} 的回避关系已申报。");
        var conflict = new OfficerConflict
        {
            OfficerId = officer!.Id, EntityId = entity!.Id, Relationship = input.Relationship!.Trim(), DeclaredOn = time.Today(), RecordedBy = user.Identity?.Name ?? "",
        };
        db.Add(conflict);
        await db.SaveChangesAsync(ct);
        return new EditResult<OfficerConflict>.Saved(conflict);
    }

    /// <summary>Whether the signed-in user is the officer (a user account linked to an officer record).</summary>
    public async Task<bool> IsOfficerAsync(ClaimsPrincipal user, int officerId, CancellationToken ct) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
        && await db.Set<AppUser>().AnyAsync(u => u.Id == userId && u.OfficerId == officerId, ct);

    /// <summary>The officer record of the signed-in user, if it has one.</summary>
    public async Task<int?> OfficerIdOfAsync(ClaimsPrincipal user, CancellationToken ct) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            ? await db.Set<AppUser>().Where(u => u.Id == userId).Select(u => u.OfficerId).FirstOrDefaultAsync(ct)
            : null;

    /// <summary>The stratum an entity falls in: its risk class (B when not yet classified), and its section or township.</summary>
    public static string StratumOf(Stratification stratification, RiskClass? riskClass, string industrySection, string divisionCode)
    {
        var c = (riskClass ?? RiskClass.B).ToString();
        return stratification switch
        {
            Stratification.RiskClassIndustry => $"{c}|{industrySection}",
            Stratification.RiskClassDivision => $"{c}|{(divisionCode.Length >= 9 ? divisionCode[..9] : divisionCode)}",
            _ => c,
        };
    }

    /// <summary>
    /// The pool of a task in credit-code order (the draw's canonical order): active entities in the lead department's
    /// remit, narrowed by the task's filters, less those that reached the yearly cap of spot checks (their codes go to
    /// <paramref name="left"/>, for the record). The definition in EF's terms; the draw and the preview read the same
    /// pool through <see cref="PoolReader"/>, which a test holds to this query, on each provider.
    /// </summary>
    public async IAsyncEnumerable<PoolRow> PoolAsync(SpotCheckTask task, HashSet<long> excluded, List<string> left, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var remit = await db.Set<Department>().Where(d => d.Id == task.LeadDepartmentId).Select(d => d.DivisionCode).FirstAsync(ct);
        var entities = db.Set<SupervisedEntity>().AsNoTracking().Where(e => e.Status == EntityStatus.Active && e.DivisionCode.StartsWith(remit));
        if (task.IndustryCode is { Length: 1 } section) entities = entities.Where(e => e.IndustrySection == section);
        else if (task.IndustryCode is { } industry) entities = entities.Where(e => e.IndustryCode.StartsWith(industry));
        if (task.DivisionCode is { } division) entities = entities.Where(e => e.DivisionCode.StartsWith(division));
        if (task.EntityType is { } type) entities = entities.Where(e => e.Type == type);
        if (task.Tag is { } tag) entities = entities.Where(e => e.Tags.Any(t => t.Tag == tag));
        var rows = from e in entities
                   join c in db.Set<EntityRiskClass>() on e.Id equals c.EntityId into classes
                   from c in classes.DefaultIfEmpty()
                   orderby e.CreditCode
                   select new { e.Id, e.CreditCode, e.IndustrySection, e.DivisionCode, Class = (RiskClass?)c!.Class };
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
            if (excluded.Contains(row.Id)) left.Add(row.CreditCode);
            else yield return new PoolRow(row.Id, row.CreditCode, StratumOf(task.Stratification, row.Class, row.IndustrySection, row.DivisionCode));
    }

    /// <summary>The entities that reached the yearly cap: drawn that many times this year by draws still valid.</summary>
    public async Task<HashSet<long>> AtYearlyCapAsync(CancellationToken ct)
    {
        var today = time.Today();
        var cap = Rules.SpotChecks(today).YearlyCapPerEntity;
        var from = new DateTime(today.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var ids = await db.Set<DrawnEntity>()
            .Where(d => db.Set<SpotCheckDraw>().Any(x => x.Id == d.DrawId && x.State != DrawState.Cancelled && x.DrawnAtUtc >= from))
            .GroupBy(d => d.EntityId).Where(g => g.Count() >= cap).Select(g => g.Key).ToListAsync(ct);
        return [.. ids];
    }

    /// <summary>What the draw would take, stratum by stratum, shown before the draw with the rounding spelled out.</summary>
    public async Task<PoolPreview> PreviewAsync(SpotCheckTask task, CancellationToken ct)
    {
        var excluded = await AtYearlyCapAsync(ct);
        var counts = new List<int>();
        var read = await new PoolReader(db).ReadAsync(task, excluded, (_, _, stratum) =>
        {
            while (counts.Count <= stratum) counts.Add(0);
            counts[stratum]++;
        }, ct);
        var sizes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var s = 0; s < counts.Count; s++) sizes[read.Strata[s]] = counts[s];
        var strata = sizes.Select(s =>
        {
            var riskClass = PoolRules.RiskClass(s.Key);
            var bp = task.Ratios[riskClass];
            var quota = QuotaRules.Quota(s.Value, bp);
            var exact = s.Value * bp / 10000m;
            return new StratumPreview(s.Key, riskClass, s.Value, bp, quota,
                bp == 0 ? "比例为 0，本次免于抽查" : $"{s.Value} × {bp / 100m:0.##}% = {exact:0.####}，向上取整为 {quota}");
        }).ToList();
        return new PoolPreview(read.Count, read.Left.Count, strata.Sum(s => s.Quota), strata);
    }
}
