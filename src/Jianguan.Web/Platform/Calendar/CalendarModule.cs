using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jianguan.Web.Platform.Calendar;

public static class CalendarModule
{
    /// <summary>Longest period the API counts: ten years is beyond any legal deadline and any calendar held.</summary>
    public const int MaxDays = 3660;

    public static WebApplicationBuilder AddCalendar(this WebApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<CalendarService>();
        return builder;
    }

    public sealed record DateResponse(string Date);
    public sealed record RemainingResponse(int WorkingDays);
    public sealed record DayDto(string Date, string Name);
    public sealed record YearDto(int Year, string Source, int WorkingDayCount, IReadOnlyList<DayDto> Holidays, IReadOnlyList<DayDto> AdjustedWorkdays);
    public sealed record YearRequest(string? Source, IReadOnlyList<DayDto>? Holidays, IReadOnlyList<DayDto>? AdjustedWorkdays);

    public static IEndpointRouteBuilder MapCalendar(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/calendar").WithTags("Calendar").RequireAuthorization(ApiAuthorization.Authenticated);
        api.MapGet("/working-days/add", AddWorkingDays).WithName("AddWorkingDays")
            .WithSummary("The date N working days after a date (the start day is not counted)")
            .ProducesValidationProblem();
        api.MapGet("/calendar-days/add", AddCalendarDays).WithName("AddCalendarDays")
            .WithSummary("The end of a period of N calendar days; a period ending on a rest day ends on the next working day")
            .ProducesValidationProblem();
        api.MapGet("/working-days/remaining", Remaining).WithName("WorkingDaysRemaining")
            .WithSummary("Working days from a date to a deadline (negative when overdue)")
            .ProducesValidationProblem();
        api.MapGet("/years", ListYears).WithName("ListCalendarYears").WithSummary("The years the calendar holds, with their holidays and adjusted workdays");
        api.MapPut("/years/{year:int}", PutYear).WithName("PutCalendarYear")
            .WithSummary("Enter or replace one year's holidays and adjusted workdays (administrator)")
            .RequireAuthorization(ApiAuthorization.InRoles(Roles.Administrator))
            .ProducesValidationProblem();
        return app;
    }

    private static Task<Results<Ok<DateResponse>, ValidationProblem>> AddWorkingDays(string? from, string? days, CalendarService calendar, CancellationToken ct) =>
        AddDays(from, days, calendar, (c, start, n) => c.AddWorkingDays(start, n), ct);

    private static Task<Results<Ok<DateResponse>, ValidationProblem>> AddCalendarDays(string? from, string? days, CalendarService calendar, CancellationToken ct) =>
        AddDays(from, days, calendar, (c, start, n) => c.AddCalendarDays(start, n), ct);

    private static async Task<Results<Ok<DateResponse>, ValidationProblem>> AddDays(
        string? from, string? days, CalendarService calendar, Func<WorkingDayCalendar, DateOnly, int, DateOnly> add, CancellationToken ct)
    {
        var input = new ApiInput();
        var start = input.Date(nameof(from), from);
        var count = input.Integer(nameof(days), days, 0, MaxDays);
        if (!input.IsValid) return Problems.Invalid(input.Errors);
        return TypedResults.Ok(new DateResponse(add(await calendar.GetAsync(ct), start, count).ToString("yyyy-MM-dd")));
    }

    private static async Task<Results<Ok<RemainingResponse>, ValidationProblem>> Remaining(string? today, string? deadline, CalendarService calendar, CancellationToken ct)
    {
        var input = new ApiInput();
        var from = input.Date(nameof(today), today);
        var to = input.Date(nameof(deadline), deadline);
        if (!input.IsValid) return Problems.Invalid(input.Errors);
        return TypedResults.Ok(new RemainingResponse((await calendar.GetAsync(ct)).WorkingDaysRemaining(from, to)));
    }

    private static async Task<Ok<List<YearDto>>> ListYears(CalendarService calendar, Data.AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await CalendarQueries.YearsAsync(db, await calendar.GetAsync(ct), ct));

    private static async Task<Results<NoContent, ValidationProblem>> PutYear(int year, YearRequest request, CalendarService calendar, CancellationToken ct)
    {
        var input = new ApiInput();
        var days = new List<CalendarDay>();
        void Read(IReadOnlyList<DayDto>? list, CalendarDayKind kind, string field)
        {
            foreach (var d in list ?? [])
            {
                var date = input.Date(field, d.Date);
                if (input.IsValid) days.Add(new CalendarDay { Date = date, Kind = kind, Name = d.Name?.Trim() ?? "" });
            }
        }
        Read(request.Holidays, CalendarDayKind.Holiday, "holidays");
        Read(request.AdjustedWorkdays, CalendarDayKind.AdjustedWorkday, "adjustedWorkdays");
        if (!input.IsValid) return Problems.Invalid(input.Errors);
        var errors = CalendarService.Validate(year, request.Source, days);
        if (errors.Count > 0) return Problems.Invalid(errors);
        await calendar.ReplaceYearAsync(year, request.Source!.Trim(), days, ct);
        return TypedResults.NoContent();
    }
}
