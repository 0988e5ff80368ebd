using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Jianguan.Draw;

namespace Jianguan.Bench;

/// <summary>
/// Officer assignment and the verify tool at scale. <c>draw-assign</c>: N drawn entities of a joint task of two
/// departments (a quarter of them only the first department's items) from M officers, with two previous inspectors
/// per entity and a declared conflict for one entity in ten, all to be recused. <c>draw-verify</c>: the whole
/// record of a draw over a pool of N entities at 5% with that assignment, written to a file, then verified
/// (<see cref="DrawVerifier"/>, as <c>jianguan-verify draw</c>) against parsing the same file alone (the baseline:
/// every token of the document read with the verifier's own streaming reader).
/// </summary>
public static class DrawAssignBench
{
    private static readonly string[] Departments = ["区市场监管局", "区综合行政执法局"];
    private static readonly Dictionary<string, IReadOnlyList<string>> Required = new()
    {
        [Departments[0]] = ["食品安全"],
        [Departments[1]] = ["城市管理"],
    };

    private static AssignmentRules Rules => new(Departments, Required);

    /// <summary>M officers, half in each department; one in ten lacks the department's qualification.</summary>
    private static List<Officer> Officers(int count) => Enumerable.Range(0, count).Select(i =>
    {
        var d = i % 2;
        var qualifications = i % 10 == 9 ? new[] { "特种设备" } : [Required[Departments[d]][0], "特种设备"];
        return new Officer($"{(d == 0 ? "SCJG" : "ZHZF")}-{i:D5}", Departments[d], qualifications);
    }).ToList();

    private static (List<EntityToAssign> Entities, List<OfficerLink> Conflicts, List<OfficerLink> Previous) Entities(IReadOnlyList<string> codes, List<Officer> officers)
    {
        var random = new Random(42);
        var entities = codes.Select((c, i) => new EntityToAssign(c, i % 4 == 3 ? [Departments[0]] : null)).ToList();
        var previous = new List<OfficerLink>(codes.Count * 2);
        var conflicts = new List<OfficerLink>(codes.Count / 10);
        for (var i = 0; i < codes.Count; i++)
        {
            previous.Add(new OfficerLink(codes[i], officers[random.Next(officers.Count)].Id));
            previous.Add(new OfficerLink(codes[i], officers[random.Next(officers.Count)].Id));
            if (i % 10 == 0) conflicts.Add(new OfficerLink(codes[i], officers[random.Next(officers.Count)].Id));
        }
        return (entities, conflicts, previous);
    }

