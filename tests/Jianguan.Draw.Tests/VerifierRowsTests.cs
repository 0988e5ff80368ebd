using System.Text;
using System.Text.Json.Nodes;

namespace Jianguan.Draw.Tests;

/// <summary>
/// The verifier keeps a record's selection, links and assignments as UTF-8 rows and numbers them (Utf8List), with a
/// short cut for lists that follow the selection's order: records whose lists are in another order, whose strings
/// are escaped, or that list an entity twice or an unknown officer, are judged as before.
/// </summary>
public sealed class VerifierRowsTests : IClassFixture<VerifyToolTests.Record>
{
    private readonly VerifyToolTests.Record _record;

    public VerifierRowsTests(VerifyToolTests.Record record) => _record = record;

    private static DrawVerification Verify(JsonObject record)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(record.ToJsonString()));
        return DrawVerifier.Verify(stream);
    }

    private static DrawCheck Check(DrawVerification verification, string name) => verification.Checks.Single(c => c.Name == name);

    private static void Reverse(JsonObject record, string list)
    {
        var items = record[list]!.AsArray().Select(i => i!.DeepClone()).Reverse().ToList();
        record[list] = new JsonArray(items.ToArray());
    }

    [Fact]
    public void Links_in_another_order_than_the_selection_verify_the_same()
    {
        var record = _record.Node();
        Reverse(record, "conflicts");
        Reverse(record, "previousInspectors");
        var verification = Verify(record);
        Assert.True(verification.Holds, string.Join("\n", verification.Checks));
    }

    [Fact]
    public void Assignments_in_another_order_break_no_rule_but_are_not_the_recomputed_ones()
    {
        var record = _record.Node();
        Reverse(record, "assignments");
        var verification = Verify(record);
        Assert.Equal(CheckOutcome.Ok, Check(verification, "assignment-rules").Outcome);
        Assert.Equal(CheckOutcome.Mismatch, Check(verification, "assignment").Outcome);
        Assert.Contains("at assignments[0]", Check(verification, "assignment").Detail);
    }

    [Fact]
    public void Escaped_codes_and_ids_are_read_as_the_text_they_stand_for()
    {
        // \u0039 is '9', \u002D is '-': the same codes and ids, written otherwise.
        var json = Encoding.UTF8.GetString(_record.Json)
            .Replace("\"creditCode\":\"9", "\"creditCode\":\"\\u0039")
            .Replace("\"officerId\":\"SCJG-", "\"officerId\":\"SCJG\\u002D")
            .Replace("\"SCJG-", "\"SCJG\\u002D");
        Assert.Contains("\\u0039", json);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var verification = DrawVerifier.Verify(stream);
        Assert.True(verification.Holds, string.Join("\n", verification.Checks));
    }

    [Fact]
    public void An_entity_listed_twice_fails_the_assignment_rules()
    {
        var record = _record.Node();
        var assignments = record["assignments"]!.AsArray();
        assignments.Add(assignments[0]!.DeepClone());
        var verification = Verify(record);
        var rules = Check(verification, "assignment-rules");
        Assert.Equal(CheckOutcome.Mismatch, rules.Outcome);
        Assert.Contains($"{(string)assignments[0]!["creditCode"]!}: listed 2 times among assignments and unassigned", rules.Detail);
        Assert.Equal(CheckOutcome.Mismatch, Check(verification, "assignment").Outcome);
    }

    [Fact]
    public void An_officer_not_in_the_pool_and_an_entity_not_drawn_fail_the_assignment_rules()
    {
        var record = _record.Node();
        var first = record["assignments"]!.AsArray()[0]!;
        first["officers"]!.AsArray()[0] = "SCJG-99";
        var verification = Verify(record);
        Assert.Contains("officer SCJG-99 is not in the officer pool", Check(verification, "assignment-rules").Detail);

        record = _record.Node();
        var entity = (string)record["assignments"]!.AsArray()[0]!["creditCode"]!;
        var notDrawn = _record.PoolCodes.First(c => record["selected"]!.AsArray().All(s => (string)s!["creditCode"]! != c));
        record["assignments"]!.AsArray()[0]!["creditCode"] = notDrawn;
        verification = Verify(record);
        var rules = Check(verification, "assignment-rules");
        Assert.Contains($"{notDrawn}: assigned but not drawn", rules.Detail);
        Assert.Contains("breaches", rules.Detail);
        Assert.Contains(entity, string.Join("\n", verification.Checks));
    }

    [Fact]
    public void A_selected_entity_listed_twice_is_refused_as_a_duplicate()
    {
        var record = _record.Node();
        var selected = record["selected"]!.AsArray();
        selected.Add(selected[0]!.DeepClone());
        var verification = Verify(record);
        Assert.Equal(CheckOutcome.Mismatch, Check(verification, "selection").Outcome);
        Assert.Contains("is listed twice", Check(verification, "assignment-rules").Detail);
    }

    [Fact]
    public void A_rank_changed_in_the_selection_fails_it_naming_the_entity()
    {
        var record = _record.Node();
        var entry = record["selected"]!.AsArray()[5]!;
        var rank = (string)entry["rank"]!;
        entry["rank"] = (rank[0] == '0' ? '1' : '0') + rank[1..];
        var selection = Check(Verify(record), "selection");
        Assert.Equal(CheckOutcome.Mismatch, selection.Outcome);
        Assert.Contains($"at selected entities[5]: {(string)entry["creditCode"]!}'s rank is {rank}", selection.Detail);
    }

    [Fact]
    public void Utf8List_finds_each_text_with_or_without_the_hint_and_names_the_first_duplicate()
    {
        var list = new Utf8List();
        var texts = Enumerable.Range(0, 1000).Select(i => $"91330702MA{i:D8}").ToList();
        foreach (var t in texts) list.Add(Encoding.UTF8.GetBytes(t));
        Assert.Equal(-1, list.Index());
        var hint = -1;
        // In order (the hint's short cut), then in reverse and at random (the hash), then texts that are not there.
        for (var i = 0; i < texts.Count; i++) Assert.Equal(i, list.Find(Encoding.UTF8.GetBytes(texts[i]), ref hint));
        for (var i = texts.Count - 1; i >= 0; i--) Assert.Equal(i, list.Find(Encoding.UTF8.GetBytes(texts[i]), ref hint));
        var random = new Random(1);
        for (var k = 0; k < 1000; k++)
        {
            var i = random.Next(texts.Count);
            Assert.Equal(i, list.Find(Encoding.UTF8.GetBytes(texts[i]), ref hint));
        }
        Assert.Equal(-1, list.Find("91330702MA00001000"u8, ref hint));
        Assert.Equal(-1, list.Find(""u8, ref hint));
        Assert.Equal("91330702MA00000007", list.Text(7));

        var withDuplicate = new Utf8List();
        foreach (var t in new[] { "A", "B", "C", "B", "A" }) withDuplicate.Add(Encoding.UTF8.GetBytes(t));
        Assert.Equal(3, withDuplicate.Index());
    }
}
