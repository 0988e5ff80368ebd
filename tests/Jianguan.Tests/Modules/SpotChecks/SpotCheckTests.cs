using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Jianguan.Draw;
using Jianguan.Tests.Infrastructure;
using Jianguan.Tests.Modules.Credit;
using Jianguan.Web.Modules.Catalog;
using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Modules.SpotChecks;
using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Officer = Jianguan.Web.Modules.Organization.Officer;

namespace Jianguan.Tests.Modules.SpotChecks;

/// <summary>
/// 双随机、一公开 (LEGAL-RULES.md §3): a task commits to its secret, is drawn once, publishes a record anyone can verify,
/// assigns at least two officers (行政处罚法 第42条) with recusal, caps yearly checks (国办发〔2024〕54号), and publishes
/// results within 20 working days (企业信息公示暂行条例 第6条), which enter the credit record.
/// </summary>
public abstract class SpotCheckTests(JianguanApp app)
{
    private static int _next;

    /// <summary>New entities in a special pool of their own, so that a task's pool is exactly them.</summary>
    private async Task<(string Tag, List<SupervisedEntity> Entities)> PoolAsync(int count)
    {
        var tag = $"抽查测试{Interlocked.Increment(ref _next)}{Random.Shared.Next(100, 999)}";
        var entities = new List<SupervisedEntity>();
        for (var i = 0; i < count; i++)
        {
            var entity = await CreditApiData.NewEntityAsync(app);
            await app.WithDb(async db => { db.Add(new EntityTag { EntityId = entity.Id, Tag = tag }); await db.SaveChangesAsync(); });
            entities.Add(entity);
        }
        return (tag, entities);
    }

    private Task<List<string>> SpotCheckItemsAsync(string department) => app.WithDb(db => db.Set<InspectionChecklist>()
        .Where(c => c.SpotCheck != SpotCheckFlag.None && c.EffectiveTo == null && c.Department!.Code == department).OrderBy(c => c.ItemCode).Select(c => c.ItemCode).ToListAsync());

    private async Task<object> TaskBody(string tag, bool joint = false, int ratio = 10000, string? requiredQualification = null)
    {
        var items = new List<object> { new { itemCode = (await SpotCheckItemsAsync("SCJG"))[0], requiredQualification } };
        if (joint) items.Add(new { itemCode = (await SpotCheckItemsAsync("ZHZF"))[0] });
        return new
        {
            name = $"测试任务 {tag}", startsOn = "2026-11-27", endsOn = "2026-12-31", items, tag,
            ratios = new { a = ratio, b = ratio, c = ratio, d = ratio },
        };
    }

    private async Task<JsonElement> CreateTaskAsync(string tag, bool joint = false, int ratio = 10000)
    {
        var manager = await app.ClientFor("manager");
        return await ApiAssert.Json(await manager.PostAsJsonAsync("/api/v1/spot-checks/tasks", await TaskBody(tag, joint, ratio)), HttpStatusCode.Created);
    }

    private async Task<JsonElement> DrawAsync(long taskId, string entropy = "测试见证 4-2")
    {
        var manager = await app.ClientFor("manager");
        return await ApiAssert.Json(await manager.PostAsJsonAsync($"/api/v1/spot-checks/tasks/{taskId}/draw", new { entropy }), HttpStatusCode.Created);
    }

