using System.Net;
using System.Net.Http.Json;
using Jianguan.Tests.Infrastructure;
using Jianguan.Web.Platform.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Tests.Platform.Calendar;

public abstract class CalendarApiTests(JianguanApp app)
{
    [Fact]
    public async Task Adding_working_days_returns_the_date_across_the_national_day_holiday()
    {
        var client = await app.ClientFor("officer");
        var json = await ApiAssert.Json(await client.GetAsync("/api/v1/calendar/working-days/add?from=2025-09-26&days=7"));
        Assert.Equal("2025-10-13", json.GetProperty("date").GetString());
    }

    [Fact]
    public async Task Adding_calendar_days_moves_an_end_on_a_holiday_to_the_next_working_day()
    {
        var client = await app.ClientFor("officer");
        var json = await ApiAssert.Json(await client.GetAsync("/api/v1/calendar/calendar-days/add?from=2025-09-16&days=15"));
        Assert.Equal("2025-10-09", json.GetProperty("date").GetString());
    }

    [Fact]
    public async Task Working_days_remaining_are_negative_when_the_deadline_has_passed()
    {
        var client = await app.ClientFor("officer");
        var json = await ApiAssert.Json(await client.GetAsync("/api/v1/calendar/working-days/remaining?today=2025-10-13&deadline=2025-09-26"));
        Assert.Equal(-7, json.GetProperty("workingDays").GetInt32());
    }

    [Theory]
    [InlineData("from=2025-13-01&days=3", "from")]
    [InlineData("from=2025/09/26&days=3", "from")]
    [InlineData("days=3", "from")]
    [InlineData("from=2025-09-26&days=-1", "days")]
    [InlineData("from=2025-09-26&days=99999", "days")]
    [InlineData("from=2025-09-26&days=seven", "days")]
    public async Task Malformed_dates_and_out_of_range_days_are_refused_naming_the_field(string query, string field)
    {
        var client = await app.ClientFor("officer");
        var message = await ApiAssert.InvalidField(await client.GetAsync($"/api/v1/calendar/working-days/add?{query}"), field);
        Assert.Matches("YYYY-MM-DD|整数|之间|必填", message);
    }

    [Fact]
    public async Task A_date_outside_the_years_held_is_refused_saying_which_years_are_held()
    {
        var client = await app.ClientFor("officer");
        var json = await ApiAssert.Problem(await client.GetAsync("/api/v1/calendar/working-days/add?from=2031-03-02&days=3"), HttpStatusCode.BadRequest);
        Assert.Contains("2025", json.GetProperty("detail").GetString());
        Assert.Contains("2026", json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_calendar_api_needs_a_token()
    {
        var json = await ApiAssert.Problem(await app.Anonymous().GetAsync("/api/v1/calendar/working-days/add?from=2025-09-26&days=7"), HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer", json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_years_held_list_their_holidays_and_248_working_days()
    {
        var client = await app.ClientFor("officer");
        var json = await ApiAssert.Json(await client.GetAsync("/api/v1/calendar/years"));
        var y2026 = json.EnumerateArray().Single(y => y.GetProperty("year").GetInt32() == 2026);
        Assert.Equal(248, y2026.GetProperty("workingDayCount").GetInt32());
        Assert.Contains(y2026.GetProperty("adjustedWorkdays").EnumerateArray(), d => d.GetProperty("date").GetString() == "2026-02-14");
    }

    [Fact]
    public async Task An_administrator_enters_a_new_year_and_deadlines_are_then_counted_in_it()
    {
        var admin = await app.ClientFor("admin");
        var response = await admin.PutAsJsonAsync("/api/v1/calendar/years/2030", new
        {
            source = "测试通知",
            holidays = new[] { new { date = "2030-01-01", name = "元旦" } },
            adjustedWorkdays = new[] { new { date = "2030-01-05", name = "元旦" } }, // a Saturday
        });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var json = await ApiAssert.Json(await admin.GetAsync("/api/v1/calendar/working-days/add?from=2030-01-01&days=1"));
        Assert.Equal("2030-01-02", json.GetProperty("date").GetString());
        json = await ApiAssert.Json(await admin.GetAsync("/api/v1/calendar/working-days/add?from=2030-01-04&days=1"));
        Assert.Equal("2030-01-05", json.GetProperty("date").GetString());
    }

    [Fact]
    public async Task A_bad_year_arrangement_is_refused_and_the_stored_calendar_is_unchanged()
    {
        var before = await app.WithDb(db => db.Set<CalendarDay>().CountAsync(d => d.Date.Year == 2026));
        var admin = await app.ClientFor("admin");
        var response = await admin.PutAsJsonAsync("/api/v1/calendar/years/2026", new
        {
            source = "错误的安排",
            holidays = Array.Empty<object>(),
            adjustedWorkdays = new[] { new { date = "2026-03-04", name = "周三" } },
        });
        Assert.Contains("周六或周日", await ApiAssert.InvalidField(response, "adjustedWorkdays"));
        Assert.Equal(before, await app.WithDb(db => db.Set<CalendarDay>().CountAsync(d => d.Date.Year == 2026)));
        Assert.Equal("2026-02-24", (await ApiAssert.Json(await admin.GetAsync("/api/v1/calendar/working-days/add?from=2026-02-12&days=3"))).GetProperty("date").GetString());
    }

    [Fact]
    public async Task Only_an_administrator_may_change_the_calendar()
    {
        var manager = await app.ClientFor("manager");
        var response = await manager.PutAsJsonAsync("/api/v1/calendar/years/2026", new { source = "x", holidays = Array.Empty<object>(), adjustedWorkdays = Array.Empty<object>() });
        await ApiAssert.Problem(response, HttpStatusCode.Forbidden);
        Assert.True(await app.WithDb(db => db.Set<CalendarDay>().AnyAsync(d => d.Date == new DateOnly(2026, 2, 15))));
    }
}

public sealed class CalendarApiTests_Sqlite(SqliteApp app) : CalendarApiTests(app), IClassFixture<SqliteApp>;
public sealed class CalendarApiTests_Postgres(PostgresApp app) : CalendarApiTests(app), IClassFixture<PostgresApp>;
