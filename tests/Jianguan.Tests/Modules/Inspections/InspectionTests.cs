using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Jianguan.Tests.Infrastructure;
using Jianguan.Tests.Modules.Credit;
using Jianguan.Tests.Platform.Documents;
using Jianguan.Web.Modules.Catalog;
using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Modules.Inspections;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Modules.SpotChecks;
using Jianguan.Web.Platform.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jianguan.Tests.Modules.Inspections;

/// <summary>
/// 掌上执法 through its API: evidence checked by its SHA-256 and kept once, inspections received exactly once by the
/// phone's key, every point of the generated form answered, two officers (行政处罚法 第42条) and the party's signature
/// or refusal, the signed record as PDF, and what follows: the spot-check result, the credit record, the rectification
/// order with its re-inspection by the working-day calendar.
/// </summary>
public abstract class InspectionTests(JianguanApp app)
{
    /// <summary>The demo's market-bureau officers: 1 is the "officer" account, 2 holds a valid licence, 4 an expired one.</summary>
    private const int Me = 1, Colleague = 2, Expired = 4;

    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Platform", "Documents", "Fixtures", name));

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid key, byte[] bytes, string contentType = "image/jpeg", string? sha = null,
        string kind = "Photo", string? signer = null, string fileName = "现场照片.jpg")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var query = $"kind={kind}&fileName={Uri.EscapeDataString(fileName)}&sha256={sha ?? Sha(bytes)}&takenAt=2026-11-27T02:30:00Z&lat=29.08&lon=119.65"
                    + (signer is null ? "" : $"&signer={signer}");
        return await client.PutAsync($"/api/v1/inspections/evidence/{key}?{query}", content);
    }

    private Task<int> EvidenceCount(Guid key) => app.WithDb(db => db.Set<Evidence>().CountAsync(e => e.ClientId == key));

    private Task<List<string>> ItemsAsync() => app.WithDb(db => db.Set<InspectionChecklist>()
        .Where(c => c.Department!.Code == "SCJG" && c.EffectiveTo == null && c.Points.Count > 0).OrderBy(c => c.ItemCode).Select(c => c.ItemCode).Take(1).ToListAsync());

    /// <summary>Uploads a photo and the three signatures; returns their keys.</summary>
    private static async Task<(Guid Photo, Guid First, Guid Second, Guid Party)> EvidenceAsync(HttpClient officer)
    {
        var keys = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(officer, keys.Item1, Fixture("photo.jpg"))).StatusCode);
        var signature = Fixture("signature.png");
        foreach (var (key, signer) in new[] { (keys.Item2, "first"), (keys.Item3, "second"), (keys.Item4, "party") })
            Assert.Equal(HttpStatusCode.Created, (await UploadAsync(officer, key, signature, "image/png", kind: "Signature", signer: signer, fileName: "签名.png")).StatusCode);
        return keys;
    }

    /// <summary>A complete ad hoc inspection of the entity: every point answered, the first one not compliant unless <paramref name="compliant"/>.</summary>
    private async Task<Dictionary<string, object?>> AdHocBodyAsync(HttpClient officer, SupervisedEntity entity, bool compliant = false, DateTime? finished = null)
    {
        var items = await ItemsAsync();
        var form = await ApiAssert.Json(await officer.GetAsync($"/api/v1/inspections/form?kind=AdHoc&creditCode={entity.CreditCode}&items={items[0]}"));
        var points = form.GetProperty("points").EnumerateArray().Select((p, n) => (object)new
        {
            pointId = p.GetProperty("pointId").GetInt32(),
            result = n == 0 && !compliant ? "NotCompliant" : "Compliant",
            note = n == 0 && !compliant ? "进货查验记录缺失" : "",
        }).ToList();
        var (photo, first, second, party) = await EvidenceAsync(officer);
        var end = finished ?? DateTime.UtcNow.AddMinutes(-5);
        return new Dictionary<string, object?>
        {
            ["kind"] = "AdHoc", ["creditCode"] = entity.CreditCode, ["itemCodes"] = items, ["secondOfficerId"] = Colleague,
            ["startedAt"] = end.AddMinutes(-40).ToString("O"), ["finishedAt"] = end.ToString("O"), ["place"] = "婺城区信用路1号后厨",
            ["latitude"] = 29.08, ["longitude"] = 119.65, ["points"] = points,
            ["outcome"] = compliant ? "NoProblemFound" : "RectifiedOnOrder", ["followUp"] = compliant ? "None" : "RectificationOrder",
            ["rectification"] = compliant ? null : new { requirement = "补齐进货查验记录", workingDays = 5 },
            ["summary"] = "检查了后厨和仓库。", ["partyName"] = "王小明", ["evidence"] = new[] { photo },
            ["firstSignature"] = first, ["secondSignature"] = second, ["partySignature"] = party,
        };
    }

    [Fact]
    public async Task Evidence_is_kept_once_under_its_key_and_its_hash_and_a_retry_returns_it()
    {
        var officer = await app.ClientFor("officer");
        var photo = Fixture("photo.jpg");
        var key = Guid.NewGuid();
        var first = await ApiAssert.Json(await UploadAsync(officer, key, photo), HttpStatusCode.Created);
        Assert.Equal(Sha(photo), first.GetProperty("sha256").GetString());
        Assert.Equal(photo.Length, first.GetProperty("size").GetInt64());
        // The phone did not hear the answer and sends it again: the same record, no second one.
        var again = await ApiAssert.Json(await UploadAsync(officer, key, photo), HttpStatusCode.OK);
        Assert.Equal(first.GetProperty("sha256").GetString(), again.GetProperty("sha256").GetString());
        Assert.Equal(1, await EvidenceCount(key));
        var store = app.Services.CreateScope().ServiceProvider.GetRequiredService<EvidenceStore>();
        Assert.Equal(photo, await File.ReadAllBytesAsync(store.PathOf(Sha(photo))));
        // The same key with other bytes is refused, and the stored file stays as it was.
        var other = Fixture("signature.png");
        await ApiAssert.Problem(await UploadAsync(officer, key, other, "image/png"), HttpStatusCode.Conflict);
        Assert.Equal(Sha(photo), await app.WithDb(db => db.Set<Evidence>().Where(e => e.ClientId == key).Select(e => e.Sha256).SingleAsync()));
    }

    [Fact]
    public async Task The_same_bytes_sent_at_once_under_one_key_or_several_are_stored_once_each_key_sharing_one_file()
    {
        var officer = await app.ClientFor("officer");
        // Bytes no other test sends: the first upload of them makes the file.
        var photo = new byte[300_000];
        Random.Shared.NextBytes(photo);
        photo[0] = 0xFF; photo[1] = 0xD8; photo[2] = 0xFF;
        var keys = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();
        // Each key twice (a retry racing the first try), all eight at once.
        var answers = await Task.WhenAll(keys.Concat(keys).Select(k => UploadAsync(officer, k, photo)));
        foreach (var answer in answers) Assert.True(answer.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        foreach (var key in keys) Assert.Equal(1, await EvidenceCount(key));
        var store = app.Services.CreateScope().ServiceProvider.GetRequiredService<EvidenceStore>();
        Assert.Equal(photo, await File.ReadAllBytesAsync(store.PathOf(Sha(photo))));
        Assert.Empty(Directory.EnumerateFiles(store.Root, ".upload-*"));
    }

    [Fact]
    public async Task Tampered_truncated_oversize_and_wrong_type_evidence_is_refused_and_nothing_is_stored()
    {
        var officer = await app.ClientFor("officer");
        var photo = Fixture("photo.jpg");
        var store = app.Services.CreateScope().ServiceProvider.GetRequiredService<EvidenceStore>();

        var truncated = Guid.NewGuid();
        Assert.Contains("SHA-256 与手机计算的不一致", await ApiAssert.InvalidField(await UploadAsync(officer, truncated, photo[..^100], sha: Sha(photo)), "sha256"));
        var tampered = Guid.NewGuid();
        var changed = (byte[])photo.Clone();
        changed[^10] ^= 0xFF;
        Assert.Contains("未保存", await ApiAssert.InvalidField(await UploadAsync(officer, tampered, changed, sha: Sha(photo)), "sha256"));
        Assert.False(File.Exists(store.PathOf(Sha(changed))));

        var oversize = Guid.NewGuid();
        var big = new byte[21 * 1024 * 1024];
        photo.CopyTo(big, 0);
        var tooLarge = await ApiAssert.Problem(await UploadAsync(officer, oversize, big), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("文件过大", tooLarge.GetProperty("detail").GetString());

        var text = "这不是照片"u8.ToArray();
        var disguised = Guid.NewGuid();
        Assert.Contains("不是声明的JPEG 照片", (await ApiAssert.Problem(await UploadAsync(officer, disguised, text), HttpStatusCode.UnsupportedMediaType)).GetProperty("detail").GetString());
        var script = Guid.NewGuid();
        await ApiAssert.Problem(await UploadAsync(officer, script, text, "text/html"), HttpStatusCode.UnsupportedMediaType);

        foreach (var key in new[] { truncated, tampered, oversize, disguised, script }) Assert.Equal(0, await EvidenceCount(key));
        Assert.Empty(Directory.GetFiles(store.Root, ".upload-*"));
    }

    [Fact]
    public async Task An_inspection_is_received_once_writes_its_order_and_credit_record_and_its_record_is_a_signed_pdf()
    {
        var officer = await app.ClientFor("officer");
        var entity = await CreditApiData.NewEntityAsync(app);
        var body = await AdHocBodyAsync(officer, entity);
        var key = Guid.NewGuid();
        var created = await ApiAssert.Json(await officer.PutAsJsonAsync($"/api/v1/inspections/{key}", body), HttpStatusCode.Created);
        Assert.Equal(entity.CreditCode, created.GetProperty("creditCode").GetString());
        Assert.Equal("Mobile", created.GetProperty("channel").GetString());
        // Retried, as the phone does when the answer was lost: 200 with the same inspection, still one of it.
        var replayed = await ApiAssert.Json(await officer.PutAsJsonAsync($"/api/v1/inspections/{key}", body), HttpStatusCode.OK);
        Assert.Equal(created.GetProperty("id").GetInt64(), replayed.GetProperty("id").GetInt64());
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal(1, await app.WithDb(db => db.Set<Inspection>().CountAsync(i => i.EntityId == entity.Id)));

        // The order's deadline is 5 working days by the calendar, and the finding is in the credit record.
        var order = await app.WithDb(db => db.Set<RectificationOrder>().SingleAsync(o => o.InspectionId == id));
        var calendar = await app.Services.CreateScope().ServiceProvider.GetRequiredService<CalendarService>().GetAsync(default);
        Assert.Equal(calendar.AddWorkingDays(order.IssuedOn, 5), order.DueOn);
        var credit = await app.WithDb(db => db.Set<CreditRecord>().SingleAsync(r => r.SourceKey == $"inspection:{id}"));
        Assert.Equal(CreditRecordKind.InspectionNonCompliant, credit.Kind);
        Assert.Equal(entity.Id, credit.EntityId);

        var pdf = await officer.GetAsync($"/api/v1/inspections/{key}/record");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var text = Poppler.Squeezed(Poppler.Text(await pdf.Content.ReadAsByteArrayAsync()));
        Assert.Contains("现场检查笔录", text);
        Assert.Contains(Poppler.Squeezed(entity.Name), text);
        Assert.Contains("不符合", text);
        Assert.Contains("进货查验记录缺失", text);
        Assert.Contains(Sha(Fixture("photo.jpg")), text);
        Assert.Contains("补齐进货查验记录", text);
        // The signatures drawn on the phone are pictures in the record.
        Assert.Contains(Poppler.Images(await pdf.Content.ReadAsByteArrayAsync()).Split('\n'), line => line.Contains(" image "));

        // Another department's officer sees neither the inspection nor its record.
        var other = await app.ClientFor("zhzf.officer");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/inspections/{key}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/inspections/{key}/record")).StatusCode);
    }

    [Fact]
    public async Task A_form_missing_points_a_second_officer_not_allowed_evidence_not_uploaded_or_no_party_signature_is_refused_and_nothing_is_stored()
    {
        var officer = await app.ClientFor("officer");
        var entity = await CreditApiData.NewEntityAsync(app);
        var complete = await AdHocBodyAsync(officer, entity);

        async Task Refused(string field, string words, Action<Dictionary<string, object?>> change)
        {
            var body = new Dictionary<string, object?>(complete);
            change(body);
            var key = Guid.NewGuid();
            Assert.Contains(words, await ApiAssert.InvalidField(await officer.PutAsJsonAsync($"/api/v1/inspections/{key}", body), field));
            Assert.Equal(0, await app.WithDb(db => db.Set<Inspection>().CountAsync(i => i.ClientId == key || i.EntityId == entity.Id)));
        }

        await Refused("points", "没有结果", b => b["points"] = ((List<object>)complete["points"]!).Skip(1).ToList());
        await Refused("secondOfficerId", "执法证有效期至", b => b["secondOfficerId"] = Expired);
        await Refused("secondOfficerId", "不是本部门在职的执法人员", b => b["secondOfficerId"] = 5);
        await Refused("secondOfficerId", "不能是本人", b => b["secondOfficerId"] = Me);
        await Refused("secondOfficerId", "行政处罚法第四十二条", b => b["secondOfficerId"] = null);
        await Refused("evidence", "尚未上传", b => b["evidence"] = new[] { Guid.NewGuid() });
        await Refused("partySignature", "当事人签名", b => b["partySignature"] = null);
        await Refused("outcome", "不能为“未发现问题”", b => b["outcome"] = "NoProblemFound");
        await Refused("finishedAt", "晚于现在", b => b["finishedAt"] = DateTime.UtcNow.AddHours(2).ToString("O"));
        // A phone whose clock went back to 1970, an empty point, an empty item, ten thousand points: refused by name, not a 500.
        await Refused("finishedAt", "请检查手机时间", b => b["finishedAt"] = "1970-01-01T08:00:00Z");
        await Refused("points[0]", "不能为空", b => b["points"] = new object?[] { null }.Concat((List<object>)complete["points"]!).ToList());
        await Refused("itemCodes", "至少一个检查事项", b => b["itemCodes"] = new string?[] { null });
        await Refused("points", "最多 1000 个", b => b["points"] = Enumerable.Repeat(((List<object>)complete["points"]!)[0], 10_000).ToList());
        // Nothing of the evidence was used up: the complete body still goes through.
        Assert.Equal(HttpStatusCode.Created, (await officer.PutAsJsonAsync($"/api/v1/inspections/{Guid.NewGuid()}", complete)).StatusCode);

        // A party who refuses to sign is recorded as such (拒签), and the record says so.
        var refusing = await AdHocBodyAsync(officer, await CreditApiData.NewEntityAsync(app), compliant: true);
        refusing["partySignature"] = null;
        refusing["partyRefusedToSign"] = true;
        refusing["partyRefusalNote"] = "当事人以负责人不在为由拒绝签字，有执法记录仪录像";
        var refusalKey = Guid.NewGuid();
        var stored = await ApiAssert.Json(await officer.PutAsJsonAsync($"/api/v1/inspections/{refusalKey}", refusing), HttpStatusCode.Created);
        Assert.True(stored.GetProperty("partyRefusedToSign").GetBoolean());
        var text = Poppler.Squeezed(Poppler.Text(await (await officer.GetAsync($"/api/v1/inspections/{refusalKey}/record")).Content.ReadAsByteArrayAsync()));
        Assert.Contains("拒绝签字", text);
    }

    /// <summary>行政处罚法第四十二条: an inspection is carried out by officers qualified for enforcement (a valid licence).</summary>
    [Fact]
    public async Task An_inspection_by_an_officer_whose_licence_had_expired_on_its_day_is_refused_one_done_before_and_sent_after_stands()
    {
        var officer = await app.ClientFor("officer");
        var today = DateOnly.FromDateTime(DateTime.Now);
        var kept = await app.WithDb(db => db.Set<Officer>().Where(o => o.Id == Me).Select(o => o.LicenseExpiresOn).SingleAsync());
        var entity = await CreditApiData.NewEntityAsync(app);
        // Both made while the licence is valid (the form needs the officer's department and items), then the licence runs out.
        var late = await AdHocBodyAsync(officer, entity, compliant: true);
        var early = await AdHocBodyAsync(officer, entity, compliant: true, finished: DateTime.UtcNow.AddDays(-5));
        await SetLicence(today.AddDays(-2));
        try
        {
            var key = Guid.NewGuid();
            var message = await ApiAssert.InvalidField(await officer.PutAsJsonAsync($"/api/v1/inspections/{key}", late), "officer");
            Assert.Contains("执法证有效期至", message);
            Assert.Contains("行政处罚法第四十二条", message);
            Assert.Equal(0, await app.WithDb(db => db.Set<Inspection>().CountAsync(i => i.EntityId == entity.Id)));
            // Done five days ago, while the licence was valid, and sent only now (the phone was offline): it stands.
            Assert.Equal(HttpStatusCode.Created, (await officer.PutAsJsonAsync($"/api/v1/inspections/{Guid.NewGuid()}", early)).StatusCode);
            Assert.Equal(1, await app.WithDb(db => db.Set<Inspection>().CountAsync(i => i.EntityId == entity.Id)));
        }
        finally
        {
            await SetLicence(kept);
        }

        Task SetLicence(DateOnly expires) => app.WithDb(db => db.Set<Officer>().Where(o => o.Id == Me).ExecuteUpdateAsync(u => u.SetProperty(o => o.LicenseExpiresOn, expires)));
    }

    [Fact]
    public async Task Unknown_tasks_and_entities_are_refused_by_name()
    {
        var officer = await app.ClientFor("officer");
        var entity = await CreditApiData.NewEntityAsync(app);
        var body = await AdHocBodyAsync(officer, entity);
        body["kind"] = "SpotCheck";
        body["taskId"] = 987654321L;
        await ApiAssert.Problem(await officer.PutAsJsonAsync($"/api/v1/inspections/{Guid.NewGuid()}", body), HttpStatusCode.NotFound);
        body["kind"] = "AdHoc";
        body["creditCode"] = "91330702MA00000000";
        Assert.Contains("名录库中没有", await ApiAssert.InvalidField(await officer.PutAsJsonAsync($"/api/v1/inspections/{Guid.NewGuid()}", body), "creditCode"));
        // A manager is not an officer: the phone's API is for officers.
        var manager = await app.ClientFor("manager");
        await ApiAssert.Problem(await manager.GetAsync("/api/v1/inspections/work"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_spot_check_inspection_becomes_the_drawn_entitys_result_and_a_cancelled_or_reassigned_visit_is_a_conflict()
    {
        var (taskId, drawn) = await DrawnForMeAsync(2);
        var officer = await app.ClientFor("officer");
        var work = await ApiAssert.Json(await officer.GetAsync("/api/v1/inspections/work"));
        var form = Assert.Single(work.EnumerateArray(), f => f.GetProperty("taskId").ValueKind == JsonValueKind.Number
            && f.GetProperty("taskId").GetInt64() == taskId && f.GetProperty("creditCode").GetString() == drawn[0].CreditCode);
        Assert.NotEmpty(form.GetProperty("points").EnumerateArray());
        Assert.Contains(form.GetProperty("officers").EnumerateArray(), o => o.GetProperty("id").GetInt32() == Colleague);

        var body = await SpotCheckBodyAsync(officer, taskId, drawn[0]);
        var key = Guid.NewGuid();
        await ApiAssert.Json(await officer.PutAsJsonAsync($"/api/v1/inspections/{key}", body), HttpStatusCode.Created);
        var result = await app.WithDb(db => db.Set<SpotCheckResult>().Include(r => r.Items).SingleAsync(r => r.TaskId == taskId && r.EntityId == drawn[0].Id));
        Assert.Equal(InspectionOutcome.NoProblemFound, result.Outcome);
        Assert.All(result.Items, i => Assert.False(i.ProblemFound));

        // The second entity's visit was prepared offline, then the officer was taken off it: shown as a conflict, nothing written.
        var second = await SpotCheckBodyAsync(officer, taskId, drawn[1]);
        await app.WithDb(async db =>
        {
            var mine = await db.Set<DrawnEntityOfficer>().SingleAsync(o => o.OfficerId == Me && db.Set<DrawnEntity>().Any(d => d.Id == o.DrawnEntityId && d.TaskId == taskId && d.EntityId == drawn[1].Id));
            db.Remove(mine);
            db.Add(new DrawnEntityOfficer { DrawnEntityId = mine.DrawnEntityId, OfficerId = 3 });
            await db.SaveChangesAsync();
        });
        var conflict = await ApiAssert.Problem(await officer.PutAsJsonAsync($"/api/v1/inspections/{Guid.NewGuid()}", second), HttpStatusCode.Conflict);
        Assert.Contains("改派", conflict.GetProperty("detail").GetString());
        Assert.False(await app.WithDb(db => db.Set<SpotCheckResult>().AnyAsync(r => r.TaskId == taskId && r.EntityId == drawn[1].Id)));
    }

    [Fact]
    public async Task A_rectification_order_is_due_by_working_days_listed_when_overdue_and_closed_by_the_re_inspection()
    {
        var officer = await app.ClientFor("officer");
        var entity = await CreditApiData.NewEntityAsync(app);
        // Inspected a month ago with 5 working days to correct: overdue today.
        var body = await AdHocBodyAsync(officer, entity, finished: DateTime.UtcNow.AddDays(-30));
        var created = await ApiAssert.Json(await officer.PutAsJsonAsync($"/api/v1/inspections/{Guid.NewGuid()}", body), HttpStatusCode.Created);
        var order = await app.WithDb(db => db.Set<RectificationOrder>().SingleAsync(o => o.InspectionId == created.GetProperty("id").GetInt64()));
        var overdue = await ApiAssert.Json(await officer.GetAsync("/api/v1/inspections/rectifications/overdue"));
        Assert.Contains(overdue.EnumerateArray(), o => o.GetProperty("id").GetInt64() == order.Id);
        Assert.DoesNotContain((await ApiAssert.Json(await (await app.ClientFor("zhzf.officer")).GetAsync("/api/v1/inspections/rectifications/overdue"))).EnumerateArray(),
            o => o.GetProperty("id").GetInt64() == order.Id);

        // The re-inspection is on the officer's list, on the points of the first visit, and closes the order.
        var work = await ApiAssert.Json(await officer.GetAsync("/api/v1/inspections/work"));
        var form = Assert.Single(work.EnumerateArray(), f => f.GetProperty("rectificationOrderId").ValueKind == JsonValueKind.Number && f.GetProperty("rectificationOrderId").GetInt64() == order.Id);
        Assert.Equal(((List<object>)body["points"]!).Count, form.GetProperty("points").GetArrayLength());
        Assert.Contains(form.GetProperty("openFindings").EnumerateArray(), f => f.GetProperty("note").GetString() == "进货查验记录缺失");
        var (_, first, second, party) = await EvidenceAsync(officer);
        var reinspection = new Dictionary<string, object?>
        {
            ["kind"] = "ReInspection", ["rectificationOrderId"] = order.Id, ["creditCode"] = entity.CreditCode, ["secondOfficerId"] = Colleague,
            ["startedAt"] = DateTime.UtcNow.AddMinutes(-30).ToString("O"), ["finishedAt"] = DateTime.UtcNow.AddMinutes(-1).ToString("O"),
            ["points"] = form.GetProperty("points").EnumerateArray().Select(p => new { pointId = p.GetProperty("pointId").GetInt32(), result = "Compliant" }).ToList(),
            ["outcome"] = "NoProblemFound", ["firstSignature"] = first, ["secondSignature"] = second, ["partySignature"] = party,
        };
        await ApiAssert.Json(await officer.PutAsJsonAsync($"/api/v1/inspections/{Guid.NewGuid()}", reinspection), HttpStatusCode.Created);
        Assert.NotNull(await app.WithDb(db => db.Set<RectificationOrder>().Where(o => o.Id == order.Id).Select(o => o.ClosedOn).SingleAsync()));
        Assert.DoesNotContain((await ApiAssert.Json(await officer.GetAsync("/api/v1/inspections/rectifications/overdue"))).EnumerateArray(), o => o.GetProperty("id").GetInt64() == order.Id);
        // Twice re-inspected is refused.
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PutAsJsonAsync($"/api/v1/inspections/{Guid.NewGuid()}", reinspection)).StatusCode);
    }

    [Fact]
    public async Task Coverage_counts_the_inspections_done_on_the_phone_per_department_and_month()
    {
        var officer = await app.ClientFor("officer");
        var before = await CoverageAsync(officer);
        var mobile = await AdHocBodyAsync(officer, await CreditApiData.NewEntityAsync(app), compliant: true);
        await ApiAssert.Json(await officer.PutAsJsonAsync($"/api/v1/inspections/{Guid.NewGuid()}", mobile), HttpStatusCode.Created);
        var desk = await AdHocBodyAsync(officer, await CreditApiData.NewEntityAsync(app), compliant: true);
        desk["channel"] = "Desk";
        await ApiAssert.Json(await officer.PutAsJsonAsync($"/api/v1/inspections/{Guid.NewGuid()}", desk), HttpStatusCode.Created);
        var after = await CoverageAsync(officer);
        Assert.Equal(before.Mobile + 1, after.Mobile);
        Assert.Equal(before.Total + 2, after.Total);
        // A year out of range is refused by name (it was a 500: no such date).
        foreach (var year in new[] { 0, 9999 })
            await ApiAssert.InvalidField(await officer.GetAsync($"/api/v1/inspections/coverage?year={year}"), "year");
    }

    private async Task<(int Mobile, int Total)> CoverageAsync(HttpClient client)
    {
        var month = DateTime.Now.AddMinutes(-5).ToString("yyyy-MM");
        var rows = await ApiAssert.Json(await client.GetAsync($"/api/v1/inspections/coverage?year={DateTime.Now.AddMinutes(-5).Year}"));
        var row = rows.EnumerateArray().FirstOrDefault(r => r.GetProperty("departmentId").GetInt32() == 1 && r.GetProperty("month").GetString() == month);
        return row.ValueKind == JsonValueKind.Undefined ? (0, 0) : (row.GetProperty("mobile").GetInt32(), row.GetProperty("total").GetInt32());
    }

    /// <summary>
    /// A drawn task of <paramref name="count"/> new entities, with the "officer" account's officer and colleague 2 on
    /// each: the draw assigns by its seed, so the test sets the pair as a manual reassignment would.
    /// </summary>
    private async Task<(long TaskId, List<SupervisedEntity> Entities)> DrawnForMeAsync(int count)
    {
        var tag = $"掌上执法测试{Guid.NewGuid():N}"[..14];
        var entities = new List<SupervisedEntity>();
        for (var i = 0; i < count; i++)
        {
            var entity = await CreditApiData.NewEntityAsync(app);
            await app.WithDb(async db => { db.Add(new EntityTag { EntityId = entity.Id, Tag = tag }); await db.SaveChangesAsync(); });
            entities.Add(entity);
        }
        var item = await app.WithDb(db => db.Set<InspectionChecklist>().Where(c => c.SpotCheck != SpotCheckFlag.None && c.EffectiveTo == null && c.Department!.Code == "SCJG")
            .OrderBy(c => c.ItemCode).Select(c => c.ItemCode).FirstAsync());
        var manager = await app.ClientFor("manager");
        var today = DateTime.Now.ToString("yyyy-MM-dd");
        var task = await ApiAssert.Json(await manager.PostAsJsonAsync("/api/v1/spot-checks/tasks", new
        {
            name = $"掌上执法测试 {tag}", startsOn = today, endsOn = DateTime.Now.AddMonths(1).ToString("yyyy-MM-dd"), items = new[] { new { itemCode = item } }, tag,
            ratios = new { a = 10000, b = 10000, c = 10000, d = 10000 },
        }), HttpStatusCode.Created);
        var taskId = task.GetProperty("id").GetInt64();
        await ApiAssert.Json(await manager.PostAsJsonAsync($"/api/v1/spot-checks/tasks/{taskId}/draw", new { entropy = "" }), HttpStatusCode.Created);
        await app.WithDb(async db =>
        {
            var drawn = await db.Set<DrawnEntity>().Include(d => d.Officers).Where(d => d.TaskId == taskId).ToListAsync();
            foreach (var d in drawn)
            {
                d.UnassignedReason = null;
                d.Officers.Clear();
                d.Officers.Add(new DrawnEntityOfficer { OfficerId = Me });
                d.Officers.Add(new DrawnEntityOfficer { OfficerId = Colleague });
            }
            await db.SaveChangesAsync();
        });
        return (taskId, entities);
    }

    private async Task<Dictionary<string, object?>> SpotCheckBodyAsync(HttpClient officer, long taskId, SupervisedEntity entity)
    {
        var form = await ApiAssert.Json(await officer.GetAsync($"/api/v1/inspections/form?kind=SpotCheck&taskId={taskId}&creditCode={entity.CreditCode}"));
        var (photo, first, second, party) = await EvidenceAsync(officer);
        return new Dictionary<string, object?>
        {
            ["kind"] = "SpotCheck", ["taskId"] = taskId, ["creditCode"] = entity.CreditCode, ["secondOfficerId"] = Colleague,
            ["startedAt"] = DateTime.UtcNow.AddMinutes(-30).ToString("O"), ["finishedAt"] = DateTime.UtcNow.AddMinutes(-1).ToString("O"),
            ["points"] = form.GetProperty("points").EnumerateArray().Select(p => new { pointId = p.GetProperty("pointId").GetInt32(), result = "Compliant" }).ToList(),
            ["outcome"] = "NoProblemFound", ["evidence"] = new[] { photo }, ["firstSignature"] = first, ["secondSignature"] = second, ["partySignature"] = party,
        };
    }
}

public sealed class InspectionTests_Sqlite(SqliteApp app) : InspectionTests(app), IClassFixture<SqliteApp>;
public sealed class InspectionTests_Postgres(PostgresApp app) : InspectionTests(app), IClassFixture<PostgresApp>;
