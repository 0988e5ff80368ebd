namespace Jianguan.Web.Modules.Credit;

/// <summary>
/// The score of one entity under one model version as of one day, with its explanation: the rules of the scoring
/// model in one place, free of the database, so that the monthly run, the one-entity run and the tests agree.
/// </summary>
public static class RiskScoring
{
    /// <summary>What the model reads of an entity.</summary>
    public readonly record struct EntityFacts(long EntityId, string IndustryCode, string IndustrySection, DateOnly? RegisteredOn, bool InObservation);

    /// <summary>What the model reads of a credit record.</summary>
    public readonly record struct RecordFact(long Id, CreditRecordKind Kind, CreditSeverity Severity, DateOnly OccurredOn);

    /// <summary>What the model reads of a listing.</summary>
    public readonly record struct ListingFact(long Id, CreditList List, DateOnly ListedOn, DateOnly? RemovedOn);

    public sealed record Result(RiskClass Class, decimal Score, RiskExplanation Explanation);

    /// <summary>
    /// Records count when they occurred within the factor's months up to <paramref name="asOf"/> (the day itself
    /// included); listings when they were active on it. The caller leaves out records whose publicity a repair ended.
    /// </summary>
    public static Result Assess(RiskModelDefinition model, DateOnly asOf, in EntityFacts entity, ReadOnlySpan<RecordFact> records, ReadOnlySpan<ListingFact> listings)
    {
        var scores = new List<FactorScore>();
        decimal total = 0;
        foreach (var factor in model.Factors)
        {
            var (value, ids, listingIds) = Measure(factor, asOf, entity, records, listings);
            if (value == 0) continue;
            var points = factor.Kind is RiskFactorKind.Records or RiskFactorKind.Listed ? value * factor.Points : factor.Points;
            if (factor.MaxPoints is { } max && points > max) points = max;
            total += points;
            scores.Add(new FactorScore(factor.Code, factor.Name, value, points, ids, listingIds));
        }
        var scored = model.ClassOf(total);
        if (entity.InObservation && model.Observation is { } o && scored > o.HighestClass)
            return new Result(o.HighestClass, total, new RiskExplanation(scores, scored, o.Tag));
        return new Result(scored, total, new RiskExplanation(scores));
    }

    private static (int Value, long[] RecordIds, long[]? ListingIds) Measure(
        RiskFactor factor, DateOnly asOf, in EntityFacts entity, ReadOnlySpan<RecordFact> records, ReadOnlySpan<ListingFact> listings)
    {
        switch (factor.Kind)
        {
            case RiskFactorKind.Records:
            {
                var since = asOf.AddMonths(-factor.WithinMonths!.Value);
                List<long>? ids = null;
                foreach (ref readonly var r in records)
                    if (r.OccurredOn > since && r.OccurredOn <= asOf && r.Severity >= factor.MinimumSeverity && factor.RecordKinds!.Contains(r.Kind))
                        (ids ??= []).Add(r.Id);
                // In id order, whatever order the records were read in: the run compares explanations to find changes.
                ids?.Sort();
                return (ids?.Count ?? 0, ids?.ToArray() ?? [], null);
            }
            case RiskFactorKind.Industry:
            {
                var industry = entity.IndustryCode;
                var section = entity.IndustrySection;
                var match = factor.IndustryCodes!.Any(c => c == section || (c.Length > 1 && industry.StartsWith(c, StringComparison.Ordinal)));
                return (match ? 1 : 0, [], null);
            }
            case RiskFactorKind.NewEntity:
                return (entity.RegisteredOn is { } on && on > asOf.AddMonths(-factor.WithinMonths!.Value) && on <= asOf ? 1 : 0, [], null);
            case RiskFactorKind.Listed:
            {
                List<long>? ids = null;
                foreach (ref readonly var l in listings)
                    if (l.ListedOn <= asOf && (l.RemovedOn is not { } removed || removed > asOf) && factor.Lists!.Contains(l.List))
                        (ids ??= []).Add(l.Id);
                ids?.Sort();
                return (ids?.Count ?? 0, [], ids?.ToArray());
            }
            default:
                throw new InvalidOperationException($"Unknown factor kind {factor.Kind}.");
        }
    }
}
