using System.Globalization;
using System.Security.Claims;
using Jianguan.Web.Modules.Catalog;
using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Modules.Inspections;

/// <summary>What an assigned inspection answers: a complaint (投诉) or a report of a violation (举报).</summary>
public enum AssignmentSource
{
    Complaint = 1, // 投诉
    Report = 2,    // 举报
}

/// <summary>
/// 投诉举报核查交办: a department head sends two officers to check an entity about a complaint or report, on named
/// items, by a date. It appears in both officers' work lists on the phone (with its form, for offline use); the
/// inspection they finish under it (kind <see cref="InspectionKind.Complaint"/>) closes it. A cancelled assignment
/// stays on record with its reason; an inspection sent for it afterwards is refused as a conflict, not recorded
/// against it. The complaints module, when it comes, will make these from its cases.
/// </summary>
public sealed class InspectionAssignment
{
    public long Id { get; set; }
    public int DepartmentId { get; set; }
    public long EntityId { get; set; }
    public SupervisedEntity? Entity { get; set; }
    public AssignmentSource Source { get; set; }
    /// <summary>The complaint's or report's number (e.g. from 12345 or 12315).</summary>
    public string Reference { get; set; } = "";
    /// <summary>What to check: the complaint's substance, without the complainant's personal data.</summary>
    public string Reason { get; set; } = "";
    /// <summary>The catalog items to check, comma-separated; the form takes their checklists in force on the day.</summary>
    public string ItemCodes { get; set; } = "";
    public int FirstOfficerId { get; set; }
    public Organization.Officer? FirstOfficer { get; set; }
    public int SecondOfficerId { get; set; }
    public Organization.Officer? SecondOfficer { get; set; }
    public DateOnly DueOn { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    /// <summary>The inspection that closed it.</summary>
    public long? InspectionId { get; set; }
    public DateTime? CancelledAtUtc { get; set; }
    public string CancelReason { get; set; } = "";

    public bool IsOpen => InspectionId is null && CancelledAtUtc is null;

    public List<string> Items() => [.. ItemCodes.Split(',', StringSplitOptions.RemoveEmptyEntries)];

    public static string SourceName(AssignmentSource s) => s switch
    {
        AssignmentSource.Complaint => "投诉",
        AssignmentSource.Report => "举报",
        _ => s.ToString(),
    };

    public string State => InspectionId is not null ? "已核查" : CancelledAtUtc is not null ? "已撤销" : "待核查";
}

internal sealed class InspectionAssignmentConfiguration : IEntityTypeConfiguration<InspectionAssignment>
{
    public void Configure(EntityTypeBuilder<InspectionAssignment> b)
    {
        b.ToTable("inspection_assignments");
        b.HasIndex(a => new { a.DepartmentId, a.DueOn });
        b.HasIndex(a => new { a.FirstOfficerId, a.InspectionId });
        b.HasIndex(a => new { a.SecondOfficerId, a.InspectionId });
        b.HasOne(a => a.Entity).WithMany().HasForeignKey(a => a.EntityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization.Department>().WithMany().HasForeignKey(a => a.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.FirstOfficer).WithMany().HasForeignKey(a => a.FirstOfficerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.SecondOfficer).WithMany().HasForeignKey(a => a.SecondOfficerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Inspection>().WithMany().HasForeignKey(a => a.InspectionId).OnDelete(DeleteBehavior.Restrict);
        // Closed once: an update of a row another request closed meanwhile (inspection or cancellation) finds no row.
        b.Property(a => a.InspectionId).IsConcurrencyToken();
        b.Property(a => a.CancelledAtUtc).IsConcurrencyToken();
        b.Property(a => a.Reference).HasMaxLength(50);
        b.Property(a => a.Reason).HasMaxLength(1000);
        b.Property(a => a.ItemCodes).HasMaxLength(500);
        b.Property(a => a.CreatedBy).HasMaxLength(64);
        b.Property(a => a.CancelReason).HasMaxLength(500);
    }
}

/// <summary>An assignment as a department head sends it (API and page).</summary>
public sealed record AssignmentInput(
    string? CreditCode, string? Source, string? Reference, string? Reason, List<string>? ItemCodes, int? FirstOfficerId, int? SecondOfficerId,
    string? DueOn, int? DepartmentId = null);

public sealed record AssignmentCancel(string? Reason);

/// <summary>An assignment as the API shows it.</summary>
public sealed record AssignmentView(
    long Id, int DepartmentId, string CreditCode, string EntityName, string Source, string Reference, string Reason, IReadOnlyList<string> ItemCodes,
    int FirstOfficerId, int SecondOfficerId, string DueOn, string State, long? InspectionId, string? CancelReason, IReadOnlyList<string> Obstacles)
{
    public static AssignmentView Of(InspectionAssignment a) => Of(a, []);

    public static AssignmentView Of(InspectionAssignment a, IReadOnlyList<string> obstacles) => new(a.Id, a.DepartmentId, a.Entity?.CreditCode ?? "",
        a.Entity?.Name ?? "", a.Source.ToString(), a.Reference, a.Reason, a.Items(), a.FirstOfficerId, a.SecondOfficerId, a.DueOn.ToString("yyyy-MM-dd"),
        a.State, a.InspectionId, a.CancelledAtUtc is null ? null : a.CancelReason, obstacles);
}

/// <summary>Sending, listing and cancelling complaint-triggered inspections (<see cref="InspectionAssignment"/>).</summary>
public sealed class InspectionAssignments(AppDbContext db, TimeProvider time)
{
    /// <summary>Assignments the user may see: the department's own, or all for administrators and the committee; open first, then by due date.</summary>
    public async Task<List<InspectionAssignment>> ListAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var query = db.Set<InspectionAssignment>().AsNoTracking().Include(a => a.Entity).Include(a => a.FirstOfficer).Include(a => a.SecondOfficer).AsQueryable();
        if (!user.SeesAllDepartments()) query = query.Where(a => a.DepartmentId == (user.DepartmentId() ?? -1));
        return await query.OrderBy(a => a.InspectionId != null || a.CancelledAtUtc != null).ThenBy(a => a.DueOn).ThenBy(a => a.Id).Take(500).ToListAsync(ct);
    }

    /// <summary>
    /// Why each open assignment cannot be inspected as it stands, by id: an item whose checklist is no longer in force
    /// in the department (the officers' work lists then leave it out, having no form for it), an officer no longer
    /// active or whose licence has run out (行政处罚法第四十二条). The head cancels such an assignment and assigns anew.
    /// The assignments must have their officers loaded (<see cref="ListAsync"/> does).
    /// </summary>
    public async Task<Dictionary<long, List<string>>> ObstaclesAsync(IReadOnlyCollection<InspectionAssignment> assignments, CancellationToken ct)
    {
        var today = time.Today();
        var open = assignments.Where(a => a.IsOpen).ToList();
        var codes = open.SelectMany(a => a.Items()).Distinct().ToList();
        var departments = open.Select(a => a.DepartmentId).Distinct().ToList();
        var inForce = (await db.Set<InspectionChecklist>().AsNoTracking()
            .Where(InspectionChecklist.InForceOn(today)).Where(c => codes.Contains(c.ItemCode) && departments.Contains(c.DepartmentId))
            .Select(c => new { c.DepartmentId, c.ItemCode }).ToListAsync(ct)).Select(c => (c.DepartmentId, c.ItemCode)).ToHashSet();
        var obstacles = new Dictionary<long, List<string>>();
        foreach (var a in open)
        {
            var found = a.Items().Where(code => !inForce.Contains((a.DepartmentId, code))).Select(code => $"事项 {code} 已没有本部门现行有效的检查实施清单，执法人员的待办中无法生成检查表。").ToList();
            foreach (var officer in new[] { a.FirstOfficer, a.SecondOfficer })
                if (officer is not null && !officer.MayInspectOn(today))
                    found.Add(officer.IsActive
                        ? $"执法人员 {officer.Name} 的执法证已于 {officer.LicenseExpiresOn:yyyy-MM-dd} 到期（行政处罚法第四十二条）。"
                        : $"执法人员 {officer.Name} 已停用。");
            if (found.Count > 0) obstacles[a.Id] = found;
        }
        return obstacles;
    }

    /// <summary>
    /// Sends two officers of the department to check an entity: department heads for their department, administrators
    /// for the department they name. Everything is checked before anything is stored.
    /// </summary>
    public async Task<EditResult<InspectionAssignment>> CreateAsync(ClaimsPrincipal user, AssignmentInput input, CancellationToken ct)
    {
        var departmentId = user.IsInRole(Roles.Administrator) ? input.DepartmentId ?? user.DepartmentId() : user.DepartmentId();
        if (departmentId is not { } department || !CanAssign(user, department))
            return new EditResult<InspectionAssignment>.Forbidden("只有本部门负责人、部门管理员或系统管理员可以交办投诉举报核查。");
        var errors = new FieldErrors();
        var code = input.CreditCode?.Trim().ToUpperInvariant() ?? "";
        var entity = code.Length == 0 ? null : await db.Set<SupervisedEntity>().AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == code, ct);
        if (entity is null) errors.Add("creditCode", code.Length == 0 ? "必填：被检查单位的统一社会信用代码。" : $"名录库中没有统一社会信用代码为 {code} 的市场主体。");
        var source = CreditListings.ParseEnum<AssignmentSource>(input.Source, "source", "来源（投诉或举报）", errors);
        errors.Required("reference", input.Reference, "投诉举报的编号", 50);
        errors.Required("reason", input.Reason, "需要核查的内容", 1000);
        var (reference, reason) = (input.Reference?.Trim() ?? "", input.Reason?.Trim() ?? "");

        var today = time.Today();
        var codes = (input.ItemCodes ?? []).Select(c => c?.Trim() ?? "").Where(c => c.Length > 0).Distinct().ToList();
        if (await Inspections.ChecklistsInForceAsync(db, today, department, codes, ct) is EditResult<List<int>>.Invalid refused)
            foreach (var (field, messages) in refused.Errors)
                foreach (var message in messages) errors.Add(field, message);
        else if (string.Join(",", codes).Length > 500) errors.Add("itemCodes", "检查事项过多。");

        // Two officers of the department with a valid licence (行政处罚法第四十二条: no fewer than two).
        var officers = await db.Set<Organization.Officer>().AsNoTracking()
            .Where(o => (o.Id == input.FirstOfficerId || o.Id == input.SecondOfficerId) && o.DepartmentId == department && o.IsActive && o.LicenseExpiresOn >= today)
            .Select(o => o.Id).ToListAsync(ct);
        foreach (var (id, field, label) in new[] { (input.FirstOfficerId, "firstOfficerId", "第一名执法人员"), (input.SecondOfficerId, "secondOfficerId", "第二名执法人员") })
            if (id is null) errors.Add(field, $"必填：{label}（行政处罚法第四十二条：执法人员不得少于两人）。");
            else if (!officers.Contains(id.Value)) errors.Add(field, $"执法人员 {id} 不是本部门持有效执法证的执法人员。");
        if (input.FirstOfficerId is { } first && first == input.SecondOfficerId) errors.Add("secondOfficerId", "两名执法人员不能是同一人。");

        DateOnly due = default;
        if (string.IsNullOrWhiteSpace(input.DueOn)) errors.Add("dueOn", "必填：核查期限。");
        else if (!DateOnly.TryParseExact(input.DueOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out due)) errors.Add("dueOn", $"核查期限“{input.DueOn}”应为 yyyy-MM-dd。");
        else if (due < today) errors.Add("dueOn", $"核查期限 {due:yyyy-MM-dd} 早于今天。");
        if (errors.Any) return new EditResult<InspectionAssignment>.Invalid(errors.ToDictionary());

        var assignment = new InspectionAssignment
        {
            DepartmentId = department, EntityId = entity!.Id, Source = source!.Value, Reference = reference, Reason = reason, ItemCodes = string.Join(",", codes),
            FirstOfficerId = input.FirstOfficerId!.Value, SecondOfficerId = input.SecondOfficerId!.Value, DueOn = due,
            CreatedAtUtc = time.GetUtcNow().UtcDateTime, CreatedBy = user.Identity?.Name ?? "",
        };
        db.Add(assignment);
        await db.SaveChangesAsync(ct);
        assignment.Entity = entity;
        return new EditResult<InspectionAssignment>.Saved(assignment);
    }

