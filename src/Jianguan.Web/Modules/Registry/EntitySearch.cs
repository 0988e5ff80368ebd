using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.Registry;

public sealed record EntityPage(IReadOnlyList<EntityDto> Items, int Total, int Page, int PageSize);

/// <summary>Search of the registry by name fragment or code and by filters, paged; the page and the API share it.</summary>
public sealed class EntitySearch(EntityEditor editor)
{
    public const int MaxPageSize = 100;

    public sealed record Query(string? Q, string? Industry, string? Division, string? Tag, string? Status, string? Page, string? PageSize);

    public async Task<(EntityPage? Result, IDictionary<string, string[]> Errors)> RunAsync(Query query, CancellationToken ct)
    {
        var input = new ApiInput();
        var page = string.IsNullOrEmpty(query.Page) ? 1 : input.Integer("page", query.Page, 1, 1_000_000);
        var pageSize = string.IsNullOrEmpty(query.PageSize) ? 20 : input.Integer("pageSize", query.PageSize, 1, MaxPageSize);
        EntityStatus? status = null;
        if (!string.IsNullOrWhiteSpace(query.Status) && (status = EntityNames.ParseStatus(query.Status)) is null)
            input.Fail("status", $"登记状态应为 存续、注销、吊销 或 迁出，收到“{query.Status}”。");
        if (!input.IsValid) return (null, input.Errors);

        var entities = editor.Entities();
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var q = query.Q.Trim();
            // Escaped: a user's % or _ is a character to find, not a wildcard.
            var fragment = "%" + q.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            var codePrefix = q.ToUpperInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            entities = entities.Where(e => EF.Functions.Like(e.Name, fragment, "\\") || EF.Functions.Like(e.CreditCode, codePrefix, "\\"));
        }
        if (!string.IsNullOrWhiteSpace(query.Industry))
        {
            var industry = query.Industry.Trim().ToUpperInvariant();
            entities = industry.Length == 1
                ? entities.Where(e => e.IndustrySection == industry)
                : entities.Where(e => e.IndustryCode.StartsWith(industry));
        }
        if (!string.IsNullOrWhiteSpace(query.Division))
        {
            var division = query.Division.Trim();
            entities = entities.Where(e => e.DivisionCode.StartsWith(division));
        }
        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            var tag = query.Tag.Trim();
            entities = entities.Where(e => e.Tags.Any(t => t.Tag == tag));
        }
        if (status is not null) entities = entities.Where(e => e.Status == status);

        var total = await entities.CountAsync(ct);
        // The page's ids first, then their tags and licences: including those in the filtered query would
        // repeat the whole filter once per included collection.
        var ids = await entities.OrderBy(e => e.Name).ThenBy(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize).Select(e => e.Id).ToListAsync(ct);
        var items = await editor.WithDetails().AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        return (new EntityPage([.. ids.Select(id => EntityDto.From(items[id]))], total, page, pageSize), input.Errors);
    }
}
