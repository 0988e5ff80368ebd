using System.Security.Claims;
using Jianguan.Web.Modules.Catalog;
using Jianguan.Web.Modules.Inspections;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Modules.SpotChecks;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Platform.Demo;

/// <summary>
/// The demo district's spot checks, made through the module's own services so that every rule applies: the market
/// bureau's reported annual plan; a joint task with the comprehensive enforcement bureau (the district's 餐饮), drawn,
/// inspected and published; a task drawn and waiting for its inspections on the officers' phones; an open task whose
/// commitment is public, for a newcomer to draw; and a complaint assigned to the demo officer to check.
/// </summary>
public sealed class DemoSpotChecks(AppDbContext db, SpotCheckTasks tasks, SpotCheckDraws draws, SpotCheckResults results, InspectionAssignments assignments,
    TimeProvider time, ILogger<DemoSpotChecks> logger)
{
    private static readonly ClaimsPrincipal Seeder = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "演示数据"), new Claim(ClaimTypes.Role, Roles.Administrator)], "demo"));

    public async Task SeedIfEmptyAsync(CancellationToken ct)
    {
        if (await db.Set<SpotCheckPlan>().AnyAsync(ct)) return;
        var today = time.Today();
        var departments = await db.Set<Department>().AsNoTracking().ToListAsync(ct);
        var scjg = departments.First(d => d.Code == "SCJG").Id;
        var zhzf = departments.First(d => d.Code == "ZHZF").Id;
        var plan = Value(await tasks.CreatePlanAsync(Seeder, new PlanInput(today.Year, $"{today.Year}年度婺城区市场监管领域双随机抽查计划",
            "食品经营、特种设备、产品质量等一般事项按 5% 抽查，重点事项按 20% 抽查；信用风险 C、D 类提高比例，A 类按 3%。",
            "一、抽查事项清单、检查对象名录库和执法检查人员名录库由平台维护。\n二、摇号公开进行，种子承诺在任务创建时公示，摇号记录全文公开，可用 jianguan-verify 复核。\n三、检查人员不少于两人，申报回避的人员和上一次检查同一主体的人员不参与。\n四、检查结果自检查之日起 20 个工作日内公示。",
            scjg), ct));
        await tasks.ReportPlanAsync(Seeder, plan.Id, ct);

        var items = await db.Set<InspectionChecklist>().AsNoTracking()
            .Where(c => c.SpotCheck != SpotCheckFlag.None && c.EffectiveTo == null && (c.DepartmentId == scjg || c.DepartmentId == zhzf))
            .OrderBy(c => c.ItemCode).ToListAsync(ct);
        var joint = Value(await tasks.CreateTaskAsync(Seeder, new TaskInput(
            "婺城区餐饮服务单位食品安全与市容环境卫生部门联合抽查", plan.Id, today.ToString("yyyy-MM-dd"), today.AddMonths(2).ToString("yyyy-MM-dd"),
            [new TaskItemInput(items.First(c => c.DepartmentId == scjg).ItemCode, "食品安全"), new TaskItemInput(items.First(c => c.DepartmentId == zhzf).ItemCode)],
            IndustryCode: "62", Ratios: new RatiosInput(1000, 1500, 3000, 5000), LeadDepartmentId: scjg), ct));
        var draw = Value(await draws.DrawAsync(Seeder, joint.Id, new DrawInput("演示：见证人现场掷骰 3-5-1-6-2"), ct));
        var drawn = await db.Set<DrawnEntity>().AsNoTracking().Include(d => d.Entity).Where(d => d.DrawId == draw.Id && d.UnassignedReason == null)
            .OrderBy(d => d.Position).ToListAsync(ct);
        foreach (var (entity, n) in drawn.Select((d, n) => (d, n)))
        {
            var problem = n % 3 == 1;
            Value(await results.RecordAsync(Seeder, joint.Id, new ResultInput(entity.Entity!.CreditCode, today.ToString("yyyy-MM-dd"),
                problem ? nameof(InspectionOutcome.RectifiedOnOrder) : nameof(InspectionOutcome.NoProblemFound),
                problem ? nameof(FollowUp.RectificationOrder) : nameof(FollowUp.None), problem ? "当场责令改正，已整改到位" : "",
                problem ? "后厨防蝇设施破损，当场整改" : "",
                problem ? [new ItemResultInput(joint.Items[0].ItemCode, true, "防蝇设施破损")] : []), ct));
            Value(await results.PublishAsync(Seeder, joint.Id, entity.Entity.CreditCode, ct));
        }

        Value(await tasks.CreateTaskAsync(Seeder, new TaskInput(
            "婺城区食品生产企业特种设备安全抽查", plan.Id, today.ToString("yyyy-MM-dd"), today.AddMonths(3).ToString("yyyy-MM-dd"),
            [new TaskItemInput(items.Where(c => c.DepartmentId == scjg).Skip(1).First().ItemCode, "特种设备")],
            Tag: "重点监管", Stratification: nameof(Stratification.RiskClassIndustry), LeadDepartmentId: scjg), ct));
        // Drawn and waiting for its inspections: the work the demo officers find on their phones (/m/).
        var daily = Value(await tasks.CreateTaskAsync(Seeder, new TaskInput(
            "婺城区食品销售者食品安全抽查（掌上执法演示）", plan.Id, today.ToString("yyyy-MM-dd"), today.AddMonths(1).ToString("yyyy-MM-dd"),
            [new TaskItemInput(items.First(c => c.DepartmentId == scjg).ItemCode)],
            IndustryCode: "52", Ratios: new RatiosInput(300, 500, 1500, 3000), LeadDepartmentId: scjg), ct));
        Value(await draws.DrawAsync(Seeder, daily.Id, new DrawInput("演示：见证人现场抽签 7-1-4"), ct));

        // A complaint the market bureau's head sent the demo officer and a colleague to check: also on their phones.
        var pair = await db.Set<Officer>().AsNoTracking().Where(o => o.DepartmentId == scjg && o.IsActive && o.LicenseExpiresOn >= today)
            .OrderBy(o => o.Id).Select(o => o.Id).Take(2).ToListAsync(ct);
        var complained = await db.Set<SupervisedEntity>().AsNoTracking().Where(e => e.Status == EntityStatus.Active && e.IndustryCode.StartsWith("62"))
            .OrderBy(e => e.CreditCode).Select(e => e.CreditCode).FirstAsync(ct);
        Value(await assignments.CreateAsync(Seeder, new AssignmentInput(complained, nameof(AssignmentSource.Complaint), "12315-演示-0001",
            "消费者反映就餐后腹泻，怀疑食材过期、后厨卫生差", [items.First(c => c.DepartmentId == scjg).ItemCode], pair[0], pair[1],
            today.AddDays(5).ToString("yyyy-MM-dd"), scjg), ct));
        logger.LogInformation("Demo spot checks: a joint task with {Count} entities drawn and published, a task drawn for the phones, an open task", drawn.Count);
    }

    private static T Value<T>(EditResult<T> result) => result switch
    {
        EditResult<T>.Saved s => s.Value,
        _ => throw new InvalidOperationException($"Demo spot-check data refused: {result}"),
    };
}
