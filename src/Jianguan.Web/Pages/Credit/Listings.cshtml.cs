using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianguan.Web.Pages.Credit;

/// <summary>The listings in the user's remit, and the form by which the registration authority lists an entity.</summary>
public sealed class ListingsModel(CreditListings listings, CreditAccess access, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? List { get; set; }
    [BindProperty(SupportsGet = true)] public bool Active { get; set; }
    [BindProperty(SupportsGet = true)] public bool Due { get; set; }

    [BindProperty] public string? CreditCode { get; set; }
    [BindProperty] public string? NewList { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int? ReportYear { get; set; }
    [BindProperty] public string? FoundOn { get; set; }
    [BindProperty] public string? ListedOn { get; set; }
    [BindProperty] public string? DecisionNumber { get; set; }
    [BindProperty] public string? Facts { get; set; }

    public sealed record Row(string CreditCode, string EntityName, ListingDto Listing);
    public List<Row> Rows { get; private set; } = [];
    public bool CanKeepLists { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var input = new ListingInput(CreditCode, NewList, Reason, ReportYear, FoundOn, ListedOn, DecisionNumber, Facts);
        var result = await listings.ListAsync(input, User, ct);
        if (result is not EditResult<CreditListing>.Saved) await LoadAsync(ct);
        return EditResultPages.Handle(this, result, "已列入名单。", "/Credit/Entity", new { creditCode = CreditCode?.Trim().ToUpperInvariant() });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = time.Today();
        Rows = [.. (await listings.FindAsync(User, List, Active, Due, ct)).Select(l => new Row(l.Entity!.CreditCode, l.Entity.Name, ListingDto.From(l, today)))];
        CanKeepLists = await access.CannotKeepListsAsync(User, ct) is null;
    }
}
