using Jianguan.Web.Modules.Credit;

namespace Jianguan.Tests.Modules.Credit;

/// <summary>RiskExplanationFormat: the stored form of an explanation, read back whole, and the earlier form still read.</summary>
public sealed class RiskExplanationFormatTests
{
    private static readonly RiskExplanation Capped = new(
        [new FactorScore("PEN", "近三年行政处罚", 3, 15, [4, 9, 12]), new FactorScore("ABN", "列入经营异常名录", 1, 15, [], [7]), new FactorScore("IND", "高风险行业", 1, 5, [])],
        RiskClass.C, "观察期");

    [Fact]
    public void The_stored_form_is_compact_and_reads_back_to_the_same_explanation_without_names()
    {
        var text = RiskExplanationFormat.Text(Capped);
        Assert.Equal("""{"factors":[["PEN",3,15,[4,9,12]],["ABN",1,15,[],[7]],["IND",1,5]],"scoredClass":"C","observationTag":"观察期"}""", text);
        var read = RiskExplanationFormat.Parse(text);
        Assert.Equal((RiskClass?)RiskClass.C, read.ScoredClass);
        Assert.Equal("观察期", read.ObservationTag);
        Assert.Equal(["PEN", "ABN", "IND"], read.Factors.Select(f => f.Code));
        Assert.All(read.Factors, f => Assert.Equal("", f.Name));
        Assert.Equal([4L, 9, 12], read.Factors[0].RecordIds);
        Assert.Null(read.Factors[0].ListingIds);
        Assert.Equal([7L], read.Factors[1].ListingIds!);
        Assert.Equal(15m, read.Factors[1].Points);
        Assert.Equal(RiskExplanationFormat.Fingerprint(Capped), RiskExplanationFormat.Fingerprint(read));
    }

    [Fact]
    public void Names_come_from_the_model_version_that_scored_the_entity()
    {
        var read = RiskExplanationFormat.WithNames(RiskExplanationFormat.Parse(RiskExplanationFormat.Text(Capped)), RiskModels.Starter);
        Assert.Equal("近三年行政处罚", read.Factors[0].Name);
        Assert.Equal("列入经营异常名录", read.Factors[1].Name);
    }

    [Fact]
    public void The_earlier_form_with_names_is_still_read()
    {
        const string earlier = """{"factors":[{"code":"PEN","name":"\u8FD1\u4E09\u5E74\u884C\u653F\u5904\u7F5A","value":1,"points":5,"recordIds":[4],"listingIds":null}],"scoredClass":null,"observationTag":null}""";
        var read = RiskExplanationFormat.Parse(earlier);
        var factor = Assert.Single(read.Factors);
        Assert.Equal(("PEN", "近三年行政处罚", 1, 5m), (factor.Code, factor.Name, factor.Value, factor.Points));
        Assert.Equal([4L], factor.RecordIds);
        Assert.Null(read.ScoredClass);
    }

    [Fact]
    public void A_change_of_any_record_or_of_the_cap_changes_the_fingerprint()
    {
        var fingerprint = RiskExplanationFormat.Fingerprint(Capped);
        Assert.NotEqual(fingerprint, RiskExplanationFormat.Fingerprint(Capped with { Factors = [Capped.Factors[0] with { RecordIds = [4, 9, 13] }, .. Capped.Factors.Skip(1)] }));
        Assert.NotEqual(fingerprint, RiskExplanationFormat.Fingerprint(Capped with { ScoredClass = null, ObservationTag = null }));
        // The name is not part of what is stored, so renaming a factor in a new model version is not a change.
        Assert.Equal(fingerprint, RiskExplanationFormat.Fingerprint(Capped with { Factors = [Capped.Factors[0] with { Name = "别名" }, .. Capped.Factors.Skip(1)] }));
    }
}
