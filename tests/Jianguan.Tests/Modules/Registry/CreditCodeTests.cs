using Jianguan.Web.Modules.Registry;

namespace Jianguan.Tests.Modules.Registry;

/// <summary>GB 32100-2015 and GB 11643 checks on the test vectors of LEGAL-RULES.md §7.</summary>
public sealed class CreditCodeTests
{
    [Theory]
    [InlineData("914403001922038216")] // 华为技术有限公司
    [InlineData("91440300192317458F")] // 比亚迪股份有限公司
    [InlineData("91310000132260250X")] // 上海汽车集团股份有限公司
    [InlineData("91330100716105852F")] // 阿里巴巴（中国）网络技术有限公司
    [InlineData("12100000425006133D")] // 华东师范大学
    [InlineData("91340111MA2RAD3M4R")] // an "MA" code
    public void Real_codes_pass_the_check_digit_and_the_organisation_code_check(string code)
    {
        var check = CreditCode.Check(code);
        Assert.True(check.IsValid, check.Error);
        Assert.Null(check.Warning);
    }

    [Fact]
    public void A_wrong_check_character_is_refused_naming_the_expected_one()
    {
        var check = CreditCode.Check("91440300192317458A");
        Assert.False(check.IsValid);
        Assert.Equal('F', check.ExpectedCheckCharacter);
        Assert.Contains("应为“F”", check.Error);
    }

    [Fact]
    public void A_code_is_trimmed_and_upper_cased_before_the_check()
    {
        var check = CreditCode.Check("  91440300192317458f ");
        Assert.True(check.IsValid);
        Assert.Equal("91440300192317458F", check.Normalized);
    }

    [Theory]
    [InlineData("9144030019231745", "18 位")]
    [InlineData("91440300192317458FF", "18 位")]
    [InlineData("9144030019231745IF", "不是统一社会信用代码可用的字符")] // I is not in the character set
    [InlineData("9144030019231745OF", "不是统一社会信用代码可用的字符")]
    [InlineData("", "必填")]
    public void Malformed_codes_are_refused_with_a_reason(string code, string reason) =>
        Assert.Contains(reason, CreditCode.Check(code).Error);

    [Fact]
    public void A_failing_organisation_code_is_a_warning_not_a_refusal()
    {
        var check = CreditCode.Check("91330702MA2E6WYQ8D"); // GB 32100 check fine, GB 11714 check of 9–17 not
        Assert.True(check.IsValid);
        Assert.Contains("GB 11714", check.Warning);
    }

    [Theory]
    [InlineData("91330702MA2E6WYQ2T", EntityType.Enterprise)]
    [InlineData("92330702MA2D4NUX7X", EntityType.SoleTrader)]
    [InlineData("12100000425006133D", EntityType.PublicInstitution)]
    public void The_entity_type_follows_the_first_two_characters(string code, EntityType type) =>
        Assert.Equal(type, CreditCode.TypeFromCode(code));

    [Fact]
    public void Id_numbers_are_checked_by_GB_11643()
    {
        Assert.Null(IdNumber.Error("11010519491231002X"));
        Assert.Contains("应为“X”", IdNumber.Error("110105194912310021"));
        Assert.Contains("出生日期", IdNumber.Error("110105194913310021"));
        Assert.Contains("18 位", IdNumber.Error("1101051949"));
    }

    [Fact]
    public void A_masked_id_number_keeps_no_birth_date()
    {
        var masked = IdNumber.Mask("11010519491231002X");
        Assert.Equal("1101**********002X", masked);
        Assert.DoesNotContain("19491231", masked);
    }
}
