namespace Jianguan.Web.Platform.Calendar;

/// <summary>
/// The State Council's holiday arrangements (LEGAL-RULES.md §11), shipped as reference data in the
/// migrations. Later years are entered by administrators on the calendar page or API.
/// </summary>
public static class HolidayReferenceData
{
    public static readonly CalendarYear[] Years =
    [
        new() { Year = 2025, Source = "国办发明电〔2024〕12号" },
        new() { Year = 2026, Source = "国务院办公厅关于2026年部分节假日安排的通知（2025-11-04）" },
    ];

    public static readonly CalendarDay[] Days =
    [
        .. Holidays(2025, 1, 1, 1, "元旦"),
        .. Holidays(2025, 1, 28, 8, "春节"),
        .. Holidays(2025, 4, 4, 3, "清明节"),
        .. Holidays(2025, 5, 1, 5, "劳动节"),
        .. Holidays(2025, 5, 31, 3, "端午节"),
        .. Holidays(2025, 10, 1, 8, "国庆节、中秋节"),
        Workday(2025, 1, 26, "春节"), Workday(2025, 2, 8, "春节"), Workday(2025, 4, 27, "劳动节"),
        Workday(2025, 9, 28, "国庆节"), Workday(2025, 10, 11, "国庆节"),

        .. Holidays(2026, 1, 1, 3, "元旦"),
        .. Holidays(2026, 2, 15, 9, "春节"),
        .. Holidays(2026, 4, 4, 3, "清明节"),
        .. Holidays(2026, 5, 1, 5, "劳动节"),
        .. Holidays(2026, 6, 19, 3, "端午节"),
        .. Holidays(2026, 9, 25, 3, "中秋节"),
        .. Holidays(2026, 10, 1, 7, "国庆节"),
        Workday(2026, 1, 4, "元旦"), Workday(2026, 2, 14, "春节"), Workday(2026, 2, 28, "春节"),
        Workday(2026, 5, 9, "劳动节"), Workday(2026, 9, 20, "中秋节"), Workday(2026, 10, 10, "国庆节"),
    ];

    private static IEnumerable<CalendarDay> Holidays(int year, int month, int day, int count, string name) =>
        Enumerable.Range(0, count).Select(i => new CalendarDay
        {
            Date = new DateOnly(year, month, day).AddDays(i), Kind = CalendarDayKind.Holiday, Name = name,
        });

    private static CalendarDay Workday(int year, int month, int day, string name) =>
        new() { Date = new DateOnly(year, month, day), Kind = CalendarDayKind.AdjustedWorkday, Name = name };
}
