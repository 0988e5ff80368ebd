using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.Registry;

/// <summary>
/// The index of entity names by their single characters and character pairs, kept by the database itself
/// (migration AddNameSearch), so every writer, EF or raw bulk insert, keeps it current:
/// on SQLite a contentless FTS5 table filled by triggers, each name as the hex of its pairs in order then of
/// its characters; on PostgreSQL a GIN index on <c>jianguan_name_grams("Name")</c>, the array of both.
/// pg_trgm does not serve: under the C locale it drops Chinese characters, and it cannot serve two of them.
/// Names are folded to lower case for ASCII letters only, as SQLite's and PostgreSQL's (C locale) lower() do.
/// </summary>
public static class EntityNameIndex
{
    /// <summary>ASCII letters to lower case, nothing else: the same fold as lower() in both databases.</summary>
    public static string Fold(string text) =>
        string.Create(text.Length, text, (span, s) =>
        {
            for (var i = 0; i < s.Length; i++) span[i] = char.IsAsciiLetterUpper(s[i]) ? (char)(s[i] + 32) : s[i];
        });

    /// <summary>
    /// How many entities have a name containing the fragment, counted up to <paramref name="limit"/>: on SQLite from the
    /// FTS5 table alone; on PostgreSQL from the matches, unless the planner expects the fragment's rarest pair in
    /// <see cref="SureExcess"/> times more names than the limit. Such a pair is among the index's most common elements,
    /// whose estimate is close, so the count is surely past the limit, and counting would build the GIN bitmap of tens of
    /// thousands of entries (17 ms for 66,000) that the search builds again for its page or its count with filters.
    /// </summary>
    public static Task<int> CountAsync(AppDbContext db, NameMatches named, int limit, CancellationToken ct) =>
        db.Database.IsNpgsql()
            ? named.Estimate >= SureExcess * limit ? Task.FromResult(limit) : named.Entities.Take(limit).CountAsync(ct)
            : db.Database.SqlQuery<long>($"""SELECT rowid AS "Value" FROM entity_name_grams WHERE entity_name_grams MATCH {FtsPhrase(named.Fragment)}""").Take(limit).CountAsync(ct);

    private const int SureExcess = 5;

    /// <summary>
    /// The entities whose name contains <see cref="Fragment"/>, and on PostgreSQL the planner's estimate of the names
    /// holding its rarest pair. <see cref="Entities"/> keeps conditions added around it outside (checked on its rows,
    /// stopping early); <see cref="Merged"/> lets the planner combine them with the index (a bitmap AND), which is
    /// better when few of its rows meet them.
    /// </summary>
    public sealed record NameMatches(IQueryable<SupervisedEntity> Entities, IQueryable<SupervisedEntity> Merged, string Fragment, double? Estimate)
    {
        /// <summary>A query that has nothing to keep apart.</summary>
        public NameMatches(IQueryable<SupervisedEntity> entities, string fragment, double? estimate = null) : this(entities, entities, fragment, estimate) { }

        /// <summary>Whether <see cref="Merged"/> is a different plan at all (not on SQLite, nor for a fragment checked on rows read in order).</summary>
        public bool CanMerge => !ReferenceEquals(Entities, Merged);
    }

    /// <summary>
    /// The entities whose name contains <paramref name="fragment"/> (already folded), exactly, found the cheaper way.
    /// On SQLite the FTS5 phrase drives (CROSS JOIN keeps SQLite from scanning a filter's index and probing the FTS
    /// table per row instead). On PostgreSQL the GIN index on the fragment's rarest pair (or its one character), then
    /// strpos for three or more characters, which one pair does not prove; but a GIN scan cannot stop early
    /// and reads every entry of a common pair (有限: half the names), while any other plan for it computes the
    /// pairs of every name it reads; so a fragment whose rarest pair the planner expects in more than one name in
    /// <see cref="CommonShare"/> is checked by strpos alone on rows read in order, where a page of matches comes soon.
    /// </summary>
    public static async Task<NameMatches> ContainingAsync(AppDbContext db, string fragment, CancellationToken ct)
    {
        var entities = db.Set<SupervisedEntity>();
        if (!db.Database.IsNpgsql())
            return new(entities.FromSql($"""
                SELECT e.* FROM entity_name_grams AS g CROSS JOIN supervised_entities AS e ON e."Id" = g.rowid
                WHERE entity_name_grams MATCH {FtsPhrase(fragment)}
                """).AsNoTracking(), fragment);
        // The rarest of the fragment's pairs finds it: a GIN scan reads every entry of each key it is given, and a
        // common pair (金华, in most names) costs more to read than it removes. strpos proves the whole fragment.
        var keys = Keys(fragment).ToArray();
        var (expected, all) = await EstimateAsync(db, keys, ct);
        var estimate = expected.Min();
        var rarest = keys[Array.IndexOf(expected, estimate)];
        if (estimate * CommonShare > all) return new(entities.AsNoTracking().Where(e => e.Name.ToLower().IndexOf(fragment) >= 0), fragment, estimate);
        // Parameters, not text: {0} and {1} become the key and the fragment.
        var (condition, arguments) = keys.Length > 1
            ? ("""jianguan_name_grams("Name") @> {0} AND strpos(lower("Name"), {1}) > 0""", new object[] { new[] { rarest }, fragment })
            : ("""jianguan_name_grams("Name") @> {0}""", [new[] { rarest }]);
        IQueryable<SupervisedEntity> Query(string tail) => entities.FromSql(
            FormattableStringFactory.Create("SELECT * FROM supervised_entities WHERE " + condition + tail, arguments)).AsNoTracking();
        // OFFSET 0 keeps PostgreSQL from merging this query into the one around it: conditions added around it (the
        // filters, when the name drives) are then checked on its rows, and a count or page stops once it has enough,
        // rather than ANDing the GIN bitmap with a filter's index bitmap, which reads all of the filter's entries.
        return new(Query(" OFFSET 0"), Query(""), fragment, estimate);
    }

