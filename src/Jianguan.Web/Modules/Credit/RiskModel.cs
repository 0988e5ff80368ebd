using System.Text.Json.Serialization;
using System.Text.Json;
using Jianguan.Web.Platform.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Modules.Credit;

/// <summary>信用风险分类 (国市监信发〔2022〕6号; LEGAL-RULES.md §4). Internal: never on a public page.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RiskClass>))] // by name in the API, as in the stored model
public enum RiskClass
{
    A = 1, // 低风险
    B = 2, // 一般风险
    C = 3, // 较高风险
    D = 4, // 高风险
}

/// <summary>What a factor measures.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RiskFactorKind>))] // by name in the API, as in the stored model
public enum RiskFactorKind
{
    /// <summary>Records of the given kinds (and at least the given severity) within the last months: points for each, up to a cap.</summary>
    Records = 1,
    /// <summary>The entity's industry starts with one of the given codes (a section letter, division, group or class).</summary>
    Industry = 2,
    /// <summary>The entity was registered within the last months.</summary>
    NewEntity = 3,
    /// <summary>The entity is on one of the given lists now.</summary>
    Listed = 4,
}

/// <summary>One factor of the score.</summary>
public sealed record RiskFactor(
    string Code, string Name, RiskFactorKind Kind, decimal Points,
    decimal? MaxPoints = null, IReadOnlyList<CreditRecordKind>? RecordKinds = null, CreditSeverity MinimumSeverity = CreditSeverity.None,
    int? WithinMonths = null, IReadOnlyList<string>? IndustryCodes = null, IReadOnlyList<CreditList>? Lists = null);

/// <summary>A class's band of scores: from <see cref="From"/> (included) to <see cref="To"/> (excluded; none for the last).</summary>
public sealed record RiskBand(RiskClass Class, decimal From, decimal? To);

/// <summary>
/// 观察期 (包容审慎, LEGAL-RULES.md §10): entities carrying <see cref="Tag"/> are classed no higher than
/// <see cref="HighestClass"/> while the tag is on them.
/// </summary>
public sealed record ObservationRule(string Tag, RiskClass HighestClass);

/// <summary>What an administrator configures: factors, their weights, the bands of each class, the observation period.</summary>
public sealed record RiskModelDefinition(IReadOnlyList<RiskFactor> Factors, IReadOnlyList<RiskBand> Bands, ObservationRule? Observation)
{
    public RiskClass ClassOf(decimal score)
    {
        // A loop, not First(predicate): a run calls this for each of a million entities, and the lambda's closure
        // and the enumerator were garbage each time.
        for (var i = 0; i < Bands.Count; i++)
            if (score >= Bands[i].From && (Bands[i].To is not { } to || score < to)) return Bands[i].Class;
        throw new InvalidOperationException($"No band of the model holds the score {score}.");
    }

