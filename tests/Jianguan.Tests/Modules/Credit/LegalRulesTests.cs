using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Platform.Rules;

namespace Jianguan.Tests.Modules.Credit;

/// <summary>The effective-dated legal periods of legal-rules.json (LEGAL-RULES.md §5–6), as LegalRules reads them.</summary>
public sealed class LegalRulesTests
{
    private static readonly LegalRules Rules = LegalRules.Default;

    [Fact]
    public void The_2023_rules_apply_before_2026_04_01_and_the_2026_rules_from_that_day()
    {
        // 发改委令第58号 (2023-05-01) until the 2026 信用修复管理办法 takes effect on 2026-04-01.
        Assert.Equal(new DateOnly(2023, 5, 1), Rules.Credit(new DateOnly(2026, 3, 31)).EffectiveFrom);
        Assert.Contains("第58号", Rules.Credit(new DateOnly(2026, 3, 31)).Name);
        Assert.Equal(new DateOnly(2026, 4, 1), Rules.Credit(new DateOnly(2026, 4, 1)).EffectiveFrom);
        Assert.Equal(new DateOnly(2026, 4, 1), Rules.Credit(new DateOnly(2026, 11, 27)).EffectiveFrom);
        Assert.Equal(new DateOnly(2023, 5, 1), Rules.Credit(new DateOnly(2023, 5, 1)).EffectiveFrom);
    }

