namespace Jianguan.Web.Platform.Privacy;

/// <summary>
/// Personal data on public pages and public API answers: a person's name keeps its first character (王**), an ID
/// number its first and last (3****************X). Staff pages show ID numbers with four and four (IdNumber.Mask).
/// </summary>
public static class PublicMask
{
    public static string? Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var runes = name.Trim().EnumerateRunes().ToList();
        return runes.Count == 1 ? "*" : runes[0] + new string('*', runes.Count - 1);
    }

    public static string? IdNumber(string? id) =>
        string.IsNullOrWhiteSpace(id) ? null : id.Length <= 2 ? new string('*', id.Length) : id[0] + new string('*', id.Length - 2) + id[^1];
}
