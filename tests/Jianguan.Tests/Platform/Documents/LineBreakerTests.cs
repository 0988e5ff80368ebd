using Jianguan.Web.Platform.Documents;

namespace Jianguan.Tests.Platform.Documents;

/// <summary>Line breaking on a measure where a Chinese character is 1 wide and any other character 0.5.</summary>
public sealed class LineBreakerTests
{
    private static double Measure(string s) => s.Sum(c => c < 0x2E80 && c is not ('“' or '”' or '…') ? 0.5 : 1.0);

    private static List<string> Wrap(string text, double width, double indent = 0) => LineBreaker.Wrap(text, width, Measure, indent);

    [Fact]
    public void Chinese_breaks_between_any_two_characters()
    {
        Assert.Equal(["监管部门依法", "开展检查"], Wrap("监管部门依法开展检查", 6));
    }

    [Fact]
    public void A_first_line_indent_narrows_only_the_first_line()
    {
        Assert.Equal(["监管部门", "依法开展检查"], Wrap("监管部门依法开展检查", 6, indent: 2));
    }

    [Fact]
    public void Latin_words_and_numbers_stay_whole()
    {
        // "91330702MA2E6WYQ2T" is 9 wide: it does not fit after 代码 on a 10-wide line, so it moves whole.
        Assert.Equal(["信用代码", "91330702MA2E6WYQ2T"], Wrap("信用代码91330702MA2E6WYQ2T", 10));
        Assert.Equal(["依据 GB/T", "9704 排版"], Wrap("依据 GB/T 9704 排版", 6));
    }

    [Fact]
    public void No_line_starts_with_closing_punctuation()
    {
        // At width 4 the comma would start the second line: the character before it comes along.
        Assert.Equal(["检查通", "知，请配", "合。"], Wrap("检查通知，请配合。", 4));
        foreach (var width in new[] { 3.0, 4, 5, 6, 7 })
            foreach (var line in Wrap("根据《食品安全法》第一百一十条，本局（婺城区）定于“12月1日”检查。", width))
                Assert.DoesNotContain(line[0], "，。、；：？！）」》”");
    }

    [Fact]
    public void No_line_ends_with_opening_punctuation()
    {
        foreach (var width in new[] { 3.0, 4, 5, 6, 7 })
            foreach (var line in Wrap("根据《食品安全法》第一百一十条，本局（婺城区）定于“12月1日”检查。", width))
                Assert.DoesNotContain(line[^1], "《（“");
    }

    [Fact]
    public void A_word_wider_than_the_line_is_broken_anywhere()
    {
        Assert.Equal(["ABCDEFGH", "IJ"], Wrap("ABCDEFGHIJ", 4));
    }

    [Fact]
    public void Spaces_at_a_break_are_dropped_and_empty_text_is_one_empty_line()
    {
        Assert.Equal(["ab cd", "ef"], Wrap("ab cd ef", 2.5));
        Assert.Equal([""], Wrap("", 10));
    }
}
