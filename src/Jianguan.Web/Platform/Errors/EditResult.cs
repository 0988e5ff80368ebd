namespace Jianguan.Web.Platform.Errors;

/// <summary>
/// The outcome of a create or update, shared by the page and the API so both refuse the same input
/// with the same words. Errors are keyed by the JSON field name.
/// </summary>
public abstract record EditResult<T>
{
    public sealed record Saved(T Value) : EditResult<T>;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : EditResult<T>;
    public sealed record NotFound(string Message) : EditResult<T>;
    public sealed record Forbidden(string Message) : EditResult<T>;
    public sealed record Conflict(string Field, string Message) : EditResult<T>;

    /// <summary>The same refusal as a result of another type, for a service that passes on what another refused.</summary>
    public EditResult<TOther> Refusal<TOther>() => this switch
    {
        Invalid i => new EditResult<TOther>.Invalid(i.Errors),
        NotFound n => new EditResult<TOther>.NotFound(n.Message),
        Forbidden f => new EditResult<TOther>.Forbidden(f.Message),
        Conflict c => new EditResult<TOther>.Conflict(c.Field, c.Message),
        _ => throw new InvalidOperationException("A saved result is not a refusal."),
    };
}

/// <summary>Collects field errors in the order they are found.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];
    public bool Any => _errors.Count > 0;
    public void Add(string field, string message) => (_errors.TryGetValue(field, out var l) ? l : _errors[field] = []).Add(message);
    public void Required(string field, string? value, string label, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, $"必填：{label}。");
        else if (value.Trim().Length > maxLength) Add(field, $"{label}最多 {maxLength} 个字符，收到 {value.Trim().Length} 个。");
    }
    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}

public static class EditResults
{
    /// <summary>One mapping from edit outcomes to HTTP for every create and update endpoint.</summary>
    public static IResult ToHttp<T, TDto>(EditResult<T> result, Func<T, TDto> toDto, Func<T, string>? createdAt = null) => result switch
    {
        EditResult<T>.Saved s when createdAt is not null => TypedResults.Created(createdAt(s.Value), toDto(s.Value)),
        EditResult<T>.Saved s => TypedResults.Ok(toDto(s.Value)),
        EditResult<T>.Invalid i => Problems.Invalid(i.Errors),
        EditResult<T>.NotFound n => Problems.NotFound(n.Message),
        EditResult<T>.Forbidden f => Problems.Forbidden(f.Message),
        EditResult<T>.Conflict c => Problems.Conflict(c.Message),
        _ => throw new InvalidOperationException("unknown edit result"),
    };
}
