using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Audit;
using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Platform.Demo;

/// <summary>
/// Credit data of the demo district, deterministic from the registry's order: the starter scoring model, last
/// year's annual reports (a few missing, those listed or marked), penalties, inspection outcomes, complaints and broken
/// commitments from the departments, a few listings for other reasons, and a first reclassification, so that every
/// class and every part of a credit record has examples. Dates are within the last year, which the calendar holds.
/// </summary>
public sealed class DemoCredit(AppDbContext db, CreditListings listings, RiskClassifier classifier, TimeProvider time, ILogger<DemoCredit> logger)
{
    public async Task SeedIfEmptyAsync(CancellationToken ct)
    {
        if (await db.Set<RiskModel>().AnyAsync(ct)) return;
        var today = time.Today();
        var now = time.GetUtcNow().UtcDateTime;
        db.Add(new RiskModel
        {
            Version = 1, EffectiveFrom = new DateOnly(today.Year - 1, 1, 1), Note = "初始模型（演示）：各因素权重待协调委员会审定",
            Definition = RiskModels.Starter, CreatedAtUtc = now, CreatedBy = AuditActor.System.Name,
        });
        await db.SaveChangesAsync(ct);

        var departments = await db.Set<Department>().AsNoTracking().OrderBy(d => d.Id).ToListAsync(ct);
        var authority = departments.First(d => d.IsRegistrationAuthority);
        int DepartmentId(string code) => departments.First(d => d.Code == code).Id;
        // Joint punishment first, so that the demo listings below call for their measures.
        db.AddRange(
            new JointPunishmentRule { List = CreditList.SeriousViolationList, DepartmentId = authority.Id, Measure = "列为重点监管对象，提高双随机抽查比例和频次", LegalBasis = "市场监督管理严重违法失信名单管理办法 第十八条" },
            new JointPunishmentRule { List = CreditList.SeriousViolationList, DepartmentId = DepartmentId("ZJJ"), Measure = "限制参与政府投资工程招标投标", LegalBasis = "国务院关于建立完善守信联合激励和失信联合惩戒制度的指导意见（国发〔2016〕33号）" },
            new JointPunishmentRule { List = CreditList.SeriousViolationList, DepartmentId = DepartmentId("NYNC"), Measure = "限制申报财政性资金扶持项目", LegalBasis = "国发〔2016〕33号", MonthsAfterListing = 36 },
            new JointPunishmentRule { List = CreditList.AbnormalList, DepartmentId = authority.Id, Measure = "列为重点监管对象", LegalBasis = "企业信息公示暂行条例 第十八条" });
        // Commitment texts for the first item of two departments.
        var zhzf = DepartmentId("ZHZF");
        var firstItems = await db.Set<Modules.Catalog.SupervisionItem>().AsNoTracking().Where(i => i.DepartmentId == authority.Id || i.DepartmentId == zhzf)
            .OrderBy(i => i.Code).ToListAsync(ct);
        var foodTemplate = new CommitmentTemplate
        {
            DepartmentId = authority.Id, ItemCode = firstItems.First(i => i.DepartmentId == authority.Id).Code, Title = "食品经营许可告知承诺书",
            Text = "本单位承诺：所提交的材料真实有效；经营场所、设施设备和从业人员符合食品安全法律法规的要求；在领取许可证后 30 日内达到承诺条件，接受监管部门核查；如有不实或未达到条件，愿意承担撤销许可、记入信用记录等法律责任。",
        };
        db.AddRange(foodTemplate, new CommitmentTemplate
        {
            DepartmentId = DepartmentId("ZHZF"), ItemCode = firstItems.First(i => i.DepartmentId == DepartmentId("ZHZF")).Code, Title = "门前责任区市容环境卫生承诺书",
            Text = "本单位承诺：落实门前三包责任，不占道经营、不乱堆乱放，保持门前整洁；违反承诺的，愿意接受依法处理并记入信用记录。",
        });
        await db.SaveChangesAsync(ct);
        var entities = await db.Set<SupervisedEntity>().AsNoTracking().OrderBy(e => e.Id).ToListAsync(ct);
        var reportYear = today.Year - 1;
        var reports = new List<AnnualReport>();
        var records = new List<CreditRecord>();
        var missing = new List<SupervisedEntity>();
        CreditRecord Record(SupervisedEntity e, CreditRecordKind kind, CreditSeverity severity, string title, int daysAgo, Department by, string? number = null)
        {
            var on = today.AddDays(-daysAgo);
            var record = new CreditRecord
            {
                EntityId = e.Id, Kind = kind, Severity = severity, Title = title, OccurredOn = on, DepartmentId = by.Id, IssuedBy = by.Name,
                DecisionNumber = number, Source = CreditRecordSource.Entered, RecordedAtUtc = now,
            };
            (record.PublicFrom, record.PublicUntil) = CreditRecords.Publicity(listings.Rules, severity, on);
            records.Add(record);
            return record;
        }
        for (var i = 0; i < entities.Count; i++)
        {
            var e = entities[i];
            var department = departments[i % (departments.Count - 1)]; // not the 司法局, which supervises departments
            if (e.Status == EntityStatus.Active && e.RegisteredOn is { } registered && registered.Year <= reportYear)
            {
                if (i % 40 == 39) missing.Add(e);
                else
                {
                    var filed = new DateOnly(reportYear + 1, 3 + i % 4, 1 + i % 28);
                    reports.Add(new AnnualReport { EntityId = e.Id, Year = reportYear, FiledOn = filed, OnTime = true });
                    var r = Record(e, CreditRecordKind.AnnualReportOnTime, CreditSeverity.None, $"{reportYear} 年度报告按时报送", today.DayNumber - filed.DayNumber, authority);
                    r.Source = CreditRecordSource.Platform;
                }
            }
            if (i % 7 == 0) Record(e, CreditRecordKind.InspectionCompliant, CreditSeverity.None, "双随机抽查：未发现问题", 20 + i % 300, department);
            if (i % 31 == 0) Record(e, CreditRecordKind.InspectionNonCompliant, CreditSeverity.Minor, "双随机抽查：发现问题，已责令改正", 15 + i % 200, department);
            if (i % 23 == 0) Record(e, CreditRecordKind.Penalty, CreditSeverity.General, "违反《食品安全法》，警告并罚款五千元", 30 + i % 330, department, $"{department.Code}罚决〔{today.Year}〕{i}号");
            if (i % 97 == 0) Record(e, CreditRecordKind.Penalty, CreditSeverity.Serious, "生产经营不符合安全标准的产品，没收违法所得并罚款二十万元", 60 + i % 250, department, $"{department.Code}罚决〔{today.Year}〕{1000 + i}号");
            if (i % 41 == 0) Record(e, CreditRecordKind.Complaint, CreditSeverity.Minor, "消费者投诉经查属实", 10 + i % 150, department);
            // The demo business can apply to repair this one: its three months' minimum has passed.
            if (i == 0) Record(e, CreditRecordKind.Penalty, CreditSeverity.General, "未按规定公示食品经营许可信息，罚款二千元", 150, department, $"{department.Code}罚决〔{today.Year}〕9001号");
            if (i % 113 == 0) Record(e, CreditRecordKind.CommitmentBroken, CreditSeverity.General, "违背告知承诺：未在承诺期限内取得条件", 40 + i % 200, department);
        }
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await BulkInsert.InsertAsync(db, reports, ct);
            await BulkInsert.InsertAsync(db, records, ct);
            await transaction.CommitAsync(ct);
        }
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var number = 0;
            var foundOn = listings.Rules.Credit(today).AnnualReport.Deadline(reportYear).AddDays(1);
            foreach (var e in missing.Where(_ => foundOn <= today))
                await listings.CreateAsync(e, CreditList.AbnormalList, ListingReason.AnnualReportNotFiled, reportYear, foundOn, foundOn.AddDays(3),
                    $"{authority.Code}异入〔{foundOn.Year}〕{++number}号", $"截至 {foundOn.AddDays(-1):yyyy-MM-dd} 未报送 {reportYear} 年度报告。", authority.Id, ct);
            foreach (var e in entities.Where((e, i) => i % 150 == 75 && e.Type == EntityType.Enterprise && e.Status == EntityStatus.Active))
                await listings.CreateAsync(e, CreditList.AbnormalList, ListingReason.Unreachable, null, today.AddDays(-90), today.AddDays(-85),
                    $"{authority.Code}异入〔{today.AddDays(-85).Year}〕{++number}号", "经实地核查，通过登记的住所无法联系。", authority.Id, ct);
            var serious = entities.First(e => e.Type == EntityType.Enterprise && e.Status == EntityStatus.Active && e.Id != entities[0].Id);
            await listings.CreateAsync(serious, CreditList.SeriousViolationList, ListingReason.SeverePenalty, null, today.AddDays(-60), today.AddDays(-50),
                $"{authority.Code}严违入〔{today.AddDays(-50).Year}〕1号", "生产销售不符合食品安全标准的食品，被处以吊销许可证的行政处罚，情节严重。", authority.Id, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (CalendarRangeException e)
        {
            // A demo started in a year the calendar does not hold yet: the listings' deadlines cannot be counted.
            logger.LogWarning("Demo listings left out: {Reason}", e.Message);
        }
        // The demo business's commitment in force, public from the day it made it.
        db.Add(new CreditCommitment { EntityId = entities[0].Id, TemplateId = foodTemplate.Id, Text = foodTemplate.Text, CommittedOn = today.AddDays(-20) });
        var made = today.AddDays(-20);
        db.Add(new CreditRecord
        {
            EntityId = entities[0].Id, Kind = CreditRecordKind.CommitmentMade, Severity = CreditSeverity.None, Title = $"作出信用承诺：{foodTemplate.Title}",
            Detail = foodTemplate.Text, OccurredOn = made, DepartmentId = authority.Id, IssuedBy = authority.Name, Source = CreditRecordSource.Platform,
            PublicFrom = made, RecordedAtUtc = now,
        });
        await db.SaveChangesAsync(ct);
        await classifier.RunAsync(RiskRunTrigger.OnDemand, null, AuditActor.System.Name, ct);
    }
}
