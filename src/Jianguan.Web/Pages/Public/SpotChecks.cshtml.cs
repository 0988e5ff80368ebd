using Jianguan.Web.Modules.Catalog;
using Jianguan.Web.Modules.SpotChecks;
using Jianguan.Web.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Pages.Public;

/// <summary>一公开: each department's spot-check items, reported plans, tasks with their commitments, draws and published results.</summary>
[AllowAnonymous]
[EnableRateLimiting(SpotChecksModule.PublicRateLimit)]
public sealed class SpotChecksModel(SpotCheckPublic published, AppDbContext db) : PageModel
{
    public List<PublicPlanDto> Plans { get; private set; } = [];
    public List<PublicTaskDto> Tasks { get; private set; } = [];
    public List<PublicDrawDto> Draws { get; private set; } = [];
    public List<PublicResultDto> Results { get; private set; } = [];
    public List<(string Department, string Code, string Name, SpotCheckFlag Flag, int? Ratio, string Frequency)> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Plans = await published.PlansAsync(ct);
        Tasks = await published.TasksAsync(ct);
        Draws = await published.DrawsAsync(ct);
        Results = await published.ResultsAsync(null, ct);
        Items = [.. (await db.Set<InspectionChecklist>().AsNoTracking().Include(c => c.Department)
                .Where(c => c.SpotCheck != SpotCheckFlag.None && c.EffectiveTo == null && c.IsPublished).OrderBy(c => c.DepartmentId).ThenBy(c => c.ItemCode).ToListAsync(ct))
            .Select(c => (c.Department?.ShortName ?? "", c.ItemCode, c.Name, c.SpotCheck, c.RatioBasisPoints, c.Frequency))];
    }
}
