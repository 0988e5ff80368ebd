using System.Security.Cryptography;

namespace Jianguan.Draw.Tests;

public sealed class AssignmentTests
{
    private const string Market = "区市场监管局";
    private const string Enforcement = "区综合行政执法局";
    private static readonly byte[] Seed = SHA256.HashData("assignment tests"u8);

    private static readonly AssignmentRules Single = new([Market], new Dictionary<string, IReadOnlyList<string>> { [Market] = ["食品安全"] });

    private static readonly AssignmentRules Joint = new([Market, Enforcement],
        new Dictionary<string, IReadOnlyList<string>> { [Market] = ["食品安全"], [Enforcement] = ["城市管理"] });

    private static List<Officer> MarketOfficers(int count) =>
        Enumerable.Range(1, count).Select(i => Pools.Officer($"SCJG-{i:D3}", Market, "食品安全")).ToList();

    private static List<Officer> EnforcementOfficers(int count) =>
        Enumerable.Range(1, count).Select(i => Pools.Officer($"ZHZF-{i:D3}", Enforcement, "城市管理")).ToList();

    private static List<EntityToAssign> Entities(int count) => Enumerable.Range(0, count).Select(i => new EntityToAssign(Pools.Code(i))).ToList();

    /// <summary>The officer the draw picks first for an entity with nobody recused: the lowest rank.</summary>
    private static string FirstChoice(IEnumerable<Officer> officers)
    {
        var key = new RankKey(Seed);
        return officers.OrderBy(o => key.OfficerRank(o.Id)).First().Id;
    }

    [Fact]
    public void An_officer_with_a_declared_conflict_or_who_inspected_the_entity_last_time_is_never_assigned_to_it()
    {
        var officers = MarketOfficers(6);
        var entities = Entities(300);
        var first = FirstChoice(officers);
        // The officer the draw would pick first is recused for every even entity, by a conflict or by the last check.
        var conflicts = entities.Where((_, i) => i % 4 == 0).Select(e => new OfficerLink(e.CreditCode, first)).ToList();
        var previous = entities.Where((_, i) => i % 4 == 2).Select(e => new OfficerLink(e.CreditCode, first)).ToList();
        var result = OfficerAssignment.Assign(Seed, entities, officers, Single, conflicts, previous);

        Assert.Empty(result.Unassigned);
        var byCode = result.Assignments.ToDictionary(a => a.CreditCode);
        foreach (var link in conflicts.Concat(previous)) Assert.DoesNotContain(link.OfficerId, byCode[link.CreditCode].OfficerIds);
        Assert.Contains(first, byCode[Pools.Code(1)].OfficerIds); // not recused: the first choice
        Assert.Empty(OfficerAssignment.Breaches(entities, result.Assignments, officers, Single, conflicts, previous));
    }

    [Fact]
    public void Only_officers_holding_every_qualification_the_department_needs_are_assigned()
    {
        var officers = MarketOfficers(4);
        officers.Add(Pools.Officer("SCJG-900", Market, "特种设备"));
        officers.Add(Pools.Officer("SCJG-901", Market));
        var rules = new AssignmentRules([Market], new Dictionary<string, IReadOnlyList<string>> { [Market] = ["食品安全", "特种设备"] });
        officers[0] = officers[0] with { Qualifications = ["特种设备", "食品安全", "药品"] };
        officers[1] = officers[1] with { Qualifications = ["食品安全", "特种设备"] };
        var result = OfficerAssignment.Assign(Seed, Entities(50), officers, rules, [], []);
        Assert.Empty(result.Unassigned);
        Assert.Equal(["SCJG-001", "SCJG-002"], result.Assignments.SelectMany(a => a.OfficerIds).Distinct().Order());
    }

