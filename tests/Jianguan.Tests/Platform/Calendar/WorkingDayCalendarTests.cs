using Jianguan.Web.Platform.Calendar;

namespace Jianguan.Tests.Platform.Calendar;

/// <summary>The calendar rules of LEGAL-RULES.md §0 and §11, on the shipped 2025 and 2026 reference data.</summary>
public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar =
        new(HolidayReferenceData.Years.Select(y => y.Year), HolidayReferenceData.Days);

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(2025)]
    [InlineData(2026)]
    public void Each_year_has_248_working_days(int year)
    {
        var first = new DateOnly(year, 1, 1);
        var count = Enumerable.Range(0, first.AddYears(1).DayNumber - first.DayNumber).Count(i => Calendar.IsWorkingDay(first.AddDays(i)));
        Assert.Equal(248, count);
    }

    // LEGAL-RULES.md §11 "Computed checks", across 国庆节 2025, 春节 2025 and 春节 2026.
    [Theory]
    [InlineData("2025-09-26", 7, "2025-10-13")]
    [InlineData("2025-01-24", 5, "2025-02-07")]
    [InlineData("2026-02-12", 3, "2026-02-24")]
    [InlineData("2026-02-13", 20, "2026-03-19")]
    public void Working_days_skip_holidays_and_count_adjusted_weekend_workdays(string from, int days, string expected) =>
        Assert.Equal(D(expected), Calendar.AddWorkingDays(D(from), days));

    [Fact]
    public void An_adjusted_Sunday_workday_is_a_working_day()
    {
        // 2025-01-26 is a Sunday worked for 春节 (国办发明电〔2024〕12号).
        Assert.True(Calendar.IsWorkingDay(D("2025-01-26")));
        Assert.Equal(D("2025-01-26"), Calendar.AddWorkingDays(D("2025-01-24"), 1));
    }

    [Fact]
    public void A_weekday_holiday_is_not_a_working_day()
    {
        Assert.False(Calendar.IsWorkingDay(D("2026-10-07"))); // Wednesday, 国庆节
        Assert.False(Calendar.IsWorkingDay(D("2026-06-19"))); // Friday, 端午节
        Assert.True(Calendar.IsWorkingDay(D("2026-10-10")));  // Saturday worked for 国庆节
    }

    [Fact]
    public void The_start_day_is_not_counted()
    {
        // 民事诉讼法 art. 85: a period starts the day after the event. Friday + 1 working day = Monday.
        Assert.Equal(D("2025-03-10"), Calendar.AddWorkingDays(D("2025-03-07"), 1));
        Assert.Equal(D("2025-03-07"), Calendar.AddWorkingDays(D("2025-03-07"), 0));
    }

    [Theory]
    // 民事诉讼法 art. 85: a period ending on a 法定休假日 ends on the next working day.
    [InlineData("2025-09-16", 15, "2025-10-09")] // ends 10-01, in the 国庆 holiday → first working day after it
    [InlineData("2025-03-01", 14, "2025-03-17")] // ends on Saturday 03-15 → Monday
    [InlineData("2025-10-01", 10, "2025-10-11")] // ends on Saturday 10-11, an adjusted workday → stays
    [InlineData("2025-03-01", 12, "2025-03-13")] // ends on a Thursday → stays
    public void A_calendar_day_period_ending_on_a_rest_day_ends_on_the_next_working_day(string from, int days, string expected) =>
        Assert.Equal(D(expected), Calendar.AddCalendarDays(D(from), days));

    [Theory]
    [InlineData("2025-09-26", "2025-10-13", 7)]
    [InlineData("2025-10-13", "2025-10-13", 0)]
    [InlineData("2025-10-13", "2025-09-26", -7)]
    public void Working_days_remaining_are_counted_from_the_day_after_and_negative_when_overdue(string today, string deadline, int expected) =>
        Assert.Equal(expected, Calendar.WorkingDaysRemaining(D(today), D(deadline)));

    [Fact]
    public void A_date_outside_the_years_held_is_an_error_naming_the_years()
    {
        var error = Assert.Throws<CalendarRangeException>(() => Calendar.AddWorkingDays(D("2024-12-31"), 1));
        Assert.Contains("2025、2026", error.Message);
        Assert.Contains("2024-12-31", error.Message);
    }

    [Fact]
    public void A_period_running_past_the_years_held_is_an_error_not_a_guess()
    {
        var error = Assert.Throws<CalendarRangeException>(() => Calendar.AddWorkingDays(D("2026-12-20"), 20));
        Assert.Contains("2027", error.Message);
        Assert.Throws<CalendarRangeException>(() => Calendar.AddCalendarDays(D("2026-12-20"), 15));
    }

    [Fact]
    public void An_arrangement_with_a_weekday_adjusted_workday_a_foreign_date_or_a_duplicate_is_refused()
    {
        var days = new List<CalendarDay>
        {
            new() { Date = D("2027-01-04"), Kind = CalendarDayKind.AdjustedWorkday, Name = "元旦" }, // a Monday
            new() { Date = D("2026-12-31"), Kind = CalendarDayKind.Holiday, Name = "元旦" },
            new() { Date = D("2027-02-06"), Kind = CalendarDayKind.Holiday, Name = "春节" },
            new() { Date = D("2027-02-06"), Kind = CalendarDayKind.AdjustedWorkday, Name = "春节" },
        };
        var errors = CalendarService.Validate(2027, "", days);
        Assert.Contains(errors["adjustedWorkdays"], m => m.Contains("2027-01-04") && m.Contains("周六或周日"));
        Assert.Contains(errors["holidays"], m => m.Contains("2026-12-31") && m.Contains("不属于 2027"));
        Assert.Contains(errors["holidays"], m => m.Contains("2027-02-06"));
        Assert.Contains("source", errors.Keys);
    }
}
