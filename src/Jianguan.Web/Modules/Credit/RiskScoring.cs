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
        // Indexed loops and a list made only when a factor scores: a run assesses a million entities, most of which
        // score nothing, and each enumerator or empty list was garbage for the collector to sweep.
        List<FactorScore>? scores = null;
        decimal total = 0;
        for (var f = 0; f < model.Factors.Count; f++)
        {
            var factor = model.Factors[f];
            var (value, ids, listingIds) = Measure(factor, asOf, entity, records, listings);
            if (value == 0) continue;
            var points = factor.Kind is RiskFactorKind.Records or RiskFactorKind.Listed ? value * factor.Points : factor.Points;
            if (factor.MaxPoints is { } max && points > max) points = max;
            total += points;
            (scores ??= new List<FactorScore>(2)).Add(new FactorScore(factor.Code, factor.Name, value, points, ids, listingIds));
        }
        var scored = model.ClassOf(total);
        IReadOnlyList<FactorScore> explained = scores is null ? [] : scores;
        if (entity.InObservation && model.Observation is { } o && scored > o.HighestClass)
            return new Result(o.HighestClass, total, new RiskExplanation(explained, scored, o.Tag));
        return new Result(scored, total, new RiskExplanation(explained));
    }

    private static (int Value, long[] RecordIds, long[]? ListingIds) Measure(
        RiskFactor factor, DateOnly asOf, in EntityFacts entity, ReadOnlySpan<RecordFact> records, ReadOnlySpan<ListingFact> listings)
    {
        switch (factor.Kind)
        {
            case RiskFactorKind.Records:
            {
                var since = asOf.AddMonths(-factor.WithinMonths!.Value);
                // Counted first, then gathered into an array of that length: no list grown and copied for each entity.
                var count = 0;
                foreach (ref readonly var r in records)
                    if (Counts(factor, since, asOf, r)) count++;
                if (count == 0) return (0, [], null);
                var ids = new long[count];
                var n = 0;
                foreach (ref readonly var r in records)
                    if (Counts(factor, since, asOf, r)) ids[n++] = r.Id;
                // In id order, whatever order the records were read in: the run compares explanations to find changes.
                Array.Sort(ids);
                return (count, ids, null);
            }
            case RiskFactorKind.Industry:
            {
                var codes = factor.IndustryCodes!;
                for (var i = 0; i < codes.Count; i++)
                    if (codes[i] == entity.IndustrySection || (codes[i].Length > 1 && entity.IndustryCode.StartsWith(codes[i], StringComparison.Ordinal)))
                        return (1, [], null);
                return (0, [], null);
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

    private static bool Counts(RiskFactor factor, DateOnly since, DateOnly asOf, in RecordFact record) =>
        record.OccurredOn > since && record.OccurredOn <= asOf && record.Severity >= factor.MinimumSeverity && factor.RecordKinds!.Contains(record.Kind);
}
