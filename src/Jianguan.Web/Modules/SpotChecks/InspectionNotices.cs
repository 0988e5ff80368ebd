using System.Security.Claims;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Documents;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.SpotChecks;

/// <summary>A drawn entity's 检查通知书 as its business account lists it.</summary>
public sealed record NoticeDto(long TaskId, string TaskName, string Departments, string StartsOn, string EndsOn, string Url);

/// <summary>
/// 检查通知书: tells a drawn entity that it was drawn, for which items, in which period, by whom, what to prepare, and
/// that it may ask an officer to stand aside. Staff of the task and the business itself (its account) may fetch it.
/// </summary>
public sealed class InspectionNotices(AppDbContext db, PdfDocuments pdf)
{
    private sealed record Drawn(DrawnEntity Entity, SpotCheckTask Task, SpotCheckDraw Draw);

    private async Task<Drawn?> FindAsync(ClaimsPrincipal user, long taskId, string creditCode, CancellationToken ct)
    {
        var code = creditCode.Trim().ToUpperInvariant();
        var drawn = await db.Set<DrawnEntity>().AsNoTracking().Include(d => d.Entity).Include(d => d.Officers).ThenInclude(o => o.Officer)
            .Where(d => d.TaskId == taskId && d.Entity!.CreditCode == code
                        && db.Set<SpotCheckDraw>().Any(x => x.Id == d.DrawId && x.State != DrawState.Cancelled))
            .FirstOrDefaultAsync(ct);
        if (drawn is null) return null;
        var task = await db.Set<SpotCheckTask>().AsNoTracking().Include(t => t.Items).ThenInclude(i => i.Department).Include(t => t.LeadDepartment)
            .FirstAsync(t => t.Id == taskId, ct);
        var own = user.IsInRole(Roles.Business) && user.FindFirstValue(RegistryModule.CreditCodeClaim) == code;
        if (!own && !(Roles.Staff.Any(user.IsInRole) && SpotCheckTasks.CanSee(user, task))) return null;
        var draw = await db.Set<SpotCheckDraw>().AsNoTracking().FirstAsync(d => d.Id == drawn.DrawId, ct);
        return new Drawn(drawn, task, draw);
    }

    /// <summary>The notice as PDF, or null when there is none the user may see.</summary>
    public async Task<byte[]?> RenderAsync(ClaimsPrincipal user, long taskId, string creditCode, CancellationToken ct)
    {
        if (await FindAsync(user, taskId, creditCode, ct) is not { } found) return null;
        var (drawn, task, draw) = (found.Entity, found.Task, found.Draw);
        var lead = task.LeadDepartment!;
        var officers = drawn.Officers.Select(o => o.Officer!).ToList();
        var issued = DateOnly.FromDateTime(draw.DrawnAtUtc);
        var document = new OfficialDocument("抽查检查通知书", lead.Name)
        {
            Number = $"{lead.ShortName}检通〔{issued.Year}〕{draw.Id}-{drawn.Position}号",
        };
        document.Paragraph($"{drawn.Entity!.Name}：", indent: false)
            .Paragraph($"根据“双随机、一公开”监管工作要求和{SpotCheckPublic.Departments(task)}的抽查计划，经公开随机抽取（抽取记录编号 {draw.Id}，可在本平台“抽查公示”页面查阅和核验），"
                       + $"你单位被确定为“{task.Name}”的检查对象。{(task.IsJoint ? "本次为部门联合抽查，各部门一次上门，合并检查下列事项。" : "")}")
            .Fields(
                ("统一社会信用代码", drawn.Entity.CreditCode),
                ("检查期间", $"{OfficialDocument.ChineseDate(task.StartsOn)}至{OfficialDocument.ChineseDate(task.EndsOn)}"),
                ("检查人员", officers.Count == 0 ? "另行通知" : string.Join("、", officers.Select(o => $"{o.Name}（执法证号 {o.LicenseNumber}）"))))
            .Heading("检查事项")
            .Table([new TableColumn("事项编码", 1), new TableColumn("检查事项", 3), new TableColumn("实施部门", 2)],
                task.Items.Select(i => (IReadOnlyList<string>)[i.ItemCode, i.ItemName, i.Department?.Name ?? ""]))
            .Heading("请你单位配合")
            .Paragraph("一、检查时请法定代表人（负责人）或其委托人在场，备好营业执照、相关许可证件、检查事项涉及的台账和记录。\n"
                       + "二、执法人员不少于两人，并出示执法证件；你单位认为执法人员与你单位有直接利害关系的，可以申请其回避。\n"
                       + "三、检查结果将自检查之日起二十个工作日内通过国家企业信用信息公示系统等途径向社会公示。\n"
                       + "四、无正当理由拒绝、阻碍检查的，将依法处理，并记入信用记录。")
            .Seal(issued);
        return pdf.Render(document);
    }

    /// <summary>The notices of the business's own entity, newest first.</summary>
    public async Task<List<NoticeDto>> OfEntityAsync(string creditCode, CancellationToken ct)
    {
        var rows = await db.Set<DrawnEntity>().AsNoTracking()
            .Where(d => d.Entity!.CreditCode == creditCode && db.Set<SpotCheckDraw>().Any(x => x.Id == d.DrawId && x.State != DrawState.Cancelled))
            .Select(d => d.TaskId).Distinct().ToListAsync(ct);
        var list = await db.Set<SpotCheckTask>().AsNoTracking().Include(t => t.Items).ThenInclude(i => i.Department)
            .Where(t => rows.Contains(t.Id)).OrderByDescending(t => t.Id).ToListAsync(ct);
        return [.. list.Select(t => new NoticeDto(t.Id, t.Name, SpotCheckPublic.Departments(t), t.StartsOn.ToString("yyyy-MM-dd"), t.EndsOn.ToString("yyyy-MM-dd"),
            $"/Documents/InspectionNotice?task={t.Id}&code={creditCode}"))];
    }
}
