using System.Security.Claims;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Modules.Credit;

/// <summary>
/// A rule of 失信联合惩戒: a listing on <see cref="List"/> calls for <see cref="Measure"/> by <see cref="DepartmentId"/>,
/// on its legal basis, while the listing stands (or for <see cref="MonthsAfterListing"/> months when set).
/// </summary>
public sealed class JointPunishmentRule
{
    public int Id { get; set; }
    public CreditList List { get; set; }
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }
    public string Measure { get; set; } = "";
    public string LegalBasis { get; set; } = "";
    public int? MonthsAfterListing { get; set; }
    public bool IsActive { get; set; } = true;
}

public enum MeasureStatus
{
    Pending = 1,       // 待实施
    Applied = 2,       // 已实施
    NotApplicable = 3, // 不适用（该主体在本部门无相关事项）
    Ended = 4,         // 名单移出，措施终止
}

/// <summary>One measure a department must apply to one listed entity, with its feedback (实施反馈).</summary>
public sealed class JointPunishmentMeasure
{
    public long Id { get; set; }
    public int RuleId { get; set; }
    public JointPunishmentRule? Rule { get; set; }
    public long ListingId { get; set; }
    public CreditListing? Listing { get; set; }
    public long EntityId { get; set; }
    public int DepartmentId { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public MeasureStatus Status { get; set; } = MeasureStatus.Pending;
    public DateOnly? FeedbackOn { get; set; }
    public string? Feedback { get; set; }
}

internal sealed class JointPunishmentRuleConfiguration : IEntityTypeConfiguration<JointPunishmentRule>
{
    public void Configure(EntityTypeBuilder<JointPunishmentRule> b)
    {
        b.ToTable("joint_punishment_rules");
        b.HasOne(r => r.Department).WithMany().HasForeignKey(r => r.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(r => r.Measure).HasMaxLength(256);
        b.Property(r => r.LegalBasis).HasMaxLength(256);
    }
}

internal sealed class JointPunishmentMeasureConfiguration : IEntityTypeConfiguration<JointPunishmentMeasure>
{
    public void Configure(EntityTypeBuilder<JointPunishmentMeasure> b)
    {
        b.ToTable("joint_punishment_measures");
        b.HasOne(m => m.Rule).WithMany().HasForeignKey(m => m.RuleId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(m => m.Listing).WithMany().HasForeignKey(m => m.ListingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(m => m.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(m => m.Feedback).HasMaxLength(1000);
        b.HasIndex(m => new { m.DepartmentId, m.Status });
        b.HasIndex(m => m.ListingId);
    }
}

public sealed record PunishmentRuleInput(string? List, int? DepartmentId, string? Measure, string? LegalBasis, int? MonthsAfterListing);

public sealed record PunishmentFeedbackInput(bool? Applied, string? Feedback);

public sealed record PunishmentRuleDto(int Id, string List, string ListName, int DepartmentId, string Department, string Measure, string LegalBasis, int? MonthsAfterListing, bool IsActive)
{
    public static PunishmentRuleDto From(JointPunishmentRule r) => new(r.Id, r.List.ToString(), ListingReasons.ListName(r.List), r.DepartmentId,
        r.Department?.Name ?? "", r.Measure, r.LegalBasis, r.MonthsAfterListing, r.IsActive);
}

public sealed record PunishmentMeasureDto(
    long Id, string CreditCode, string EntityName, string ListName, string ListingReason, string ListedOn, string Measure, string LegalBasis,
    string StartsOn, string? EndsOn, string Status, string StatusName, string? FeedbackOn, string? Feedback)
{
    public static PunishmentMeasureDto From(JointPunishmentMeasure m) => new(
        m.Id, m.Listing?.Entity?.CreditCode ?? "", m.Listing?.Entity?.Name ?? "", m.Listing is { } l ? ListingReasons.ListName(l.List) : "",
        m.Listing is { } x ? ListingReasons.Of(x.Reason).Name : "", m.Listing?.ListedOn.ToString("yyyy-MM-dd") ?? "", m.Rule?.Measure ?? "", m.Rule?.LegalBasis ?? "",
        m.StartsOn.ToString("yyyy-MM-dd"), m.EndsOn?.ToString("yyyy-MM-dd"), m.Status.ToString(), NameOf(m.Status), m.FeedbackOn?.ToString("yyyy-MM-dd"), m.Feedback);

    public static string NameOf(MeasureStatus s) => s switch
    {
        MeasureStatus.Pending => "待实施",
        MeasureStatus.Applied => "已实施",
        MeasureStatus.NotApplicable => "不适用",
        _ => "已终止",
    };
}

/// <summary>
/// 失信联合惩戒 (二(三)2 of the policy; REFERENCE-SYSTEMS.md Part A §4): the rules, the measures a listing calls for in
/// each executing department, their feedback, and their end when the listing ends.
/// </summary>
public sealed class JointPunishments(AppDbContext db, TimeProvider time)
{
    public async Task<EditResult<JointPunishmentRule>> AddRuleAsync(PunishmentRuleInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var list = CreditListings.ParseEnum<CreditList>(input.List, "list", "名单", errors);
        if (input.DepartmentId is not { } departmentId || !await db.Set<Department>().AnyAsync(d => d.Id == departmentId && d.IsActive, ct))
            errors.Add("departmentId", "须指明实施惩戒的在用部门。");
        errors.Required("measure", input.Measure, "惩戒措施", 256);
        errors.Required("legalBasis", input.LegalBasis, "法律依据", 256);
        if (input.MonthsAfterListing is <= 0 or > 120) errors.Add("monthsAfterListing", "措施期限应为 1 到 120 个月，或不填（随名单存续）。");
        if (errors.Any) return new EditResult<JointPunishmentRule>.Invalid(errors.ToDictionary());
        var rule = new JointPunishmentRule
        {
            List = list!.Value, DepartmentId = input.DepartmentId!.Value, Measure = input.Measure!.Trim(), LegalBasis = input.LegalBasis!.Trim(),
            MonthsAfterListing = input.MonthsAfterListing,
        };
        db.Add(rule);
        await db.SaveChangesAsync(ct);
        await db.Entry(rule).Reference(r => r.Department).LoadAsync(ct);
        return new EditResult<JointPunishmentRule>.Saved(rule);
    }

    /// <summary>Adds the measures a new listing calls for (the caller saves, with the listing).</summary>
    internal async Task StartAsync(CreditListing listing, CancellationToken ct)
    {
        foreach (var rule in await db.Set<JointPunishmentRule>().Where(r => r.IsActive && r.List == listing.List).ToListAsync(ct))
            db.Add(new JointPunishmentMeasure
            {
                RuleId = rule.Id, Listing = listing, EntityId = listing.EntityId, DepartmentId = rule.DepartmentId, StartsOn = listing.ListedOn,
                EndsOn = rule.MonthsAfterListing is { } months ? listing.ListedOn.AddMonths(months) : null,
            });
    }

    /// <summary>Ends the measures of a listing that ends (the caller saves).</summary>
    internal async Task EndAsync(CreditListing listing, DateOnly on, CancellationToken ct)
    {
        foreach (var measure in await db.Set<JointPunishmentMeasure>().Where(m => m.ListingId == listing.Id && m.Status != MeasureStatus.Ended).ToListAsync(ct))
        {
            measure.Status = MeasureStatus.Ended;
            if (measure.EndsOn is null || measure.EndsOn > on) measure.EndsOn = on;
        }
    }

    public async Task<List<PunishmentMeasureDto>> ForDepartmentAsync(ClaimsPrincipal user, bool pendingOnly, CancellationToken ct)
    {
        var department = user.DepartmentId();
        var query = db.Set<JointPunishmentMeasure>().AsNoTracking().Include(m => m.Rule).Include(m => m.Listing).ThenInclude(l => l!.Entity)
            .Where(m => m.DepartmentId == department);
        if (pendingOnly) query = query.Where(m => m.Status == MeasureStatus.Pending);
        return [.. (await query.OrderBy(m => m.Status).ThenByDescending(m => m.StartsOn).ThenByDescending(m => m.Id).Take(500).ToListAsync(ct)).Select(PunishmentMeasureDto.From)];
    }

    /// <summary>The executing department says it applied the measure, or why it does not apply.</summary>
    public async Task<EditResult<JointPunishmentMeasure>> FeedbackAsync(long id, PunishmentFeedbackInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        var measure = await db.Set<JointPunishmentMeasure>().Include(m => m.Rule).Include(m => m.Listing).ThenInclude(l => l!.Entity)
            .FirstOrDefaultAsync(m => m.Id == id && m.DepartmentId == user.DepartmentId(), ct);
        if (measure is null) return new EditResult<JointPunishmentMeasure>.NotFound($"惩戒措施 {id} 不存在。");
        if (measure.Status is MeasureStatus.Ended) return new EditResult<JointPunishmentMeasure>.Conflict("applied", "名单已移出，该措施已终止。");
        var errors = new FieldErrors();
        if (input.Applied is null) errors.Add("applied", "必填：已实施或不适用。");
        if (input.Applied == false) errors.Required("feedback", input.Feedback, "不适用的理由", 1000);
        else if (input.Feedback?.Trim().Length > 1000) errors.Add("feedback", "反馈最多 1000 个字符。");
        if (errors.Any) return new EditResult<JointPunishmentMeasure>.Invalid(errors.ToDictionary());
        measure.Status = input.Applied == true ? MeasureStatus.Applied : MeasureStatus.NotApplicable;
        measure.Feedback = string.IsNullOrWhiteSpace(input.Feedback) ? null : input.Feedback.Trim();
        measure.FeedbackOn = Platform.Calendar.TimeProviderExtensions.Today(time);
        await db.SaveChangesAsync(ct);
        return new EditResult<JointPunishmentMeasure>.Saved(measure);
    }
}
