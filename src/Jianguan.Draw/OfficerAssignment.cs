using System.Text;

namespace Jianguan.Draw;

/// <summary>An officer of the officer pool: an id, the department, the qualifications held.</summary>
public sealed record Officer(string Id, string Department, IReadOnlyList<string> Qualifications);

/// <summary>A link between an entity and an officer: a declared conflict, or an inspection in the previous check.</summary>
public readonly record struct OfficerLink(string CreditCode, string OfficerId);

/// <summary>An entity to assign officers to; <see cref="Departments"/> null means every department of the task.</summary>
public sealed record EntityToAssign(string CreditCode, IReadOnlyList<string>? Departments = null);

/// <summary>
/// The task's side of the assignment: its participating departments (in this order), the qualifications each
/// department's officers need for its items, and how many officers each entity gets at least.
/// </summary>
public sealed record AssignmentRules(IReadOnlyList<string> Departments, IReadOnlyDictionary<string, IReadOnlyList<string>> RequiredQualifications,
    int OfficersPerEntity = 2)
{
    /// <summary>行政处罚法 art. 42: 执法人员不得少于两人.</summary>
    public const int MinimumOfficers = 2;

    public IReadOnlyList<string> QualificationsOf(string department) =>
        RequiredQualifications.TryGetValue(department, out var q) ? q : [];
}

public sealed record Assignment(string CreditCode, IReadOnlyList<string> OfficerIds);

/// <summary>An entity that could not be given officers without breaking a rule: a code for programs, a message in Chinese.</summary>
public sealed record Unassigned(string CreditCode, string Reason, string Message);

public sealed record AssignmentResult(IReadOnlyList<Assignment> Assignments, IReadOnlyList<Unassigned> Unassigned);

/// <summary>
/// Assigns officers to the entities drawn, deterministically from the draw's seed (docs/draw-record.md):
/// entities in the order given (the selection's); for each, first one officer from each of its departments (in
/// the task's order of departments), then more from any of its departments until it has
/// <see cref="AssignmentRules.OfficersPerEntity"/>. Each pick is the eligible officer with the lowest
/// (load so far, rank of "officer:" + id, id): eligible means of that department, holding every qualification the
/// department's items need, not linked to the entity by a declared conflict or by the previous check, and not
/// already picked for it. An entity that cannot be served is listed as unassigned with the reason, and gets no
/// officer. Each department keeps its qualified officers in a binary heap on (load, rank); the search for the
/// best eligible one walks the heap from its root past the few recused, so an entity costs a few heap steps.
/// </summary>
public static class OfficerAssignment
{
    public static AssignmentResult Assign(ReadOnlySpan<byte> seed, IReadOnlyList<EntityToAssign> entities, IReadOnlyList<Officer> officers,
        AssignmentRules rules, IEnumerable<OfficerLink> conflicts, IEnumerable<OfficerLink> previousInspectors) =>
        new Plan(rules, officers, entities, conflicts, previousInspectors).Assign(seed);

    private static Unassigned NoEligibleOfficer(string creditCode, string department, int qualified, int recused) =>
        new(creditCode, $"no-eligible-officer:{department}",
            $"{department} 没有可派的执法人员：具备所需资质的 {qualified} 人中有 {recused} 人须回避，其余已派往本户。");

    /// <summary>
    /// Checks assignments against the rules alone, whoever computed them: every officer known, of one of the
    /// entity's departments, qualified, not recused, not twice on one entity; each department of the entity
    /// served; at least the minimum number. Returns one line per breach.
    /// </summary>
    public static IReadOnlyList<string> Breaches(IReadOnlyList<EntityToAssign> entities, IEnumerable<Assignment> assignments,
        IReadOnlyList<Officer> officers, AssignmentRules rules, IEnumerable<OfficerLink> conflicts, IEnumerable<OfficerLink> previousInspectors) =>
        new Plan(rules, officers, entities, conflicts, previousInspectors).Breaches(assignments);

