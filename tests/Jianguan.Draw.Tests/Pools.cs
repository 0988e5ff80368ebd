namespace Jianguan.Draw.Tests;

/// <summary>Generated pools and tasks for the tests.</summary>
internal static class Pools
{
    public const string Secret = "6a3f0c9e2b7d4a1858e3c6f09b2d7e4a1c5f8b3e6d9a2c7f0e4b8d1a5c9f3e72";

    /// <summary>A code per number: "91330702MA" and eight digits, 18 characters like a real code.</summary>
    public static string Code(int n) => $"91330702MA{n:D8}";

    /// <summary><paramref name="count"/> entities spread over the strata given, in credit-code order.</summary>
    public static List<PoolEntry> Make(int count, params string[] strata) =>
        Enumerable.Range(0, count).Select(i => new PoolEntry(Code(i), strata[i * 7 % strata.Length])).ToList();

    public static readonly string[] FourClasses = ["A|C26|330702001", "B|C26|330702001", "C|F52|330702002", "D|F52|330702002"];

    public static QuotaRules RiskRules => new(new Dictionary<string, int> { ["A"] = 0, ["B"] = 300, ["C"] = 800, ["D"] = 1500 });

    public static Officer Officer(string id, string department, params string[] qualifications) => new(id, department, qualifications);
}
