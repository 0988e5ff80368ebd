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
    /// How many entities have a name containing <paramref name="fragment"/> (already folded), counted up to
    /// <paramref name="limit"/>: on SQLite from the FTS5 table alone, on PostgreSQL from <paramref name="containing"/>.
    /// </summary>
    public static Task<int> CountAsync(AppDbContext db, string fragment, IQueryable<SupervisedEntity> containing, int limit, CancellationToken ct) =>
        db.Database.IsNpgsql()
            ? containing.Take(limit).CountAsync(ct)
            : db.Database.SqlQuery<long>($"""SELECT rowid AS "Value" FROM entity_name_grams WHERE entity_name_grams MATCH {FtsPhrase(fragment)}""").Take(limit).CountAsync(ct);

    /// <summary>
    /// The entities whose name contains <paramref name="fragment"/> (already folded), exactly, found the cheaper way.
    /// On SQLite the FTS5 phrase drives (CROSS JOIN keeps SQLite from scanning a filter's index and probing the FTS
    /// table per row instead). On PostgreSQL the GIN index on the fragment's pairs (or its one character), then
    /// strpos for three or more characters, which the pairs alone do not prove; but a GIN scan cannot stop early
    /// and reads every entry of a common pair (有限: half the names), while any other plan for it computes the
    /// pairs of every name it reads; so a fragment the planner expects in more than one name in
    /// <see cref="CommonShare"/> is checked by strpos alone on rows read in order, where a page of matches comes soon.
    /// </summary>
    public static async Task<IQueryable<SupervisedEntity>> ContainingAsync(AppDbContext db, string fragment, CancellationToken ct)
    {
        var entities = db.Set<SupervisedEntity>();
        if (!db.Database.IsNpgsql())
            return entities.FromSql($"""
                SELECT e.* FROM entity_name_grams AS g CROSS JOIN supervised_entities AS e ON e."Id" = g.rowid
                WHERE entity_name_grams MATCH {FtsPhrase(fragment)}
                """).AsNoTracking();
        var keys = Keys(fragment).ToArray();
        var (expected, all) = await EstimateAsync(db, keys, ct);
        if (expected * CommonShare > all) return entities.AsNoTracking().Where(e => e.Name.ToLower().IndexOf(fragment) >= 0);
        return keys.Length > 1
            ? entities.FromSql($"""
                SELECT * FROM supervised_entities
                WHERE jianguan_name_grams("Name") @> {keys} AND strpos(lower("Name"), {fragment}) > 0
                """).AsNoTracking()
            : entities.FromSql($"""SELECT * FROM supervised_entities WHERE jianguan_name_grams("Name") @> {keys}""").AsNoTracking();
    }

    /// <summary>
    /// One name in this many: past it, reading names in order meets a thousand matches within some 12,000 rows,
    /// sooner than a GIN scan reads the pair's entries (at 1,000,000 names, 80,000 of them).
    /// </summary>
    private const int CommonShare = 12;

    /// <summary>The planner's estimate of the names holding all <paramref name="keys"/> (from the GIN expression's statistics), and of all names.</summary>
    private static async Task<(double Expected, double All)> EstimateAsync(AppDbContext db, string[] keys, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                EXPLAIN (FORMAT JSON) SELECT 1 FROM supervised_entities WHERE jianguan_name_grams("Name") @> @keys
                UNION ALL SELECT 1 FROM supervised_entities
                """;
            var parameter = command.CreateParameter();
            (parameter.ParameterName, parameter.Value) = ("keys", keys);
            command.Parameters.Add(parameter);
            using var plan = JsonDocument.Parse((string)(await command.ExecuteScalarAsync(ct))!);
            var branches = plan.RootElement[0].GetProperty("Plan").GetProperty("Plans");
            return (branches[0].GetProperty("Plan Rows").GetDouble(), branches[1].GetProperty("Plan Rows").GetDouble());
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