    /// <summary>Who sends officers: administrators anywhere, the department's head (负责人) and its manager in their own department.</summary>
    public static bool CanAssign(ClaimsPrincipal user, int departmentId) =>
        user.IsInRole(Roles.Administrator)
        || ((user.IsInRole(Roles.DepartmentHead) || user.IsInRole(Roles.DepartmentManager)) && user.DepartmentId() == departmentId);

    /// <summary>Cancels an open assignment with a written reason; it stays on record.</summary>
    public async Task<EditResult<InspectionAssignment>> CancelAsync(ClaimsPrincipal user, long id, string? reason, CancellationToken ct)
    {
        var assignment = await db.Set<InspectionAssignment>().Include(a => a.Entity).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assignment is null || !user.CanSeeDepartment(assignment.DepartmentId)) return new EditResult<InspectionAssignment>.NotFound($"没有编号为 {id} 的核查交办。");
        if (!CanAssign(user, assignment.DepartmentId)) return new EditResult<InspectionAssignment>.Forbidden("只有本部门负责人、部门管理员或系统管理员可以撤销核查交办。");
        if (!assignment.IsOpen) return new EditResult<InspectionAssignment>.Conflict("id", $"核查交办 {id} {assignment.State}，不能撤销。");
        var errors = new FieldErrors();
        errors.Required("reason", reason, "撤销的理由", 500);
        if (errors.Any) return new EditResult<InspectionAssignment>.Invalid(errors.ToDictionary());
        assignment.CancelledAtUtc = time.GetUtcNow().UtcDateTime;
        assignment.CancelReason = reason!.Trim();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The inspection under it arrived meanwhile (or another cancellation): what was done stands.
            return new EditResult<InspectionAssignment>.Conflict("id", $"核查交办 {id} 刚刚已办结或已撤销，不能撤销。");
        }
        return new EditResult<InspectionAssignment>.Saved(assignment);
    }
}