    [Fact]
    public void A_joint_task_gives_each_entity_an_officer_of_each_of_its_departments()
    {
        var officers = MarketOfficers(8).Concat(EnforcementOfficers(3)).ToList();
        var entities = Entities(200).Select((e, i) => i % 5 == 0 ? e with { Departments = [Market] } : e).ToList();
        var result = OfficerAssignment.Assign(Seed, entities, officers, Joint, [], []);
        Assert.Empty(result.Unassigned);
        var department = officers.ToDictionary(o => o.Id, o => o.Department);
        foreach (var (a, e) in result.Assignments.Zip(entities))
        {
            Assert.Equal(e.CreditCode, a.CreditCode);
            Assert.Equal(2, a.OfficerIds.Count);
            var departments = a.OfficerIds.Select(id => department[id]).ToHashSet();
            Assert.Equal(e.Departments is null ? [Market, Enforcement] : [Market], departments.Order());
        }
    }

    [Fact]
    public void A_joint_task_of_three_departments_gives_three_officers()
    {
        const string Health = "区卫生健康局";
        var rules = new AssignmentRules([Market, Enforcement, Health], new Dictionary<string, IReadOnlyList<string>>());
        var officers = MarketOfficers(3).Concat(EnforcementOfficers(3)).Concat([Pools.Officer("WJ-1", Health), Pools.Officer("WJ-2", Health)]).ToList();
        var result = OfficerAssignment.Assign(Seed, Entities(10), officers, rules, [], []);
        Assert.All(result.Assignments, a => Assert.Equal(3, a.OfficerIds.Count));
    }

    [Fact]
    public void Workload_is_balanced_within_one_entity_when_nothing_constrains_it()
    {
        var officers = MarketOfficers(7).Concat(EnforcementOfficers(5)).ToList();
        var result = OfficerAssignment.Assign(Seed, Entities(1001), officers, Joint, [], []);
        var loads = result.Assignments.SelectMany(a => a.OfficerIds).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        foreach (var department in new[] { Market, Enforcement })
        {
            var load = officers.Where(o => o.Department == department).Select(o => loads.GetValueOrDefault(o.Id)).ToList();
            Assert.True(load.Max() - load.Min() <= 1, $"{department}: loads {string.Join(", ", load)}");
        }
        var single = OfficerAssignment.Assign(Seed, Entities(999), MarketOfficers(10), Single, [], []);
        var singleLoads = single.Assignments.SelectMany(a => a.OfficerIds).GroupBy(id => id).Select(g => g.Count()).ToList();
        Assert.Equal(10, singleLoads.Count);
        Assert.True(singleLoads.Max() - singleLoads.Min() <= 1);
    }

    [Fact]
    public void An_entity_that_cannot_be_served_is_listed_with_the_reason_and_gets_nobody()
    {
        var officers = MarketOfficers(2).Concat(EnforcementOfficers(1)).ToList();
        var entities = Entities(3);
        // Entity 0: its only enforcement officer inspected it last time. Entity 1: market only, one market officer has a conflict.
        entities[1] = entities[1] with { Departments = [Market] };
        var previous = new[] { new OfficerLink(entities[0].CreditCode, "ZHZF-001") };
        var conflicts = new[] { new OfficerLink(entities[1].CreditCode, "SCJG-001") };
        var result = OfficerAssignment.Assign(Seed, entities, officers, Joint, conflicts, previous);

        Assert.Equal([entities[2].CreditCode], result.Assignments.Select(a => a.CreditCode));
        Assert.Equal(2, result.Unassigned.Count);
        Assert.Equal($"no-eligible-officer:{Enforcement}", result.Unassigned[0].Reason);
        Assert.Contains("须回避", result.Unassigned[0].Message);
        Assert.Equal("too-few-eligible-officers:1", result.Unassigned[1].Reason);
        // Nothing was counted for the unassigned: the one assignment is as if they were not there.
        var alone = OfficerAssignment.Assign(Seed, [entities[2]], officers, Joint, [], []);
        Assert.Equal(alone.Assignments[0].OfficerIds, result.Assignments[0].OfficerIds);
    }

