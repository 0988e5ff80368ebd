using System.Security.Claims;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Jianguan.Web.Platform.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Modules.Credit;

/// <summary>A department's text of a credit commitment (信用承诺书) for one of its supervision items.</summary>
public sealed class CommitmentTemplate
{
    public int Id { get; set; }
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }
    /// <summary>The supervision item's code (监管事项编码) the commitment is made for.</summary>
    public string ItemCode { get; set; } = "";
    public string Title { get; set; } = "";
    public string Text { get; set; } = "";
    public bool IsActive { get; set; } = true;
}

public enum CommitmentStatus
{
    InForce = 1, // 履行中
    Kept = 2,    // 已履行
    Broken = 3,  // 违背承诺
}

/// <summary>A 信用承诺 an entity made: public from the day made; broken, it becomes a credit record of its own.</summary>
public sealed class CreditCommitment
{
    public long Id { get; set; }
    public long EntityId { get; set; }
    public SupervisedEntity? Entity { get; set; }
    public int TemplateId { get; set; }
    public CommitmentTemplate? Template { get; set; }
    /// <summary>The text as committed: a later change of the template does not change what was promised.</summary>
    public string Text { get; set; } = "";
    public DateOnly CommittedOn { get; set; }
    public CommitmentStatus Status { get; set; } = CommitmentStatus.InForce;
    public DateOnly? ConcludedOn { get; set; }
    public string? Finding { get; set; }
}

internal sealed class CommitmentTemplateConfiguration : IEntityTypeConfiguration<CommitmentTemplate>
{
    public void Configure(EntityTypeBuilder<CommitmentTemplate> b)
    {
        b.ToTable("commitment_templates");
        b.HasOne(t => t.Department).WithMany().HasForeignKey(t => t.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(t => t.ItemCode).HasMaxLength(32);
        b.Property(t => t.Title).HasMaxLength(128);
        b.Property(t => t.Text).HasMaxLength(4000);
    }
}

internal sealed class CreditCommitmentConfiguration : IEntityTypeConfiguration<CreditCommitment>
{
    public void Configure(EntityTypeBuilder<CreditCommitment> b)
    {
        b.ToTable("credit_commitments");
        b.HasOne(c => c.Entity).WithMany().HasForeignKey(c => c.EntityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Template).WithMany().HasForeignKey(c => c.TemplateId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.Text).HasMaxLength(4000);
        b.Property(c => c.Finding).HasMaxLength(1000);
        b.HasIndex(c => new { c.EntityId, c.CommittedOn });
    }
}

public sealed record CommitmentTemplateInput(string? ItemCode, string? Title, string? Text);

public sealed record CommitmentInput(int? TemplateId);

public sealed record CommitmentOutcomeInput(bool? Kept, string? Finding);

public sealed record CommitmentTemplateDto(int Id, string Department, string ItemCode, string Title, string Text)
{
    public static CommitmentTemplateDto From(CommitmentTemplate t) => new(t.Id, t.Department?.Name ?? "", t.ItemCode, t.Title, t.Text);
}

public sealed record CommitmentDto(long Id, string CreditCode, string EntityName, string Title, string Department, string Text, string CommittedOn, string Status, string StatusName, string? ConcludedOn, string? Finding)
{
    public static CommitmentDto From(CreditCommitment c) => new(c.Id, c.Entity?.CreditCode ?? "", c.Entity?.Name ?? "", c.Template?.Title ?? "", c.Template?.Department?.Name ?? "",
        c.Text, c.CommittedOn.ToString("yyyy-MM-dd"), c.Status.ToString(),
        c.Status switch { CommitmentStatus.InForce => "履行中", CommitmentStatus.Kept => "已履行", _ => "违背承诺" }, c.ConcludedOn?.ToString("yyyy-MM-dd"), c.Finding);
}

/// <summary>
/// 信用承诺 (二(三)2 of the policy: commitment before, graded supervision during, punishment after): departments keep the
/// texts per supervision item; a business commits by a text, which is public from that day (a CommitmentMade record);
/// the department later finds it kept or broken, and a broken one is a 一般 dishonesty record, with a notice.
/// </summary>
public sealed class CreditCommitments(AppDbContext db, RiskNotices notices, TimeProvider time)
{
    public LegalRules Rules { get; init; } = LegalRules.Default;

    public async Task<EditResult<CommitmentTemplate>> AddTemplateAsync(CommitmentTemplateInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.DepartmentId() is not { } department || !(user.IsInRole(Roles.DepartmentManager) || user.IsInRole(Roles.DepartmentHead)))
            return new EditResult<CommitmentTemplate>.Forbidden("承诺书文本由部门管理员或负责人维护。");
        var errors = new FieldErrors();
        errors.Required("itemCode", input.ItemCode, "监管事项编码", 32);
        errors.Required("title", input.Title, "承诺书名称", 128);
        errors.Required("text", input.Text, "承诺内容", 4000);
        var code = input.ItemCode?.Trim();
        if (!errors.Any && !await db.Set<Catalog.SupervisionItem>().AnyAsync(i => i.Code == code && i.DepartmentId == department, ct))
            errors.Add("itemCode", $"本部门没有编码为 {code} 的监管事项。");
        if (errors.Any) return new EditResult<CommitmentTemplate>.Invalid(errors.ToDictionary());
        var template = new CommitmentTemplate { DepartmentId = department, ItemCode = code!, Title = input.Title!.Trim(), Text = input.Text!.Trim() };
        db.Add(template);
        await db.SaveChangesAsync(ct);
        await db.Entry(template).Reference(t => t.Department).LoadAsync(ct);
        return new EditResult<CommitmentTemplate>.Saved(template);
    }

