using System.Security.Claims;
using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianguan.Web.Pages.Credit;

/// <summary>A business's own credit record (never its risk class, which is internal), and its annual report.</summary>
[Authorize(Roles = Roles.Business)]
public sealed class MineModel(CreditProfiles profiles, AnnualReports reports, CreditRepairs repairs, CreditCommitments commitments,
    Modules.SpotChecks.InspectionNotices notices, TimeProvider time) : PageModel
{
    [BindProperty] public int? TemplateId { get; set; }
    public List<CommitmentDto> Commitments { get; private set; } = [];
    public List<CommitmentTemplateDto> Templates { get; private set; } = [];

    [BindProperty] public int? Year { get; set; }
    /// <summary>Which form was posted: the annual report (default) or a repair application ("Repair").</summary>
    [BindProperty] public string? Form { get; set; }
    [BindProperty] public RepairApplicationInput Repair { get; set; } = new(null, null, null);

    public OwnCreditDto Own { get; private set; } = null!;
    public List<RepairApplicationDto> Repairs { get; private set; } = [];
    /// <summary>检查通知书 of the spot checks that drew the entity.</summary>
    public List<Modules.SpotChecks.NoticeDto> Notices { get; private set; } = [];

    /// <summary>The records a repair may be applied for: dishonesty records in publicity, not the lists' (those leave by removal).</summary>
    public IEnumerable<CreditRecordDto> Repairable => Own.Records.Where(r => r.IsPublic && r.Severity != nameof(CreditSeverity.None)
        && r.Kind is not (nameof(CreditRecordKind.AbnormalListing) or nameof(CreditRecordKind.SeriousViolationListing)));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The last year's report is the one due now.
        Year ??= time.GetLocalNow().Year - 1;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Form == "Commit")
            return EditResultPages.Handle(this, await commitments.CommitAsync(new CommitmentInput(TemplateId), User, ct), "已作出信用承诺，自今日起公示。", "/Credit/Mine");
        if (Form == "Repair")
            return EditResultPages.Handle(this, await repairs.ApplyAsync(Repair, User, ct), "已提交信用修复申请。", "/Credit/Mine");
        var result = await reports.FileAsync(new AnnualReportInput(Own.Entity.CreditCode, Year, null), User, ct);
        return EditResultPages.Handle(this, result, $"已报送 {Year} 年度报告。", "/Credit/Mine");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (User.FindFirstValue(RegistryModule.CreditCodeClaim) is not { } code || await profiles.FindEntityAsync(code, ct) is not { } entity) return false;
        Own = await profiles.OwnViewAsync(entity, ct);
        Repairs = await repairs.ForEntityAsync(entity.Id, ct);
        Commitments = await commitments.ForEntityAsync(entity.Id, ct);
        Templates = await commitments.TemplatesAsync(ct);
        Notices = await notices.OfEntityAsync(entity.CreditCode, ct);
        return true;
    }
}
