namespace Jianguan.Draw.Tests;

/// <summary>The worked example of docs/draw-record.md: a joint task over twelve entities in three strata.</summary>
internal static class WorkedExample
{
    public const string Secret = "3b9f1e0c7a5d2846e1f03c9b8a7d6e5f40312c9d8e7f6a5b4c3d2e1f0a9b8c7d";
    public const string Entropy = "2026-03-02 14:00 见证人输入 730915";
    public const string Market = "区市场监管局";
    public const string Enforcement = "区综合行政执法局";

    public static readonly PoolEntry[] Pool =
    [
        new("91330702MA2E6WYQ2T", "D|H62|330702002"),
        new("91330702MA2D4K8N8B", "C|F52|330702001"),
        new("91330702MA29X1F31Y", "A|F52|330702001"),
        new("91330702MA2AB7LC04", "D|H62|330702002"),
        new("91330702MA2H05TR5H", "C|F52|330702001"),
        new("91330702MA2K3P9U6L", "A|F52|330702001"),
        new("91330702MA2M8C4E7A", "D|H62|330702002"),
        new("91330702MA2CQ6DJ8X", "C|F52|330702001"),
        new("91330702MA2G1N7H7K", "D|H62|330702002"),
        new("91330702MA2L9W2B9T", "A|F52|330702001"),
        new("91330702MA2F5T3XXN", "C|F52|330702001"),
        new("91330702MA2J2R8K7X", "D|H62|330702002"),
    ];

    public static readonly QuotaRules Rules = new(new Dictionary<string, int> { ["A"] = 0, ["B"] = 300, ["C"] = 2500, ["D"] = 5000 });

    public static readonly AssignmentRules Assignment = new([Market, Enforcement],
        new Dictionary<string, IReadOnlyList<string>> { [Market] = ["食品安全"], [Enforcement] = ["城市管理"] });

    public static readonly Officer[] Officers =
    [
        new("SCJG-01", Market, ["食品安全"]),
        new("SCJG-02", Market, ["食品安全", "特种设备"]),
        new("SCJG-03", Market, ["食品安全"]),
        new("SCJG-04", Market, ["特种设备"]),
        new("ZHZF-01", Enforcement, ["城市管理"]),
        new("ZHZF-02", Enforcement, ["城市管理"]),
        new("ZHZF-03", Enforcement, ["城市管理", "市容环境"]),
    ];

    public static readonly OfficerLink[] Conflicts = [new("91330702MA2F5T3XXN", "SCJG-01"), new("91330702MA2H05TR5H", "SCJG-03")];
    public static readonly OfficerLink[] PreviousInspectors = [new("91330702MA2J2R8K7X", "ZHZF-02"), new("91330702MA2E6WYQ2T", "SCJG-02")];

    /// <summary>Entities whose items are only the market regulator's (a joint task: the others get both departments).</summary>
    public static readonly HashSet<string> MarketOnly = ["91330702MA2M8C4E7A"];

    public static DrawTask Task => new("2026-WC-0042", "2026年第一季度食品经营和市容联合双随机抽查", "riskClass|industry|division", Rules, Assignment);

    public static (DrawResult Draw, AssignmentResult Assignment, DrawRecord Record) Run()
    {
        var draw = Jianguan.Draw.Draw.Run(Pool, Secret, Entropy, Rules);
        var entities = draw.Selected.Select(s => new EntityToAssign(s.CreditCode, MarketOnly.Contains(s.CreditCode) ? [Market] : null)).ToList();
        var assignment = OfficerAssignment.Assign(draw.Seed, entities, Officers, Assignment, Conflicts, PreviousInspectors);
        var record = DrawRecord.Create(Task, draw, Officers, Conflicts, PreviousInspectors, assignment,
            s => MarketOnly.Contains(s.CreditCode) ? [Market] : null, new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.FromHours(8)));
        return (draw, assignment, record);
    }
}
