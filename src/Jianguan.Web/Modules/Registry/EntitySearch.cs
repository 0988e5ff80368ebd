using System.Buffers.Text;
using System.Linq.Expressions;
using System.Text;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.Registry;

/// <summary>
/// One page of a search. <paramref name="Total"/> is exact when <paramref name="TotalIsExact"/>, else the search
/// stopped counting there and there are more. <paramref name="Order"/> is <c>name</c> (up to
/// <see cref="EntitySearch.SortLimit"/> matches), <c>code</c> (more, of a credit-code prefix alone) or <c>entered</c>
/// (more: in the order they were entered).
/// <paramref name="Next"/> is the cursor of the following page (the <c>after</c> parameter), null on the last page.
/// </summary>
public sealed record EntityPage(IReadOnlyList<EntityDto> Items, int Total, bool TotalIsExact, string Order, int PageSize, string? Next);

/// <summary>
/// Search of the registry by name fragment or code and by filters, a page after a cursor; the page and the API
/// share it. Counting stops past <see cref="CountLimit"/> (<see cref="FragmentCountLimit"/> with a fragment): an exact
/// count of a million matches costs a scan of them all, and nobody pages through ten thousand entities.
/// Up to <see cref="SortLimit"/> matches come in name order, found through the smallest index and sorted; more come
/// in the order they were entered (by id), walking the ids and checking each row: names in order are not spread
/// evenly (金华 is in no name that starts 婺城区 or 浙江, a fifth of them), so a walk in name order may read most
/// of the table before a page of matches, while a walk by id meets them at their average rate.
/// </summary>
public sealed class EntitySearch(EntityEditor editor, AppDbContext db)
{
    public const int MaxPageSize = 100;
    public const int CountLimit = 10_000;

    /// <summary>
    /// A search with a name fragment counts only this far: its count reads the name index's candidates (or names,
    /// for a common fragment) one by one, and past a thousand the officer narrows the search rather than reads on.
    /// </summary>
    public const int FragmentCountLimit = 1_000;

    /// <summary>Up to this many matches are sorted by name; more come in the order entered.</summary>
    public const int SortLimit = 1_000;

    /// <summary>
    /// Up to this many matches, counted exactly, are also sorted by id from their index, rather than found by a walk
    /// of the ids, which reads some 21 rows per match wanted in a million (a 12-character code prefix: 1,040 matches).
    /// </summary>
    private const int IdSortLimit = 4_000;

    /// <summary>
    /// The name matches a probe reads: when fewer than one in twelve pass the filters, the bitmap AND of both indexes
    /// (bounded by the filters' entries) costs less than a walk that stops at 1,000 matches. A shorter probe, 4,000
    /// rows, sent a fragment with industry and 存续 (one in eight of its names) to the bitmap AND too, and its 95th
    /// percentile went from 49 ms to 75 ms.
    /// </summary>
    private const int ProbeRows = 12_000;

    /// <param name="Page">Numbered pages are gone (a million rows cannot be skipped through); named only to refuse it, rather than silently answer page 1.</param>
    public sealed record Query(string? Q, string? Industry, string? Division, string? Tag, string? Status, string? After, string? PageSize, string? Page = null);

    /// <summary>A position in an order: <c>name</c> (after <paramref name="Key"/>, the name, and the id), <c>entered</c> (after the id), <c>code</c> (after <paramref name="Key"/>, the code).</summary>
    private sealed record Cursor(string Order, string Key, long Id);

