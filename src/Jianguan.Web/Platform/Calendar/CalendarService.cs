using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Jianguan.Web.Platform.Calendar;

/// <summary>
/// Loads the calendar once and keeps it in memory. Another instance's edit is seen within
/// <see cref="CacheLifetime"/>; this instance's own edits at once.
/// </summary>
public sealed class CalendarService(AppDbContext db, IMemoryCache cache)
{
    private const string CacheKey = "working-day-calendar";
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);

    public async Task<WorkingDayCalendar> GetAsync(CancellationToken ct = default) =>
        (await cache.GetOrCreateAsync(CacheKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheLifetime;
            var years = await db.Set<CalendarYear>().AsNoTracking().Select(y => y.Year).ToListAsync(ct);
            var days = await db.Set<CalendarDay>().AsNoTracking().ToListAsync(ct);
            return new WorkingDayCalendar(years, days);
        }))!;

    /// <summary>Errors in a year's arrangement, by field; empty when it can be saved.</summary>
    public static Dictionary<string, string[]> Validate(int year, string? source, IReadOnlyList<CalendarDay> days)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var l) ? l : errors[field] = []).Add(message);
        if (year is < 2000 or > 2100) Add("year", $"年份应在 2000 到 2100 之间，收到 {year}。");
        if (string.IsNullOrWhiteSpace(source)) Add("source", "必填：节假日安排的依据（通知文号）。");
        foreach (var day in days)
        {
            var field = day.Kind == CalendarDayKind.Holiday ? "holidays" : "adjustedWorkdays";
            if (day.Date.Year != year) Add(field, $"{day.Date:yyyy-MM-dd} 不属于 {year} 年。");
            if (string.IsNullOrWhiteSpace(day.Name)) Add(field, $"{day.Date:yyyy-MM-dd} 缺少节日名称。");
            if (day.Kind == CalendarDayKind.AdjustedWorkday && day.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                Add(field, $"{day.Date:yyyy-MM-dd} 是工作日，调休上班日只能是周六或周日。");
        }
        foreach (var duplicate in days.GroupBy(d => d.Date).Where(g => g.Count() > 1))
            Add("holidays", $"{duplicate.Key:yyyy-MM-dd} 出现了不止一次（既是节假日又是调休上班日，或重复录入）。");
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    /// <summary>Replaces one year's arrangement. Call <see cref="Validate"/> first.</summary>
    public async Task ReplaceYearAsync(int year, string source, IReadOnlyList<CalendarDay> days, CancellationToken ct)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var existingYear = await db.Set<CalendarYear>().FindAsync([year], ct);
        if (existingYear is null) db.Add(new CalendarYear { Year = year, Source = source });
        else existingYear.Source = source;
        var existing = await db.Set<CalendarDay>().Where(d => d.Date >= first && d.Date <= last).ToDictionaryAsync(d => d.Date, ct);
        foreach (var day in days)
        {
            if (existing.Remove(day.Date, out var current))
            {
                current.Kind = day.Kind;
                current.Name = day.Name;
            }
            else db.Add(new CalendarDay { Date = day.Date, Kind = day.Kind, Name = day.Name });
        }
        db.RemoveRange(existing.Values);
        await db.SaveChangesAsync(ct);
        cache.Remove(CacheKey);
    }
}
