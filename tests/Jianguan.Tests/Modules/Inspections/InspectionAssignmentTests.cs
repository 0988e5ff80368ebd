using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Jianguan.Tests.Infrastructure;
using Jianguan.Tests.Modules.Credit;
using Jianguan.Web.Modules.Catalog;
using Jianguan.Web.Modules.Inspections;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Tests.Modules.Inspections;

/// <summary>
/// 投诉举报核查交办: a department head sends two officers (行政处罚法 第42条: no fewer than two) to check an entity about a
/// complaint or report; the check reaches both officers' work lists with its form, the inspection made under it
/// closes it, a cancelled one is a conflict on the phone, and other departments can neither see nor touch it.
/// </summary>
public abstract class InspectionAssignmentTests(JianguanApp app)
{
    /// <summary>The demo's market-bureau officers: 1 is the "officer" account, 2 a colleague, 4 with an expired licence; 5 is of the enforcement bureau.</summary>
    private const int Me = 1, Colleague = 2, Expired = 4, OtherDepartment = 5;

    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Platform", "Documents", "Fixtures", name));

    private Task<string> ItemAsync() => app.WithDb(db => db.Set<InspectionChecklist>()
        .Where(c => c.Department!.Code == "SCJG" && c.EffectiveTo == null && c.Points.Count > 0).OrderBy(c => c.ItemCode).Select(c => c.ItemCode).FirstAsync());

    private async Task<Dictionary<string, object?>> AssignmentAsync(SupervisedEntity entity) => new()
    {
        ["creditCode"] = entity.CreditCode, ["source"] = "Complaint", ["reference"] = "12315-2026-001234", ["reason"] = "消费者反映后厨卫生差、食品过期",
        ["itemCodes"] = new[] { await ItemAsync() }, ["firstOfficerId"] = Me, ["secondOfficerId"] = Colleague,
        ["dueOn"] = DateOnly.FromDateTime(DateTime.Now).AddDays(5).ToString("yyyy-MM-dd"),
    };

    private async Task<long> AssignAsync(SupervisedEntity entity, string user = "head")
    {
        var created = await ApiAssert.Json(await (await app.ClientFor(user)).PostAsJsonAsync("/api/v1/inspections/assignments", await AssignmentAsync(entity)), HttpStatusCode.Created);
        Assert.Equal("待核查", created.GetProperty("state").GetString());
        return created.GetProperty("id").GetInt64();
    }

    private Task<int> AssignmentCount() => app.WithDb(db => db.Set<InspectionAssignment>().CountAsync());

    private static async Task<Guid> UploadAsync(HttpClient officer, byte[] bytes, string contentType, string kind, string? signer = null)
    {
        var key = Guid.NewGuid();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var query = $"kind={kind}&fileName=f&sha256={Convert.ToHexStringLower(SHA256.HashData(bytes))}" + (signer is null ? "" : $"&signer={signer}");
        Assert.Equal(HttpStatusCode.Created, (await officer.PutAsync($"/api/v1/inspections/evidence/{key}?{query}", content)).StatusCode);
        return key;
    }

    /// <summary>The inspection of an assignment as the phone sends it, from the form in the officer's work list.</summary>
    private static async Task<Dictionary<string, object?>> BodyAsync(HttpClient officer, JsonElement form)
    {
        var signature = Fixture("signature.png");
        return new Dictionary<string, object?>
        {
            ["kind"] = form.GetProperty("kind").GetString(), ["assignmentId"] = form.GetProperty("assignmentId").GetInt64(),
            ["creditCode"] = form.GetProperty("creditCode").GetString(), ["secondOfficerId"] = Colleague,
            ["startedAt"] = DateTime.UtcNow.AddMinutes(-30).ToString("O"), ["finishedAt"] = DateTime.UtcNow.AddMinutes(-1).ToString("O"),
            ["points"] = form.GetProperty("points").EnumerateArray().Select(p => new { pointId = p.GetProperty("pointId").GetInt32(), result = "Compliant" }).ToList(),
            ["outcome"] = "NoProblemFound", ["summary"] = "核查投诉事项，未发现问题。",
            ["evidence"] = new[] { await UploadAsync(officer, Fixture("photo.jpg"), "image/jpeg", "Photo") },
            ["firstSignature"] = await UploadAsync(officer, signature, "image/png", "Signature", "first"),
            ["secondSignature"] = await UploadAsync(officer, signature, "image/png", "Signature", "second"),
            ["partyRefusedToSign"] = true, ["partyRefusalNote"] = "当事人拒绝签字",
        };
    }

