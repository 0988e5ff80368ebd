using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace Jianguan.Draw;

public enum CheckOutcome { Ok, Mismatch, NotChecked }

/// <summary>One check of a draw record: its name (stable, for programs), the outcome, and what was found.</summary>
public sealed record DrawCheck(string Name, CheckOutcome Outcome, string Detail)
{
    public override string ToString() => $"{Outcome switch { CheckOutcome.Ok => "OK", CheckOutcome.Mismatch => "MISMATCH", _ => "NOT CHECKED" },-11} {Name}: {Detail}";
}

/// <summary>The checks of a draw record, in order; it holds when none is a mismatch.</summary>
public sealed record DrawVerification(IReadOnlyList<DrawCheck> Checks)
{
    public bool Holds => Checks.All(c => c.Outcome != CheckOutcome.Mismatch);
}

/// <summary>
/// Recomputes a published draw from its record alone, one link of the chain at a time, so that a mismatch names
/// the link that broke (docs/draw-record.md, "Verifying"):
/// <c>commitment</c> (SHA-256 of the secret), <c>pool</c> (valid entries, credit-code order, no duplicate),
/// <c>pool-digest</c>, <c>seed</c> (from the secret, the record's pool digest and the entropy), <c>strata</c>
/// (sizes counted from the pool), <c>quotas</c> (from the rules), <c>selection</c> (each stratum's lowest ranks
/// under the record's seed), <c>assignment-rules</c> (no assignment breaks a rule), <c>assignment</c> (recomputed
/// from the record's selection, officers and links, it is the record's).
/// </summary>
public static class DrawVerifier
{

    public static readonly string[] CheckNames = ["commitment", "pool", "pool-digest", "seed", "strata", "quotas", "selection", "assignment-rules", "assignment"];

    /// <summary>Verifies the record at <paramref name="path"/>; a file that is not a readable draw record throws <see cref="JsonException"/> or <see cref="IOException"/>.</summary>
    public static DrawVerification Verify(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return Verify(file);
    }

    /// <summary>
    /// Verifies a record read from a stream. Work starts on another thread as soon as its inputs are read, while the
    /// reading goes on: the pool is frozen and its selection recomputed once the pool is read, and compared once the
    /// record's selection is; the drawn entities, the officers and each list of links are indexed or numbered once
    /// read, the assignment recomputed once all are, and the recorded one checked once it is read. What is left at the
    /// end is comparing the two assignments and the unassigned entities.
    /// </summary>
    public static DrawVerification Verify(Stream stream)
    {
        var work = new Work();
        var read = DrawRecordReader.Read(stream, progress => work.Start(progress.Record, progress.Seen, progress.Pool));
        work.Start(read.Record, AllSections, read.PoolTask);
        return Verify(read, work);
    }

    /// <summary>
    /// The verifier's work on other threads, each part started once the record's sections it needs are read (the
    /// reader calls <see cref="Start"/> after each section; the last call, with every section, starts what is left).
    /// </summary>
    private sealed class Work
    {
        /// <summary>
        /// The work runs on every core but one, which the reading thread keeps to itself: the reading is what
        /// everything waits for, and on two cores each more busy thread took a share of its core.
        /// </summary>
        private static readonly int Lanes = Math.Max(1, Environment.ProcessorCount - 1);

        private readonly TaskScheduler _lanes = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, Lanes).ConcurrentScheduler;

        public Task<SelectionOutcome>? Selection;
        public Task<string?>? SelectionDifference;
        public Task<int>? Entities;
        public Task<Utf8List>? Officers;
        public Task<OfficerAssignment.Plan.NumberedLinks>? Conflicts, PreviousInspectors;
        public Task<PlanOutcome>? Plan;
        public Task<AssignmentResult?>? Assignment;
        public Task<RecordedAssignments?>? Recorded;