    /// <summary>Errors by field; empty when the definition can be saved.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var l) ? l : errors[field] = []).Add(message);
        // A definition read from JSON without "factors" or "bands" has null lists: refused, not thrown on.
        var factors = Factors ?? [];
        if (factors.Count == 0) Add("factors", "至少需要一个评分因素。");
        foreach (var (f, i) in factors.Select((f, i) => (f, i)))
        {
            var field = $"factors[{i}]";
            if (f is null) { Add(field, $"第 {i + 1} 个因素为空。"); continue; }
            if (!Enum.IsDefined(f.Kind)) { Add(field, $"因素“{f.Name}”的因素类别 {f.Kind} 无法识别，可用：{string.Join("、", Enum.GetNames<RiskFactorKind>())}。"); continue; }
            if (string.IsNullOrWhiteSpace(f.Code) || string.IsNullOrWhiteSpace(f.Name)) Add(field, $"第 {i + 1} 个因素缺少代码或名称。");
            if (f.Points <= 0) Add(field, $"因素“{f.Name}”的分值应大于 0，收到 {f.Points}。");
            if (f.MaxPoints is { } max && max < f.Points) Add(field, $"因素“{f.Name}”的封顶分 {max} 小于单项分值 {f.Points}。");
            switch (f.Kind)
            {
                case RiskFactorKind.Records when f.RecordKinds is not { Count: > 0 }:
                    Add(field, $"因素“{f.Name}”按信用记录计分，须指明记录类别。"); break;
                case RiskFactorKind.Records or RiskFactorKind.NewEntity when f.WithinMonths is not > 0:
                    Add(field, $"因素“{f.Name}”须指明统计的月数（大于 0）。"); break;
                case RiskFactorKind.Industry when f.IndustryCodes is not { Count: > 0 }:
                    Add(field, $"因素“{f.Name}”按行业计分，须指明行业代码。"); break;
                case RiskFactorKind.Listed when f.Lists is not { Count: > 0 }:
                    Add(field, $"因素“{f.Name}”按名单计分，须指明名单。"); break;
            }
        }
        foreach (var duplicate in factors.Where(f => f is not null).GroupBy(f => f.Code).Where(g => g.Count() > 1))
            Add("factors", $"因素代码 {duplicate.Key} 重复。");
        // The bands, in class order, must cover every score from 0 up exactly once: no gap, no overlap.
        var bands = (Bands ?? []).Where(b => b is not null).OrderBy(b => b.Class).ToList();
        if (bands.Select(b => b.Class).Distinct().Count() != bands.Count || bands.Count != 4 || bands.Select(b => b.Class).Except(Enum.GetValues<RiskClass>()).Any())
            Add("bands", "A、B、C、D 四类须各有一个分数段。");
        else
        {
            if (bands[0].From != 0) Add("bands", $"A 类应从 0 分开始，收到 {bands[0].From}。");
            for (var i = 0; i < bands.Count; i++)
            {
                var band = bands[i];
                if (band.To is { } to && to <= band.From) Add("bands", $"{band.Class} 类的分数段 [{band.From}, {to}) 为空或颠倒。");
                if (i == bands.Count - 1)
                {
                    if (band.To is not null) Add("bands", $"D 类应无上限，收到上限 {band.To}：超过它的分数将无类别。");
                    continue;
                }
                if (band.To is not { } end) { Add("bands", $"{band.Class} 类缺少上限。"); continue; }
                var next = bands[i + 1];
                if (next.From > end) Add("bands", $"{band.Class} 类止于 {end}，{next.Class} 类始于 {next.From}：其间的分数无类别（缺口）。");
                if (next.From < end) Add("bands", $"{band.Class} 类止于 {end}，{next.Class} 类始于 {next.From}：分数段重叠。");
            }
        }
        if (Observation is { } o && string.IsNullOrWhiteSpace(o.Tag)) Add("observation", "观察期须指明标签。");
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    public static readonly JsonSerializerOptions Json = LegalRules.Json;
}

/// <summary>A version of the scoring model, in force from its date; a change saves a new version.</summary>
public sealed class RiskModel
{
    public int Id { get; set; }
    public int Version { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public string Note { get; set; } = "";
    public RiskModelDefinition Definition { get; set; } = new([], [], null);
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = "";
}

internal sealed class RiskModelConfiguration : IEntityTypeConfiguration<RiskModel>
{
    public void Configure(EntityTypeBuilder<RiskModel> b)
    {
        b.ToTable("risk_models");
        b.HasIndex(m => m.Version).IsUnique();
        b.Property(m => m.Note).HasMaxLength(256);
        b.Property(m => m.CreatedBy).HasMaxLength(64);
        // One document: the model is read whole and saved whole, as a new version.
        b.Property(m => m.Definition).HasConversion(
            d => JsonSerializer.Serialize(d, RiskModelDefinition.Json),
            s => JsonSerializer.Deserialize<RiskModelDefinition>(s, RiskModelDefinition.Json)!);
    }
}
