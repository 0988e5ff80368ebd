using System.Text.Json;
using Jianguan.Web.Modules.Credit;

namespace Jianguan.Tests.Modules.Credit;

/// <summary>
/// 国市监信发〔2022〕6号 (LEGAL-RULES.md §4): four classes A–D. A model's bands must give every score from 0 up
/// exactly one class; RiskModelDefinition.Validate refuses what would not, each time saying why.
/// </summary>
public sealed class RiskClassTests
{
    private static readonly RiskFactor Factor = new("PEN", "行政处罚", RiskFactorKind.Records, 5, 20, [CreditRecordKind.Penalty], WithinMonths: 36);

    private static RiskModelDefinition WithBands(params RiskBand[] bands) => new([Factor], bands, null);

    private static RiskBand[] Good => [new(RiskClass.A, 0, 5), new(RiskClass.B, 5, 20), new(RiskClass.C, 20, 40), new(RiskClass.D, 40, null)];

    private static string Only(Dictionary<string, string[]> errors, string field)
    {
        Assert.True(errors.ContainsKey(field), $"'{field}' not in {string.Join(", ", errors.Keys)}");
        return Assert.Single(errors[field]);
    }

    [Fact]
    public void Four_contiguous_bands_from_0_with_an_open_D_are_valid_and_give_each_score_one_class()
    {
        var model = WithBands(Good);
        Assert.Empty(model.Validate());
        Assert.Equal(RiskClass.A, model.ClassOf(0));
        Assert.Equal(RiskClass.A, model.ClassOf(4.99m));
        Assert.Equal(RiskClass.B, model.ClassOf(5));   // From included, To excluded
        Assert.Equal(RiskClass.C, model.ClassOf(39.5m));
        Assert.Equal(RiskClass.D, model.ClassOf(40));
        Assert.Equal(RiskClass.D, model.ClassOf(10_000));
    }

    [Fact]
    public void Bands_given_out_of_order_are_read_in_class_order()
    {
        Assert.Empty(WithBands([.. Good.Reverse()]).Validate());
    }

    [Fact]
    public void Overlapping_bands_are_refused_naming_both_classes()
    {
        var message = Only(WithBands(new(RiskClass.A, 0, 5), new(RiskClass.B, 4, 20), new(RiskClass.C, 20, 40), new(RiskClass.D, 40, null)).Validate(), "bands");
        Assert.Contains("重叠", message);
        Assert.Contains("A", message);
        Assert.Contains("B", message);
    }

    [Fact]
    public void A_gap_between_bands_is_refused_naming_where()
    {
        var message = Only(WithBands(new(RiskClass.A, 0, 5), new(RiskClass.B, 5, 20), new(RiskClass.C, 25, 40), new(RiskClass.D, 40, null)).Validate(), "bands");
        Assert.Contains("缺口", message);
        Assert.Contains("20", message);
        Assert.Contains("25", message);
    }

    [Fact]
    public void A_D_band_with_an_upper_bound_is_refused()
    {
        var message = Only(WithBands(new(RiskClass.A, 0, 5), new(RiskClass.B, 5, 20), new(RiskClass.C, 20, 40), new(RiskClass.D, 40, 100)).Validate(), "bands");
        Assert.Contains("D 类应无上限", message);
    }

    [Fact]
    public void A_missing_or_repeated_class_is_refused()
    {
        Assert.Contains("四类", Only(WithBands(new(RiskClass.A, 0, 5), new(RiskClass.B, 5, 20), new(RiskClass.D, 20, null)).Validate(), "bands"));
        Assert.Contains("四类", Only(WithBands(new(RiskClass.A, 0, 5), new(RiskClass.B, 5, 20), new(RiskClass.B, 20, 40), new(RiskClass.D, 40, null)).Validate(), "bands"));
    }

    [Fact]
    public void Bands_not_starting_at_0_or_empty_or_without_an_upper_bound_before_D_are_refused()
    {
        Assert.Contains("从 0 分开始", Only(WithBands(new(RiskClass.A, 1, 5), new(RiskClass.B, 5, 20), new(RiskClass.C, 20, 40), new(RiskClass.D, 40, null)).Validate(), "bands"));
        Assert.Contains("为空或颠倒", WithBands(new(RiskClass.A, 0, 5), new(RiskClass.B, 5, 5), new(RiskClass.C, 5, 40), new(RiskClass.D, 40, null)).Validate()["bands"][0]);
        Assert.Contains("缺少上限", Only(WithBands(new(RiskClass.A, 0, 5), new(RiskClass.B, 5, null), new(RiskClass.C, 20, 40), new(RiskClass.D, 40, null)).Validate(), "bands"));
    }

    public static TheoryData<RiskFactor, string> BadFactors => new()
    {
        { Factor with { Points = 0 }, "分值应大于 0" },
        { Factor with { MaxPoints = 2 }, "封顶分" },
        { Factor with { RecordKinds = [] }, "须指明记录类别" },
        { Factor with { WithinMonths = null }, "月数" },
        { Factor with { Code = " " }, "缺少代码或名称" },
        { new RiskFactor("IND", "行业", RiskFactorKind.Industry, 5), "须指明行业代码" },
        { new RiskFactor("NEW", "新设", RiskFactorKind.NewEntity, 5, WithinMonths: 0), "月数" },
        { new RiskFactor("LST", "名单", RiskFactorKind.Listed, 5, Lists: []), "须指明名单" },
        { new RiskFactor("X", "未知", (RiskFactorKind)42, 5), "因素类别" },
    };

    [Theory]
    [MemberData(nameof(BadFactors))]
    public void A_bad_factor_is_refused_naming_it(RiskFactor factor, string expected)
    {
        var errors = new RiskModelDefinition([factor], Good, null).Validate();
        Assert.Contains(expected, Only(errors, "factors[0]"));
    }

    [Fact]
    public void No_factors_and_repeated_factor_codes_are_refused()
    {
        Assert.Contains("至少需要一个", Only(new RiskModelDefinition([], Good, null).Validate(), "factors"));
        Assert.Contains("重复", Only(new RiskModelDefinition([Factor, Factor with { Name = "另一个" }], Good, null).Validate(), "factors"));
    }

    [Fact]
    public void An_observation_rule_without_a_tag_is_refused()
    {
        Assert.Contains("标签", Only(new RiskModelDefinition([Factor], Good, new ObservationRule("", RiskClass.B)).Validate(), "observation"));
    }

    [Fact]
    public void A_definition_sent_without_factors_or_bands_is_refused_not_thrown()
    {
        // What the API deserializes from {"bands": []} or {}: the lists are null.
        var definition = JsonSerializer.Deserialize<RiskModelDefinition>("{}", RiskModelDefinition.Json)!;
        var errors = definition.Validate();
        Assert.Contains("factors", errors.Keys);
        Assert.Contains("bands", errors.Keys);
    }
}
