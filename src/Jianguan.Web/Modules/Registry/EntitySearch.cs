using System.Buffers.Text;
using System.Linq.Expressions;
using System.Text;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.Registry;

/// <summary>
/// One page of a search. <paramref name="Total"/> is exact when <paramref name="TotalIsExact"/>, else the search
/// stopped counting at <see cref="EntitySearch.CountLimit"/> and there are more. <paramref name="Next"/> is the
/// cursor of the following page (the <c>after</c> parameter), null on the last page.
/// </summary>
public sealed record EntityPage(IReadOnlyList<EntityDto> Items, int Total, bool TotalIsExact, int PageSize, string? Next);

/// <summary>
/// Search of the registry by name fragment or code and by filters, in name order, a page after a cursor;
/// the page and the API share it. Counting stops past <see cref="CountLimit"/>: an exact count of a
/// million matches costs a scan of them all, and nobody pages through ten thousand entities.
/// </summary>
public sealed class EntitySearch(EntityEditor editor, AppDbContext db)
{
    public const int MaxPageSize = 100;
    public const int CountLimit = 10_000;

    /// <summary>Up to this many matches are found through the name index and sorted; beyond, a walk in name order is cheaper.</summary>
    private const int SortLimit = 2_000;

    public sealed record Query(string? Q, string? Industry, string? Division, string? Tag, string? Status, string? After, string? PageSize);

    private sealed record Cursor(string Name, long Id);

    public async Task<(EntityPage? Result, IDictionary<string, string[]> Errors)> RunAsync(Query query, CancellationToken ct)
    {
        var input = new ApiInput();
        var pageSize = string.IsNullOrEmpty(query.PageSize) ? 20 : input.Integer("pageSize", query.PageSize, 1, MaxPageSize);
        EntityStatus? status = null;
        if (!string.IsNullOrWhiteSpace(query.Status) && (status = EntityNames.ParseStatus(query.Status)) is null)
            input.Fail("status", $"登记状态应为 存续、注销、吊销 或 迁出，收到“{query.Status}”。");
        var after = string.IsNullOrEmpty(query.After) ? null : DecodeCursor(query.After);
        if (!string.IsNullOrEmpty(query.After) && after is null) input.Fail("after", "翻页游标无效：请使用上一页结果中的 next 值。");
        var q = string.IsNullOrWhiteSpace(query.Q) ? null : query.Q.Trim();
        if (q?.Length > 128) input.Fail("q", "名称片段最多 128 个字符。");
        if (!input.IsValid) return (null, input.Errors);

        var filters = Filters(query, status);
        int? total = null;
        if (q is not null)
        {
            var fragment = EntityNameIndex.Fold(q);
            var nameIds = EntityNameIndex.Containing(db, fragment);
            // A code is 18 letters and digits; text of any other kind cannot be the start of one.
            var code = q.Length <= 18 && q.All(char.IsAsciiLetterOrDigit) ? q.ToUpperInvariant() : "";
            var codeEnd = code + "~"; // after every code character
            var named = await nameIds.Take(CountLimit + 1).CountAsync(ct);
            var coded = code.Length == 0 ? 0 : await editor.Entities().Where(e => e.CreditCode.CompareTo(code) >= 0 && e.CreditCode.CompareTo(codeEnd) < 0).Take(CountLimit + 1).CountAsync(ct);
            // Few names match: the index lists them. Many match: a walk in name order meets a page of them soon,
            // and checking a name costs less than reading the index's long list.
            var fewNames = named + coded <= SortLimit;
            filters.Insert(0, (fewNames, code.Length > 0) switch
            {
                (true, false) => e => nameIds.Contains(e.Id),
                (true, true) => e => nameIds.Contains(e.Id) || e.CreditCode.CompareTo(code) >= 0 && e.CreditCode.CompareTo(codeEnd) < 0,
                (false, false) => e => e.Name.ToLower().Contains(fragment),
                (false, true) => e => e.Name.ToLower().Contains(fragment) || e.CreditCode.CompareTo(code) >= 0 && e.CreditCode.CompareTo(codeEnd) < 0,
            });
            if (filters.Count == 1 && code.Length == 0) total = named; // the index counts exactly
        }
        total ??= await Apply(editor.Entities(), filters).Take(CountLimit + 1).CountAsync(ct);

        var start = editor.Entities();
        if (after is not null)
            start = start.Where(e => e.Name.CompareTo(after.Name) > 0 || e.Name == after.Name && e.Id > after.Id);
        // Either sort the (at most SortLimit) matches, or walk the names in order and keep the matches: the inner
        // LIMIT keeps each database from mixing the two, which it otherwise does badly for one or the other.
        var ordered = total <= SortLimit
            ? Apply(start, filters).Take(SortLimit + 1).OrderBy(e => e.Name).ThenBy(e => e.Id)
            : Apply(start.OrderBy(e => e.Name).ThenBy(e => e.Id).Take(int.MaxValue), filters);
        var page = await ordered.Select(e => new { e.Id, e.Name }).Take(pageSize + 1).ToListAsync(ct);
        var next = page.Count > pageSize ? EncodeCursor(new Cursor(page[pageSize - 1].Name, page[pageSize - 1].Id)) : null;
        var ids = page.Take(pageSize).Select(e => e.Id).ToList();
        // The page's ids first, then their tags and licences: including those in the filtered query would
        // repeat the whole filter once per included collection.
        var items = await editor.WithDetails().AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        return (new EntityPage([.. ids.Select(id => EntityDto.From(items[id]))], Math.Min(total.Value, CountLimit), total <= CountLimit, pageSize, next), input.Errors);
    }

    private List<Expression<Func<SupervisedEntity, bool>>> Filters(Query query, EntityStatus? status)
    {
        var filters = new List<Expression<Func<SupervisedEntity, bool>>>();
        if (!string.IsNullOrWhiteSpace(query.Industry))
        {
            var industry = query.Industry.Trim().ToUpperInvariant();
            filters.Add(industry.Length == 1 ? e => e.IndustrySection == industry : e => e.IndustryCode.StartsWith(industry));
        }
        if (!string.IsNullOrWhiteSpace(query.Division))
        {
            var division = query.Division.Trim();
            filters.Add(e => e.DivisionCode.StartsWith(division));
        }
        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            var tag = query.Tag.Trim();
            filters.Add(e => e.Tags.Any(t => t.Tag == tag));
        }
        if (status is not null) filters.Add(e => e.Status == status);
        return filters;
    }

    private static IQueryable<SupervisedEntity> Apply(IQueryable<SupervisedEntity> source, IEnumerable<Expression<Func<SupervisedEntity, bool>>> filters) =>
        filters.Aggregate(source, (s, f) => s.Where(f));

    private static string EncodeCursor(Cursor c) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{c.Id}:{c.Name}"));

    private static Cursor? DecodeCursor(string text)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
            var colon = decoded.IndexOf(':');
            return colon > 0 && long.TryParse(decoded.AsSpan(0, colon), out var id) ? new Cursor(decoded[(colon + 1)..], id) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
