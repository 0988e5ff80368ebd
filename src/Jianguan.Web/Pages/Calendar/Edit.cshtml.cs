using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Pages.Calendar;

[Authorize(Policy = Policies.Administrator)]
public sealed class EditModel(CalendarService calendar, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [BindProperty] public string? Source { get; set; }
    [BindProperty] public string? Holidays { get; set; }
    [BindProperty] public string? Workdays { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Source = (await db.Set<CalendarYear>().FindAsync([Year], ct))?.Source;
        var first = new DateOnly(Year, 1, 1);
        var last = new DateOnly(Year, 12, 31);
        var days = await db.Set<CalendarDay>().AsNoTracking().Where(d => d.Date >= first && d.Date <= last).OrderBy(d => d.Date).ToListAsync(ct);
        string Lines(CalendarDayKind kind) => string.Join("\n", days.Where(d => d.Kind == kind).Select(d => $"{d.Date:yyyy-MM-dd} {d.Name}"));
        Holidays = Lines(CalendarDayKind.Holiday);
        Workdays = Lines(CalendarDayKind.AdjustedWorkday);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var input = new ApiInput();
        var days = new List<CalendarDay>();
        void Read(string? text, CalendarDayKind kind, string field)
        {
            foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = line.Split([' ', '\t', '　'], 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var date = input.Date(field, parts[0]);
                days.Add(new CalendarDay { Date = date, Kind = kind, Name = parts.Length > 1 ? parts[1] : "" });
            }
        }
        Read(Holidays, CalendarDayKind.Holiday, "holidays");
        Read(Workdays, CalendarDayKind.AdjustedWorkday, "adjustedWorkdays");
        var errors = input.IsValid ? CalendarService.Validate(Year, Source, days) : input.Errors;
        if (errors.Count > 0)
        {
            foreach (var (field, messages) in errors)
                foreach (var message in messages) ModelState.AddModelError(field, message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await calendar.ReplaceYearAsync(Year, Source!.Trim(), days, ct);
        TempData["Message"] = $"已保存 {Year} 年工作日历。";
        return RedirectToPage("/Calendar/Index");
    }
}
