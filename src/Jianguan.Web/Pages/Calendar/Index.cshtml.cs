using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianguan.Web.Pages.Calendar;

public sealed class IndexModel(CalendarService calendar, AppDbContext db) : PageModel
{
    public string? From { get; private set; }
    public string? Days { get; private set; }
    public string? Kind { get; private set; }
    public string? Result { get; private set; }
    public List<CalendarModule.YearDto> Years { get; private set; } = [];

    public async Task OnGetAsync(string? from, string? days, string? kind, CancellationToken ct)
    {
        var held = await calendar.GetAsync(ct);
        Years = await CalendarQueries.YearsAsync(db, held, ct);
        (From, Days, Kind) = (from, days, kind);
        if (from is null && days is null) return;

        var input = new ApiInput();
        var start = input.Date("from", from);
        var count = input.Integer("days", days, 0, CalendarModule.MaxDays);
        try
        {
            if (input.IsValid)
                Result = (kind == "calendar" ? held.AddCalendarDays(start, count) : held.AddWorkingDays(start, count)).ToString("yyyy-MM-dd");
        }
        catch (CalendarRangeException e)
        {
            input.Fail("from", e.Message);
        }
        foreach (var (field, messages) in input.Errors)
            foreach (var message in messages) ModelState.AddModelError(field, message);
    }
}
