namespace Jianguan.Web.Modules.Credit;

/// <summary>Each reason of listing: its list, its words, its legal basis, and the removals that fit it (LEGAL-RULES.md §5).</summary>
public static class ListingReasons
{
    public sealed record Reason(ListingReason Value, CreditList List, string Name, string LegalBasis, IReadOnlyList<RemovalReason> Removals);

    private static readonly IReadOnlyList<RemovalReason> Always = [RemovalReason.DecisionRevoked, RemovalReason.EntityDeregistered];

    public static readonly IReadOnlyList<Reason> All =
    [
        new(ListingReason.AnnualReportNotFiled, CreditList.AbnormalList, "未按照规定的期限公示年度报告", "企业信息公示暂行条例 第17条第1款第1项",
            [RemovalReason.AnnualReportFiled, RemovalReason.Escalated, .. Always]),
        new(ListingReason.InstantInformationNotFiled, CreditList.AbnormalList, "未在责令的期限内公示有关企业信息", "企业信息公示暂行条例 第17条第1款第2项",
            [RemovalReason.InformationPublished, RemovalReason.Escalated, .. Always]),
        new(ListingReason.FalseInformation, CreditList.AbnormalList, "公示企业信息隐瞒真实情况、弄虚作假", "企业信息公示暂行条例 第17条第1款第3项",
            [RemovalReason.InformationCorrected, RemovalReason.Escalated, .. Always]),
        new(ListingReason.Unreachable, CreditList.AbnormalList, "通过登记的住所或者经营场所无法联系", "企业信息公示暂行条例 第17条第1款第4项",
            [RemovalReason.ContactRestored, RemovalReason.Escalated, .. Always]),
        new(ListingReason.UnsuitableName, CreditList.AbnormalList, "企业名称不适宜且未在规定期限内变更", "企业名称登记管理规定",
            [RemovalReason.NameChanged, RemovalReason.Escalated, .. Always]),
        new(ListingReason.AbnormalListExpired, CreditList.SeriousViolationList, "列入经营异常名录届满3年仍未履行相关义务", "企业信息公示暂行条例 第17条第2款；总局令第44号",
            [RemovalReason.PeriodExpired, RemovalReason.EarlyRemoval, .. Always]),
        new(ListingReason.SeverePenalty, CreditList.SeriousViolationList, "受到较重行政处罚且性质恶劣、情节严重、社会危害较大", "市场监督管理严重违法失信名单管理办法（总局令第44号）",
            [RemovalReason.PeriodExpired, RemovalReason.EarlyRemoval, .. Always]),
    ];

    public static Reason Of(ListingReason reason) => All.First(r => r.Value == reason);

    public static string ListName(CreditList list) => list switch
    {
        CreditList.AbnormalList => "经营异常名录",
        _ => "严重违法失信名单",
    };

    public static string RemovalName(RemovalReason reason) => reason switch
    {
        RemovalReason.AnnualReportFiled => "已补报年度报告",
        RemovalReason.InformationPublished => "已履行公示义务",
        RemovalReason.InformationCorrected => "已更正公示信息",
        RemovalReason.ContactRestored => "已变更住所或重新取得联系",
        RemovalReason.NameChanged => "已变更企业名称",
        RemovalReason.Escalated => "届满3年，列入严重违法失信名单",
        RemovalReason.EntityDeregistered => "主体已注销",
        RemovalReason.PeriodExpired => "列入期限届满",
        RemovalReason.EarlyRemoval => "信用修复，提前移出",
        _ => "列入决定被撤销或更正",
    };
}
