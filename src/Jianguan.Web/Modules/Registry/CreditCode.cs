namespace Jianguan.Web.Modules.Registry;

/// <summary>The outcome of checking a 统一社会信用代码.</summary>
/// <param name="Normalized">The code trimmed and upper-cased.</param>
/// <param name="Error">Why the code is refused; null when it is valid.</param>
/// <param name="ExpectedCheckCharacter">When only the 18th character is wrong: the one it should be.</param>
/// <param name="Warning">A doubt that does not refuse the code (the GB 11714 check of characters 9–17).</param>
public sealed record CreditCodeCheck(string Normalized, string? Error, char? ExpectedCheckCharacter, string? Warning)
{
    public bool IsValid => Error is null;
}

/// <summary>
/// 统一社会信用代码 by GB 32100-2015 (LEGAL-RULES.md §7): 18 characters from a 31-character set without
/// I, O, S, V, Z; the 18th is a check character over the first 17 with weights 3^(i−1) mod 31.
/// </summary>
public static class CreditCode
{
    public const string Characters = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    // GB 11714 organisation code (characters 9–17): weights of its first 8 characters.
    private static readonly int[] OrganisationWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    public static CreditCodeCheck Check(string? input)
    {
        var code = (input ?? "").Trim().ToUpperInvariant();
        if (code.Length == 0) return new(code, "必填：统一社会信用代码。", null, null);
        if (code.Length != 18) return new(code, $"统一社会信用代码应为 18 位，收到 {code.Length} 位。", null, null);
        for (var i = 0; i < 18; i++)
            if (!Characters.Contains(code[i]))
                return new(code, $"第 {i + 1} 位“{code[i]}”不是统一社会信用代码可用的字符（不含 I、O、S、V、Z）。", null, null);
        var expected = ExpectedCheckCharacter(code);
        if (code[17] != expected)
            return new(code, $"校验位错误：第 18 位应为“{expected}”，收到“{code[17]}”。", expected, null);
        var warning = OrganisationCodeIsConsistent(code.AsSpan(8, 9)) ? null
            : "第 9–17 位（组织机构代码）未通过 GB 11714 校验，请核对代码是否抄错。";
        return new(code, null, null, warning);
    }

    /// <summary>The 18th character the first 17 call for.</summary>
    public static char ExpectedCheckCharacter(ReadOnlySpan<char> code)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += Characters.IndexOf(code[i]) * Weights[i];
        return Characters[(31 - sum % 31) % 31];
    }

    /// <summary>GB 11714: 8 body characters (0–9, A–Z as 10–35) and a check character (0–9 or X).</summary>
    private static bool OrganisationCodeIsConsistent(ReadOnlySpan<char> code) =>
        OrganisationCheckCharacter(code[..8]) is { } check && code[8] == check;

    /// <summary>The GB 11714 check character of an organisation code's 8 body characters; null if one is not 0–9 or A–Z.</summary>
    private static char? OrganisationCheckCharacter(ReadOnlySpan<char> body)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = body[i];
            var value = c is >= '0' and <= '9' ? c - '0' : c is >= 'A' and <= 'Z' ? c - 'A' + 10 : -1;
            if (value < 0) return null;
            sum += value * OrganisationWeights[i];
        }
        var r = 11 - sum % 11;
        return r switch { 10 => 'X', 11 => '0', _ => (char)('0' + r) };
    }

    /// <summary>
    /// A whole code from its parts, both check characters computed: registration authority and category
    /// ("91"), division ("330702") and the organisation code's 8 body characters. For demo and test data.
    /// </summary>
    public static string Compose(string prefix, string division, ReadOnlySpan<char> organisationBody)
    {
        var first17 = $"{prefix}{division}{organisationBody}{OrganisationCheckCharacter(organisationBody)}";
        return first17 + ExpectedCheckCharacter(first17);
    }

    /// <summary>A distinct valid code of the district for each n below 31^6 ("91330702MA…"), for generated data.</summary>
    public static string Synthetic(int n, string prefix = "91")
    {
        Span<char> body = stackalloc char[8];
        body[0] = 'M'; body[1] = 'A';
        for (var k = 7; k >= 2; k--) { body[k] = Characters[n % 31]; n /= 31; }
        return Compose(prefix, "330702", body);
    }

    /// <summary>
    /// The kind of entity the registering authority and category (characters 1–2) say, where they say it;
    /// null for combinations the platform does not name.
    /// </summary>
    public static EntityType? TypeFromCode(string code) => code.Length < 2 ? null : code[..2] switch
    {
        "91" => EntityType.Enterprise,
        "92" => EntityType.SoleTrader,
        "93" => EntityType.Cooperative,
        "11" => EntityType.Government,
        "12" => EntityType.PublicInstitution,
        "51" or "52" or "53" or "59" => EntityType.SocialOrganisation,
        _ => code[0] is >= '1' and <= '9' or 'A' or 'N' or 'Y' ? EntityType.OtherOrganisation : null,
    };
}

/// <summary>
/// 居民身份证号码 by GB 11643: 17 digits and a check character over them with weights 2^(17−i) mod 11.
/// </summary>
public static class IdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>Null when valid; else why not, in Chinese.</summary>
    public static string? Error(string? input)
    {
        var id = (input ?? "").Trim().ToUpperInvariant();
        if (id.Length != 18) return $"身份证号码应为 18 位，收到 {id.Length} 位。";
        for (var i = 0; i < 17; i++)
            if (id[i] is < '0' or > '9') return $"身份证号码第 {i + 1} 位应为数字。";
        if (!DateOnly.TryParseExact(id.AsSpan(6, 8), "yyyyMMdd", out _)) return "身份证号码第 7–14 位不是有效的出生日期。";
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (id[i] - '0') * Weights[i];
        var expected = CheckCharacters[sum % 11];
        return id[17] == expected ? null : $"身份证号码校验位错误：第 18 位应为“{expected}”，收到“{id[17]}”。";
    }

    /// <summary>How an ID number appears in any output: the area and the check character, nothing that identifies the person.</summary>
    public static string Mask(string? id) =>
        string.IsNullOrEmpty(id) ? "" : id.Length <= 8 ? new string('*', id.Length) : id[..4] + new string('*', id.Length - 8) + id[^4..];
}
