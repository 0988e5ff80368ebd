using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Platform.Calendar;

/// <summary>Read side shared by the calendar page and API.</summary>
public static class CalendarQueries
{
    public static async Task<List<CalendarModule.YearDto>> YearsAsync(AppDbContext db, WorkingDayCalendar calendar, CancellationToken ct)
    {
        var years = await db.Set<CalendarYear>().AsNoTracking().OrderBy(y => y.Year).ToListAsync(ct);
        var days = await db.Set<CalendarDay>().AsNoTracking().OrderBy(d => d.Date).ToListAsync(ct);
        return years.Select(y =>
        {
            var ofYear = days.Where(d => d.Date.Year == y.Year).ToList();
            CalendarModule.DayDto Dto(CalendarDay d) => new(d.Date.ToString("yyyy-MM-dd"), d.Name);
            var first = new DateOnly(y.Year, 1, 1);
            // Working days of the year: the days after 31 December of the year before, up to 31 December.
            var workingDays = Enumerable.Range(0, first.AddYears(1).DayNumber - first.DayNumber)
                .Count(i => calendar.Years.Contains(y.Year) && calendar.IsWorkingDay(first.AddDays(i)));
            return new CalendarModule.YearDto(y.Year, y.Source, workingDays,
                [.. ofYear.Where(d => d.Kind == CalendarDayKind.Holiday).Select(Dto)],
                [.. ofYear.Where(d => d.Kind == CalendarDayKind.AdjustedWorkday).Select(Dto)]);
        }).ToList();
    }
}
