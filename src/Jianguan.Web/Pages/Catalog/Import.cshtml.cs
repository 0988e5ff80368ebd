using Jianguan.Web.Modules.Catalog;
using Jianguan.Web.Modules.Catalog.Import;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Spreadsheets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianguan.Web.Pages.Catalog;

/// <summary>
/// Uploads a list as .xlsx and shows the row-by-row report. The person chooses what bad rows mean: refuse the
/// whole file, store only the valid rows, or only check.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ImportModel(AppDbContext db, CatalogSpreadsheets sheets) : PageModel
{
    [BindProperty] public CatalogList List { get; set; } = CatalogList.Items;
    [BindProperty] public int? DepartmentId { get; set; }
    [BindProperty] public ImportMode Mode { get; set; } = ImportMode.RejectAll;
    [BindProperty] public IFormFile? Upload { get; set; }
    public List<Department> Departments { get; private set; } = [];
    public CatalogImportReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!User.MaintainsCatalog()) return Forbid();
        Departments = await CatalogPages.MaintainedDepartmentsAsync(db, User, ct);
        DepartmentId = User.DepartmentId() ?? Departments.FirstOrDefault()?.Id;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!User.MaintainsCatalog()) return Forbid();
        Departments = await CatalogPages.MaintainedDepartmentsAsync(db, User, ct);
        if (DepartmentId is null || Departments.All(d => d.Id != DepartmentId))
            ModelState.AddModelError(nameof(DepartmentId), "请选择您负责维护的部门。");
        if (Upload is null) ModelState.AddModelError(nameof(Upload), "请选择要导入的 Excel（.xlsx）文件。");
        if (ModelState.ErrorCount == 0)
        {
            try
            {
                await using var workbook = await Spreadsheet.ReadUploadAsync(Upload!.FileName, Upload.Length, Upload.OpenReadStream, ct: ct);
                Report = await sheets.ImportAsync(User, List, DepartmentId!.Value, workbook, Mode, ct);
                return Page();
            }
            catch (SpreadsheetFileException e)
            {
                ModelState.AddModelError(nameof(Upload), e.Message);
            }
            catch (CatalogImportConflictException e)
            {
                ModelState.AddModelError(nameof(Upload), e.Message);
            }
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public static string ListName(CatalogList list) => CatalogSpreadsheets.SheetName(list);
}