    /// <summary>
    /// The assignments as flat arrays (each entity's number, each entity's officers' numbers end to end), an
    /// <see cref="Assignment"/> made when one is read: half a million entities would otherwise leave a million small
    /// objects for the collector, and a verifier compares the numbers.
    /// </summary>
    internal sealed class AssignmentList(int capacity, int perEntity, Func<int, string> codeOf, IReadOnlyList<Officer> officers) : IReadOnlyList<Assignment>
    {
        private readonly int[] _entities = new int[capacity];
        private readonly int[] _ends = new int[capacity];
        private int[] _officers = new int[capacity * perEntity];

        public int Count { get; private set; }

        public void Add(int entity, List<int> chosen)
        {
            var start = Count == 0 ? 0 : _ends[Count - 1];
            if (start + chosen.Count > _officers.Length) Array.Resize(ref _officers, Math.Max(_officers.Length * 2, start + chosen.Count));
            for (var k = 0; k < chosen.Count; k++) _officers[start + k] = chosen[k];
            _entities[Count] = entity;
            _ends[Count++] = start + chosen.Count;
        }

        public int Entity(int index) => _entities[index];

        public ReadOnlySpan<int> Officers(int index)
        {
            var start = index == 0 ? 0 : _ends[index - 1];
            return _officers.AsSpan(start, _ends[index] - start);
        }

