using System.Text;
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
    /// The ids of the entities whose name contains <paramref name="fragment"/> (already folded), exactly:
    /// on SQLite a phrase of consecutive pairs (or one character), on PostgreSQL the gram containment checked by strpos.
    /// </summary>
    public static IQueryable<long> Containing(AppDbContext db, string fragment) => db.Database.IsNpgsql()
        ? db.Database.SqlQuery<long>($"""
            SELECT "Id" AS "Value" FROM supervised_entities
            WHERE jianguan_name_grams("Name") @> jianguan_name_grams({fragment}) AND strpos(lower("Name"), {fragment}) > 0
            """)
        : db.Database.SqlQuery<long>($"""SELECT rowid AS "Value" FROM entity_name_grams WHERE entity_name_grams MATCH {FtsPhrase(fragment)}""");

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
    {
        var runes = fragment.EnumerateRunes().Select(r => r.ToString()).ToList();
        var tokens = runes.Count == 1 ? runes : runes.Zip(runes.Skip(1), (a, b) => a + b);
        return "\"" + string.Join(' ', tokens.Select(t => Convert.ToHexString(Encoding.UTF8.GetBytes(t)))) + "\"";
    }
}