    private static async Task<JsonElement?> InWorkListAsync(HttpClient officer, long assignmentId) =>
        (await ApiAssert.Json(await officer.GetAsync("/api/v1/inspections/work"))).EnumerateArray()
            .Cast<JsonElement?>().FirstOrDefault(f => f!.Value.TryGetProperty("assignmentId", out var a) && a.ValueKind == JsonValueKind.Number && a.GetInt64() == assignmentId);

    [Fact]
    public async Task A_heads_assignment_reaches_the_officers_work_list_with_its_form_and_the_inspection_under_it_closes_it()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        var id = await AssignAsync(entity);
        var officer = await app.ClientFor("officer");
        var form = await InWorkListAsync(officer, id) ?? throw new Xunit.Sdk.XunitException("the assignment is not in the officer's work list");
        Assert.Equal("Complaint", form.GetProperty("kind").GetString());
        Assert.Equal(entity.CreditCode, form.GetProperty("creditCode").GetString());
        Assert.Contains("12315-2026-001234", form.GetProperty("taskName").GetString());
        Assert.NotEmpty(form.GetProperty("points").EnumerateArray());
        // The two officers assigned, and only they.
        Assert.Equal([Me, Colleague], form.GetProperty("officers").EnumerateArray().Select(o => o.GetProperty("id").GetInt32()));

        var key = Guid.NewGuid();
        var stored = await ApiAssert.Json(await officer.PutAsJsonAsync($"/api/v1/inspections/{key}", await BodyAsync(officer, form)), HttpStatusCode.Created);
        Assert.Equal("Complaint", stored.GetProperty("kind").GetString());
        var inspectionId = await app.WithDb(db => db.Set<Inspection>().Where(i => i.ClientId == key).Select(i => new { i.Id, i.AssignmentId }).SingleAsync());
        Assert.Equal(id, inspectionId.AssignmentId);
        var assignment = await app.WithDb(db => db.Set<InspectionAssignment>().SingleAsync(a => a.Id == id));
        Assert.Equal(inspectionId.Id, assignment.InspectionId);
        Assert.Null(await InWorkListAsync(officer, id));
        // The signed record names the complaint it answers.
        var record = Jianguan.Tests.Platform.Documents.Poppler.Squeezed(Jianguan.Tests.Platform.Documents.Poppler.Text(
            await (await officer.GetAsync($"/api/v1/inspections/{key}/record")).Content.ReadAsByteArrayAsync()));
        Assert.Contains("投诉举报核查（投诉12315-2026-001234）", record);
        var listed = (await ApiAssert.Json(await (await app.ClientFor("head")).GetAsync("/api/v1/inspections/assignments"))).EnumerateArray().Single(a => a.GetProperty("id").GetInt64() == id);
        Assert.Equal("已核查", listed.GetProperty("state").GetString());

