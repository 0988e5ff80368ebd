using Jianguan.Web.Modules.Organization;

namespace Jianguan.Web.Platform.Demo;

/// <summary>The Wucheng district (婺城区, 330702) as demo data: departments, divisions, officers.</summary>
public static class DemoDistrict
{
    public const string Password = "Jianguan#2026";

    /// <summary>
    /// An Identity v3 hash (PBKDF2-SHA512, 100,000 iterations) of <see cref="Password"/>, made once: hashing
    /// it at every first start would cost a tenth of a second for a password that is public anyway.
    /// </summary>
    public const string PasswordHash = "AQAAAAIAAYagAAAAEOlEOG+/gnUbqoyGKpxp/bi6ZdLK+0MA1I4Jt5IPg+gjhObe+q3on4LhEdxAVedIsA==";

    public static readonly Department[] Departments =
    [
        Dept(1, "SCJG", "金华市婺城区市场监督管理局", "市场监管局", registrationAuthority: true),
        Dept(2, "ZHZF", "金华市婺城区综合行政执法局", "综合行政执法局"),
        Dept(3, "STHJ", "金华市生态环境局婺城分局", "生态环境分局"),
        Dept(4, "WSJK", "金华市婺城区卫生健康局", "卫生健康局"),
        Dept(5, "YJGL", "金华市婺城区应急管理局", "应急管理局"),
        Dept(6, "JTYS", "金华市婺城区交通运输局", "交通运输局"),
        Dept(7, "NYNC", "金华市婺城区农业农村局", "农业农村局"),
        Dept(8, "WGLT", "金华市婺城区文化和广电旅游体育局", "文化和广电旅游体育局"),
        Dept(9, "ZJJ", "金华市婺城区住房和城乡建设局", "住房和城乡建设局"),
        Dept(10, "XFJY", "金华市婺城区消防救援大队", "消防救援大队"),
        Dept(11, "SFJ", "金华市婺城区司法局", "司法局"),
    ];

    /// <summary>Each department's enforcement fields, for the officers' qualifications.</summary>
    private static readonly string[][] Fields =
    [
        ["食品安全", "特种设备", "产品质量", "价格监督", "广告监督"],
        ["市容环境", "城乡规划", "燃气管理", "园林绿化"],
        ["大气污染防治", "水污染防治", "固体废物"],
        ["公共场所卫生", "医疗机构", "职业卫生"],
        ["危险化学品", "工贸安全", "烟花爆竹"],
        ["道路运输", "水路运输", "工程质量"],
        ["农药兽药", "种子管理", "动物防疫"],
        ["文化市场", "旅游市场", "体育经营"],
        ["建筑市场", "房地产市场", "物业管理"],
        ["消防安全"],
        ["行政执法监督"],
    ];

    /// <summary>
    /// The district and its 9 streets, 9 towns and 9 townships. The nine-digit codes follow the
    /// 统计用区划代码 pattern in the order listed; check them against the current statistical codes
    /// before production use.
    /// </summary>
    public static readonly Division[] Divisions =
    [
        new() { Code = "330702", Name = "婺城区", Level = DivisionLevel.County, ParentCode = "330700" },
        .. Towns(DivisionLevel.Street, 1, "城东街道", "城中街道", "城西街道", "城北街道", "江南街道", "三江街道", "西关街道", "秋滨街道", "新狮街道"),
        .. Towns(DivisionLevel.Town, 100, "罗店镇", "雅畈镇", "安地镇", "白龙桥镇", "琅琊镇", "蒋堂镇", "汤溪镇", "罗埠镇", "洋埠镇"),
        .. Towns(DivisionLevel.Township, 200, "乾西乡", "竹马乡", "长山乡", "莘畈乡", "苏孟乡", "箬阳乡", "沙畈乡", "塔石乡", "岭上乡"),
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "方", "叶", "邵", "金", "楼"];
    private static readonly string[] GivenNames = ["建华", "晓燕", "志强", "丽娟", "海峰", "静", "伟", "敏", "军", "磊", "婷", "勇", "艳", "杰", "娜", "涛", "明", "超", "霞", "斌"];

    /// <summary>
    /// Four officers per department with licences mostly valid for years; in the first department one
    /// licence expires within a month and one has expired, so the expiry warnings have something to show.
    /// </summary>
    public static IEnumerable<Officer> Officers(DateOnly today)
    {
        var n = 0;
        foreach (var department in Departments)
        {
            var fields = Fields[department.Id - 1];
            for (var i = 1; i <= 4; i++, n++)
            {
                var expires = (department.Id, i) switch
                {
                    (1, 3) => today.AddDays(20),
                    (1, 4) => today.AddDays(-10),
                    _ => new DateOnly(today.Year + 1 + (n % 3), 1 + (n % 12), 1 + (n % 28)),
                };
                yield return new Officer
                {
                    DepartmentId = department.Id,
                    Name = Surnames[n % Surnames.Length] + GivenNames[(n * 7) % GivenNames.Length],
                    LicenseNumber = $"330702{department.Id:00}{i:0000}",
                    LicenseExpiresOn = expires,
                    Qualifications = string.Join("、", fields.Skip(i - 1).Concat(fields).Take(Math.Min(2, fields.Length))),
                };
            }
        }
    }

    /// <summary>The demo accounts, one for every role (README lists them).</summary>
    public static readonly DemoAccount[] Accounts =
    [
        new("admin", "系统管理员", Auth.Roles.Administrator, null, null, null),
        new("manager", "市场监管局管理员", Auth.Roles.DepartmentManager, 1, null, null),
        new("officer", "市场监管局执法人员", Auth.Roles.Officer, 1, 1, null),
        new("reviewer", "市场监管局法制审核员", Auth.Roles.LegalReviewer, 1, null, null),
        new("head", "市场监管局负责人", Auth.Roles.DepartmentHead, 1, null, null),
        new("committee", "协调委员会办公室", Auth.Roles.CoordinationCommittee, 11, null, null),
        new("business", "金华市婺城区示范餐饮有限公司", Auth.Roles.Business, null, null, "91330702MA2E6WYQ2T"),
        new("zhzf.manager", "综合行政执法局管理员", Auth.Roles.DepartmentManager, 2, null, null),
        new("zhzf.officer", "综合行政执法局执法人员", Auth.Roles.Officer, 2, 5, null),
    ];

    public sealed record DemoAccount(string UserName, string DisplayName, string Role, int? DepartmentId, int? OfficerNumber, string? CreditCode);

    private static Department Dept(int id, string code, string name, string shortName, bool registrationAuthority = false) =>
        new() { Id = id, Code = code, Name = name, ShortName = shortName, SortOrder = id, IsRegistrationAuthority = registrationAuthority };

    private static IEnumerable<Division> Towns(DivisionLevel level, int firstNumber, params string[] names) =>
        names.Select((name, i) => new Division { Code = $"330702{firstNumber + i:000}", Name = name, Level = level, ParentCode = "330702" });
}