    [Fact]
    public void A_department_without_any_qualified_officer_leaves_every_entity_unassigned()
    {
        var officers = MarketOfficers(3).Select(o => o with { Qualifications = [] }).ToList();
        var result = OfficerAssignment.Assign(Seed, Entities(4), officers, Single, [], []);
        Assert.Empty(result.Assignments);
        Assert.All(result.Unassigned, u => Assert.Equal($"no-eligible-officer:{Market}", u.Reason));
    }

    [Fact]
    public void The_same_seed_assigns_the_same_officers_and_another_seed_others()
    {
        var officers = MarketOfficers(20);
        var first = OfficerAssignment.Assign(Seed, Entities(30), officers, Single, [], []);
        var again = OfficerAssignment.Assign(Seed, Entities(30), officers.AsEnumerable().Reverse().ToList(), Single, [], []);
        Assert.Equal(first.Assignments.Select(a => string.Join(",", a.OfficerIds)), again.Assignments.Select(a => string.Join(",", a.OfficerIds)));
        var other = OfficerAssignment.Assign(SHA256.HashData("other"u8), Entities(30), officers, Single, [], []);
        Assert.NotEqual(first.Assignments.Select(a => string.Join(",", a.OfficerIds)), other.Assignments.Select(a => string.Join(",", a.OfficerIds)));
    }

    [Fact]
    public void Fewer_than_two_officers_per_entity_and_duplicates_are_refused()
    {
        var officers = MarketOfficers(3);
        Assert.Equal("too-few-officers-per-entity",
            Assert.Throws<DrawException>(() => OfficerAssignment.Assign(Seed, Entities(1), officers, Single with { OfficersPerEntity = 1 }, [], [])).Code);
        Assert.Equal("duplicate-officer",
            Assert.Throws<DrawException>(() => OfficerAssignment.Assign(Seed, Entities(1), [.. officers, officers[0]], Single, [], [])).Code);
        Assert.Equal("duplicate-code",
            Assert.Throws<DrawException>(() => OfficerAssignment.Assign(Seed, [.. Entities(2), Entities(1)[0]], officers, Single, [], [])).Code);
        Assert.Equal("unknown-department",
            Assert.Throws<DrawException>(() => OfficerAssignment.Assign(Seed, [new EntityToAssign(Pools.Code(1), ["区教育局"])], officers, Single, [], [])).Code);
    }

    [Fact]
    public void Breaches_name_each_broken_rule()
    {
        var officers = MarketOfficers(3).Concat(EnforcementOfficers(2)).Append(Pools.Officer("SCJG-900", Market)).ToList();
        var entities = Entities(2);
        var conflicts = new[] { new OfficerLink(entities[0].CreditCode, "SCJG-001") };
        var previous = new[] { new OfficerLink(entities[0].CreditCode, "SCJG-002") };
        Assignment[] assignments =
        [
            new(entities[0].CreditCode, ["SCJG-001", "SCJG-002", "SCJG-900", "SCJG-900", "NOBODY"]),
            new(entities[1].CreditCode, ["ZHZF-001"]),
        ];
        var breaches = OfficerAssignment.Breaches(entities, assignments, officers, Joint, conflicts, previous);
        Assert.Contains(breaches, b => b.Contains("SCJG-001 is recused (declared conflict)"));
        Assert.Contains(breaches, b => b.Contains("SCJG-002 is recused (inspected it in the previous check)"));
        Assert.Contains(breaches, b => b.Contains("SCJG-900 lacks a qualification"));
        Assert.Contains(breaches, b => b.Contains("SCJG-900 is assigned twice"));
        Assert.Contains(breaches, b => b.Contains("NOBODY is not in the officer pool"));
        Assert.Contains(breaches, b => b.Contains($"no officer of {Enforcement}"));
        Assert.Contains(breaches, b => b.Contains($"{entities[1].CreditCode}: no officer of {Market}"));
        Assert.Contains(breaches, b => b.Contains("1 officers, fewer than 2"));
    }
}