        // A second inspection for the same assignment is a conflict, not a second record against it.
        var again = await BodyAsync(officer, form);
        var conflict = await ApiAssert.Problem(await officer.PutAsJsonAsync($"/api/v1/inspections/{Guid.NewGuid()}", again), HttpStatusCode.Conflict);
        Assert.Contains("已核查完毕", conflict.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Inspections_sent_at_once_for_one_assignment_under_several_keys_close_it_once_and_the_rest_are_conflicts()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        var id = await AssignAsync(entity);
        var officer = await app.ClientFor("officer");
        var form = await InWorkListAsync(officer, id) ?? throw new Xunit.Sdk.XunitException("the assignment is not in the officer's work list");
        // A double tap on the phone, or two phones: each a complete inspection with its own key and evidence, all at once.
        var bodies = new List<Dictionary<string, object?>>();
        for (var n = 0; n < 4; n++) bodies.Add(await BodyAsync(officer, form));
        var answers = await Task.WhenAll(bodies.Select(b => officer.PutAsJsonAsync($"/api/v1/inspections/{Guid.NewGuid()}", b)));
        var codes = answers.Select(a => a.StatusCode).ToList();
        Assert.Equal(1, codes.Count(c => c == HttpStatusCode.Created));
        Assert.Equal(3, codes.Count(c => c == HttpStatusCode.Conflict));
        Assert.Equal(1, await app.WithDb(db => db.Set<Inspection>().CountAsync(i => i.AssignmentId == id)));
        Assert.Equal(1, await app.WithDb(db => db.Set<Inspection>().CountAsync(i => i.EntityId == entity.Id)));
        var closedBy = await app.WithDb(db => db.Set<InspectionAssignment>().Where(a => a.Id == id).Select(a => a.InspectionId).SingleAsync());
        Assert.Equal(closedBy, await app.WithDb(db => db.Set<Inspection>().Where(i => i.AssignmentId == id).Select(i => (long?)i.Id).SingleAsync()));
        // Cancelling it now is a conflict: it was done.
        await ApiAssert.Problem(await (await app.ClientFor("head")).PostAsJsonAsync($"/api/v1/inspections/assignments/{id}/cancel", new { reason = "重复" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_assignment_cancelled_while_the_phone_was_offline_is_a_conflict_and_nothing_is_recorded_against_it()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        var id = await AssignAsync(entity);
        var officer = await app.ClientFor("officer");
        var form = (await InWorkListAsync(officer, id))!.Value;
        var body = await BodyAsync(officer, form);

        var head = await app.ClientFor("head");
        Assert.Contains("reason", (await ApiAssert.Problem(await head.PostAsJsonAsync($"/api/v1/inspections/assignments/{id}/cancel", new { reason = " " }), HttpStatusCode.BadRequest))
            .GetProperty("errors").EnumerateObject().Select(e => e.Name));
        var cancelled = await ApiAssert.Json(await head.PostAsJsonAsync($"/api/v1/inspections/assignments/{id}/cancel", new { reason = "投诉人撤回投诉" }));
        Assert.Equal("已撤销", cancelled.GetProperty("state").GetString());
        Assert.Equal("投诉人撤回投诉", cancelled.GetProperty("cancelReason").GetString());
        await ApiAssert.Problem(await head.PostAsJsonAsync($"/api/v1/inspections/assignments/{id}/cancel", new { reason = "再次撤销" }), HttpStatusCode.Conflict);

        var key = Guid.NewGuid();
        var conflict = await ApiAssert.Problem(await officer.PutAsJsonAsync($"/api/v1/inspections/{key}", body), HttpStatusCode.Conflict);
        Assert.Contains("撤销：投诉人撤回投诉", conflict.GetProperty("detail").GetString());
        Assert.Equal(0, await app.WithDb(db => db.Set<Inspection>().CountAsync(i => i.ClientId == key)));
        Assert.Null(await InWorkListAsync(officer, id));
        Assert.Null((await app.WithDb(db => db.Set<InspectionAssignment>().SingleAsync(a => a.Id == id))).InspectionId);
    }

    [Theory]
    [InlineData("creditCode", "91330702MA00000000", "名录库中没有")]
    [InlineData("firstOfficerId", OtherDepartment, "不是本部门持有效执法证的执法人员")]
    [InlineData("firstOfficerId", Expired, "不是本部门持有效执法证的执法人员")]
    [InlineData("secondOfficerId", Me, "不能是同一人")]
    [InlineData("secondOfficerId", null, "不得少于两人")]
    [InlineData("dueOn", "2020-01-01", "早于今天")]
    [InlineData("dueOn", "下周", "应为 yyyy-MM-dd")]
    [InlineData("itemCodes", "NO-SUCH-ITEM", "没有本部门现行有效的检查实施清单")]
    [InlineData("source", "Rumour", "")]
    [InlineData("reference", "", "必填")]
    [InlineData("reason", "", "必填")]
    public async Task A_bad_assignment_is_refused_naming_the_field_and_nothing_is_stored(string field, object? value, string message)
    {
        var body = await AssignmentAsync(await CreditApiData.NewEntityAsync(app));
        body[field] = field == "itemCodes" ? new[] { value } : value;
        var before = await AssignmentCount();
        var refusal = await ApiAssert.InvalidField(await (await app.ClientFor("head")).PostAsJsonAsync("/api/v1/inspections/assignments", body), field);
        Assert.Contains(message, refusal);
        Assert.Equal(before, await AssignmentCount());
    }

    [Fact]
    public async Task Officers_cannot_assign_and_other_departments_neither_see_nor_cancel_an_assignment()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        var before = await AssignmentCount();
        await ApiAssert.Problem(await (await app.ClientFor("officer")).PostAsJsonAsync("/api/v1/inspections/assignments", await AssignmentAsync(entity)), HttpStatusCode.Forbidden);
        Assert.Equal(before, await AssignmentCount());

        var id = await AssignAsync(entity, "manager");
        var other = await app.ClientFor("zhzf.manager");
        Assert.DoesNotContain((await ApiAssert.Json(await other.GetAsync("/api/v1/inspections/assignments"))).EnumerateArray(), a => a.GetProperty("id").GetInt64() == id);
        await ApiAssert.Problem(await other.PostAsJsonAsync($"/api/v1/inspections/assignments/{id}/cancel", new { reason = "越权撤销" }), HttpStatusCode.NotFound);
        await ApiAssert.Problem(await (await app.ClientFor("officer")).PostAsJsonAsync($"/api/v1/inspections/assignments/{id}/cancel", new { reason = "自行撤销" }), HttpStatusCode.Forbidden);
        Assert.Null((await app.WithDb(db => db.Set<InspectionAssignment>().SingleAsync(a => a.Id == id))).CancelledAtUtc);
        // The enforcement bureau's officer does not get it; the administrator sees every department's.
        Assert.Null(await InWorkListAsync(await app.ClientFor("zhzf.officer"), id));
        Assert.Contains((await ApiAssert.Json(await (await app.ClientFor("admin")).GetAsync("/api/v1/inspections/assignments"))).EnumerateArray(), a => a.GetProperty("id").GetInt64() == id);
        // Nor can the other department's officer send an inspection for it.
        var form = (await InWorkListAsync(await app.ClientFor("officer"), id))!.Value;
        var zhzf = await app.ClientFor("zhzf.officer");
        await ApiAssert.Problem(await zhzf.GetAsync($"/api/v1/inspections/form?kind=Complaint&assignmentId={id}&creditCode={entity.CreditCode}"), HttpStatusCode.NotFound);
        Assert.Equal("Complaint", form.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task An_open_assignment_that_can_no_longer_be_inspected_says_why_on_the_list_and_the_page()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        var id = await AssignAsync(entity);
        var item = await ItemAsync();
        var head = await app.ClientFor("head");
        async Task<List<string>> Obstacles() => [.. (await ApiAssert.Json(await head.GetAsync("/api/v1/inspections/assignments"))).EnumerateArray()
            .Single(a => a.GetProperty("id").GetInt64() == id).GetProperty("obstacles").EnumerateArray().Select(o => o.GetString()!)];
        Assert.Empty(await Obstacles());

        // The colleague's licence runs out and the item's checklist is withdrawn after the assignment was made.
        var today = DateOnly.FromDateTime(DateTime.Now);
        var licence = await app.WithDb(db => db.Set<Officer>().Where(o => o.Id == Colleague).Select(o => o.LicenseExpiresOn).SingleAsync());
        var checklist = await app.WithDb(db => db.Set<InspectionChecklist>().Where(c => c.ItemCode == item && c.Department!.Code == "SCJG" && c.EffectiveTo == null).Select(c => c.Id).SingleAsync());
        await app.WithDb(db => db.Set<Officer>().Where(o => o.Id == Colleague).ExecuteUpdateAsync(u => u.SetProperty(o => o.LicenseExpiresOn, today.AddDays(-1))));
        await app.WithDb(db => db.Set<InspectionChecklist>().Where(c => c.Id == checklist).ExecuteUpdateAsync(u => u.SetProperty(c => c.EffectiveTo, today)));
        try
        {
            var obstacles = await Obstacles();
            Assert.Contains(obstacles, o => o.Contains($"事项 {item}") && o.Contains("没有本部门现行有效的检查实施清单"));
            Assert.Contains(obstacles, o => o.Contains("执法证已于") && o.Contains("第四十二条"));
            // The officer's work list cannot hold it (no form can be made); the head's page says why and what to do.
            Assert.Null(await InWorkListAsync(await app.ClientFor("officer"), id));
            var page = await (await (await PageClient.SignedIn(app, "head")).Get("/Inspections/Assignments")).Content.ReadAsStringAsync();
            Assert.Contains("没有本部门现行有效的检查实施清单", page);
            Assert.Contains("请撤销后重新交办", page);
        }
        finally
        {
            await app.WithDb(db => db.Set<Officer>().Where(o => o.Id == Colleague).ExecuteUpdateAsync(u => u.SetProperty(o => o.LicenseExpiresOn, licence)));
            await app.WithDb(db => db.Set<InspectionChecklist>().Where(c => c.Id == checklist).ExecuteUpdateAsync(u => u.SetProperty(c => c.EffectiveTo, (DateOnly?)null)));
        }
        Assert.Empty(await Obstacles());
    }

    [Fact]
    public async Task On_the_day_a_checklist_is_superseded_a_form_has_the_new_version_only()
    {
        // A version ends on the first day of the next (CatalogVersioning.Supersede): that day only the new one is in force.
        var today = DateOnly.FromDateTime(DateTime.Now);
        var (code, newId) = await app.WithDb(async db =>
        {
            var current = await db.Set<InspectionChecklist>().Include(c => c.Points)
                .Where(c => c.Department!.Code == "SCJG" && c.EffectiveTo == null && c.Points.Count > 0).OrderByDescending(c => c.ItemCode).FirstAsync();
            var next = new InspectionChecklist
            {
                ItemCode = current.ItemCode, Version = current.Version + 1, EffectiveFrom = today, DepartmentId = current.DepartmentId, Name = current.Name,
                SpotCheck = current.SpotCheck, RatioBasisPoints = current.RatioBasisPoints, Frequency = current.Frequency, ChangeNote = "调整", RecordedBy = "test",
                RecordedAtUtc = DateTime.UtcNow,
                Points = [.. current.Points.Select(p => new ChecklistPoint { Number = p.Number, Content = "新版：" + p.Content, Method = p.Method, Basis = p.Basis, Standard = p.Standard, IsMajor = p.IsMajor })],
            };
            current.EffectiveTo = today;
            db.Add(next);
            await db.SaveChangesAsync();
            return (current.ItemCode, next.Id);
        });
        var entity = await CreditApiData.NewEntityAsync(app);
        var form = await ApiAssert.Json(await (await app.ClientFor("officer")).GetAsync($"/api/v1/inspections/form?kind=AdHoc&creditCode={entity.CreditCode}&items={code}"));
        var points = form.GetProperty("points").EnumerateArray().ToList();
        Assert.NotEmpty(points);
        Assert.All(points, p => Assert.Equal(newId, p.GetProperty("checklistId").GetInt32()));
        Assert.All(points, p => Assert.StartsWith("新版：", p.GetProperty("content").GetString()));
    }

    [Fact]
    public async Task The_head_assigns_and_cancels_on_the_page_and_the_officer_sees_the_list_without_the_form()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        var head = await PageClient.SignedIn(app, "head");
        var page = await (await head.Get("/Inspections/Assignments")).Content.ReadAsStringAsync();
        Assert.Contains("交办核查", page);
        Assert.Contains("<label for=\"reference\">", page);
        var item = await ItemAsync();
        var posted = await head.PostForm("/Inspections/Assignments", new()
        {
            ["Input.DepartmentId"] = "1", ["Input.CreditCode"] = entity.CreditCode, ["Input.Source"] = "Report", ["Input.Reference"] = "12345-举报-77",
            ["Input.Reason"] = "举报无证经营", ["Input.ItemCodes"] = item, ["Input.FirstOfficerId"] = Me.ToString(), ["Input.SecondOfficerId"] = Colleague.ToString(),
            ["Input.DueOn"] = DateOnly.FromDateTime(DateTime.Now).AddDays(3).ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var id = await app.WithDb(db => db.Set<InspectionAssignment>().Where(a => a.Reference == "12345-举报-77" && a.EntityId == entity.Id).Select(a => a.Id).SingleAsync());
        Assert.Contains("12345-举报-77", await (await head.Get("/Inspections/Assignments")).Content.ReadAsStringAsync());

        // A bad form is answered beside the form, nothing stored.
        var before = await AssignmentCount();
        var bad = await head.PostForm("/Inspections/Assignments", new() { ["Input.CreditCode"] = entity.CreditCode, ["Input.Source"] = "Complaint" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("请更正以下问题", await bad.Content.ReadAsStringAsync());
        Assert.Equal(before, await AssignmentCount());

        var cancel = await head.PostForm("/Inspections/Assignments?handler=Cancel", new() { ["id"] = id.ToString(), ["reason"] = "重复交办" });
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        Assert.Equal("重复交办", (await app.WithDb(db => db.Set<InspectionAssignment>().SingleAsync(a => a.Id == id))).CancelReason);

        // An administrator picks the department first; the form then offers that department's officers only.
        var admin = await PageClient.SignedIn(app, "admin");
        var enforcement = await (await admin.Get("/Inspections/Assignments?department=2")).Content.ReadAsStringAsync();
        Assert.Contains("切换部门", enforcement);
        Assert.Contains("name=\"Input.DepartmentId\" value=\"2\"", enforcement);
        var officerNames = await app.WithDb(db => db.Set<Jianguan.Web.Modules.Organization.Officer>().Where(o => o.Id == OtherDepartment || o.Id == Me).ToDictionaryAsync(o => o.Id, o => o.Name));
        Assert.Contains($">{officerNames[OtherDepartment]}（", enforcement);
        Assert.DoesNotContain($">{officerNames[Me]}（", enforcement);

        var officer = await PageClient.SignedIn(app, "officer");
        var officersPage = await (await officer.Get("/Inspections/Assignments")).Content.ReadAsStringAsync();
        Assert.Contains("12345-举报-77", officersPage);
        Assert.DoesNotContain("<label for=\"reference\">", officersPage);
        Assert.NotEqual(HttpStatusCode.OK, (await PageClient.Anonymous(app).Get("/Inspections/Assignments")).StatusCode);
    }
}

public sealed class InspectionAssignmentTests_Sqlite(SqliteApp app) : InspectionAssignmentTests(app), IClassFixture<SqliteApp>;
public sealed class InspectionAssignmentTests_Postgres(PostgresApp app) : InspectionAssignmentTests(app), IClassFixture<PostgresApp>;
