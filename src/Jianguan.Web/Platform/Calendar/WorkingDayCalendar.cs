namespace Jianguan.Web.Platform.Calendar;

/// <summary>A date the calendar does not hold, or a period running past the years it holds.</summary>
public sealed class CalendarRangeException(string message) : Exception(message);

/// <summary>
/// The one place legal deadlines are counted (LEGAL-RULES.md §0):
/// working days are Monday–Friday minus holidays plus adjusted weekend workdays;
/// the start day is never counted (民事诉讼法 art. 85); a period in calendar days that ends on a
/// rest day ends on the next working day (民事诉讼法 art. 85).
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly Dictionary<DateOnly, CalendarDayKind> _days;
    private readonly SortedSet<int> _years;

    public WorkingDayCalendar(IEnumerable<int> years, IEnumerable<CalendarDay> days)
    {
        _years = [.. years];
        _days = days.ToDictionary(d => d.Date, d => d.Kind);
    }

    public IReadOnlyCollection<int> Years => _years;

    public bool IsWorkingDay(DateOnly date)
    {
        EnsureHeld(date);
        if (_days.TryGetValue(date, out var kind)) return kind == CalendarDayKind.AdjustedWorkday;
        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>The date <paramref name="days"/> working days after <paramref name="from"/> (from itself not counted).</summary>
    public DateOnly AddWorkingDays(DateOnly from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        EnsureHeld(from);
        var date = from;
        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date)) counted++;
        }
        return date;
    }

    /// <summary>
    /// The end of a period of <paramref name="days"/> calendar days after <paramref name="from"/>; when it
    /// falls on a holiday or weekend rest day, the next working day.
    /// </summary>
    public DateOnly AddCalendarDays(DateOnly from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        EnsureHeld(from);
        var date = from.AddDays(days);
        while (!IsWorkingDay(date)) date = date.AddDays(1);
        return date;
    }

    /// <summary>
    /// Working days after <paramref name="today"/> up to and including <paramref name="deadline"/>;
    /// negative, counting the working days overdue, when the deadline has passed.
    /// </summary>
    public int WorkingDaysRemaining(DateOnly today, DateOnly deadline)
    {
        EnsureHeld(today);
        EnsureHeld(deadline);
        var (start, end, sign) = deadline >= today ? (today, deadline, 1) : (deadline, today, -1);
        var count = 0;
        for (var d = start.AddDays(1); d <= end; d = d.AddDays(1))
            if (IsWorkingDay(d)) count++;
        return sign * count;
    }

    private void EnsureHeld(DateOnly date)
    {
        if (_years.Contains(date.Year)) return;
        var held = _years.Count == 0 ? "（尚无任何年份）" : string.Join("、", _years) + " 年";
        throw new CalendarRangeException(
            $"工作日历只包含 {held}的节假日安排，{date:yyyy-MM-dd} 不在其中；请管理员先录入 {date.Year} 年的节假日和调休安排。");
    }
}