        public void Start(DrawRecord record, IReadOnlySet<string> seen, Task<ReadPool>? pool)
        {
            if (Selection is null && pool is not null && seen.IsSupersetOf(SelectionInputs))
                Selection = After([pool], () => Select(record, pool.Result));
            if (SelectionDifference is null && Selection is not null && seen.Contains("selected"))
                SelectionDifference = After([Selection], () => CompareSelection(record, Selection.Result));
            // The plan of the assignment in parts, each as soon as its list is read.
            if (Entities is null && seen.Contains("selected")) Entities = After([], () => OfficerAssignment.Plan.IndexEntities(Selections(record)));
            if (Officers is null && seen.Contains("officers")) Officers = After([], () => OfficerAssignment.Plan.IndexOfficers(record.Officers));
            if (Entities is not null && Officers is not null)
            {
                if (Conflicts is null && seen.Contains("conflicts")) Conflicts = NumberLinks((RecordLinks)record.Conflicts, record);
                if (PreviousInspectors is null && seen.Contains("previousInspectors")) PreviousInspectors = NumberLinks((RecordLinks)record.PreviousInspectors, record);
            }
            if (Plan is null && Conflicts is not null && PreviousInspectors is not null && seen.IsSupersetOf(AssignmentInputs))
            {
                var (entities, officers, conflicts, previous) = (Entities!, Officers!, Conflicts, PreviousInspectors);
                Plan = After([entities, officers, conflicts, previous], () => MakePlan(record, entities.Result, officers.Result, conflicts.Result, previous.Result));
                var plan = Plan;
                Assignment = After([plan], () => plan.Result.Plan is { } p && Hex.TryParse32(record.Seed, out var seed) ? p.Assign(seed) : null);
            }
            if (Recorded is null && Plan is not null && seen.Contains("assignments"))
            {
                // The assignments are the record's last long list: the reading is all but over, and its core free for
                // this beside the recomputation.
                var plan = Plan;
                Recorded = After([plan], () => CheckRecordedAssignments(record, plan.Result.Plan), TaskScheduler.Default);
            }
        }

        private Task<OfficerAssignment.Plan.NumberedLinks> NumberLinks(RecordLinks links, DrawRecord record)
        {
            var (entities, officers) = (Entities!, Officers!);
            return After([entities, officers], () => OfficerAssignment.Plan.NumberLinks(links, Selections(record).Codes, officers.Result));
        }

