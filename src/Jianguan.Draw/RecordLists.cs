namespace Jianguan.Draw;

/// <summary>
/// The record's <c>selected</c> as read: credit codes as UTF-8 (<see cref="Utf8List"/>), strata and departments as
/// shared strings (a record has few of them). A <see cref="RecordSelection"/> is made only when one is asked for:
/// the verifier compares the rows as they are and names an entity only in a message.
/// </summary>
internal sealed class RecordSelections : IReadOnlyList<RecordSelection>
{
    public readonly Utf8List Codes = new();
    public readonly List<string> Strata = [];
    public readonly List<ulong?> Ranks = [];

    /// <summary>Each row's departments as a number in <see cref="DepartmentLists"/>; -1 when absent (all the task's).</summary>
    public readonly List<int> Departments = [];

    /// <summary>The distinct lists of departments, each once.</summary>
    public readonly List<IReadOnlyList<string>> DepartmentLists = [];

    public int Count => Codes.Count;

    public RecordSelection this[int i] => new(Codes.Text(i), Strata[i], Ranks[i], DepartmentsOf(i));

    public IReadOnlyList<string>? DepartmentsOf(int i) => Departments[i] < 0 ? null : DepartmentLists[Departments[i]];

    /// <param name="departments">The row's departments (strings shared by the reader's pool, compared by reference first); copied.</param>
    public void Add(ReadOnlySpan<byte> code, string stratum, ulong? rank, List<string>? departments)
    {
        Codes.Add(code);
        Strata.Add(stratum);
        Ranks.Add(rank);
        Departments.Add(departments is null ? -1 : ListNumber(departments));
    }

    private int ListNumber(List<string> departments)
    {
        for (var k = DepartmentLists.Count - 1; k >= 0; k--)
            if (DepartmentLists[k].SequenceEqual(departments, StringComparer.Ordinal)) return k;
        DepartmentLists.Add(departments.ToArray());
        return DepartmentLists.Count - 1;
    }

    public IEnumerator<RecordSelection> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>The record's <c>conflicts</c> or <c>previousInspectors</c> as read: credit codes and officer ids as UTF-8.</summary>
internal sealed class RecordLinks : IReadOnlyList<OfficerLink>
{
    public readonly Utf8List Codes = new();
    public readonly Utf8List OfficerIds = new();

    public int Count => Codes.Count;

    public OfficerLink this[int i] => new(Codes.Text(i), OfficerIds.Text(i));

    public IEnumerator<OfficerLink> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// The record's <c>assignments</c> as read: credit codes and officer ids as UTF-8, each row's officers end to end.
/// <see cref="Resolve"/> numbers them as a <see cref="OfficerAssignment.Plan"/> does, for the checks.
/// </summary>
internal sealed class RecordAssignments : IReadOnlyList<Assignment>, OfficerAssignment.IAssignmentRows
{
    public readonly Utf8List Codes = new();
    public readonly Utf8List OfficerIds = new();

    /// <summary>Where each row's officers end in <see cref="OfficerIds"/>.</summary>
    public readonly List<int> Ends = [];

    private int[]? _entities;
    private int[]? _officers;

    public int Count => Codes.Count;

    private int Start(int row) => row == 0 ? 0 : Ends[row - 1];

    public Assignment this[int row] => new(Codes.Text(row), Enumerable.Range(Start(row), Ends[row] - Start(row)).Select(OfficerIds.Text).ToArray());

    /// <summary>Numbers each row's entity among <paramref name="entities"/> and its officers among <paramref name="officers"/> (-1 for none).</summary>
    public void Resolve(Utf8List entities, Utf8List officers)
    {
        var entityNumbers = new int[Count];
        var officerNumbers = new int[OfficerIds.Count];
        int entityHint = -1, officerHint = -1;
        for (var row = 0; row < Count; row++) entityNumbers[row] = entities.Find(Codes[row], ref entityHint);
        for (var k = 0; k < officerNumbers.Length; k++) officerNumbers[k] = officers.Find(OfficerIds[k], ref officerHint);
        _entities = entityNumbers;
        _officers = officerNumbers;
    }

    public int Entity(int row) => _entities![row];

    public ReadOnlySpan<int> Officers(int row) => _officers.AsSpan(Start(row), Ends[row] - Start(row));

    public string Code(int row) => Codes.Text(row);

    public string OfficerId(int row, int k) => OfficerIds.Text(Start(row) + k);

    public IEnumerator<Assignment> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
