using System.Text.Json;
using Jianguan.Web.Modules.Credit;
using static Jianguan.Web.Modules.Credit.RiskScoring;

namespace Jianguan.Tests.Modules.Credit;

/// <summary>RiskScoring.Assess, free of the database: the rules of the scoring model (国市监信发〔2022〕6号, LEGAL-RULES.md §4).</summary>
public sealed class RiskScoringTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 27);
    private static readonly RiskBand[] Bands = [new(RiskClass.A, 0, 5), new(RiskClass.B, 5, 20), new(RiskClass.C, 20, 40), new(RiskClass.D, 40, null)];

    private static RiskModelDefinition Model(ObservationRule? observation, params RiskFactor[] factors) => new(factors, Bands, observation);
    private static RiskModelDefinition Model(params RiskFactor[] factors) => Model(null, factors);

    private static RiskFactor Penalties(decimal points = 5, decimal? max = null, CreditSeverity minimum = CreditSeverity.None, int months = 36) =>
        new("PEN", "近三年行政处罚", RiskFactorKind.Records, points, max, [CreditRecordKind.Penalty], minimum, WithinMonths: months);

    private static EntityFacts Entity(string industry = "5211", string section = "F", DateOnly? registered = null, bool observed = false) =>
        new(1, industry, section, registered ?? new DateOnly(2015, 1, 1), observed);

    private static RecordFact Penalty(long id, DateOnly on, CreditSeverity severity = CreditSeverity.General) => new(id, CreditRecordKind.Penalty, severity, on);

    private static Result Assess(RiskModelDefinition model, EntityFacts entity, RecordFact[]? records = null, ListingFact[]? listings = null) =>
        RiskScoring.Assess(model, AsOf, entity, records ?? [], listings ?? []);

    [Fact]
    public void An_entity_without_facts_scores_0_and_is_class_A_with_no_factors()
    {
        var result = Assess(Model(Penalties()), Entity());
        Assert.Equal(0, result.Score);
        Assert.Equal(RiskClass.A, result.Class);
        Assert.Empty(result.Explanation.Factors);
        Assert.Null(result.Explanation.ScoredClass);
    }

    [Fact]
    public void Records_count_within_the_factors_months_up_to_the_day_itself_and_not_after_it()
    {
        var records = new[]
        {
            Penalty(1, AsOf),                           // the day itself: counts
            Penalty(2, AsOf.AddMonths(-36).AddDays(1)), // the first day of the window: counts
            Penalty(3, AsOf.AddMonths(-36).AddDays(-1)),// before the window
            Penalty(4, AsOf.AddDays(1)),                // after the day assessed
        };
        var result = Assess(Model(Penalties()), Entity(), records);
        var factor = Assert.Single(result.Explanation.Factors);
        Assert.Equal("PEN", factor.Code);
        Assert.Equal(2, factor.Value);
        Assert.Equal([1L, 2L], factor.RecordIds.Order());
        Assert.Equal(10, factor.Points);
        Assert.Equal(10, result.Score);
        Assert.Equal(RiskClass.B, result.Class);
    }

    [Fact]
    public void Records_below_the_factors_minimum_severity_or_of_other_kinds_do_not_count()
    {
        var records = new[]
        {
            Penalty(1, AsOf.AddDays(-10), CreditSeverity.Minor),
            Penalty(2, AsOf.AddDays(-10), CreditSeverity.Serious),
            new RecordFact(3, CreditRecordKind.Complaint, CreditSeverity.Serious, AsOf.AddDays(-10)),
        };
        var result = Assess(Model(Penalties(15, minimum: CreditSeverity.Serious)), Entity(), records);
        var factor = Assert.Single(result.Explanation.Factors);
        Assert.Equal([2L], factor.RecordIds);
        Assert.Equal(15, result.Score);
    }

    [Fact]
    public void A_factors_points_stop_at_its_cap()
    {
        var records = Enumerable.Range(1, 6).Select(i => Penalty(i, AsOf.AddDays(-i))).ToArray();
        var result = Assess(Model(Penalties(5, max: 20)), Entity(), records);
        var factor = Assert.Single(result.Explanation.Factors);
        Assert.Equal(6, factor.Value);
        Assert.Equal(20, factor.Points);
        Assert.Equal(6, factor.RecordIds.Count); // every record is named, though the points stop
        Assert.Equal(RiskClass.C, result.Class);
    }

    [Theory]
    [InlineData("H", "6210", "H", true)]    // a section letter matches the entity's section
    [InlineData("62", "6210", "H", true)]   // a division code matches by prefix
    [InlineData("621", "6210", "H", true)]  // a group code too
    [InlineData("6211", "6210", "H", false)]
    [InlineData("C", "6210", "H", false)]
    [InlineData("6", "6210", "H", false)]   // one digit is no code: not a prefix match
    public void An_industry_factor_matches_by_section_letter_or_code_prefix(string code, string industry, string section, bool matches)
    {
        var model = Model(new RiskFactor("IND", "高风险行业", RiskFactorKind.Industry, 5, IndustryCodes: [code]));
        var result = Assess(model, Entity(industry, section));
        Assert.Equal(matches ? 5 : 0, result.Score);
        Assert.Equal(matches ? 1 : 0, result.Explanation.Factors.Count);
    }

    [Fact]
    public void A_new_entity_scores_only_within_its_months()
    {
        var model = Model(new RiskFactor("NEW", "成立不满一年", RiskFactorKind.NewEntity, 3, WithinMonths: 12));
        Assert.Equal(3, Assess(model, Entity(registered: AsOf.AddMonths(-11))).Score);
        Assert.Equal(0, Assess(model, Entity(registered: AsOf.AddMonths(-13))).Score);
        Assert.Equal(0, Assess(model, Entity(registered: AsOf.AddDays(1))).Score);
    }

    [Fact]
    public void Listings_count_only_when_active_on_the_day_assessed()
    {
        var model = Model(new RiskFactor("ABN", "列入经营异常名录", RiskFactorKind.Listed, 15, 15, Lists: [CreditList.AbnormalList]));
        var listings = new[]
        {
            new ListingFact(1, CreditList.AbnormalList, AsOf.AddDays(-100), AsOf),            // removed on the day: not active
            new ListingFact(2, CreditList.AbnormalList, AsOf.AddDays(1), null),               // listed after the day
            new ListingFact(3, CreditList.SeriousViolationList, AsOf.AddDays(-10), null),     // another list
        };
        Assert.Equal(0, Assess(model, Entity(), listings: listings).Score);
        var active = Assess(model, Entity(), listings: [.. listings, new ListingFact(4, CreditList.AbnormalList, AsOf.AddDays(-100), AsOf.AddDays(1))]);
        var factor = Assert.Single(active.Explanation.Factors);
        Assert.Equal([4L], factor.ListingIds!);
        Assert.Equal(15, active.Score);
        Assert.Equal(RiskClass.B, active.Class);
    }

    [Fact]
    public void The_observation_period_caps_the_class_and_the_explanation_names_the_scored_class_and_the_tag()
    {
        // 国市监信发〔2022〕6号 / LEGAL-RULES.md §4, §10: new-model firms may get an observation period.
        var model = Model(new ObservationRule("观察期", RiskClass.B), Penalties(50));
        var records = new[] { Penalty(1, AsOf.AddDays(-1)) };
        var observed = Assess(model, Entity(observed: true), records);
        Assert.Equal(RiskClass.B, observed.Class);
        Assert.Equal(50, observed.Score);
        Assert.Equal(RiskClass.D, observed.Explanation.ScoredClass);
        Assert.Equal("观察期", observed.Explanation.ObservationTag);
        var notObserved = Assess(model, Entity(observed: false), records);
        Assert.Equal(RiskClass.D, notObserved.Class);
        Assert.Null(notObserved.Explanation.ObservationTag);
        // Below the cap the class stands and the explanation does not claim a cap.
        var low = Assess(model, Entity(observed: true));
        Assert.Equal(RiskClass.A, low.Class);
        Assert.Null(low.Explanation.ScoredClass);
    }

    [Fact]
    public void The_explanation_does_not_depend_on_the_order_the_records_come_in()
    {
        // The run compares the stored explanation with the new one to decide whether the entity changed:
        // records read in another order must not make a change.
        var records = new[] { Penalty(7, AsOf.AddDays(-3)), Penalty(3, AsOf.AddDays(-2)), Penalty(5, AsOf.AddDays(-1)) };
        var listings = new[] { new ListingFact(9, CreditList.AbnormalList, AsOf.AddDays(-5), null), new ListingFact(2, CreditList.AbnormalList, AsOf.AddDays(-5), null) };
        var model = Model(Penalties(), new RiskFactor("ABN", "列入经营异常名录", RiskFactorKind.Listed, 15, 30, Lists: [CreditList.AbnormalList]));
        var forward = Assess(model, Entity(), records, listings);
        var backward = Assess(model, Entity(), [.. records.Reverse()], [.. listings.Reverse()]);
        Assert.Equal(JsonSerializer.Serialize(forward.Explanation, RiskModelDefinition.Json), JsonSerializer.Serialize(backward.Explanation, RiskModelDefinition.Json));
    }

    [Fact]
    public void The_starter_model_is_valid_and_a_serious_listing_alone_makes_class_D()
    {
        Assert.Empty(RiskModels.Starter.Validate());
        var result = RiskScoring.Assess(RiskModels.Starter, AsOf, Entity(), [], [new ListingFact(1, CreditList.SeriousViolationList, AsOf.AddDays(-1), null)]);
        Assert.Equal(40, result.Score);
        Assert.Equal(RiskClass.D, result.Class);
    }
}
