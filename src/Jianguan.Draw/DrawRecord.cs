namespace Jianguan.Draw;

/// <summary>The task a draw is for: its id and name, what its strata are made of, its quota and assignment rules.</summary>
/// <param name="StrataDefinition">What a stratum key is made of, for readers of the record (e.g. "riskClass|industrySection|division").</param>
public sealed record DrawTask(string Id, string Name, string StrataDefinition, QuotaRules Quotas, AssignmentRules Assignment);

/// <summary>
/// An entity drawn as the record lists it, with the departments whose items apply to it (null: all of the task's).
/// <see cref="Rank"/> is null when the record's rank is not 16 hex digits.
/// </summary>
public sealed record RecordSelection(string CreditCode, string Stratum, ulong? Rank, IReadOnlyList<string>? Departments)
{
    public string RankText => Rank is { } r ? RankKey.Format(r) : "(not 16 hex digits)";
}

/// <summary>
/// Everything a published draw record holds but the pool (which <see cref="DrawRecordWriter"/> streams from the
/// frozen pool and <see cref="DrawRecordReader"/> streams into a <see cref="DrawBuilder"/>). docs/draw-record.md
/// and docs/schemas/draw-record.schema.json describe the JSON.
/// </summary>
public sealed class DrawRecord
{
    public string Version { get; set; } = DrawHashes.Version;
    public string TaskId { get; set; } = "";
    public string TaskName { get; set; } = "";
    public string? DrawnAt { get; set; }
    public IReadOnlyList<string> Departments { get; set; } = [];
    public string StrataDefinition { get; set; } = "";
    public IReadOnlyDictionary<string, int> Ratios { get; set; } = new Dictionary<string, int>();
    public IReadOnlyDictionary<string, int> ExplicitQuotas { get; set; } = new Dictionary<string, int>();
    public int OfficersPerEntity { get; set; } = AssignmentRules.MinimumOfficers;
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Qualifications { get; set; } = new Dictionary<string, IReadOnlyList<string>>();
    public string Commitment { get; set; } = "";
    public string Secret { get; set; } = "";
    public string Entropy { get; set; } = "";
    public string PoolDigest { get; set; } = "";
    public string Seed { get; set; } = "";
    public long? PoolSize { get; set; }
    public IReadOnlyList<StratumQuota> Strata { get; set; } = [];
    public IReadOnlyList<RecordSelection> Selected { get; set; } = [];
    public IReadOnlyList<Officer> Officers { get; set; } = [];
    public IReadOnlyList<OfficerLink> Conflicts { get; set; } = [];
    public IReadOnlyList<OfficerLink> PreviousInspectors { get; set; } = [];
    public IReadOnlyList<Assignment> Assignments { get; set; } = [];
    public IReadOnlyList<Unassigned> Unassigned { get; set; } = [];

    public QuotaRules QuotaRules => new(Ratios, ExplicitQuotas);

    public AssignmentRules AssignmentRules => new(Departments, Qualifications, OfficersPerEntity);

    public IReadOnlyList<EntityToAssign> EntitiesToAssign => Selected.Select(s => new EntityToAssign(s.CreditCode, s.Departments)).ToArray();

    /// <summary>
    /// The record of a draw: the task, the draw's result, what the assignment used and gave.
    /// <paramref name="departmentsOf"/> names the departments whose items apply to an entity of a joint task
    /// (null for all the task's departments); only the conflicts and previous inspectors of drawn entities are kept.
    /// </summary>
    public static DrawRecord Create(DrawTask task, DrawResult draw, IReadOnlyList<Officer> officers, IEnumerable<OfficerLink> conflicts,
        IEnumerable<OfficerLink> previousInspectors, AssignmentResult assignment, Func<SelectedEntry, IReadOnlyList<string>?>? departmentsOf = null,
        DateTimeOffset? drawnAt = null)
    {
        var selected = draw.Selected.Select(s => new RecordSelection(s.CreditCode, s.Stratum, s.Rank, departmentsOf?.Invoke(s))).ToArray();
        var drawn = selected.Select(s => s.CreditCode).ToHashSet(StringComparer.Ordinal);
        return new DrawRecord
        {
            TaskId = task.Id,
            TaskName = task.Name,
            DrawnAt = drawnAt?.ToString("yyyy-MM-dd'T'HH:mm:ssK"),
            Departments = task.Assignment.Departments,
            StrataDefinition = task.StrataDefinition,
            Ratios = task.Quotas.RatioBasisPoints,
            ExplicitQuotas = task.Quotas.ExplicitQuotas,
            OfficersPerEntity = task.Assignment.OfficersPerEntity,
            Qualifications = task.Assignment.RequiredQualifications,
            Commitment = draw.Commitment,
            Secret = draw.Secret,
            Entropy = draw.Entropy,
            PoolDigest = draw.PoolDigestHex,
            Seed = draw.SeedHex,
            PoolSize = draw.Pool.Count,
            Strata = draw.Strata,
            Selected = selected,
            Officers = officers,
            Conflicts = conflicts.Where(c => drawn.Contains(c.CreditCode)).Distinct().ToArray(),
            PreviousInspectors = previousInspectors.Where(c => drawn.Contains(c.CreditCode)).Distinct().ToArray(),
            Assignments = assignment.Assignments,
            Unassigned = assignment.Unassigned,
        };
    }
}
