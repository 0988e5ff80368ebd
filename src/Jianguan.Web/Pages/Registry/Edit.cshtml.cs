using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Pages.Registry;

public sealed class EditModel(EntityEditor editor, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public string? CreditCode { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? DivisionCode { get; set; }
    [BindProperty] public string? IndustryCode { get; set; }
    [BindProperty] public string? LegalRepresentativeName { get; set; }
    [BindProperty] public string? LegalRepresentativeIdNumber { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? RegisteredOn { get; set; }
    [BindProperty] public string? Status { get; set; }
    [BindProperty] public string? Tags { get; set; }
    [BindProperty] public string? Licences { get; set; }
    public string MaskedIdNumber { get; private set; } = "";
    public IReadOnlyList<string> Warnings { get; private set; } = [];
    public List<Division> Divisions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadDivisionsAsync(ct);
        if (Code is null) return Page();
        if (await editor.FindAsync(Code, ct) is not { } e) return NotFound();
        (CreditCode, Name, DivisionCode, IndustryCode, LegalRepresentativeName, Address, Status) =
            (e.CreditCode, e.Name, e.DivisionCode, e.IndustryCode, e.LegalRepresentativeName, e.Address, e.Status.ToString());
        RegisteredOn = e.RegisteredOn?.ToString("yyyy-MM-dd");
        MaskedIdNumber = IdNumber.Mask(e.LegalRepresentativeIdNumber);
        Tags = string.Join("、", e.Tags.Select(t => t.Tag));
        Licences = string.Join("\n", e.Licences.Select(l => $"{l.Name} {l.Number} {l.ExpiresOn:yyyy-MM-dd}".Trim()));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadDivisionsAsync(ct);
        var idNumber = LegalRepresentativeIdNumber;
        if (string.IsNullOrWhiteSpace(idNumber) && Code is not null)
            idNumber = (await editor.FindAsync(Code, ct))?.LegalRepresentativeIdNumber; // left empty: unchanged
        var licences = (Licences ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split([' ', '\t', '　'], 3, StringSplitOptions.RemoveEmptyEntries))
            .Select(p => new LicenceInput(p.ElementAtOrDefault(0), p.ElementAtOrDefault(1), p.ElementAtOrDefault(2))).ToList();
        var input = new EntityInput(CreditCode, Name, DivisionCode, IndustryCode, LegalRepresentativeName, idNumber, Address, RegisteredOn, Status,
            (Tags ?? "").Split(['、', ',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), licences);
        var result = await editor.SaveAsync(Code, input, ct);
        if (result is EditResult<EntityDto>.Saved saved)
        {
            TempData["Message"] = $"已保存“{saved.Value.Name}”。" + string.Concat(saved.Value.Warnings.Select(w => " 注意：" + w));
            return RedirectToPage("/Registry/Entity", new { code = saved.Value.CreditCode });
        }
        return EditResultPages.Handle(this, result, "", "/Registry/Index");
    }

    private async Task LoadDivisionsAsync(CancellationToken ct) =>
        Divisions = await db.Set<Division>().AsNoTracking().OrderBy(d => d.Code).ToListAsync(ct);
}