        public Assignment this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
                var ids = Officers(index).ToArray().Select(o => officers[o].Id).ToArray();
                return new Assignment(codeOf(_entities[index]), ids);
            }
        }

        public IEnumerator<Assignment> GetEnumerator()
        {
            for (var i = 0; i < Count; i++) yield return this[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Assignments to check, their entities and officers numbered as the plan numbers them (-1: not drawn, not in the officer pool).</summary>
    internal interface IAssignmentRows
    {
        int Count { get; }
        int Entity(int row);
        ReadOnlySpan<int> Officers(int row);
        string Code(int row);
        string OfficerId(int row, int k);
    }

    /// <summary>The rules checked and indexed: departments by name, each officer's department and qualification, each entity's departments.</summary>
    internal sealed class Plan
    {
        private readonly bool[] _qualified;
        private readonly Dictionary<string, int> _departmentIndex = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _officerIndex;
        private readonly AssignmentRules _rules;
        private readonly IReadOnlyList<Officer> _officers;
        private readonly Func<int, string> _codeOf;
        private readonly int _entityCount;
        private int[][] _entityDepartments = [];
        private Dictionary<string, int>? _entityIndex;
        private Recusals _recusals = null!;

        /// <summary>The plan of a platform's draw: entities and links as strings.</summary>
        public Plan(AssignmentRules rules, IReadOnlyList<Officer> officers, IReadOnlyList<EntityToAssign> entities,
            IEnumerable<OfficerLink> conflicts, IEnumerable<OfficerLink> previousInspectors)
            : this(rules, officers, entities.Count, e => entities[e].CreditCode)
        {
            var sets = new Dictionary<ulong, int[]>();
            _entityIndex = new Dictionary<string, int>(entities.Count, StringComparer.Ordinal);
            _entityDepartments = new int[entities.Count][];
            for (var e = 0; e < entities.Count; e++)
            {
                var entity = entities[e];
                if (!_entityIndex.TryAdd(entity.CreditCode, e)) throw DuplicateEntity(entity.CreditCode);
                _entityDepartments[e] = DepartmentSet(entity.CreditCode, entity.Departments, sets);
            }
            _recusals = Links(conflicts, previousInspectors);
        }

        private Plan(AssignmentRules rules, IReadOnlyList<Officer> officers, int entityCount, Func<int, string> codeOf)
        {
            _rules = rules;
            _officers = officers;
            _entityCount = entityCount;
            _codeOf = codeOf;
            if (rules.Departments.Count == 0)
                throw new DrawException("no-department", "The task has no department.", "抽查任务没有实施部门。");
            if (rules.OfficersPerEntity < AssignmentRules.MinimumOfficers)
                throw new DrawException("too-few-officers-per-entity", $"Each entity needs at least {AssignmentRules.MinimumOfficers} officers (行政处罚法 art. 42).",
                    $"每户至少应派 {AssignmentRules.MinimumOfficers} 名执法人员（行政处罚法第四十二条）。");
            if (rules.Departments.Count > 64)
                throw new DrawException("too-many-departments", "A task has at most 64 departments.", "一项任务最多 64 个部门。");
            foreach (var d in rules.Departments)
                if (!_departmentIndex.TryAdd(d, _departmentIndex.Count))
                    throw new DrawException("duplicate-department", $"Department {d} is listed twice.", $"部门 {d} 重复。");

            _officerIndex = new Dictionary<string, int>(officers.Count, StringComparer.Ordinal);
            _qualified = new bool[officers.Count];
            DepartmentOf = new int[officers.Count];
            for (var o = 0; o < officers.Count; o++)
            {
                var officer = officers[o];
                if (!_officerIndex.TryAdd(officer.Id, o))
                    throw new DrawException("duplicate-officer", $"Officer {officer.Id} is listed twice.", $"执法人员 {officer.Id} 重复。");
                DepartmentOf[o] = _departmentIndex.GetValueOrDefault(officer.Department, -1);
                _qualified[o] = DepartmentOf[o] >= 0
                                && rules.QualificationsOf(officer.Department).All(q => officer.Qualifications.Contains(q, StringComparer.Ordinal));
            }
        }

        /// <summary>
        /// The plan of a draw record as read: entities, links and officer ids as the UTF-8 the record holds them in,
        /// numbered without a string made (<see cref="Utf8List"/>). The parts that need one list each are made
        /// beforehand, while the reader reads the next lists: <see cref="IndexEntities"/> (its result is
        /// <paramref name="duplicate"/>), <see cref="IndexOfficers"/>, <see cref="NumberLinks"/>. Refuses what the
        /// other constructor refuses, in the same order: the first entity that is a duplicate or names a wrong list of
        /// departments.
        /// </summary>
        internal static Plan ForRecord(AssignmentRules rules, IReadOnlyList<Officer> officers, RecordSelections entities, int duplicate,
            Utf8List officerIds, NumberedLinks conflicts, NumberedLinks previousInspectors)
        {
            var plan = new Plan(rules, officers, entities.Count, entities.Codes.Text) { OfficerIds = officerIds };
            // Entities name few distinct lists of departments: each list's set is made once, at its first entity.
            var sets = new Dictionary<ulong, int[]>();
            var setOfList = new int[]?[entities.DepartmentLists.Count];
            var all = plan.DepartmentSet("", null, sets);
            plan._entityDepartments = new int[entities.Count][];
            for (var e = 0; e < entities.Count; e++)
            {
                if (e == duplicate) throw DuplicateEntity(entities.Codes.Text(e));
                var list = entities.Departments[e];
                plan._entityDepartments[e] = list < 0 ? all : setOfList[list] ??= plan.DepartmentSet(entities.Codes.Text(e), entities.DepartmentLists[list], sets);
            }
            plan._recusals = new Recusals(entities.Count, conflicts.Entities.Length + previousInspectors.Entities.Length);
            foreach (var (links, reason) in new[] { (conflicts, Recusals.Conflict), (previousInspectors, Recusals.PreviousInspector) })
                for (var k = 0; k < links.Entities.Length; k++)
                    // Links to officers or entities not here are moot.
                    if (links.Entities[k] >= 0 && links.Officers[k] >= 0) plan._recusals.Add(links.Entities[k], links.Officers[k], reason);
            return plan;
        }

        /// <summary>Indexes a record's drawn entities by credit code; returns the first that is a duplicate, or -1.</summary>
        internal static int IndexEntities(RecordSelections entities) => entities.Codes.Index();

        /// <summary>The officers' ids as UTF-8, indexed (a duplicate is refused by the plan).</summary>
        internal static Utf8List IndexOfficers(IReadOnlyList<Officer> officers)
        {
            var ids = new Utf8List();
            foreach (var officer in officers) ids.Add(System.Text.Encoding.UTF8.GetBytes(officer.Id));
            ids.Index();
            return ids;
        }

        /// <summary>A record's links with their entities and officers numbered (-1 for a code not drawn, an id not in the pool).</summary>
        internal readonly record struct NumberedLinks(int[] Entities, int[] Officers);

        /// <summary>Numbers a record's links by the indexed entities and officers.</summary>
        internal static NumberedLinks NumberLinks(RecordLinks links, Utf8List entities, Utf8List officers)
        {
            var numbered = new NumberedLinks(new int[links.Count], new int[links.Count]);
            int entityHint = -1, officerHint = -1;
            for (var k = 0; k < links.Count; k++)
            {
                numbered.Entities[k] = entities.Find(links.Codes[k], ref entityHint);
                numbered.Officers[k] = officers.Find(links.OfficerIds[k], ref officerHint);
            }
            return numbered;
        }

        /// <summary>The officers' ids as UTF-8, indexed, numbered as the officers (a plan made by <see cref="ForRecord"/>).</summary>
        public Utf8List? OfficerIds { get; private init; }

        private static DrawException DuplicateEntity(string code) => new("duplicate-code", $"Entity {code} is listed twice.", $"市场主体 {code} 重复。");

        /// <summary>An entity's departments as indexes in the task's order: all of them when it names none. Entities share a set.</summary>
        private int[] DepartmentSet(string code, IReadOnlyList<string>? departments, Dictionary<ulong, int[]> sets)
        {
            if (departments is not null && departments.Count == 0)
                throw new DrawException("no-department", $"Entity {code} has an empty list of departments.", $"市场主体 {code} 的部门列表为空。");
            var mask = departments is null ? ulong.MaxValue >> (64 - _rules.Departments.Count) : 0UL;
            foreach (var d in departments ?? [])
                mask |= 1UL << (_departmentIndex.TryGetValue(d, out var i) ? i
                    : throw new DrawException("unknown-department", $"Entity {code} names department {d}, which is not in the task.",
                        $"市场主体 {code} 所列部门 {d} 不是本任务的实施部门。"));
            if (!sets.TryGetValue(mask, out var set))
                sets[mask] = set = Enumerable.Range(0, _rules.Departments.Count).Where(i => (mask >> i & 1) != 0).ToArray();
            return set;
        }

        /// <summary>The assignment itself (<see cref="OfficerAssignment"/>), from the seed.</summary>
        public AssignmentResult Assign(ReadOnlySpan<byte> seed)
        {
            var key = new RankKey(seed);
            var ranks = _officers.Select(o => key.OfficerRank(o.Id)).ToArray();
            // The tie-break: officers in (rank, id) order; an officer's heap key is (load << 32 | position in that order).
            var byRank = Enumerable.Range(0, _officers.Count).ToArray();
            Array.Sort(byRank, (a, b) => ranks[a] != ranks[b] ? ranks[a].CompareTo(ranks[b]) : PoolRules.CompareUtf8(_officers[a].Id, _officers[b].Id));
            var tieBreak = new long[_officers.Count];
            for (var k = 0; k < byRank.Length; k++) tieBreak[byRank[k]] = k;

            var load = new long[_officers.Count];
            var position = new int[_officers.Count];
            var heaps = _rules.Departments.Select(_ => new OfficerHeap(tieBreak, load, position)).ToArray();
            foreach (var o in byRank)
                if (Qualified(o)) heaps[DepartmentOf[o]].Push(o);
            var recused = _recusals;

            var assignments = new AssignmentList(_entityCount, _rules.OfficersPerEntity, _codeOf, _officers);
            var unassigned = new List<Unassigned>();
            var chosen = new List<int>(8);
            for (var e = 0; e < _entityCount; e++)
            {
                chosen.Clear();
                var departments = DepartmentsOf(e);
                Unassigned? failure = null;
                foreach (var d in departments)
                {
                    var o = heaps[d].Best(recused, e, chosen);
                    if (o < 0)
                    {
                        failure = NoEligibleOfficer(_codeOf(e), _rules.Departments[d], heaps[d].Count, recused.Of(e).Count(r => DepartmentOf[r] == d && Qualified(r)));
                        break;
                    }
                    chosen.Add(o);
                }
                while (failure is null && chosen.Count < _rules.OfficersPerEntity)
                {
                    var best = -1;
                    foreach (var d in departments)
                    {
                        var o = heaps[d].Best(recused, e, chosen);
                        if (o >= 0 && (best < 0 || heaps[d].Key(o) < heaps[d].Key(best))) best = o;
                    }
                    if (best < 0)
                        failure = new Unassigned(_codeOf(e), $"too-few-eligible-officers:{chosen.Count}",
                            $"可派执法人员只有 {chosen.Count} 名，少于每户 {_rules.OfficersPerEntity} 名的要求（已排除需回避和资质不符的人员）。");
                    else chosen.Add(best);
                }
                if (failure is not null)
                {
                    unassigned.Add(failure);
                    continue;
                }
                foreach (var o in chosen) heaps[DepartmentOf[o]].AddLoad(o);
                assignments.Add(e, chosen);
            }
            return new AssignmentResult(assignments, unassigned);
        }

        /// <summary>Checks assignments given as strings (the entities and officers looked up by the plan's dictionaries).</summary>
        public IReadOnlyList<string> Breaches(IEnumerable<Assignment> assignments) => BreachesOf(new NamedRows(assignments.ToList(), this));

        /// <summary>
        /// Each rule an assignment breaks, one line each (<see cref="OfficerAssignment.Breaches"/>). The rules are
        /// checked on numbers and arrays; an officer's or an entity's text is read only for a breach's message.
        /// </summary>
        public IReadOnlyList<string> BreachesOf(IAssignmentRows rows)
        {
            var breaches = new List<string>();
            var seen = new List<int>(8);
            var perEntity = _rules.OfficersPerEntity;
            for (var row = 0; row < rows.Count; row++)
            {
                var entity = rows.Entity(row);
                if (entity < 0)
                {
                    breaches.Add($"{rows.Code(row)}: assigned but not drawn");
                    continue;
                }
                var departments = DepartmentsOf(entity);
                var served = 0UL;
                seen.Clear();
                var officers = rows.Officers(row);
                for (var k = 0; k < officers.Length; k++)
                {
                    var o = officers[k];
                    if (o < 0)
                    {
                        breaches.Add($"{rows.Code(row)}: officer {rows.OfficerId(row, k)} is not in the officer pool");
                        continue;
                    }
                    if (seen.Contains(o)) breaches.Add($"{rows.Code(row)}: officer {_officers[o].Id} is assigned twice");
                    seen.Add(o);
                    var d = DepartmentOf[o];
                    if (d < 0 || Array.IndexOf(departments, d) < 0) breaches.Add($"{rows.Code(row)}: officer {_officers[o].Id} is of {_officers[o].Department}, not a department of this entity");
                    else
                    {
                        served |= 1UL << d;
                        if (!_qualified[o]) breaches.Add($"{rows.Code(row)}: officer {_officers[o].Id} lacks a qualification {_officers[o].Department} requires ({string.Join(", ", _rules.QualificationsOf(_officers[o].Department))})");
                    }
                    var recused = _recusals.Reasons(entity, o);
                    if ((recused & Recusals.Conflict) != 0) breaches.Add($"{rows.Code(row)}: officer {_officers[o].Id} is recused (declared conflict)");
                    if ((recused & Recusals.PreviousInspector) != 0) breaches.Add($"{rows.Code(row)}: officer {_officers[o].Id} is recused (inspected it in the previous check)");
                }
                foreach (var d in departments)
                    if ((served >> d & 1) == 0) breaches.Add($"{rows.Code(row)}: no officer of {_rules.Departments[d]}");
                if (officers.Length < perEntity)
                    breaches.Add($"{rows.Code(row)}: {officers.Length} officers, fewer than {perEntity}");
            }
            return breaches;
        }

        /// <summary>Assignments as strings, numbered through the plan's dictionaries.</summary>
        private sealed class NamedRows : IAssignmentRows
        {
            private readonly List<Assignment> _assignments;
            private readonly int[] _entities;
            private readonly int[][] _officers;

            public NamedRows(List<Assignment> assignments, Plan plan)
            {
                _assignments = assignments;
                _entities = assignments.Select(a => plan._entityIndex!.GetValueOrDefault(a.CreditCode, -1)).ToArray();
                _officers = assignments.Select(a => a.OfficerIds.Select(id => plan._officerIndex.GetValueOrDefault(id, -1)).ToArray()).ToArray();
            }

            public int Count => _assignments.Count;
            public int Entity(int row) => _entities[row];
            public ReadOnlySpan<int> Officers(int row) => _officers[row];
            public string Code(int row) => _assignments[row].CreditCode;
            public string OfficerId(int row, int k) => _assignments[row].OfficerIds[k];
        }

        /// <summary>Each officer's department as an index of the task's departments, -1 for none of them.</summary>
        public int[] DepartmentOf { get; }

        public bool Qualified(int officer) => _qualified[officer];

        /// <summary>The entity's departments as indexes, in the task's order.</summary>
        public int[] DepartmentsOf(int entity) => _entityDepartments[entity];

        /// <summary>
        /// The officers linked to each entity by any of the lists, as lists threaded through arrays; links to officers
        /// or entities not here are moot. Resolving a link is two look-ups in large tables, mostly waiting for memory:
        /// the links are resolved on every core, then threaded in order.
        /// </summary>
        private Recusals Links(IEnumerable<OfficerLink> first, IEnumerable<OfficerLink> second)
        {
            var lists = new[] { first, second }.Select(l => l as IReadOnlyList<OfficerLink> ?? l.ToArray()).ToArray();
            var total = lists.Sum(l => l.Count);
            var entity = new int[total];
            var officer = new int[total];
            var offsets = new[] { 0, lists[0].Count };
            const int Batch = 1 << 14;
            var batches = lists.SelectMany((l, n) => Enumerable.Range(0, (l.Count + Batch - 1) / Batch).Select(b => (List: n, From: b * Batch))).ToArray();
            var entityIndex = _entityIndex!;
            Parallel.ForEach(batches, batch =>
            {
                var list = lists[batch.List];
                for (var i = batch.From; i < Math.Min(list.Count, batch.From + Batch); i++)
                {
                    var at = offsets[batch.List] + i;
                    var link = list[i];
                    var known = entityIndex.TryGetValue(link.CreditCode, out var e) & _officerIndex.TryGetValue(link.OfficerId, out var o);
                    entity[at] = known ? e : -1;
                    officer[at] = o;
                }
            });
            var recusals = new Recusals(_entityDepartments.Length, total);
            for (var k = 0; k < total; k++)
                if (entity[k] >= 0) recusals.Add(entity[k], officer[k], k < offsets[1] ? Recusals.Conflict : Recusals.PreviousInspector);
            return recusals;
        }
    }

    /// <summary>For each entity, the officers it must not get: a linked list per entity in two arrays.</summary>
    private sealed class Recusals
    {
        private readonly int[] _head;
        private readonly int[] _officer;
        private readonly int[] _next;
        private int _count;

        public Recusals(int entities, int capacity)
        {
            _head = new int[entities];
            Array.Fill(_head, -1);
            _officer = new int[capacity];
            _next = new int[capacity];
        }

        public const int Conflict = 1, PreviousInspector = 2;

        /// <summary>Links <paramref name="officer"/> to <paramref name="entity"/> for a reason (<see cref="Conflict"/>, <see cref="PreviousInspector"/>).</summary>
        public void Add(int entity, int officer, int reason)
        {
            _officer[_count] = officer << 2 | reason;
            _next[_count] = _head[entity];
            _head[entity] = _count++;
        }

        public bool Contains(int entity, int officer)
        {
            for (var k = _head[entity]; k >= 0; k = _next[k])
                if (_officer[k] >> 2 == officer) return true;
            return false;
        }

        /// <summary>Why <paramref name="officer"/> is recused from <paramref name="entity"/>: <see cref="Conflict"/>, <see cref="PreviousInspector"/>, both, or 0.</summary>
        public int Reasons(int entity, int officer)
        {
            var reasons = 0;
            for (var k = _head[entity]; k >= 0; k = _next[k])
                if (_officer[k] >> 2 == officer) reasons |= _officer[k] & 3;
            return reasons;
        }

        public IEnumerable<int> Of(int entity)
        {
            var seen = new HashSet<int>();
            for (var k = _head[entity]; k >= 0; k = _next[k])
                if (seen.Add(_officer[k] >> 2)) yield return _officer[k] >> 2;
        }
    }

    /// <summary>
    /// A department's qualified officers in a binary min-heap on their key (load, tie-break), the keys held in the
    /// heap itself; <c>position</c> (shared by all departments' heaps: an officer is in one at most) finds an officer.
    /// </summary>
    private sealed class OfficerHeap(long[] tieBreak, long[] load, int[] position)
    {
        private long[] _keys = new long[16];
        private int[] _officers = new int[16];
        private readonly List<int> _frontier = new(8);

        public int Count { get; private set; }

        /// <summary>(load, tie-break) as one number: loads are below 2^31, positions below 2^32.</summary>
        public long Key(int officer) => load[officer] << 32 | tieBreak[officer];

        public void Push(int officer)
        {
            if (Count == _keys.Length)
            {
                Array.Resize(ref _keys, Count * 2);
                Array.Resize(ref _officers, Count * 2);
            }
            _keys[Count] = Key(officer);
            _officers[Count] = officer;
            position[officer] = Count;
            Count++;
            SiftUp(Count - 1);
        }

        /// <summary>
        /// The eligible officer with the lowest key, or -1. Mostly the root; else a best-first walk from the root,
        /// so that only the officers ahead of the answer (the recused, the already chosen) are looked at, each
        /// opening its children.
        /// </summary>
        public int Best(Recusals recused, int entity, List<int> chosen)
        {
            if (Count == 0) return -1;
            if (Eligible(_officers[0])) return _officers[0];
            _frontier.Clear();
            Open(0);
            while (_frontier.Count > 0)
            {
                var pick = 0;
                for (var k = 1; k < _frontier.Count; k++)
                    if (_keys[_frontier[k]] < _keys[_frontier[pick]]) pick = k;
                var at = _frontier[pick];
                _frontier.RemoveAt(pick);
                if (Eligible(_officers[at])) return _officers[at];
                Open(at);
            }
            return -1;

            bool Eligible(int officer) => !recused.Contains(entity, officer) && !chosen.Contains(officer);
            void Open(int at)
            {
                if (2 * at + 1 < Count) _frontier.Add(2 * at + 1);
                if (2 * at + 2 < Count) _frontier.Add(2 * at + 2);
            }
        }

        public void AddLoad(int officer)
        {
            load[officer]++;
            var at = position[officer];
            _keys[at] = Key(officer);
            SiftDown(at);
        }

        private void SiftUp(int at)
        {
            while (at > 0)
            {
                var parent = (at - 1) / 2;
                if (_keys[parent] <= _keys[at]) return;
                Swap(at, parent);
                at = parent;
            }
        }

        private void SiftDown(int at)
        {
            while (true)
            {
                int left = 2 * at + 1, right = left + 1, least = at;
                if (left < Count && _keys[left] < _keys[least]) least = left;
                if (right < Count && _keys[right] < _keys[least]) least = right;
                if (least == at) return;
                Swap(at, least);
                at = least;
            }
        }

        private void Swap(int a, int b)
        {
            (_keys[a], _keys[b]) = (_keys[b], _keys[a]);
            (_officers[a], _officers[b]) = (_officers[b], _officers[a]);
            position[_officers[a]] = a;
            position[_officers[b]] = b;
        }
    }
}
