using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Platform.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianguan.Web.Pages.Credit;

/// <summary>An entity's credit record for staff in whose remit it is; the registration authority keeps its listings here.</summary>
public sealed class EntityModel(CreditProfiles profiles, CreditAccess access, CreditListings listings) : PageModel
{
    [BindProperty(SupportsGet = true)] public string CreditCode { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? On { get; set; }
    /// <summary>Which form was posted (Remove or Escalate): a field, not a named handler, so that the answer's address still loads.</summary>
    [BindProperty] public string? Form { get; set; }
    [BindProperty] public long ListingId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? RemovedOn { get; set; }
    [BindProperty] public string? DecisionNumber { get; set; }
    [BindProperty] public string? RequestedOn { get; set; }

    public CreditProfileDto Profile { get; private set; } = null!;
    public bool CanKeepLists { get; private set; }
    /// <summary>The listing whose form was posted and refused: its errors are shown in it.</summary>
    public long? PostedListingId { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var errors = new FieldErrors();
        var on = CreditListings.ParseDate(On, "on", "日期", errors, required: false);
        foreach (var (field, messages) in errors.ToDictionary())
            foreach (var message in messages) ModelState.AddModelError(field, message);
        return await LoadAsync(on, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(null, ct)) return NotFound();
        var escalate = Form == "Escalate";
        var result = escalate
            ? await listings.EscalateAsync(ListingId, DecisionNumber, User, ct)
            : await listings.RemoveAsync(ListingId, new RemovalInput(Reason, RemovedOn, DecisionNumber, RequestedOn), User, ct);
        var savedMessage = escalate ? "已列入严重违法失信名单，经营异常名录的列入已结束。" : "已移出名单。";
        if (result is not EditResult<CreditListing>.Saved)
        {
            PostedListingId = ListingId;
            await LoadAsync(null, ct); // the form shows the record as it stands
        }
        return EditResultPages.Handle(this, result, savedMessage, "/Credit/Entity", new { creditCode = Profile.Entity.CreditCode });
    }

    private async Task<bool> LoadAsync(DateOnly? on, CancellationToken ct)
    {
        if (await profiles.FindEntityAsync(CreditCode, ct) is not { } entity || !await access.InRemitAsync(User, entity, ct)) return false;
        Profile = await profiles.StaffViewAsync(entity, on, ct);
        CanKeepLists = await access.CannotKeepListsAsync(User, ct) is null;
        return true;
    }
}
