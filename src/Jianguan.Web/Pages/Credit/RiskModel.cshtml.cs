using System.Text.Json;
using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Pages.Credit;

/// <summary>The scoring model's versions and its runs; administrators save a new version and start a reclassification.</summary>
[Authorize(Roles = $"{Roles.Administrator},{Roles.CoordinationCommittee},{Roles.DepartmentHead},{Roles.DepartmentManager}")]
public sealed class RiskModelModel(AppDbContext db, RiskClassifier classifier, TimeProvider time) : PageModel
{
    /// <summary>Which form was posted (Save or Run): a field, not a named handler, so that the answer's address still loads.</summary>
    [BindProperty] public string? Form { get; set; }
    [BindProperty] public string? EffectiveFrom { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Definition { get; set; }

    public List<RiskModel> Models { get; private set; } = [];
    public List<RiskRun> Runs { get; private set; } = [];
    public bool IsAdministrator => User.IsInRole(Roles.Administrator);
    /// <summary>The runs, as the API, for administrators and the committee only.</summary>
    public bool SeesRuns => IsAdministrator || User.IsInRole(Roles.CoordinationCommittee);
    /// <summary>The model's errors by field (factors[0], bands, ...), shown beside the definition.</summary>
    public Dictionary<string, string[]> DefinitionErrors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Models.FirstOrDefault() is { } latest) Definition = JsonSerializer.Serialize(latest.Definition, DefinitionJson);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!IsAdministrator) return Forbid();
        return Form == "Run" ? await RunAsync(ct) : await SaveAsync(ct);
    }

    private async Task<IActionResult> SaveAsync(CancellationToken ct)
    {
        var errors = new FieldErrors();
        var from = CreditListings.ParseDate(EffectiveFrom, "effectiveFrom", "生效日期", errors, required: true);
        RiskModelDefinition? definition = null;
        try { definition = JsonSerializer.Deserialize<RiskModelDefinition>(Definition ?? "", RiskModelDefinition.Json); }
        catch (JsonException e) { errors.Add("definition", $"模型定义不是有效的 JSON：{e.Message}"); }
        if (definition is not { Factors: not null, Bands: not null } && !errors.ToDictionary().ContainsKey("definition"))
            errors.Add("definition", "必填：模型定义须包含因素（factors）和分数段（bands）。");
        DefinitionErrors = errors.ToDictionary();
        if (DefinitionErrors.Count == 0)
        {
            var (model, invalid) = await RiskModels.SaveVersionAsync(db, definition!, from!.Value, Note ?? "", User.Identity?.Name ?? "", time.GetUtcNow().UtcDateTime, ct);
            if (model is not null)
            {
                TempData["Message"] = $"已保存第 {model.Version} 版模型，自 {model.EffectiveFrom:yyyy-MM-dd} 起生效。";
                return RedirectToPage();
            }
            DefinitionErrors = invalid;
        }
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult> RunAsync(CancellationToken ct)
    {
        try
        {
            var run = await classifier.RunAsync(RiskRunTrigger.OnDemand, null, User.Identity?.Name ?? "", ct);
            TempData["Message"] = $"重新分类完成：评估 {run.Assessed} 户，其中 {run.Changed} 户分类或得分有变化。";
        }
        catch (RiskRunException e) { TempData["Message"] = e.Message; }
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Models = await db.Set<RiskModel>().AsNoTracking().OrderByDescending(m => m.Version).ToListAsync(ct);
        if (SeesRuns) Runs = await db.Set<RiskRun>().AsNoTracking().Include(r => r.Model).OrderByDescending(r => r.Id).Take(20).ToListAsync(ct);
    }

    /// <summary>The stored form, indented and with Chinese as characters, so that it can be edited by hand.</summary>
    private static readonly JsonSerializerOptions DefinitionJson = new(RiskModelDefinition.Json)
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
