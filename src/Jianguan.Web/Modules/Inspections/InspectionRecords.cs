using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.SpotChecks;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Documents;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.Inspections;

/// <summary>
/// 现场检查笔录: the signed record of one inspection as a PDF: who inspected whom, where and when, every point with its
/// result, the evidence with its SHA-256 (so a copy of a photo can be checked against the record), what follows, and
/// the officers' and the party's signatures as drawn on the phone, or the party's refusal.
/// </summary>
public sealed class InspectionRecords(AppDbContext db, EvidenceStore store, PdfDocuments pdf)
{
    public async Task<byte[]> RenderAsync(Inspection inspection, CancellationToken ct)
    {
        var department = await db.Set<Department>().AsNoTracking().FirstAsync(d => d.Id == inspection.DepartmentId, ct);
        var entity = inspection.Entity ?? await db.Set<Registry.SupervisedEntity>().AsNoTracking().FirstAsync(e => e.Id == inspection.EntityId, ct);
        var officers = await db.Set<Officer>().AsNoTracking().Where(o => o.Id == inspection.FirstOfficerId || o.Id == inspection.SecondOfficerId).ToDictionaryAsync(o => o.Id, ct);
        var evidence = inspection.Evidence.Count > 0 ? inspection.Evidence : await db.Set<Evidence>().AsNoTracking().Where(e => e.InspectionId == inspection.Id).ToListAsync(ct);
        var order = await db.Set<RectificationOrder>().AsNoTracking().FirstOrDefaultAsync(o => o.InspectionId == inspection.Id, ct);
        // Why the visit: the spot-check task, or the complaint or report it was assigned to check.
        var task = inspection.TaskId is { } taskId ? await db.Set<SpotCheckTask>().AsNoTracking().Where(t => t.Id == taskId).Select(t => t.Name).FirstOrDefaultAsync(ct)
            : inspection.AssignmentId is { } assignmentId ? await db.Set<InspectionAssignment>().AsNoTracking().Where(a => a.Id == assignmentId)
                .Select(a => new { a.Source, a.Reference }).FirstOrDefaultAsync(ct) is { } a ? $"{InspectionAssignment.SourceName(a.Source)} {a.Reference}" : null
            : null;
        var started = inspection.StartedAtUtc.ToLocalTime();
        var finished = inspection.FinishedAtUtc.ToLocalTime();
        var day = DateOnly.FromDateTime(finished);
        string Officer(int id) => officers.TryGetValue(id, out var o) ? $"{o.Name}（执法证号 {o.LicenseNumber}）" : id.ToString();

        var document = new OfficialDocument("现场检查笔录", department.Name) { Number = $"{department.ShortName}检录〔{day.Year}〕{inspection.Id}号" };
        document.Fields(
            ("被检查单位", entity.Name),
            ("统一社会信用代码", entity.CreditCode),
            ("住所（经营场所）", entity.Address ?? ""),
            ("检查地点", inspection.Place.Length > 0 ? inspection.Place : entity.Address ?? ""),
            ("检查时间", $"{OfficialDocument.ChineseDate(DateOnly.FromDateTime(started))}{started:HH:mm} 至 {finished:HH:mm}"),
            ("检查类别", task is null ? Inspection.KindName(inspection.Kind) : $"{Inspection.KindName(inspection.Kind)}（{task}）"),
            ("执法人员", $"{Officer(inspection.FirstOfficerId)}、{Officer(inspection.SecondOfficerId)}"),
            ("当事人（在场人）", inspection.PartyName.Length > 0 ? inspection.PartyName : "—"),
            ("位置", inspection.Latitude is { } lat && inspection.Longitude is { } lon ? $"北纬 {lat:F5}，东经 {lon:F5}" : "未取得"))
            .Paragraph("执法人员出示了执法证件，告知了当事人有申请回避的权利和配合检查的义务，当事人对执法人员的身份无异议，未申请回避。")
            .Heading("一、检查要点及结果")
            .Table([new TableColumn("序号", 0.6), new TableColumn("事项", 1.2), new TableColumn("检查内容", 3), new TableColumn("结果", 0.9), new TableColumn("说明", 2)],
                inspection.Points.OrderBy(p => p.ItemCode).ThenBy(p => p.Number).Select((p, n) => (IReadOnlyList<string>)[
                    (n + 1).ToString(), $"{p.ItemCode}-{p.Number}", p.IsMajor ? $"{p.Content}（重大风险点）" : p.Content,
                    p.Result == PointResult.NotCompliant && p.IsMajor ? "不符合（重大）" : Inspection.ResultName(p.Result), p.Note]))
            .Heading("二、检查结果及后续处置")
            .Fields(
                ("检查结果", SpotCheckResult.OutcomeName(inspection.Outcome)),
                ("后续处置", SpotCheckResult.FollowUpName(inspection.FollowUp)),
                ("责令改正", order is null ? "—" : $"{order.Requirement}（限于{OfficialDocument.ChineseDate(order.DueOn)}前改正，届时复查）"),
                ("检查情况", inspection.Summary.Length > 0 ? inspection.Summary : "—"));
        var files = evidence.Where(e => e.Kind != EvidenceKind.Signature).OrderBy(e => e.TakenAtUtc).ToList();
        document.Heading("三、证据清单");
        if (files.Count == 0) document.Paragraph("无。");
        else
        {
            document.Table([new TableColumn("序号", 0.6), new TableColumn("类别", 0.8), new TableColumn("文件", 2.6), new TableColumn("拍摄时间", 1.6), new TableColumn("大小", 1)],
                files.Select((e, n) => (IReadOnlyList<string>)[(n + 1).ToString(), e.Kind == EvidenceKind.Photo ? "照片" : "文件", e.FileName,
                    e.TakenAtUtc.ToLocalTime().ToString("yyyy-MM-dd HH:mm"), $"{e.Size:N0} 字节"]));
            // The hashes in a table of their own, wide enough for 64 digits on one line, so that they can be read and compared.
            document.Table([new TableColumn("序号", 0.5), new TableColumn("SHA-256", 6)], files.Select((e, n) => (IReadOnlyList<string>)[(n + 1).ToString(), e.Sha256]));
        }
        document.Paragraph("以上笔录经当事人核对无误。");

        async Task<byte[]?> Image(string signer) =>
            evidence.FirstOrDefault(e => e.Kind == EvidenceKind.Signature && e.Signer == signer) is { } e ? await store.ReadAsync(e, ct) : null;
        foreach (var (signer, id) in new[] { ("first", inspection.FirstOfficerId), ("second", inspection.SecondOfficerId) })
            document.Signature(await Image(signer) is { } image
                ? Signature.Handwritten($"执法人员（{officers.GetValueOrDefault(id)?.Name}）", image, day)
                : Signature.Signed("执法人员", officers.GetValueOrDefault(id)?.Name ?? "", day));
        if (inspection.PartyRefusedToSign)
        {
            document.Signature(Signature.Refusal("当事人", day));
            if (inspection.PartyRefusalNote.Length > 0) document.Paragraph($"拒签情况：{inspection.PartyRefusalNote}");
        }
        else document.Signature(await Image("party") is { } party ? Signature.Handwritten("当事人", party, day) : new Signature("当事人"));
        return pdf.Render(document);
    }
}