        /// <summary><paramref name="work"/> on the lanes (or <paramref name="scheduler"/>) once <paramref name="inputs"/> are done (at once without any).</summary>
        private Task<T> After<T>(Task[] inputs, Func<T> work, TaskScheduler? scheduler = null) => inputs.Length == 0
            ? Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler ?? _lanes)
            : Task.Factory.ContinueWhenAll(inputs, _ => work(), CancellationToken.None, TaskContinuationOptions.DenyChildAttach, scheduler ?? _lanes);
    }

    private static readonly string[] SelectionInputs = ["rules", "strata", "seed", "pool"];
    private static readonly string[] AssignmentInputs = ["departments", "rules", "seed", "selected", "officers"];
    private static readonly HashSet<string> AllSections =
        ["rules", "strata", "seed", "pool", "departments", "selected", "officers", "conflicts", "previousInspectors", "assignments"];

    private sealed record SelectionOutcome(IReadOnlyList<StratumQuota>? Quotas, DrawException? QuotaRefusal, FrozenPool.Selection? Selected);

    private sealed record PlanOutcome(OfficerAssignment.Plan? Plan, DrawException? Refusal);

    /// <summary>The recorded assignments numbered as the plan numbers entities and officers, and the rules they break.</summary>
    private sealed record RecordedAssignments(RecordAssignments Rows, IReadOnlyList<string> Breaches);

    /// <summary>Once the pool is frozen: the quotas from the rules and, under the record's seed, the selection.</summary>
    private static SelectionOutcome Select(DrawRecord record, ReadPool frozen)
    {
        if (frozen.Pool is not { } p) return new SelectionOutcome(null, null, null);
        IReadOnlyList<StratumQuota> quotas;
        try
        {
            quotas = record.QuotaRules.Compute(p.Strata);
        }
        catch (DrawException e)
        {
            return new SelectionOutcome(null, e, null);
        }
        // On every core: the pool is the last of the record's long lists to be ready (its ranks are already made).
        return new SelectionOutcome(quotas, null, Hex.TryParse32(record.Seed, out var seed) ? p.SelectEntries(seed, quotas) : null);
    }

    /// <summary>The recomputed selection against the record's: the first difference, or null (also when there is nothing to compare).</summary>
    private static string? CompareSelection(DrawRecord record, SelectionOutcome computed)
    {
        // The record's rows compared as UTF-8 with the pool's entries; strings only for a message.
        if (computed.Selected is not { } selected) return null;
        var rows = Selections(record);
        return FirstDifference(rows.Count, selected.Count,
            i => rows.Codes[i].SequenceEqual(selected.Code(i)) && rows.Strata[i] == selected.Stratum(i) && rows.Ranks[i] == selected.Rank(i) ? null
                : SelectionDifference(rows[i], selected[i]),
            "selected entities");
    }

    /// <summary>Once the entities, officers and links are numbered: the plan, or why the assignment's inputs are refused.</summary>
    private static PlanOutcome MakePlan(DrawRecord record, int duplicate, Utf8List officers, OfficerAssignment.Plan.NumberedLinks conflicts,
        OfficerAssignment.Plan.NumberedLinks previousInspectors)
    {
        try
        {
            return new PlanOutcome(OfficerAssignment.Plan.ForRecord(record.AssignmentRules, record.Officers, Selections(record), duplicate, officers,
                conflicts, previousInspectors), null);
        }
        catch (DrawException e)
        {
            return new PlanOutcome(null, e);
        }
    }

    /// <summary>The record's assignments numbered as the plan numbers entities and officers, and checked against the rules (null: no plan).</summary>
    private static RecordedAssignments? CheckRecordedAssignments(DrawRecord record, OfficerAssignment.Plan? plan)
    {
        if (plan is null) return null;
        var rows = (RecordAssignments)record.Assignments;
        rows.Resolve(Selections(record).Codes, plan.OfficerIds!);
        return new RecordedAssignments(rows, plan.BreachesOf(rows));
    }

    private static DrawVerification Verify(ReadDrawRecord read, Work work)
    {
        var record = read.Record;
        var selectionTask = work.Selection!;
        var checks = new List<DrawCheck>();
        void Ok(string name, string detail) => checks.Add(new DrawCheck(name, CheckOutcome.Ok, detail));
        void Mismatch(string name, string detail) => checks.Add(new DrawCheck(name, CheckOutcome.Mismatch, detail));
        void NotChecked(string name, string detail) => checks.Add(new DrawCheck(name, CheckOutcome.NotChecked, detail));

        // commitment
        var secretValid = Hex.TryParse32(record.Secret, out var secret);
        if (!secretValid) Mismatch("commitment", "the secret is not 64 hex digits");
        else
        {
            var commitment = Convert.ToHexStringLower(SHA256.HashData(secret));
            if (string.Equals(commitment, record.Commitment, StringComparison.OrdinalIgnoreCase)) Ok("commitment", $"SHA-256 of the secret is the commitment {Short(commitment)}");
            else Mismatch("commitment", $"SHA-256 of the secret is {commitment}, the record's commitment is {record.Commitment}");
        }

        // pool, pool-digest
        var pool = read.Pool;
        if (pool is null) Mismatch("pool", read.PoolRefusal?.Message ?? "the pool could not be read");
        else if (!pool.ArrivedInOrder) Mismatch("pool", "the entries are not in credit-code order (the canonical order)");
        else if (record.PoolSize is { } size && size != pool.Count) Mismatch("pool", $"{pool.Count:N0} entries, the record's poolSize says {size:N0}");
        else Ok("pool", $"{pool.Count:N0} entries in credit-code order, no duplicate, {pool.Strata.Count:N0} strata");
        if (pool is null) NotChecked("pool-digest", "the pool was refused");
        else if (string.Equals(pool.DigestHex, record.PoolDigest, StringComparison.OrdinalIgnoreCase)) Ok("pool-digest", $"SHA-256 of the canonical pool is {Short(pool.DigestHex)}");
        else Mismatch("pool-digest", $"SHA-256 of the canonical pool is {pool.DigestHex}, the record says {record.PoolDigest}");

        // seed
        var seedValid = Hex.TryParse32(record.Seed, out var seed);
        if (!secretValid || !Hex.TryParse32(record.PoolDigest, out var digest)) NotChecked("seed", "the secret or the pool digest is not 64 hex digits");
        else
        {
            string? computed = null;
            try
            {
                computed = Convert.ToHexStringLower(DrawHashes.Seed(secret, digest, record.Entropy));
            }
            catch (DrawException e)
            {
                Mismatch("seed", e.Message);
            }
            if (computed is not null && string.Equals(computed, record.Seed, StringComparison.OrdinalIgnoreCase)) Ok("seed", $"from the secret, the pool digest and the entropy: {Short(computed)}");
            else if (computed is not null) Mismatch("seed", $"from the secret, the pool digest and the entropy it is {computed}, the record says {record.Seed}");
        }

        // strata, quotas
        IReadOnlyList<StratumQuota>? quotas = null;
        if (pool is null)
        {
            NotChecked("strata", "the pool was refused");
            NotChecked("quotas", "the pool was refused");
        }
        else
        {
            var strataProblem = FirstDifference(record.Strata.Select(s => (s.Key, s.Size)).ToArray(), pool.Strata,
                (r, p) => r.Key != p.Key ? $"the record lists stratum '{r.Key}' where the pool's next stratum (in key order) is '{p.Key}'"
                    : r.Size != p.Size ? $"stratum '{r.Key}' holds {p.Size:N0} entities in the pool, the record says {r.Size:N0}" : null,
                "strata");
            if (strataProblem is null) Ok("strata", $"{pool.Strata.Count:N0} strata, sizes as counted in the pool");
            else Mismatch("strata", strataProblem);
            var outcome = selectionTask.Result;
            quotas = outcome.Quotas;
            if (outcome.QuotaRefusal is not null) Mismatch("quotas", outcome.QuotaRefusal.Message);
            else
            {
                var quotaProblem = FirstDifference(record.Strata, quotas!,
                    (r, c) => r.Key != c.Key ? $"stratum '{r.Key}' is not the pool's stratum '{c.Key}'"
                        : r.Quota != c.Quota ? $"stratum '{r.Key}' ({c.Size:N0} entities, class {c.RiskClass}): the rules give a quota of {c.Quota:N0}, the record says {r.Quota:N0}" : null,
                    "strata");
                if (quotaProblem is null) Ok("quotas", $"{quotas!.Sum(q => (long)q.Quota):N0} to draw, each stratum's quota as the rules give it (ceil(size × ratio / 10,000))");
                else Mismatch("quotas", quotaProblem);
            }
        }

        // selection
        if (pool is null || quotas is null || !seedValid) NotChecked("selection", pool is null ? "the pool was refused" : quotas is null ? "the quotas could not be computed" : "the seed is not 64 hex digits");
        else if (work.SelectionDifference!.Result is { } problem) Mismatch("selection", problem);
        else Ok("selection", $"{selectionTask.Result.Selected!.Count:N0} entities, each stratum's lowest ranks under the seed");

        // assignment-rules, assignment: the recorded assignment checked while the recomputed one is compared
        var prepared = work.Plan!.Result;
        if (prepared.Plan is not { } plan)
        {
            Mismatch("assignment-rules", prepared.Refusal!.Message);
            NotChecked("assignment", "the assignment's input was refused");
        }
        else
        {
            var recorded = work.Recorded!.Result!;
            var breaches = recorded.Breaches.Concat(ListedOnce(Selections(record), recorded.Rows, record.Unassigned)).ToList();
            if (breaches.Count == 0) Ok("assignment-rules", $"{record.Assignments.Count:N0} assignments: each officer qualified, of the entity's departments, not recused; every department served; at least {record.OfficersPerEntity} each");
            else Mismatch("assignment-rules", $"{breaches.Count:N0} breach{(breaches.Count == 1 ? "" : "es")}; first: {breaches[0]}");

            if (work.Assignment!.Result is not { } computed) NotChecked("assignment", "the seed is not 64 hex digits");
            else
            {
                var rows = recorded.Rows;
                var recomputed = (OfficerAssignment.AssignmentList)computed.Assignments;
                var problem = FirstDifference(rows.Count, recomputed.Count,
                        i => rows.Entity(i) == recomputed.Entity(i) && rows.Officers(i).SequenceEqual(recomputed.Officers(i)) ? null : AssignmentDifference(rows[i], recomputed[i]),
                        "assignments")
                    ?? FirstDifference(record.Unassigned, computed.Unassigned,
                        (r, c) => r.CreditCode == c.CreditCode && r.Reason == c.Reason ? null
                            : $"recomputed, {c.CreditCode} is unassigned ({c.Reason}); the record has {r.CreditCode} ({r.Reason})",
                        "unassigned entities");
                if (problem is null) Ok("assignment", $"recomputed from the seed: {computed.Assignments.Count:N0} assigned, {computed.Unassigned.Count:N0} unassigned, as recorded");
                else Mismatch("assignment", problem);
            }
        }
        return new DrawVerification(checks);
    }

    private static string? FirstDifference<TRecord, TComputed>(IReadOnlyList<TRecord> recorded, IReadOnlyList<TComputed> computed,
        Func<TRecord, TComputed, string?> differ, string what) =>
        FirstDifference(recorded.Count, computed.Count, i => differ(recorded[i], computed[i]), what);

    /// <summary>The first row where the record and the recomputation differ (<paramref name="differ"/> says how, or null), or a difference in length.</summary>
    private static string? FirstDifference(int recorded, int computed, Func<int, string?> differ, string what)
    {
        for (var i = 0; i < Math.Min(recorded, computed); i++)
            if (differ(i) is { } problem) return $"at {what}[{i}]: {problem}";
        return recorded == computed ? null : $"the record lists {recorded:N0} {what}, recomputed there are {computed:N0}";
    }

    private static string SelectionDifference(RecordSelection r, SelectedEntry c) =>
        r.CreditCode == c.CreditCode && r.Stratum == c.Stratum ? $"{r.CreditCode}'s rank is {c.RankHex}, the record says {r.RankText}"
        : $"in stratum '{c.Stratum}' the next lowest rank is {c.CreditCode} ({c.RankHex}), the record has {r.CreditCode} ({r.RankText}) in stratum '{r.Stratum}'";

    private static string AssignmentDifference(Assignment r, Assignment c) =>
        $"recomputed, {c.CreditCode} gets {string.Join(", ", c.OfficerIds)}; the record gives {r.CreditCode} {string.Join(", ", r.OfficerIds)}";

    /// <summary>
    /// Breaches of "every drawn entity is assigned or unassigned exactly once": up to three entities listed nowhere, then
    /// up to three codes listed more than once, in the order first listed. Counted by the entities' numbers; a code
    /// that was not drawn (the breaches name it already) by its text.
    /// </summary>
    private static List<string> ListedOnce(RecordSelections entities, RecordAssignments assignments, IReadOnlyList<Unassigned> unassigned)
    {
        var hint = -1;
        var unassignedEntities = unassigned.Select(u => entities.Codes.Find(System.Text.Encoding.UTF8.GetBytes(u.CreditCode), ref hint)).ToArray();
        // Listing k: the k-th assignment, then the unassigned; its entity's number, or -1 and its code.
        var listings = assignments.Count + unassigned.Count;
        int EntityOf(int k) => k < assignments.Count ? assignments.Entity(k) : unassignedEntities[k - assignments.Count];
        string CodeOf(int k) => k < assignments.Count ? assignments.Code(k) : unassigned[k - assignments.Count].CreditCode;

        var listed = new int[entities.Count];
        var notDrawn = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < listings; k++)
            if (EntityOf(k) is var e and >= 0) listed[e]++;
            else CollectionsMarshal.GetValueRefOrAddDefault(notDrawn, CodeOf(k), out _)++;
        var breaches = new List<string>();
        for (var e = 0; e < entities.Count && breaches.Count < 3; e++)
            if (listed[e] == 0) breaches.Add($"{entities.Codes.Text(e)}: drawn but neither assigned nor listed as unassigned");
        var reported = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < listings && reported.Count < 3; k++)
        {
            var times = EntityOf(k) is var e and >= 0 ? listed[e] : notDrawn[CodeOf(k)];
            if (times > 1 && reported.Add(CodeOf(k))) breaches.Add($"{CodeOf(k)}: listed {times} times among assignments and unassigned");
        }
        return breaches;
    }

    /// <summary>The record's <c>selected</c> as the reader keeps it (<see cref="RecordSelections"/>).</summary>
    private static RecordSelections Selections(DrawRecord record) => (RecordSelections)record.Selected;

    private static string Short(string hex) => hex.Length > 16 ? hex[..16] + "…" : hex;
}
