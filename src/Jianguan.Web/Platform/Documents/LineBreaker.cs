using System.Text;

namespace Jianguan.Web.Platform.Documents;

/// <summary>
/// Line breaking for Chinese mixed with Latin text. Chinese has no spaces, so a line may break between any
/// two Chinese characters; a run of Latin letters, digits and their punctuation ("2026", "91330702MA2E6WYQ2T",
/// "GB/T 9704") stays whole unless it is wider than a line. No line starts with closing punctuation (，。、）」…)
/// and none ends with opening punctuation (（「《…), the basic rule of 禁则 (GB/T 15834 on punctuation).
/// </summary>
public static class LineBreaker
{
    private const string Closing = "，。、；：？！）」』】》〕〉〗〙〛”’…％,.;:?!)]}%";
    private const string Opening = "（「『【《〔〈〖〘〚“‘([{";

    /// <summary>
    /// The lines of one paragraph (no line feeds in it), each at most <paramref name="width"/> wide by
    /// <paramref name="measure"/>; the first line <paramref name="firstLineIndent"/> narrower.
    /// Widths are added up piece by piece, which holds for PDFsharp (it does not kern).
    /// </summary>
    public static List<string> Wrap(string paragraph, double width, Func<string, double> measure, double firstLineIndent = 0)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        var used = 0.0;
        double Room() => (lines.Count == 0 ? width - firstLineIndent : width) - used;
        void Flush()
        {
            lines.Add(line.ToString().TrimEnd());
            line.Clear();
            used = 0;
        }
        void Add(string piece, double pieceWidth)
        {
            line.Append(piece);
            used += pieceWidth;
        }

        foreach (var unit in Units(paragraph))
        {
            var unitWidth = measure(unit);
            if (unitWidth <= Room() + 1e-6) { Add(unit, unitWidth); continue; }
            if (line.Length > 0) Flush();
            if (string.IsNullOrWhiteSpace(unit)) continue; // a break eats the space it falls on
            if (unitWidth <= Room() + 1e-6) { Add(unit, unitWidth); continue; }
            // Wider than a whole line (a long code or address): break it anywhere.
            foreach (var piece in Characters(unit))
            {
                var pieceWidth = measure(piece);
                if (pieceWidth > Room() + 1e-6 && line.Length > 0) Flush();
                Add(piece, pieceWidth);
            }
        }
        if (line.Length > 0 || lines.Count == 0) Flush();
        return lines;
    }

    /// <summary>
    /// The pieces a line may break between: a space, one Chinese character, or a run of other characters;
    /// closing punctuation glued to the piece before it, opening punctuation to the piece after it.
    /// </summary>
    internal static List<string> Units(string text)
    {
        var raw = new List<string>();
        var run = new StringBuilder();
        foreach (var c in Characters(text))
        {
            var cp = char.ConvertToUtf32(c, 0);
            if (IsSpace(cp) || IsWide(cp))
            {
                if (run.Length > 0) { raw.Add(run.ToString()); run.Clear(); }
                raw.Add(c);
            }
            else run.Append(c);
        }
        if (run.Length > 0) raw.Add(run.ToString());

        var units = new List<string>();
        foreach (var piece in raw)
        {
            var glue = units.Count > 0 && !IsSpace(piece[0]) && !IsSpace(units[^1][^1])
                && (Closing.Contains(piece[0]) || Opening.Contains(units[^1][^1]));
            if (glue) units[^1] += piece;
            else units.Add(piece);
        }
        return units;
    }

    private static IEnumerable<string> Characters(string text)
    {
        for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
            yield return text.Substring(i, char.IsSurrogatePair(text, i) ? 2 : 1);
    }

    private static bool IsSpace(int cp) => cp is ' ' or '\t' or '\u3000';

    /// <summary>Characters set one per cell in Chinese: ideographs, kana, hangul, CJK and full-width punctuation.</summary>
    private static bool IsWide(int cp) =>
        cp is >= 0x1100 and <= 0x11FF or >= 0x2E80 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6 or >= 0x20000 and <= 0x3FFFF
        || cp is '“' or '”' or '‘' or '’' or '…';
}