    private async Task<string> PublicRecordAsync(long drawId)
    {
        var response = await app.Anonymous().GetAsync($"/api/v1/public/spot-checks/draws/{drawId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static DrawVerification Verify(string record) => DrawVerifier.Verify(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(record)));

    private Task<List<int>> OfficersOf(long drawId, long entityId) => app.WithDb(db => db.Set<DrawnEntityOfficer>()
        .Where(o => db.Set<DrawnEntity>().Any(d => d.Id == o.DrawnEntityId && d.DrawId == drawId && d.EntityId == entityId)).Select(o => o.OfficerId).ToListAsync());

    [Fact]
    public async Task The_pool_reader_gives_the_pool_of_the_query_row_for_row()
    {
        // Classes A, C, D and none (counted as B), two sections, two townships, two types, one deregistered, one at the cap.
        var (tag, entities) = await PoolAsync(7);
        var ids = entities.Select(e => e.Id).ToList();
        await app.WithDb(async db =>
        {
            var rows = await db.Set<SupervisedEntity>().Where(e => ids.Contains(e.Id)).OrderBy(e => e.Id).ToListAsync();
            (rows[1].IndustrySection, rows[1].IndustryCode) = ("C", "1411");
            rows[2].DivisionCode = "330702002003";
            rows[3].Status = EntityStatus.Deregistered;
            rows[4].Type = EntityType.SoleTrader;
            (rows[5].IndustrySection, rows[5].IndustryCode, rows[5].DivisionCode) = ("C", "1711", "330702002");
            foreach (var (row, riskClass) in new[] { (rows[1], RiskClass.A), (rows[2], RiskClass.C), (rows[4], RiskClass.D), (rows[6], RiskClass.B) })
                db.Add(new EntityRiskClass { EntityId = row.Id, Class = riskClass, Score = 1, RunId = 1, Since = new DateOnly(2026, 1, 1) });
            await db.SaveChangesAsync();
        });
        var lead = await app.WithDb(db => db.Set<Department>().Where(d => d.Code == "SCJG").Select(d => d.Id).SingleAsync());
        HashSet<long> excluded = [ids[6]];
        var tasks = new List<SpotCheckTask>();
        foreach (var stratification in Enum.GetValues<Stratification>())
        {
            tasks.Add(new SpotCheckTask { LeadDepartmentId = lead, Tag = tag, Stratification = stratification });
            tasks.Add(new SpotCheckTask { LeadDepartmentId = lead, Tag = tag, Stratification = stratification, IndustryCode = "C" });
            tasks.Add(new SpotCheckTask { LeadDepartmentId = lead, Tag = tag, Stratification = stratification, IndustryCode = "14" });
            tasks.Add(new SpotCheckTask { LeadDepartmentId = lead, Tag = tag, Stratification = stratification, DivisionCode = "330702002" });
            tasks.Add(new SpotCheckTask { LeadDepartmentId = lead, Tag = tag, Stratification = stratification, EntityType = EntityType.SoleTrader });
            // No tag: the whole remit, whose classes PostgreSQL's reader reads apart from the pool.
            tasks.Add(new SpotCheckTask { LeadDepartmentId = lead, Stratification = stratification });
            tasks.Add(new SpotCheckTask { LeadDepartmentId = lead, Stratification = stratification, IndustryCode = "C", DivisionCode = "330702002" });
        }
        foreach (var task in tasks)
        {
            var left = new List<string>();
            var expected = await CreditApiData.WithService<SpotCheckTasks, List<PoolRow>>(app, async t => await t.PoolAsync(task, excluded, left, default).ToListAsync());
            // PostgreSQL reads in chunks, and a large pool over two connections: here chunks of 2 and 3 rows, the
            // second connection from the middle code on (SQLite reads row by row whatever these say).
            var middle = expected.Count > 0 ? expected[expected.Count / 2].CreditCode : null;
            foreach (var make in new Func<AppDbContext, PoolReader>[] { db => new PoolReader(db), db => new PoolReader(db) { ChunkRows = 2 }, db => new PoolReader(db) { ChunkRows = 3, SplitAt = middle } })
            {
                var (rows, read) = await app.WithDb(async db =>
                {
                    var rows = new List<(long Id, string Code, int Stratum)>();
                    var read = await make(db).ReadAsync(task, excluded, (id, code, stratum) => rows.Add((id, System.Text.Encoding.ASCII.GetString(code), stratum)), default);
                    return (rows, read);
                });
                var actual = rows.Select(r => new PoolRow(r.Id, r.Code, read.Strata[r.Stratum])).ToList();
                Assert.Equal(expected, actual);
                Assert.Equal(left, read.Left);
                Assert.Equal(expected.Count, read.Count);
            }
        }
        // The pool by township, no one at the cap: each stratum as StratumOf makes it, an entity without a class in B.
        var all = await app.WithDb(db => new PoolReader(db).ReadAsync(tasks[^7], [], (_, _, _) => { }, default));
        Assert.Equal(6, all.Count); // the deregistered one is not in the pool
        Assert.Equal(["A|330702001", "B|330702001", "B|330702002", "C|330702002", "D|330702001"], all.Strata.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_read_stopped_by_its_caller_stops_its_fetches_and_leaves_the_connection_usable()
    {
        await PoolAsync(7);
        var lead = await app.WithDb(db => db.Set<Department>().Where(d => d.Code == "SCJG").Select(d => d.Id).SingleAsync());
        var task = new SpotCheckTask { LeadDepartmentId = lead, Stratification = Stratification.RiskClassDivision };
        await app.WithDb(async db =>
        {
            var codes = await db.Set<SupervisedEntity>().Where(e => e.Status == EntityStatus.Active).OrderBy(e => e.Id).Select(e => e.CreditCode).ToListAsync();
            var middle = codes.Order(StringComparer.Ordinal).ElementAt(codes.Count / 2);
            // Chunks of 2 over two connections (on PostgreSQL); the visitor fails at the third row.
            var seen = 0;
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => new PoolReader(db) { ChunkRows = 2, SplitAt = middle }
                .ReadAsync(task, [], (_, _, _) => { if (++seen == 3) throw new InvalidOperationException("stop"); }, default));
            Assert.Equal("stop", e.Message);
            Assert.Equal(3, seen);
            // The context's connection is free and out of the reader's transaction: it reads again, whole.
            Assert.Null(db.Database.CurrentTransaction);
            Assert.Equal(codes.Count, await db.Set<SupervisedEntity>().CountAsync(x => x.Status == EntityStatus.Active));
            var read = await new PoolReader(db) { ChunkRows = 2, SplitAt = middle }.ReadAsync(task, [], (_, _, _) => { }, default);
            Assert.True(read.Count > 0);
            return 0;
        });
    }

    [Fact]
    public async Task A_task_publishes_the_commitment_of_its_secret_and_never_the_secret()
    {
        var (tag, _) = await PoolAsync(1);
        var task = await CreateTaskAsync(tag);
        var commitment = task.GetProperty("commitment").GetString()!;
        Assert.Matches("^[0-9a-f]{64}$", commitment);
        Assert.False(task.TryGetProperty("secret", out _));
        var stored = await app.WithDb(db => db.Set<SpotCheckTask>().SingleAsync(t => t.Id == task.GetProperty("id").GetInt64()));
        Assert.Equal(commitment, Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(stored.Secret))));
        var published = await ApiAssert.Json(await app.Anonymous().GetAsync("/api/v1/public/spot-checks/tasks"));
        var shown = Assert.Single(published.EnumerateArray(), t => t.GetProperty("id").GetInt64() == stored.Id);
        Assert.Equal(commitment, shown.GetProperty("commitment").GetString());
        Assert.DoesNotContain(stored.Secret, shown.GetRawText());
    }

    [Fact]
    public async Task A_draw_is_made_once_and_its_public_record_verifies()
    {
        var (tag, entities) = await PoolAsync(3);
        var task = await CreateTaskAsync(tag);
        var taskId = task.GetProperty("id").GetInt64();
        var draw = await DrawAsync(taskId);
        Assert.Equal(3, draw.GetProperty("poolSize").GetInt32());
        Assert.Equal(3, draw.GetProperty("selected").GetInt32()); // 100 %
        var manager = await app.ClientFor("manager");
        var again = await manager.PostAsJsonAsync($"/api/v1/spot-checks/tasks/{taskId}/draw", new { entropy = "再来一次" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(1, await app.WithDb(db => db.Set<SpotCheckDraw>().CountAsync(d => d.TaskId == taskId)));

        var record = await PublicRecordAsync(draw.GetProperty("id").GetInt64());
        var verification = Verify(record);
        Assert.True(verification.Holds, string.Join("\n", verification.Checks));
        using var json = JsonDocument.Parse(record);
        Assert.Equal(task.GetProperty("commitment").GetString(), json.RootElement.GetProperty("commitment").GetString());
        Assert.Equal("测试见证 4-2", json.RootElement.GetProperty("entropy").GetString());
        // The risk class is internal: strata go public under random labels.
        Assert.All(json.RootElement.GetProperty("strata").EnumerateArray(), s => Assert.Matches("^S[0-9]{5}$", s.GetProperty("key").GetString()!));
        Assert.All(entities, e => Assert.Contains(e.CreditCode, record));
    }

    [Fact]
    public async Task A_tampered_record_fails_verification()
    {
        var (tag, _) = await PoolAsync(2);
        var draw = await DrawAsync((await CreateTaskAsync(tag)).GetProperty("id").GetInt64());
        var record = await PublicRecordAsync(draw.GetProperty("id").GetInt64());
        using var json = JsonDocument.Parse(record);
        var secret = json.RootElement.GetProperty("secret").GetString()!;
        var tampered = record.Replace(secret, new string(secret.Reverse().ToArray()));
        var verification = Verify(tampered);
        Assert.False(verification.Holds);
        Assert.Contains(verification.Checks, c => c.Name == "commitment" && c.Outcome == CheckOutcome.Mismatch);
    }

    [Fact]
    public async Task Each_drawn_entity_gets_two_officers_never_one_with_a_declared_conflict()
    {
        // 行政处罚法 第42条: no fewer than two officers; 回避 for a declared relationship.
        var (tag, entities) = await PoolAsync(2);
        var scjg = await app.WithDb(db => db.Set<Department>().SingleAsync(d => d.Code == "SCJG"));
        var officers = await app.WithDb(db => db.Set<Officer>().Where(o => o.DepartmentId == scjg.Id && o.IsActive).OrderBy(o => o.Id).ToListAsync());
        var manager = await app.ClientFor("manager");
        var conflicted = officers.First(o => o.MayInspectOn(DateOnly.FromDateTime(DateTime.Today)));
        await ApiAssert.Json(await manager.PostAsJsonAsync("/api/v1/spot-checks/conflicts",
            new { officerId = conflicted.Id, creditCode = entities[0].CreditCode, relationship = "配偶在该企业任职" }), HttpStatusCode.Created);
        var again = await manager.PostAsJsonAsync("/api/v1/spot-checks/conflicts", new { officerId = conflicted.Id, creditCode = entities[0].CreditCode, relationship = "再报一次" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var draw = await DrawAsync((await CreateTaskAsync(tag)).GetProperty("id").GetInt64());
        var drawId = draw.GetProperty("id").GetInt64();
        var assigned = await OfficersOf(drawId, entities[0].Id);
        Assert.Equal(2, assigned.Count);
        Assert.DoesNotContain(conflicted.Id, assigned);
        var expired = officers.Where(o => !o.MayInspectOn(DateOnly.FromDateTime(DateTime.Today))).Select(o => o.Id).ToList();
        Assert.Empty(assigned.Concat(await OfficersOf(drawId, entities[1].Id)).Intersect(expired));
    }

    [Fact]
    public async Task The_officers_of_the_previous_check_stand_aside_and_an_entity_without_officers_is_named_with_the_reason()
    {
        var (tag, entities) = await PoolAsync(1);
        var first = await DrawAsync((await CreateTaskAsync(tag)).GetProperty("id").GetInt64());
        var before = await OfficersOf(first.GetProperty("id").GetInt64(), entities[0].Id);
        Assert.Equal(2, before.Count);
        // The market bureau has three officers with a valid licence: after two stand aside, one is left, fewer than two.
        var second = await DrawAsync((await CreateTaskAsync(tag)).GetProperty("id").GetInt64());
        Assert.Equal(1, second.GetProperty("unassigned").GetInt32());
        var drawn = await app.WithDb(db => db.Set<DrawnEntity>().Include(d => d.Officers).SingleAsync(d => d.DrawId == second.GetProperty("id").GetInt64()));
        Assert.Empty(drawn.Officers);
        Assert.False(string.IsNullOrEmpty(drawn.UnassignedReason));
        Assert.True(Verify(await PublicRecordAsync(second.GetProperty("id").GetInt64())).Holds);
    }

    [Fact]
    public async Task An_entity_at_the_yearly_cap_is_left_out_of_the_pool()
    {
        // 国办发〔2024〕54号: a yearly cap of checks per enterprise (2 in the shipped rules, marked unsure).
        var (tag, _) = await PoolAsync(1);
        await DrawAsync((await CreateTaskAsync(tag)).GetProperty("id").GetInt64());
        await DrawAsync((await CreateTaskAsync(tag)).GetProperty("id").GetInt64());
        var third = (await CreateTaskAsync(tag)).GetProperty("id").GetInt64();
        var manager = await app.ClientFor("manager");
        var preview = await ApiAssert.Json(await manager.GetAsync($"/api/v1/spot-checks/tasks/{third}/preview"));
        Assert.Equal(0, preview.GetProperty("poolSize").GetInt32());
        Assert.Equal(1, preview.GetProperty("excludedAtCap").GetInt32());
        Assert.Contains("名录为空", await ApiAssert.InvalidField(await manager.PostAsJsonAsync($"/api/v1/spot-checks/tasks/{third}/draw", new { entropy = "" }), "task"));
        Assert.Equal(0, await app.WithDb(db => db.Set<SpotCheckDraw>().CountAsync(d => d.TaskId == third)));
    }

    [Fact]
    public async Task Quotas_round_up_and_are_shown_before_the_draw()
    {
        var (tag, _) = await PoolAsync(3);
        var task = await CreateTaskAsync(tag, ratio: 500);
        var manager = await app.ClientFor("manager");
        var preview = await ApiAssert.Json(await manager.GetAsync($"/api/v1/spot-checks/tasks/{task.GetProperty("id").GetInt64()}/preview"));
        var stratum = Assert.Single(preview.GetProperty("strata").EnumerateArray());
        Assert.Equal("B", stratum.GetProperty("key").GetString()); // not yet classified: counted as B
        Assert.Equal(1, stratum.GetProperty("quota").GetInt32());   // ceil(3 × 5%) = 1
        Assert.Contains("向上取整为 1", stratum.GetProperty("rounding").GetString());
    }

    [Fact]
    public async Task A_joint_task_sends_an_officer_of_each_department()
    {
        var (tag, entities) = await PoolAsync(1);
        var task = await CreateTaskAsync(tag, joint: true);
        Assert.True(task.GetProperty("joint").GetBoolean());
        var draw = await DrawAsync(task.GetProperty("id").GetInt64());
        var assigned = await OfficersOf(draw.GetProperty("id").GetInt64(), entities[0].Id);
        var departments = await app.WithDb(db => db.Set<Officer>().Where(o => assigned.Contains(o.Id)).Select(o => o.Department!.Code).Distinct().ToListAsync());
        Assert.Equal(["SCJG", "ZHZF"], departments.Order());
        // The joint department sees the task but does not draw it.
        var other = await app.ClientFor("zhzf.manager");
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"/api/v1/spot-checks/tasks/{task.GetProperty("id").GetInt64()}")).StatusCode);
    }

    [Fact]
    public async Task Another_department_neither_sees_nor_draws_a_task_it_has_no_part_in()
    {
        var (tag, _) = await PoolAsync(1);
        var taskId = (await CreateTaskAsync(tag)).GetProperty("id").GetInt64();
        var other = await app.ClientFor("zhzf.manager");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/spot-checks/tasks/{taskId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/spot-checks/tasks/{taskId}/draw", new { entropy = "" })).StatusCode);
        var officer = await app.ClientFor("officer");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"/api/v1/spot-checks/tasks/{taskId}/draw", new { entropy = "" })).StatusCode);
        Assert.Equal(0, await app.WithDb(db => db.Set<SpotCheckDraw>().CountAsync(d => d.TaskId == taskId)));
    }

