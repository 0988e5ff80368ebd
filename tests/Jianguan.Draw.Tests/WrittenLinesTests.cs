using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Jianguan.Draw.Tests;

/// <summary>
/// The verifier reads the long lists' lines in the writer's form straight from its buffer (WrittenElements) and
/// leaves anything else to the JSON reader: lines in other forms mean the same values, bad values are refused as
/// before, a syntax error names the record's own line, and a record larger than the buffer (lines cut at its end)
/// verifies.
/// </summary>
public sealed class WrittenLinesTests : IClassFixture<WrittenLinesTests.LargeRecord>
{
    private readonly LargeRecord _large;

    public WrittenLinesTests(LargeRecord large) => _large = large;

    /// <summary>A draw over 100,000 entities (a record of about 3.5 MB: several fills of the reader's 1 MB buffer).</summary>
    public sealed class LargeRecord
    {
        public LargeRecord()
        {
            var pool = Pools.Make(100_000, [.. Pools.FourClasses, "B|E47|330702003", "D|L72|330702004"]);
            var draw = Jianguan.Draw.Draw.Run(pool, Pools.Secret, "2026-03-02 体彩 61872", Pools.RiskRules);
            var rules = new AssignmentRules(["区市场监管局"], new Dictionary<string, IReadOnlyList<string>>());
            var officers = Enumerable.Range(1, 40).Select(i => new Officer($"SCJG-{i}", "区市场监管局", [])).ToList();
            var drawn = draw.Selected.Select(s => s.CreditCode).ToList();
            var previous = drawn.Where((_, i) => i % 3 == 0).Select((c, i) => new OfficerLink(c, $"SCJG-{i % 40 + 1}")).ToList();
            var assignment = OfficerAssignment.Assign(draw.Seed, drawn.Select(c => new EntityToAssign(c)).ToList(), officers, rules, [], previous);
            var task = new DrawTask("2026-WC-0002", "大名录抽查", "riskClass|industry|division", Pools.RiskRules, rules);
            var record = DrawRecord.Create(task, draw, officers, [], previous, assignment);
            using var buffer = new MemoryStream();
            DrawRecordWriter.Write(buffer, record, draw.Pool);
            Text = Encoding.UTF8.GetString(buffer.ToArray());
        }

        public string Text { get; }
    }

    private static DrawVerification Verify(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return DrawVerifier.Verify(stream);
    }

    private static DrawCheck Check(DrawVerification verification, string name) => verification.Checks.Single(c => c.Name == name);

    /// <summary>
    /// The record with the <paramref name="n"/>-th line matching <paramref name="pattern"/> replaced by
    /// <paramref name="replace"/> of it, and that line's number (from 0, as the JSON reader counts).
    /// </summary>
    private (string Json, int Line) Edit(string pattern, int n, Func<string, string> replace)
    {
        var line = Regex.Matches(_large.Text, pattern, RegexOptions.Multiline)[n];
        var edited = replace(line.Value);
        Assert.NotEqual(line.Value, edited);
        return (_large.Text[..line.Index] + edited + _large.Text[(line.Index + line.Length)..], _large.Text.AsSpan(0, line.Index).Count('\n'));
    }

    private const string PoolLine = @"^    \[""\w+"",\d+\]";
    private const string SelectedLine = @"^    \{""creditCode"".*""rank"".*\}";
    private const string LinkLine = @"^    \{""creditCode"":""\w+"",""officerId"":.*\}";
    private const string AssignmentLine = @"^    \{""creditCode"":""\w+"",""officers"":.*\}";

    [Fact]
    public void A_record_larger_than_the_reading_buffer_verifies()
    {
        Assert.True(_large.Text.Length > 3 << 20);
        var verification = Verify(_large.Text);
        Assert.True(verification.Holds, string.Join("\n", verification.Checks));
        Assert.Contains("100,000 entries", Check(verification, "pool").Detail);
    }

