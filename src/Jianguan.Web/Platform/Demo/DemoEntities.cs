using Jianguan.Web.Modules.Registry;

namespace Jianguan.Web.Platform.Demo;

/// <summary>
/// Demo businesses of the district: deterministic (the same on every machine), spread over the streets and
/// towns and over the industries a district supervises, each with a credit code that passes both GB 32100
/// and GB 11714, a legal representative with a valid GB 11643 number, and food licences where they apply.
/// </summary>
public static class DemoEntities
{
    public const int Count = 3000;

    private static readonly (string Industry, string Word, string[] Tags, bool FoodLicence)[] Kinds =
    [
        ("6210", "餐饮", ["食品经营", "餐饮服务"], true), ("5221", "超市", ["食品经营"], true), ("1411", "食品", ["食品生产", "重点监管"], true),
        ("5261", "汽车销售", [], false), ("8010", "家政服务", [], false), ("4720", "建筑工程", ["建筑施工"], false),
        ("2614", "化工", ["危险化学品", "重点监管"], false), ("5430", "客运", ["道路运输"], false), ("8514", "养老服务", [], false),
        ("9011", "网吧", ["文化市场"], false), ("0190", "农业开发", ["农资经营"], false), ("3311", "五金制品", ["特种设备使用"], false),
        ("7020", "物业管理", [], false), ("8330", "培训", [], false), ("5814", "物流", [], false), ("1810", "服装", [], false),
    ];

    private static readonly string[] Words = ["金辉", "婺江", "八咏", "双龙", "兰溪门", "通济", "江南", "银湖", "尖峰", "东市", "古子城", "燕尾洲", "万佛", "铁岭头", "白沙", "汤溪", "罗店", "雅畈", "琅琊", "蒋堂"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "吴", "周", "徐", "胡", "朱", "方", "叶", "邵", "金", "楼", "傅", "应", "施"];
    private static readonly string[] GivenNames = ["建国", "丽华", "志明", "秀英", "国强", "海燕", "伟", "芳", "军", "敏", "强", "静", "磊", "洁", "涛", "燕", "俊", "婷"];

    public static IEnumerable<SupervisedEntity> Generate(IReadOnlyList<string> townCodes, DateOnly today)
    {
        // The entity the demo business account speaks for.
        yield return new SupervisedEntity
        {
            CreditCode = "91330702MA2E6WYQ2T", Name = "金华市婺城区示范餐饮有限公司", Type = EntityType.Enterprise,
            LegalRepresentativeName = "楼示范", LegalRepresentativeIdNumber = IdNumberFor(Count), Address = "浙江省金华市婺城区八一北街1号",
            DivisionCode = townCodes[0], IndustryCode = "6210", IndustrySection = "H", RegisteredOn = new DateOnly(2019, 3, 1),
            Tags = [new EntityTag { Tag = "食品经营" }, new EntityTag { Tag = "餐饮服务" }],
            Licences = [new EntityLicence { Name = "食品经营许可证", Number = "JY33307029999999", ExpiresOn = new DateOnly(2029, 2, 28) }],
        };
        for (var i = 0; i < Count; i++)
        {
            var kind = Kinds[i % Kinds.Length];
            var soleTrader = i % 3 == 0; // about a third are 个体工商户, as in a real district
            var town = townCodes[i * 7 % townCodes.Count];
            var word = Words[i / Kinds.Length % Words.Length] + Words[i / (Kinds.Length * Words.Length) % Words.Length];
            var name = soleTrader ? $"婺城区{word}{kind.Word}店" : $"金华市{word}{kind.Word}有限公司";
            var registered = new DateOnly(2005, 1, 1).AddDays(i * 37 % 7000);
            var entity = new SupervisedEntity
            {
                CreditCode = Code(soleTrader ? "92" : "91", i),
                Name = name,
                Type = soleTrader ? EntityType.SoleTrader : EntityType.Enterprise,
                LegalRepresentativeName = Surnames[i % Surnames.Length] + GivenNames[i * 5 % GivenNames.Length],
                LegalRepresentativeIdNumber = IdNumberFor(i),
                Address = $"浙江省金华市婺城区{word}路{1 + i % 300}号",
                DivisionCode = town,
                IndustryCode = kind.Industry,
                IndustrySection = Industry.Reference.First(r => r.Code == kind.Industry[..2]).Section,
                RegisteredOn = registered,
                Status = i % 50 == 0 ? EntityStatus.Deregistered : i % 97 == 0 ? EntityStatus.Revoked : EntityStatus.Active,
                Tags = [.. kind.Tags.Select(t => new EntityTag { Tag = t })],
            };
            if (kind.FoodLicence)
                entity.Licences.Add(new EntityLicence
                {
                    Name = "食品经营许可证", Number = $"JY{33307020000000 + i:D14}",
                    // A few expire within the next month, so licence-expiry warnings have something to find.
                    ExpiresOn = i % 40 == 0 ? today.AddDays(10 + i % 20) : registered.AddYears(5 * (1 + (today.Year - registered.Year) / 5)),
                });
            yield return entity;
        }
    }

    /// <summary>A code of the district (330702) whose organisation part passes GB 11714 and whose 18th character passes GB 32100.</summary>
    private static string Code(string prefix, int n)
    {
        Span<char> body = stackalloc char[8];
        body[0] = 'M'; body[1] = 'A'; body[2] = '2';
        var x = n * 7919 + 104729;
        for (var k = 7; k >= 3; k--) { body[k] = CreditCode.Characters[x % 31]; x /= 31; }
        return CreditCode.Compose(prefix, "330702", body);
    }

    private static string IdNumberFor(int n)
    {
        var birth = new DateOnly(1960, 1, 1).AddDays(n * 53 % 14000);
        var first17 = $"330702{birth:yyyyMMdd}{n % 1000:000}";
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var k = 0; k < 17; k++) sum += (first17[k] - '0') * weights[k];
        return first17 + "10X98765432"[sum % 11];
    }
}