    [Fact]
    public async Task A_task_with_an_item_not_open_to_spot_checks_is_refused_and_nothing_is_stored()
    {
        var closed = await app.WithDb(db => db.Set<InspectionChecklist>().Where(c => c.SpotCheck == SpotCheckFlag.None && c.Department!.Code == "SCJG").Select(c => c.ItemCode).FirstAsync());
        var before = await app.WithDb(db => db.Set<SpotCheckTask>().CountAsync());
        var manager = await app.ClientFor("manager");
        var response = await manager.PostAsJsonAsync("/api/v1/spot-checks/tasks", new
        {
            name = "错误任务", startsOn = "2026-11-27", endsOn = "2026-12-31", items = new[] { new { itemCode = closed } }, ratios = new { a = 20000, b = 500, c = 500, d = 500 },
        });
        Assert.Contains("未列入抽查事项清单", await ApiAssert.InvalidField(response, "items[0].itemCode"));
        Assert.Equal(before, await app.WithDb(db => db.Set<SpotCheckTask>().CountAsync()));
    }

    [Fact]
    public async Task Cancelling_a_draw_needs_a_reason_and_the_head_and_both_draws_stay_public()
    {
        var (tag, _) = await PoolAsync(2);
        var task = await CreateTaskAsync(tag);
        var taskId = task.GetProperty("id").GetInt64();
        var first = await DrawAsync(taskId);
        var drawId = first.GetProperty("id").GetInt64();
        var manager = await app.ClientFor("manager");
        Assert.Contains("至少 10 个字", await ApiAssert.InvalidField(await manager.PostAsJsonAsync($"/api/v1/spot-checks/draws/{drawId}/cancel", new { reason = "重抽" }), "reason"));
        await ApiAssert.Json(await manager.PostAsJsonAsync($"/api/v1/spot-checks/draws/{drawId}/cancel", new { reason = "名录中混入已迁出的市场主体，需更正后重新抽取" }));
        // Not drawn again before the head approves, and the manager cannot approve.
        Assert.Equal(HttpStatusCode.Conflict, (await manager.PostAsJsonAsync($"/api/v1/spot-checks/tasks/{taskId}/draw", new { entropy = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsync($"/api/v1/spot-checks/draws/{drawId}/approve-cancel", null)).StatusCode);
        var head = await app.ClientFor("head");
        await ApiAssert.Json(await head.PostAsync($"/api/v1/spot-checks/draws/{drawId}/approve-cancel", null));
        var reopened = await ApiAssert.Json(await manager.GetAsync($"/api/v1/spot-checks/tasks/{taskId}"));
        Assert.NotEqual(task.GetProperty("commitment").GetString(), reopened.GetProperty("commitment").GetString());
        var second = await DrawAsync(taskId);
        Assert.Equal(2, second.GetProperty("number").GetInt32());
        var published = await ApiAssert.Json(await app.Anonymous().GetAsync("/api/v1/public/spot-checks/draws"));
        var ofTask = published.EnumerateArray().Where(d => d.GetProperty("taskId").GetInt64() == taskId).ToList();
        Assert.Equal(2, ofTask.Count);
        Assert.Contains(ofTask, d => d.GetProperty("state").GetString() == "已作废" && d.GetProperty("cancelReason").GetString()!.Contains("迁出"));
        Assert.True(Verify(await PublicRecordAsync(drawId)).Holds);
    }

    [Fact]
    public async Task Results_are_due_within_20_working_days_and_publication_writes_the_credit_record()
    {
        // 企业信息公示暂行条例 第6条: results public within 20 working days of the inspection.
        var (tag, entities) = await PoolAsync(1);
        var task = await CreateTaskAsync(tag);
        var taskId = task.GetProperty("id").GetInt64();
        await DrawAsync(taskId);
        var item = task.GetProperty("items")[0].GetProperty("itemCode").GetString();
        var manager = await app.ClientFor("manager");
        var today = DateTime.Today.ToString("yyyy-MM-dd"); // after the draw, which is today
        var stranger = await CreditApiData.NewEntityAsync(app);
        Assert.Contains("不在本任务的有效抽取名单中", await ApiAssert.InvalidField(await manager.PostAsJsonAsync($"/api/v1/spot-checks/tasks/{taskId}/results",
            new { creditCode = stranger.CreditCode, inspectedOn = today, outcome = "NoProblemFound" }), "creditCode"));
        Assert.Contains("不能为“未发现问题”", await ApiAssert.InvalidField(await manager.PostAsJsonAsync($"/api/v1/spot-checks/tasks/{taskId}/results",
            new { creditCode = entities[0].CreditCode, inspectedOn = today, outcome = "NoProblemFound", items = new[] { new { itemCode = item, problemFound = true } } }), "outcome"));
        Assert.Equal(0, await app.WithDb(db => db.Set<SpotCheckResult>().CountAsync(r => r.TaskId == taskId)));

        var result = await ApiAssert.Json(await manager.PostAsJsonAsync($"/api/v1/spot-checks/tasks/{taskId}/results", new
        {
            creditCode = entities[0].CreditCode, inspectedOn = today, outcome = "RectifiedOnOrder", followUp = "RectificationOrder",
            followUpNote = "当场责令改正", items = new[] { new { itemCode = item, problemFound = true, note = "台账缺失" } },
        }), HttpStatusCode.Created);
        var calendar = await app.Services.CreateScope().ServiceProvider.GetRequiredService<CalendarService>().GetAsync(default);
        Assert.Equal(calendar.AddWorkingDays(DateOnly.FromDateTime(DateTime.Today), 20).ToString("yyyy-MM-dd"), result.GetProperty("publishBy").GetString());
        Assert.Equal(new DateOnly(2026, 12, 25), calendar.AddWorkingDays(new DateOnly(2026, 11, 27), 20)); // Fri 27 Nov + 20 working days
        var deadlines = await ApiAssert.Json(await manager.GetAsync("/api/v1/spot-checks/deadlines"));
        Assert.Contains(deadlines.EnumerateArray(), d => d.GetProperty("department").GetString() == "金华市婺城区市场监督管理局" && d.GetProperty("due").GetInt32() >= 1);

        var published = await ApiAssert.Json(await manager.PostAsync($"/api/v1/spot-checks/tasks/{taskId}/results/{entities[0].CreditCode}/publish", null));
        Assert.Equal(DateTime.Today.ToString("yyyy-MM-dd"), published.GetProperty("publishedOn").GetString());
        var record = await app.WithDb(db => db.Set<CreditRecord>().SingleAsync(r => r.EntityId == entities[0].Id));
        Assert.Equal(CreditRecordKind.InspectionNonCompliant, record.Kind);
        Assert.Equal(SpotCheckTaskState.Completed, await app.WithDb(db => db.Set<SpotCheckTask>().Where(t => t.Id == taskId).Select(t => t.State).SingleAsync()));
        var results = await ApiAssert.Json(await app.Anonymous().GetAsync("/api/v1/public/spot-checks/results"));
        Assert.Contains(results.EnumerateArray(), r => r.GetProperty("creditCode").GetString() == entities[0].CreditCode && r.GetProperty("outcome").GetString() == "发现问题已责令改正");
        Assert.Equal(HttpStatusCode.Conflict, (await manager.PostAsync($"/api/v1/spot-checks/tasks/{taskId}/results/{entities[0].CreditCode}/publish", null)).StatusCode);
    }

    [Fact]
    public async Task The_demo_district_has_a_published_joint_task_whose_record_verifies_and_public_pages_need_no_login()
    {
        var draws = await ApiAssert.Json(await app.Anonymous().GetAsync("/api/v1/public/spot-checks/draws"));
        var demo = draws.EnumerateArray().Last();
        Assert.Contains("、", demo.GetProperty("departments").GetString());
        Assert.True(Verify(await PublicRecordAsync(demo.GetProperty("id").GetInt64())).Holds);
        var page = await app.Anonymous().GetAsync("/Public/SpotChecks");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("双随机、一公开抽查公示", html);
        Assert.Contains("jianguan", html.ToLowerInvariant());
        var detail = await app.Anonymous().GetAsync($"/Public/SpotCheckDraw?id={demo.GetProperty("id").GetInt64()}");
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        Assert.Contains("jianguan-verify", (await detail.Content.ReadAsStringAsync()).Replace("Jianguan.Verify", "jianguan-verify"));
    }
}

public sealed class SpotCheckTests_Sqlite(SqliteApp app) : SpotCheckTests(app), IClassFixture<SqliteApp>;
public sealed class SpotCheckTests_Postgres(PostgresApp app) : SpotCheckTests(app), IClassFixture<PostgresApp>;