    public async Task<(EntityPage? Result, IDictionary<string, string[]> Errors)> RunAsync(Query query, CancellationToken ct)
    {
        var input = new ApiInput();
        var pageSize = string.IsNullOrEmpty(query.PageSize) ? 20 : input.Integer("pageSize", query.PageSize, 1, MaxPageSize);
        EntityStatus? status = null;
        if (!string.IsNullOrWhiteSpace(query.Status) && (status = EntityNames.ParseStatus(query.Status)) is null)
            input.Fail("status", $"登记状态应为 存续、注销、吊销 或 迁出，收到“{query.Status}”。");
        var after = string.IsNullOrEmpty(query.After) ? null : DecodeCursor(query.After);
        if (!string.IsNullOrEmpty(query.After) && after is null) input.Fail("after", "翻页游标无效：请使用上一页结果中的 next 值。");
        if (!string.IsNullOrEmpty(query.Page)) input.Fail("page", "不再支持按页码翻页：请把上一页结果中的 next 值作为 after 参数。");
        var q = string.IsNullOrWhiteSpace(query.Q) ? null : query.Q.Trim();
        if (q?.Length > 128) input.Fail("q", "名称片段最多 128 个字符。");
        if (!input.IsValid) return (null, input.Errors);

        // Each condition in two forms: checked on a row (on a walk, or when another condition's index drives), and
        // as the rows its own index finds (to count, and to sort few matches).
        var checks = ColumnFilters(query, status);
        var tag = string.IsNullOrWhiteSpace(query.Tag) ? null : query.Tag.Trim();
        if (tag is not null) checks.Add(e => e.Tags.Any(t => t.Tag == tag));
        var filtered = Apply(tag is null ? editor.Entities() : Tagged(tag), ColumnFilters(query, status));
        var limit = CountLimit;
        var counted = CountLimit; // total is exact up to this
        int? total = null;
        var codeOnly = false;
        IQueryable<SupervisedEntity> matches;
        if (q is not null)
        {
            limit = counted = FragmentCountLimit;
            var fragment = EntityNameIndex.Fold(q);
            // A code is 18 letters and digits; text of any other kind cannot be the start of one.
            var code = q.Length <= 18 && q.All(char.IsAsciiLetterOrDigit) ? q.ToUpperInvariant() : "";
            var codeEnd = Successor(code);
            Expression<Func<SupervisedEntity, bool>> coded = e => e.CreditCode.CompareTo(code) >= 0 && e.CreditCode.CompareTo(codeEnd) < 0;
            var named = await EntityNameIndex.ContainingAsync(db, fragment, ct);
            var nameCount = await EntityNameIndex.CountAsync(db, named, limit + 1, ct);
            // Codes are counted further (from their index alone, cheaply), to sort a few thousand by id rather than walk.
            var codeCount = code.Length == 0 ? 0 : await editor.Entities().Where(coded).Take(CountLimit + 1).CountAsync(ct);
            var (check, found) = (nameCount > 0, codeCount > 0) switch
            {
                (true, true) => ((Expression<Func<SupervisedEntity, bool>>)(e => e.Name.ToLower().IndexOf(fragment) >= 0 || e.CreditCode.CompareTo(code) >= 0 && e.CreditCode.CompareTo(codeEnd) < 0), null),
                (false, true) => (coded, editor.Entities().Where(coded)),
                _ => (e => e.Name.ToLower().IndexOf(fragment) >= 0, named.Entities),
            };
            found ??= editor.Entities().Where(check);
            if (checks.Count == 0)
            {
                matches = found;
                total = nameCount == 0 ? codeCount : codeCount == 0 ? nameCount : null;
                if (nameCount == 0) (counted, codeOnly) = (CountLimit, codeCount > 0);
            }
            else
            {
                // The smaller side drives and the other is checked on its rows; when both pass the limit, the name
                // index, whose rows come in id order, meets the filters' common values soon enough.
                var filterCount = await filtered.Take(limit + 1).CountAsync(ct);
                matches = nameCount + codeCount <= filterCount ? Apply(found, checks) : filtered.Where(check);
                // On PostgreSQL the name's rows drive and the filters are checked on them, which stops early when many
                // pass; when few do, it checks every one of a common fragment's rows (科技 with a rare status: 150 ms).
                // How many of its first rows pass tells which: enough gives the count; too few, and the planner may AND
                // the name's index with the filters' instead.
                if (named.CanMerge && codeCount == 0 && nameCount > limit && filterCount > limit)
                {
                    var passed = await Apply(found.Take(ProbeRows), checks).Take(limit + 1).CountAsync(ct);
                    if (passed > limit) total = passed;
                    else matches = Apply(named.Merged, checks);
                }
            }
            checks.Insert(0, check);
        }
        else
        {
            matches = filtered;
            if (tag is not null && checks.Count == 1) total = await db.Set<EntityTag>().Where(t => t.Tag == tag).Take(limit + 1).CountAsync(ct);
        }
        total ??= await matches.Take(limit + 1).CountAsync(ct);

        // A cursor keeps its order, so that a page after it neither repeats nor skips when the count has changed.
        // Many matches of a code prefix alone come in code order, which their index gives: codes may follow the order
        // entered (a registry imported sorted by code), so a walk by id could read every code before the prefix's.
        var order = after?.Order ?? (total <= SortLimit ? "name" : codeOnly ? "code" : "entered");
        IQueryable<SupervisedEntity> ordered;
        if (order == "name" && total <= SortLimit)
            // The inner LIMIT keeps each database from walking the name index instead of sorting the few matches.
            ordered = After(matches, after).Take(SortLimit + 1).OrderBy(e => e.Name).ThenBy(e => e.Id);
        else if (order == "name")
            ordered = Apply(After(editor.Entities(), after).OrderBy(e => e.Name).ThenBy(e => e.Id).Take(int.MaxValue), checks);
        else if (order == "code")
        {
            var afterCode = after?.Key ?? "";
            ordered = matches.Where(e => e.CreditCode.CompareTo(afterCode) > 0).OrderBy(e => e.CreditCode);
        }
        else if (total <= Math.Min(counted, IdSortLimit))
            ordered = (after is null ? matches : matches.Where(e => e.Id > after.Id)).Take(IdSortLimit + 1).OrderBy(e => e.Id);
        else
        {
            var start = after is null ? editor.Entities() : editor.Entities().Where(e => e.Id > after.Id);
            ordered = Apply(start.OrderBy(e => e.Id).Take(int.MaxValue), checks).OrderBy(e => e.Id);
        }
        var page = await ordered.Select(e => new { e.Id, e.Name, e.CreditCode }).Take(pageSize + 1).ToListAsync(ct);
        var last = page.Count > pageSize ? page[pageSize - 1] : null;
        var next = last is null ? null : EncodeCursor(new Cursor(order, order == "code" ? last.CreditCode : last.Name, last.Id));
        var ids = page.Take(pageSize).Select(e => e.Id).ToList();
        // The page's ids first, then their tags and licences: including those in the filtered query would
        // repeat the whole filter once per included collection.
        var items = await editor.WithDetails().AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        return (new EntityPage([.. ids.Select(id => EntityDto.From(items[id]))], Math.Min(total.Value, limit), total <= limit,
            order, pageSize, next), input.Errors);
    }

