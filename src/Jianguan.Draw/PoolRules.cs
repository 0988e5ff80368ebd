using System.Buffers;
using System.Text;

namespace Jianguan.Draw;

/// <summary>
/// What a pool entry may hold, so that its canonical line (<c>code TAB stratum LF</c>) is unambiguous and every
/// implementation orders it the same way:
/// <list type="bullet">
/// <item>a credit code is 1 to 64 characters, each an ASCII digit or capital letter (GB 32100 codes are 18 of
/// them), so that its UTF-8 bytes, its characters and its byte order agree in every language;</item>
/// <item>a stratum key is 1 to 256 bytes of UTF-8 without control characters (U+0000–U+001F, U+007F); its risk
/// class is the text before the first '|' (the whole key when there is none), and must not be empty.</item>
/// </list>
/// </summary>
public static class PoolRules
{
    public const int MaxCodeLength = 64;
    public const int MaxStratumBytes = 256;

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private static readonly SearchValues<byte> CodeBytes = SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"u8);

    public static bool IsValidCode(ReadOnlySpan<byte> code) => code.Length is > 0 and <= MaxCodeLength && !code.ContainsAnyExcept(CodeBytes);

    public static bool IsValidCode(string code) =>
        code.Length is > 0 and <= MaxCodeLength && code.All(c => c is (>= '0' and <= '9') or (>= 'A' and <= 'Z'));

    /// <summary>Null when the stratum key is acceptable, else why not.</summary>
    public static string? StratumProblem(ReadOnlySpan<byte> key)
    {
        if (key.Length is 0 or > MaxStratumBytes) return $"a stratum key is 1 to {MaxStratumBytes} bytes of UTF-8";
        foreach (var b in key)
            if (b < 0x20 || b == 0x7F) return "a stratum key has no control characters";
        try
        {
            StrictUtf8.GetCharCount(key);
        }
        catch (DecoderFallbackException)
        {
            return "a stratum key is valid UTF-8";
        }
        var bar = key.IndexOf((byte)'|');
        return bar == 0 ? "a stratum key starts with its risk class (the text before the first '|')" : null;
    }

    /// <summary>The stratum's risk class: the text before the first '|', or the whole key.</summary>
    public static string RiskClass(string stratum) => stratum.IndexOf('|') is var bar and >= 0 ? stratum[..bar] : stratum;

    /// <summary>Orders texts as their UTF-8 bytes (Unicode code point order), the order of strata everywhere.</summary>
    public static int CompareUtf8(string a, string b) =>
        Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));

    public static readonly IComparer<string> Utf8Order = Comparer<string>.Create(CompareUtf8);
}