    [Fact]
    public void A_day_before_the_first_version_has_no_rules_and_says_so()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Rules.Credit(new DateOnly(2023, 4, 30)));
        Assert.Contains("2023-05-01", e.Message);
    }

    [Fact]
    public void Versions_given_out_of_order_are_sorted_by_their_date()
    {
        var older = Rules.Credit(new DateOnly(2025, 1, 1));
        var newer = Rules.Credit(new DateOnly(2026, 6, 1));
        var rules = new LegalRules([newer, older]);
        Assert.Same(older, rules.Credit(new DateOnly(2026, 3, 31)));
        Assert.Same(newer, rules.Credit(new DateOnly(2026, 4, 1)));
    }

    [Theory]
    [InlineData("2025-06-01")]
    [InlineData("2026-11-27")]
    public void The_abnormal_list_periods_are_those_of_article_17(string on)
    {
        // 企业信息公示暂行条例 第17条: list within 10 working days, objection 30 days, removal within 5 working days, 3 years to escalation.
        var abnormal = Rules.Credit(DateOnly.Parse(on)).AbnormalList;
        Assert.Equal(10, abnormal.ListWithinWorkingDays);
        Assert.Equal(30, abnormal.ObjectionDays);
        Assert.Equal(5, abnormal.RemoveWithinWorkingDays);
        Assert.Equal(3, abnormal.EscalateAfterYears);
        Assert.Contains("第17条", abnormal.Source);
    }

    [Fact]
    public void The_serious_list_period_is_3_years_by_order_44()
    {
        // 总局令第44号: 3 years on 严重违法失信名单.
        var serious = Rules.Credit(new DateOnly(2026, 11, 27)).SeriousViolationList;
        Assert.Equal(3, serious.PeriodYears);
        Assert.Contains("第44号", serious.Source);
        // The early-removal year is not confirmed: the rules say so, and the UI with them.
        Assert.True(Rules.Credit(new DateOnly(2026, 11, 27)).IsUnsure("seriousViolationList.earlyRemovalAfterYears"));
    }

    [Fact]
    public void The_annual_report_window_is_1_January_to_30_June_of_the_next_year_by_article_8()
    {
        // 企业信息公示暂行条例 第8条.
        var window = Rules.Credit(new DateOnly(2026, 11, 27)).AnnualReport;
        Assert.Equal(new DateOnly(2026, 1, 1), window.WindowStart(2025));
        Assert.Equal(new DateOnly(2026, 6, 30), window.Deadline(2025));
        Assert.Contains("第8条", window.Source);
    }

    [Fact]
    public void Under_the_2023_rules_a_minor_record_takes_the_general_tier_and_is_published()
    {
        // 发改委令第58号 has no 轻微 tier: 一般 3 months – 1 year serves it.
        var repair = Rules.Credit(new DateOnly(2026, 3, 31)).Repair;
        var tier = repair.TierFor(CreditSeverity.Minor);
        Assert.Equal(CreditSeverity.General, tier.Severity);
        Assert.True(tier.Published);
        Assert.Equal((3, 12), (tier.MinimumMonths, tier.MaximumMonths));
        Assert.Equal((12, 36), (repair.TierFor(CreditSeverity.Serious).MinimumMonths, repair.TierFor(CreditSeverity.Serious).MaximumMonths));
    }

    [Fact]
    public void Under_the_2026_rules_a_minor_record_has_its_own_tier_and_is_not_published()
    {
        // 信用修复管理办法 (from 2026-04-01): 轻微 not published; 一般 3 months – 1 year; 严重 1–3 years.
        var repair = Rules.Credit(new DateOnly(2026, 4, 1)).Repair;
        var minor = repair.TierFor(CreditSeverity.Minor);
        Assert.Equal(CreditSeverity.Minor, minor.Severity);
        Assert.False(minor.Published);
        Assert.True(repair.TierFor(CreditSeverity.General).Published);
        Assert.Equal(36, repair.TierFor(CreditSeverity.Serious).MaximumMonths);
    }

    [Fact]
    public void TierFor_a_severity_above_every_tier_takes_the_highest()
    {
        var repair = new RepairRules([new RepairTier(CreditSeverity.Minor, 0, 3, false), new RepairTier(CreditSeverity.General, 3, 12, true)], 10, "test");
        Assert.Equal(CreditSeverity.General, repair.TierFor(CreditSeverity.Serious).Severity);
    }

    [Fact]
    public void A_records_publicity_follows_the_rules_in_force_on_the_day_it_occurred()
    {
        // 轻微: published under 发改委令第58号 (to the 一般 maximum), not under the 2026 rules.
        Assert.Equal((new DateOnly(2026, 3, 31), new DateOnly(2027, 3, 31)), CreditRecords.Publicity(Rules, CreditSeverity.Minor, new DateOnly(2026, 3, 31)));
        Assert.Equal((null, null), CreditRecords.Publicity(Rules, CreditSeverity.Minor, new DateOnly(2026, 4, 1)));
        // 严重: three years from the decision; a given end stands; a record that is not a dishonesty record has no end.
        Assert.Equal((new DateOnly(2026, 5, 1), new DateOnly(2029, 5, 1)), CreditRecords.Publicity(Rules, CreditSeverity.Serious, new DateOnly(2026, 5, 1)));
        Assert.Equal((new DateOnly(2026, 5, 1), new DateOnly(2026, 8, 1)), CreditRecords.Publicity(Rules, CreditSeverity.General, new DateOnly(2026, 5, 1), new DateOnly(2026, 8, 1)));
        Assert.Equal((new DateOnly(2026, 5, 1), (DateOnly?)null), CreditRecords.Publicity(Rules, CreditSeverity.None, new DateOnly(2026, 5, 1)));
    }

    [Fact]
    public void Each_listing_reason_belongs_to_one_list_and_escalation_fits_only_the_abnormal_list()
    {
        foreach (var reason in Enum.GetValues<ListingReason>())
        {
            var r = ListingReasons.Of(reason);
            Assert.Contains(RemovalReason.DecisionRevoked, r.Removals);
            Assert.Equal(r.List == CreditList.AbnormalList, r.Removals.Contains(RemovalReason.Escalated));
            Assert.Equal(r.List == CreditList.SeriousViolationList, r.Removals.Contains(RemovalReason.PeriodExpired));
        }
    }
}
