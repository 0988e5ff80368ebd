using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.Credit;

/// <summary>The versions of the scoring model: the one in force on a day, a new version, and the model shipped as a start.</summary>
public static class RiskModels
{
    public static Task<RiskModel?> InForceAsync(AppDbContext db, DateOnly date, CancellationToken ct) =>
        db.Set<RiskModel>().AsNoTracking().Where(m => m.EffectiveFrom <= date)
            .OrderByDescending(m => m.EffectiveFrom).ThenByDescending(m => m.Version).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Saves a new version (a model is never changed in place: past runs name the version they used).
    /// Returns the errors by field instead when the definition or the date is refused.
    /// </summary>
    public static async Task<(RiskModel? Model, Dictionary<string, string[]> Errors)> SaveVersionAsync(
        AppDbContext db, RiskModelDefinition definition, DateOnly effectiveFrom, string note, string createdBy, DateTime nowUtc, CancellationToken ct)
    {
        var errors = definition.Validate();
        var latest = await db.Set<RiskModel>().AsNoTracking().OrderByDescending(m => m.Version).FirstOrDefaultAsync(ct);
        if (latest is not null && effectiveFrom < latest.EffectiveFrom)
            errors["effectiveFrom"] = [$"生效日期不能早于上一版本（第 {latest.Version} 版）的生效日期 {latest.EffectiveFrom:yyyy-MM-dd}。"];
        if (errors.Count > 0) return (null, errors);
        var model = new RiskModel
        {
            Version = (latest?.Version ?? 0) + 1, EffectiveFrom = effectiveFrom, Note = note.Trim(),
            Definition = definition, CreatedAtUtc = nowUtc, CreatedBy = createdBy,
        };
        db.Add(model);
        await db.SaveChangesAsync(ct);
        return (model, errors);
    }

    /// <summary>
    /// The model the platform starts with (the demo district's first version): the kinds of facts 国市监信发〔2022〕6号
    /// names (penalties, lists, annual reports, commitments, inspections, complaints, industry, new entities), with
    /// local weights an administrator is expected to tune. The bands follow the Daqing shares of LEGAL-RULES.md §4 only
    /// loosely: no national figures exist.
    /// </summary>
    public static RiskModelDefinition Starter { get; } = new(
        [
            new("PEN", "近三年行政处罚", RiskFactorKind.Records, 5, 20, [CreditRecordKind.Penalty], CreditSeverity.Minor, WithinMonths: 36),
            new("PEN-S", "近三年严重失信行政处罚（另加）", RiskFactorKind.Records, 15, 30, [CreditRecordKind.Penalty], CreditSeverity.Serious, WithinMonths: 36),
            new("ABN", "列入经营异常名录", RiskFactorKind.Listed, 15, 15, Lists: [CreditList.AbnormalList]),
            new("SER", "列入严重违法失信名单", RiskFactorKind.Listed, 40, 40, Lists: [CreditList.SeriousViolationList]),
            new("AR", "近两年年报逾期或未报", RiskFactorKind.Records, 5, 10, [CreditRecordKind.AnnualReportLate, CreditRecordKind.AnnualReportMissing], WithinMonths: 24),
            new("CMT", "近两年违背信用承诺", RiskFactorKind.Records, 10, 20, [CreditRecordKind.CommitmentBroken], WithinMonths: 24),
            new("INS", "近两年检查发现问题", RiskFactorKind.Records, 5, 15, [CreditRecordKind.InspectionNonCompliant], WithinMonths: 24),
            new("CPL", "近一年投诉举报属实", RiskFactorKind.Records, 2, 10, [CreditRecordKind.Complaint], WithinMonths: 12),
            new("IND", "高风险行业（食品制造、餐饮、危险化学品、药品）", RiskFactorKind.Industry, 5, IndustryCodes: ["13", "14", "15", "26", "27", "62"]),
            new("NEW", "成立不满一年", RiskFactorKind.NewEntity, 3, WithinMonths: 12),
        ],
        [new(RiskClass.A, 0, 5), new(RiskClass.B, 5, 20), new(RiskClass.C, 20, 40), new(RiskClass.D, 40, null)],
        new ObservationRule("观察期", RiskClass.B));
}
