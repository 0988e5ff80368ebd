using Jianguan.Web.Modules.SpotChecks;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianguan.Web.Pages.SpotChecks;

/// <summary>Per department: drawn entities awaiting inspection, results due and overdue for publication (20 working days).</summary>
public sealed class DeadlinesModel(SpotCheckResults results) : PageModel
{
    public List<DeadlineRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await results.DeadlinesAsync(User, ct);
}