    public static int RunAssign(int count, int officerCount)
    {
        var officers = Officers(officerCount);
        var codes = Enumerable.Range(0, count).Select(i => DrawBench.Code(i * 20)).ToList();
        var (entities, conflicts, previous) = Entities(codes, officers);
        var seed = SHA256.HashData("bench"u8);
        OfficerAssignment.Assign(seed, entities.Take(1000).ToList(), officers, Rules, conflicts, previous); // warm-up
        var times = new List<TimeSpan>();
        AssignmentResult? result = null;
        for (var round = 0; round < 3; round++)
        {
            var sw = Stopwatch.StartNew();
            result = OfficerAssignment.Assign(seed, entities, officers, Rules, conflicts, previous);
            times.Add(sw.Elapsed);
        }
        var loads = result!.Assignments.SelectMany(a => a.OfficerIds).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        var qualified = officers.Where(o => o.Qualifications.Contains(Required[o.Department][0])).ToList();
        var spread = Departments.Select(d =>
        {
            var l = qualified.Where(o => o.Department == d).Select(o => loads.GetValueOrDefault(o.Id)).ToList();
            return $"{d} {l.Min()}–{l.Max()}";
        });
        var breaches = OfficerAssignment.Breaches(entities, result.Assignments, officers, Rules, conflicts, previous);
        if (breaches.Count > 0) throw new InvalidOperationException(breaches[0]);
        Console.WriteLine($"loads per qualified officer: {string.Join("; ", spread)}; unassigned {result.Unassigned.Count:N0}");
        Console.WriteLine();
        Console.WriteLine("| entities | officers | recusal links | assignment (best of 3) | runs |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine($"| {count:N0} | {officerCount:N0} | {conflicts.Count + previous.Count:N0} | {times.Min().TotalSeconds:F2} s | {string.Join(", ", times.Select(t => $"{t.TotalSeconds:F2} s"))} |");
        return 0;
    }

    public static int RunVerify(int poolSize, int officerCount)
    {
        var path = Path.Combine(Path.GetTempPath(), $"jianguan-draw-record-{Guid.NewGuid():N}.json");
        try
        {
            var sw = Stopwatch.StartNew();
            using (var builder = new DrawBuilder())
            {
                for (var i = 0; i < poolSize; i++) builder.Add(DrawBench.Code(i), DrawBench.Stratum(i, 200));
                var draw = builder.Freeze().Draw(Pools.Secret, "bench", QuotaRules.Uniform(500));
                var officers = Officers(officerCount);
                var (entities, conflicts, previous) = Entities(draw.Selected.Select(s => s.CreditCode).ToList(), officers);
                var assignment = OfficerAssignment.Assign(draw.Seed, entities, officers, Rules, conflicts, previous);
                var departments = entities.ToDictionary(e => e.CreditCode, e => e.Departments);
                var task = new DrawTask("bench", "draw-verify", "riskClass|industry|division", QuotaRules.Uniform(500), Rules);
                var record = DrawRecord.Create(task, draw, officers, conflicts, previous, assignment, s => departments[s.CreditCode]);
                using var file = File.Create(path);
                DrawRecordWriter.Write(file, record, draw.Pool);
                Console.WriteLine($"record of a {poolSize:N0}-entity pool, {draw.Selected.Count:N0} drawn, {officerCount:N0} officers: {new FileInfo(path).Length / 1e6:N0} MB, made in {sw.Elapsed.TotalSeconds:F0} s");
            }
            GC.Collect();
            Parse(path); // warm-up: the file in the page cache
            TimeSpan parse = TimeSpan.MaxValue, verify = TimeSpan.MaxValue, document = TimeSpan.MaxValue;
            var rounds = int.TryParse(Environment.GetEnvironmentVariable("JIANGUAN_BENCH_ROUNDS"), out var r) ? r : 2;
            for (var round = 0; round < rounds; round++)
            {
                var (p, pCpu) = Timed(() => Parse(path));
                var (v, vCpu) = Timed(() =>
                {
                    var result = DrawVerifier.Verify(path);
                    if (!result.Holds) throw new InvalidOperationException(string.Join(Environment.NewLine, result.Checks));
                });
                var (d, dCpu) = Timed(() => ParseDocument(path));
                Console.WriteLine($"parse {p.TotalSeconds:F2} s (CPU {pCpu.TotalSeconds:F2} s); verify {v.TotalSeconds:F2} s (CPU {vCpu.TotalSeconds:F2} s, all threads); parsed into a JsonDocument {d.TotalSeconds:F2} s (CPU {dCpu.TotalSeconds:F2} s)");
                parse = p < parse ? p : parse;
                verify = v < verify ? v : verify;
                document = d < document ? d : document;
            }
            Console.WriteLine();
            Console.WriteLine("| pool | drawn | officers | record | parse the record: token scan (baseline) | verify (DrawVerifier, as jianguan-verify draw) | ratio | parse the record into a JsonDocument | verify / that |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
            Console.WriteLine($"| {poolSize:N0} | {poolSize / 20:N0} | {officerCount:N0} | {new FileInfo(path).Length / 1e6:N0} MB | {parse.TotalSeconds:F2} s | {verify.TotalSeconds:F2} s | {verify / parse:F2} | {document.TotalSeconds:F2} s | {verify / document:F2} |");
            return 0;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Wall-clock and CPU time (all the process's threads) of an action, after a full collection.</summary>
    private static (TimeSpan Wall, TimeSpan Cpu) Timed(Action action)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        action();
        wall.Stop();
        process.Refresh();
        return (wall.Elapsed, process.TotalProcessorTime - cpu);
    }

    /// <summary>
    /// A second baseline: the record parsed as most programs parse JSON, into a document (System.Text.Json's
    /// <see cref="JsonDocument"/>), every value then reachable; nothing beyond the parse.
    /// </summary>
    private static void ParseDocument(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        using var document = JsonDocument.Parse(file);
        GC.KeepAlive(document.RootElement.ValueKind);
    }

    /// <summary>Every token of the record read with the verifier's streaming reader, values touched, nothing kept.</summary>
    private static void Parse(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var json = new JsonStream(file);
        var reader = json.Start();
        long touched = 0;
        do
        {
            json.Read(ref reader);
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number or JsonTokenType.PropertyName) touched += reader.ValueSpan.Length;
        }
        while (reader.CurrentDepth > 0 || reader.TokenType != JsonTokenType.EndObject);
        GC.KeepAlive(touched);
    }
}