    [Fact]
    public void Lines_in_other_forms_among_the_written_ones_are_read_as_the_same_values()
    {
        var json = _large.Text;
        foreach (var (pattern, n, replace) in new (string, int, Func<string, string>)[]
                 {
                     // White space inside a pair, an escaped code, pairs without indentation.
                     (PoolLine, 10, l => l.Replace("[", "[ ").Replace(",", " , ").Replace("]", " ]")),
                     (PoolLine, 20_000, l => l.Replace("[\"9", "[\"\\u0039")),
                     (PoolLine, 60_000, l => l.TrimStart()),
                     (PoolLine, 60_001, l => l.TrimStart()),
                     // The properties of a selected entity, a link and an assignment in another order or spaced.
                     (SelectedLine, 100, l => "    " + JsonSerializer.Serialize(JsonDocument.Parse(l).RootElement.EnumerateObject().Reverse().ToDictionary(p => p.Name, p => p.Value))),
                     (LinkLine, 50, l => l.Replace("\":\"", "\" : \"")),
                     (AssignmentLine, 70, l => l.Replace("[", "[ ").Replace("\",\"", "\", \"")),
                 })
        {
            var line = Regex.Matches(json, pattern, RegexOptions.Multiline)[n];
            var edited = replace(line.Value);
            Assert.NotEqual(line.Value, edited);
            json = json[..line.Index] + edited + json[(line.Index + line.Length)..];
        }
        var verification = Verify(json);
        Assert.True(verification.Holds, string.Join("\n", verification.Checks));
    }

    [Fact]
    public void A_code_that_is_not_digits_and_capitals_in_a_written_line_is_refused_naming_the_entry()
    {
        // Line 70,001 of the pool: its code lowercased (still a plain JSON string).
        var verification = Verify(Edit(PoolLine, 70_000, l => l.Replace("MA", "ma")).Json);
        Assert.Equal(CheckOutcome.Mismatch, Check(verification, "pool").Outcome);
        Assert.Contains("Pool entry 70,001 is refused", Check(verification, "pool").Detail);
    }

    [Theory]
    [InlineData("999999999")] // nine digits: read from the line
    [InlineData("4000000000")] // more than an int: left to the JSON reader
    public void A_stratum_number_beyond_the_strata_in_a_written_line_is_refused(string number)
    {
        var verification = Verify(Edit(PoolLine, 30_000, l => Regex.Replace(l, @",\d+\]", $",{number}]")).Json);
        Assert.Equal(CheckOutcome.Mismatch, Check(verification, "pool").Outcome);
        Assert.Contains("Pool entry 30,001 is refused", Check(verification, "pool").Detail);
    }

    [Theory]
    [InlineData("leading zero", @",(\d+)\]", ",0$1]")]
    [InlineData("missing comma", @""",(\d+)\]", @"""$1]")]
    [InlineData("letter for a number", @",(\d+)\]", ",x]")]
    [InlineData("control character in a code", @"MA", "M\tA")]
    public void Bad_json_in_a_written_line_is_refused_naming_the_records_line(string what, string pattern, string replacement)
    {
        var (json, line) = Edit(PoolLine, 80_000, l => Regex.Replace(l, pattern, replacement));
        var refusal = Assert.ThrowsAny<JsonException>(() => Verify(json));
        Assert.True(refusal.LineNumber == line, $"{what}: line {refusal.LineNumber}, expected {line}: {refusal.Message}");
        Assert.Contains($"LineNumber: {line} ", refusal.Message);
    }

    [Fact]
    public void A_written_selected_line_with_a_bad_rank_fails_the_selection_naming_the_entity()
    {
        var verification = Verify(Edit(SelectedLine, 1234, l => Regex.Replace(l, @"""rank"":""[0-9a-f]{16}""", "\"rank\":\"not-a-rank\"")).Json);
        Assert.Equal(CheckOutcome.Mismatch, Check(verification, "selection").Outcome);
        Assert.Contains("at selected entities[1234]", Check(verification, "selection").Detail);
    }
}
