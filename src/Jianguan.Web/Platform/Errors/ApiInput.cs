using System.Globalization;

namespace Jianguan.Web.Platform.Errors;

/// <summary>
/// Parses query parameters ourselves, so that a malformed value gets a message naming the field and
/// the expected form instead of the framework's generic binding failure.
/// </summary>
public sealed class ApiInput
{
    private readonly Dictionary<string, string[]> _errors = [];

    public bool IsValid => _errors.Count == 0;
    public IDictionary<string, string[]> Errors => _errors;

    public void Fail(string field, string message) => _errors[field] = [message];

    public DateOnly Date(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) Fail(field, "必填：日期，格式为 YYYY-MM-DD。");
        else if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        else Fail(field, $"应为 YYYY-MM-DD 格式的有效日期，收到“{value}”。");
        return default;
    }

    public int Integer(string field, string? value, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) Fail(field, $"必填：{min} 到 {max} 之间的整数。");
        else if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            Fail(field, $"应为整数，收到“{value}”。");
        else if (number < min || number > max) Fail(field, $"应在 {min} 到 {max} 之间，收到 {number}。");
        else return number;
        return default;
    }
}