    /// <summary>
    /// One name in this many: past it, reading names in order meets a thousand matches within some 12,000 rows,
    /// sooner than a GIN scan reads the pair's entries (at 1,000,000 names, 80,000 of them).
    /// </summary>
    private const int CommonShare = 12;

    /// <summary>
    /// The planner's estimate of the names holding each of <paramref name="keys"/> (from the GIN expression's element
    /// statistics), and of all names: one EXPLAIN a key and one for the table, sent together. Separate statements,
    /// since the top node of each plan then holds its whole estimate (a UNION ALL may be planned in parallel, and a
    /// parallel branch's estimate is a worker's share).
    /// </summary>
    private static async Task<(double[] Expected, double All)> EstimateAsync(AppDbContext db, string[] keys, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            var statements = new StringBuilder();
            for (var i = 0; i < keys.Length; i++)
            {
                // Parameters, not text: the keys come from the user's fragment.
                statements.Append($"""EXPLAIN (FORMAT JSON) SELECT 1 FROM supervised_entities WHERE jianguan_name_grams("Name") @> ARRAY[@k{i}]::text[];""");
                var parameter = command.CreateParameter();
                (parameter.ParameterName, parameter.Value) = ($"k{i}", keys[i]);
                command.Parameters.Add(parameter);
            }
            command.CommandText = statements.Append("EXPLAIN (FORMAT JSON) SELECT 1 FROM supervised_entities").ToString();
            var rows = new List<double>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            do
            {
                await reader.ReadAsync(ct);
                using var plan = JsonDocument.Parse(reader.GetString(0));
                rows.Add(plan.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble());
            } while (await reader.NextResultAsync(ct));
            return ([.. rows[..^1]], rows[^1]);
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A fragment's index keys: its consecutive pairs, or its one character.</summary>
    private static IEnumerable<string> Keys(string fragment)
    {
        var runes = fragment.EnumerateRunes().Select(r => r.ToString()).ToList();
        return runes.Count == 1 ? runes : runes.Zip(runes.Skip(1), (a, b) => a + b);
    }

    /// <summary>
    /// The name function the SQLite triggers call (<c>jianguan_name_grams</c>), registered on every
    /// connection the platform opens (<see cref="SqliteFunctions"/>). In SQL the same list costs 27 µs a row;
    /// here about one. A connection without it (the sqlite3 shell) cannot write names, rather than index them wrong.
    /// </summary>
    public static void RegisterSqliteFunction(Microsoft.Data.Sqlite.SqliteConnection connection) =>
        connection.CreateFunction<string?, string?>(SqliteGramsFunction, Grams, isDeterministic: true);

    public const string SqliteGramsFunction = "jianguan_name_grams";

    /// <summary>The FTS5 document of a name: the hex of its folded character pairs in order, then of its characters.</summary>
    public static string? Grams(string? name)
    {
        if (name is null) return null;
        var runes = Fold(name).EnumerateRunes().Select(r => Convert.ToHexString(Encoding.UTF8.GetBytes(r.ToString()))).ToList();
        var text = new StringBuilder(runes.Count * 20);
        for (var i = 0; i + 1 < runes.Count; i++) text.Append(runes[i]).Append(runes[i + 1]).Append(' ');
        return text.AppendJoin(' ', runes).ToString();
    }

    /// <summary>The FTS5 query for a fragment: its one character, or the phrase of its consecutive pairs, as hex tokens.</summary>
    public static string FtsPhrase(string fragment)
        => "\"" + string.Join(' ', Keys(fragment).Select(t => Convert.ToHexString(Encoding.UTF8.GetBytes(t)))) + "\"";
}