    public async Task<List<CommitmentTemplateDto>> TemplatesAsync(CancellationToken ct) =>
        [.. (await db.Set<CommitmentTemplate>().AsNoTracking().Include(t => t.Department).Where(t => t.IsActive).OrderBy(t => t.DepartmentId).ThenBy(t => t.ItemCode).ToListAsync(ct))
            .Select(CommitmentTemplateDto.From)];

    /// <summary>The business commits by a template's text.</summary>
    public async Task<EditResult<CreditCommitment>> CommitAsync(CommitmentInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        var code = user.FindFirstValue(RegistryModule.CreditCodeClaim);
        var entity = code is null ? null : await db.Set<SupervisedEntity>().FirstOrDefaultAsync(e => e.CreditCode == code, ct);
        if (entity is null) return new EditResult<CreditCommitment>.NotFound("当前账号没有对应的市场主体。");
        var template = input.TemplateId is { } id ? await db.Set<CommitmentTemplate>().Include(t => t.Department).FirstOrDefaultAsync(t => t.Id == id && t.IsActive, ct) : null;
        if (template is null) return new EditResult<CreditCommitment>.Invalid(new() { ["templateId"] = ["请选择要作出的承诺（承诺书文本）。"] });
        var today = time.Today();
        if (await db.Set<CreditCommitment>().AnyAsync(c => c.EntityId == entity.Id && c.TemplateId == template.Id && c.Status == CommitmentStatus.InForce, ct))
            return new EditResult<CreditCommitment>.Conflict("templateId", $"已作出“{template.Title}”承诺且正在履行中。");
        var commitment = new CreditCommitment { EntityId = entity.Id, Entity = entity, TemplateId = template.Id, Template = template, Text = template.Text, CommittedOn = today };
        db.Add(commitment);
        db.Add(new CreditRecord
        {
            EntityId = entity.Id, Kind = CreditRecordKind.CommitmentMade, Severity = CreditSeverity.None, Title = $"作出信用承诺：{template.Title}",
            Detail = template.Text, OccurredOn = today, DepartmentId = template.DepartmentId, IssuedBy = template.Department!.Name,
            Source = CreditRecordSource.Platform, PublicFrom = today, RecordedAtUtc = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        return new EditResult<CreditCommitment>.Saved(commitment);
    }

    /// <summary>The accepting department finds the commitment kept or broken (with its finding).</summary>
    public async Task<EditResult<CreditCommitment>> ConcludeAsync(long id, CommitmentOutcomeInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        var commitment = await db.Set<CreditCommitment>().Include(c => c.Entity).Include(c => c.Template).ThenInclude(t => t!.Department)
            .FirstOrDefaultAsync(c => c.Id == id && c.Template!.DepartmentId == user.DepartmentId(), ct);
        if (commitment is null) return new EditResult<CreditCommitment>.NotFound($"信用承诺 {id} 不存在。");
        if (commitment.Status != CommitmentStatus.InForce) return new EditResult<CreditCommitment>.Conflict("kept", $"该承诺已于 {commitment.ConcludedOn:yyyy-MM-dd} 认定。");
        var errors = new FieldErrors();
        if (input.Kept is null) errors.Add("kept", "必填：已履行或违背承诺。");
        if (input.Kept == false) errors.Required("finding", input.Finding, "违背承诺的事实", 1000);
        if (errors.Any) return new EditResult<CreditCommitment>.Invalid(errors.ToDictionary());
        var today = time.Today();
        commitment.Status = input.Kept == true ? CommitmentStatus.Kept : CommitmentStatus.Broken;
        commitment.ConcludedOn = today;
        commitment.Finding = input.Finding?.Trim();
        var broken = commitment.Status == CommitmentStatus.Broken;
        var record = new CreditRecord
        {
            EntityId = commitment.EntityId, Kind = broken ? CreditRecordKind.CommitmentBroken : CreditRecordKind.CommitmentKept,
            Severity = broken ? CreditSeverity.General : CreditSeverity.None,
            Title = (broken ? "违背信用承诺：" : "履行信用承诺：") + commitment.Template!.Title, Detail = commitment.Finding, OccurredOn = today,
            DepartmentId = commitment.Template.DepartmentId, IssuedBy = commitment.Template.Department!.Name, Source = CreditRecordSource.Platform,
            RecordedAtUtc = time.GetUtcNow().UtcDateTime,
        };
        (record.PublicFrom, record.PublicUntil) = CreditRecords.Publicity(Rules, record.Severity, today);
        db.Add(record);
        if (broken) await notices.AddAsync([(commitment.EntityId, RiskNoticeKind.CommitmentBroken, $"{commitment.Entity!.Name} 违背信用承诺：{commitment.Template.Title}。")], ct);
        await db.SaveChangesAsync(ct);
        return new EditResult<CreditCommitment>.Saved(commitment);
    }

    public async Task<List<CommitmentDto>> ForDepartmentAsync(ClaimsPrincipal user, CancellationToken ct) =>
        [.. (await db.Set<CreditCommitment>().AsNoTracking().Include(c => c.Entity).Include(c => c.Template).ThenInclude(t => t!.Department)
            .Where(c => c.Template!.DepartmentId == user.DepartmentId()).OrderBy(c => c.Status).ThenByDescending(c => c.CommittedOn).Take(500).ToListAsync(ct))
            .Select(CommitmentDto.From)];

    public async Task<List<CommitmentDto>> ForEntityAsync(long entityId, CancellationToken ct) =>
        [.. (await db.Set<CreditCommitment>().AsNoTracking().Include(c => c.Entity).Include(c => c.Template).ThenInclude(t => t!.Department)
            .Where(c => c.EntityId == entityId).OrderByDescending(c => c.CommittedOn).ToListAsync(ct)).Select(CommitmentDto.From)];
}
