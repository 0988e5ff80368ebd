using Jianguan.Web.Platform.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianguan.Web.Pages.Audit;

public sealed class IndexModel(AuditReader reader) : PageModel
{
    public AuditModule.VerifyResponse? Verification { get; private set; }
    public List<AuditEntry> Latest { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Latest = await reader.LatestAsync(50, ct);

    public async Task OnPostVerifyAsync(CancellationToken ct)
    {
        Verification = AuditModule.ToResponse(await reader.VerifyAsync(ct));
        Latest = await reader.LatestAsync(50, ct);
    }

    public async Task<EmptyResult> OnGetExportAsync(CancellationToken ct)
    {
        await reader.WriteExportAsync(HttpContext, ct);
        return new EmptyResult();
    }
}
