namespace Jianguan.Web.Modules.Catalog;

/// <summary>监管类别 (互联网+监管 事项目录).</summary>
public enum ItemCategory { Inspection = 1, Penalty = 2, Enforcement = 3, Other = 9 }

/// <summary>监管层级: the level of government at which the item is set.</summary>
public enum ItemLevel { National = 1, Provincial = 2, Municipal = 3, County = 4 }

/// <summary>
/// Who supervises after approval (婺区政发〔2022〕3号 二(一)1): the approving department; after an approval was
/// cancelled, the competent department; after an approval became a filing, verification of the filings.
/// </summary>
public enum OwnershipRule { ApproverSupervises = 1, CancelledToCompetent = 2, FilingVerification = 3, Other = 9 }

/// <summary>检查方式 of a checklist point.</summary>
public enum CheckMethod { OnSite = 1, Written = 2, Online = 3, Sampling = 4 }

/// <summary>Whether the item is on the 抽查事项清单, and as 重点 (no ratio cap) or 一般 (ratio strictly limited).</summary>
public enum SpotCheckFlag { None = 0, Key = 1, General = 2 }

/// <summary>权力类型 of a 权责清单 entry.</summary>
public enum PowerType { Inspection = 1, Penalty = 2, Enforcement = 3, Licensing = 4, Other = 9 }

/// <summary>
/// The Chinese words of the catalog's enumerations, shared by pages, API output and spreadsheets, so that
/// what a department types into Excel is read back with the same words it was exported with.
/// </summary>
public static class CatalogLabels
{
    private static readonly Dictionary<Enum, string> Labels = new()
    {
        [ItemCategory.Inspection] = "检查", [ItemCategory.Penalty] = "处罚", [ItemCategory.Enforcement] = "强制", [ItemCategory.Other] = "其他",
        [ItemLevel.National] = "国家级", [ItemLevel.Provincial] = "省级", [ItemLevel.Municipal] = "市级", [ItemLevel.County] = "县级",
        [OwnershipRule.ApproverSupervises] = "审批部门监管", [OwnershipRule.CancelledToCompetent] = "取消审批由主管部门监管",
        [OwnershipRule.FilingVerification] = "审批改备案后核查备案", [OwnershipRule.Other] = "其他",
        [CheckMethod.OnSite] = "现场", [CheckMethod.Written] = "书面", [CheckMethod.Online] = "网络", [CheckMethod.Sampling] = "抽检",
        [SpotCheckFlag.None] = "否", [SpotCheckFlag.Key] = "重点", [SpotCheckFlag.General] = "一般",
        [PowerType.Inspection] = "行政检查", [PowerType.Penalty] = "行政处罚", [PowerType.Enforcement] = "行政强制",
        [PowerType.Licensing] = "行政许可", [PowerType.Other] = "其他",
    };

    /// <summary>Other words people write for the same value (short forms of the official words).</summary>
    private static readonly Dictionary<string, Enum> Aliases = new()
    {
        ["国"] = ItemLevel.National, ["国家"] = ItemLevel.National, ["省"] = ItemLevel.Provincial, ["市"] = ItemLevel.Municipal,
        ["县"] = ItemLevel.County, ["区"] = ItemLevel.County, ["县（区）级"] = ItemLevel.County,
        ["现场检查"] = CheckMethod.OnSite, ["书面检查"] = CheckMethod.Written, ["网络监测"] = CheckMethod.Online, ["抽样检测"] = CheckMethod.Sampling,
        ["不纳入"] = SpotCheckFlag.None, ["无"] = SpotCheckFlag.None,
        ["检查类"] = ItemCategory.Inspection, ["处罚类"] = ItemCategory.Penalty, ["强制类"] = ItemCategory.Enforcement,
    };

    public static string Label(this Enum value) => Labels.TryGetValue(value, out var label) ? label : value.ToString();

    /// <summary>Accepts the Chinese word, a known short form, or the English name of the value.</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        text = text?.Trim();
        value = default;
        if (string.IsNullOrEmpty(text)) return false;
        foreach (var candidate in Enum.GetValues<T>())
            if (Label(candidate) == text || candidate.ToString().Equals(text, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        if (Aliases.TryGetValue(text, out var alias) && alias is T typed)
        {
            value = typed;
            return true;
        }
        return false;
    }

    /// <summary>The accepted words, for error messages: "检查、处罚、强制、其他".</summary>
    public static string Choices<T>() where T : struct, Enum => string.Join("、", Enum.GetValues<T>().Select(v => Label(v)));
}
