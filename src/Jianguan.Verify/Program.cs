using System.Text.Json;
using Jianguan.Draw;
using Jianguan.Integrity;

// jianguan-verify: lets anyone outside the platform check what it published.
//   audit <export.jsonl> [--anchor SEQ:HASH]...
//   draw <record.json>
// An anchor is a (sequence, hash) pair the auditor noted from an earlier export; it proves that the
// history up to that point was not rewritten wholesale, which a hash chain alone cannot show.
// A draw record is recomputed from itself alone (docs/draw-record.md), one line per check.
// Exit codes: 0 intact, 1 broken (a mismatch), 2 bad usage or unreadable file.

if (args.Length == 2 && args[0] == "draw") return VerifyDraw(args[1]);
if (args.Length < 2 || args[0] != "audit")
{
    Console.Error.WriteLine("usage: jianguan-verify audit <export.jsonl> [--anchor SEQ:HASH]...");
    Console.Error.WriteLine("       jianguan-verify draw <record.json>");
    return 2;
}

var anchors = new Dictionary<long, string>();
for (var i = 2; i < args.Length; i++)
{
    if (args[i] == "--anchor" && i + 1 < args.Length && TryParseAnchor(args[++i], out var seq, out var hash))
        anchors[seq] = hash;
    else
    {
        Console.Error.WriteLine($"bad argument '{args[i]}': expected --anchor SEQ:HASH (HASH is 64 hex digits)");
        return 2;
    }
}

var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
var verifier = new AuditChainVerifier();
var lineNumber = 0;
try
{
    foreach (var line in File.ReadLines(args[1]))
    {
        lineNumber++;
        if (string.IsNullOrWhiteSpace(line)) continue;
        var record = JsonSerializer.Deserialize<AuditRecord>(line, options)
            ?? throw new JsonException("empty entry");
        if (!verifier.Check(record)) break;
        if (anchors.Remove(record.Sequence, out var anchored) && !string.Equals(anchored, record.Hash, StringComparison.OrdinalIgnoreCase))
        {
            Console.WriteLine($"BROKEN at entry {record.Sequence}: its hash differs from the anchor you noted ({anchored}); the history up to it was rewritten.");
            return 1;
        }
    }
}
catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"cannot read {args[1]} at line {lineNumber}: {e.Message}");
    return 2;
}

var result = verifier.Result();
if (!result.IsIntact)
{
    Console.WriteLine($"BROKEN at entry {result.FirstBreak!.Sequence} ({result.FirstBreak.Problem}): {result.FirstBreak.Message}");
    return 1;
}
if (anchors.Count > 0)
{
    Console.WriteLine($"BROKEN: anchored entries {string.Join(", ", anchors.Keys)} are not in the export; the chain was truncated.");
    return 1;
}
Console.WriteLine($"INTACT: {result.EntriesChecked} entries, last {result.LastSequence}, head hash {result.HeadHash}");
return 0;

static int VerifyDraw(string path)
{
    DrawVerification verification;
    try
    {
        verification = DrawVerifier.Verify(path);
    }
    catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"cannot read {path} as a draw record: {e.Message}");
        return 2;
    }
    foreach (var check in verification.Checks) Console.WriteLine(check);
    var mismatches = verification.Checks.Count(c => c.Outcome == CheckOutcome.Mismatch);
    Console.WriteLine(verification.Holds ? "VERIFIED: the draw is what its record says."
        : $"NOT VERIFIED: {mismatches} check{(mismatches == 1 ? "" : "s")} failed.");
    return verification.Holds ? 0 : 1;
}

static bool TryParseAnchor(string text, out long sequence, out string hash)
{
    var parts = text.Split(':');
    hash = parts.Length == 2 ? parts[1] : "";
    sequence = 0;
    return parts.Length == 2 && long.TryParse(parts[0], out sequence) && hash.Length == AuditChain.HashHexLength
        && hash.All(Uri.IsHexDigit);
}