    /// <summary>The entities carrying <paramref name="tag"/>, found from entity_tags' index (CROSS JOIN: see <see cref="EntityNameIndex.ContainingAsync"/>).</summary>
    private IQueryable<SupervisedEntity> Tagged(string tag) => db.Database.IsNpgsql()
        ? editor.Entities().Where(e => db.Set<EntityTag>().Where(t => t.Tag == tag).Select(t => t.EntityId).Contains(e.Id))
        : db.Set<SupervisedEntity>().FromSql($"""
            SELECT e.* FROM entity_tags AS t CROSS JOIN supervised_entities AS e ON e."Id" = t."EntityId" WHERE t."Tag" = {tag}
            """).AsNoTracking();

    private static IQueryable<SupervisedEntity> After(IQueryable<SupervisedEntity> source, Cursor? after)
    {
        if (after is null) return source;
        var name = after.Key;
        return source.Where(e => e.Name.CompareTo(name) > 0 || e.Name == name && e.Id > after.Id);
    }

    /// <summary>
    /// Industry, division and status, each an index range: a code prefix as the range [prefix, successor), which both
    /// databases compare byte by byte (SQLite's BINARY, PostgreSQL's C locale) and SQLite, unlike its LIKE, looks up.
    /// </summary>
    private static List<Expression<Func<SupervisedEntity, bool>>> ColumnFilters(Query query, EntityStatus? status)
    {
        var filters = new List<Expression<Func<SupervisedEntity, bool>>>();
        if (!string.IsNullOrWhiteSpace(query.Industry))
        {
            var industry = query.Industry.Trim().ToUpperInvariant();
            var end = Successor(industry);
            filters.Add(industry.Length == 1 ? e => e.IndustrySection == industry
                : industry.All(char.IsAscii) ? e => e.IndustryCode.CompareTo(industry) >= 0 && e.IndustryCode.CompareTo(end) < 0
                : e => e.IndustryCode.StartsWith(industry));
        }
        if (!string.IsNullOrWhiteSpace(query.Division))
        {
            var division = query.Division.Trim();
            var end = Successor(division);
            filters.Add(division.All(char.IsAscii) ? e => e.DivisionCode.CompareTo(division) >= 0 && e.DivisionCode.CompareTo(end) < 0
                : e => e.DivisionCode.StartsWith(division));
        }
        if (status is not null) filters.Add(e => e.Status == status);
        return filters;
    }

    /// <summary>The least string after every string starting with <paramref name="prefix"/> (an ASCII one: no carry past 0x7F).</summary>
    private static string Successor(string prefix) => prefix.Length == 0 ? "" : prefix[..^1] + (char)(prefix[^1] + 1);

    private static IQueryable<SupervisedEntity> Apply(IQueryable<SupervisedEntity> source, IEnumerable<Expression<Func<SupervisedEntity, bool>>> filters) =>
        filters.Aggregate(source, (s, f) => s.Where(f));

    /// <summary>"id:name" in name order, "id" in the order entered, "c:code" in code order.</summary>
    private static string EncodeCursor(Cursor c) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(c.Order switch
    {
        "name" => $"{c.Id}:{c.Key}",
        "code" => $"c:{c.Key}",
        _ => $"{c.Id}",
    }));

    private static Cursor? DecodeCursor(string text)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
            if (decoded.StartsWith("c:", StringComparison.Ordinal)) return new Cursor("code", decoded[2..], 0);
            var colon = decoded.IndexOf(':');
            if (colon < 0) return long.TryParse(decoded, out var entered) ? new Cursor("entered", "", entered) : null;
            return colon > 0 && long.TryParse(decoded.AsSpan(0, colon), out var id) ? new Cursor("name", decoded[(colon + 1)..], id) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
