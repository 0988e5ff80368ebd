using System.Buffers.Binary;
using System.Collections;
using System.Collections.Concurrent;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Jianguan.Web.Platform.Documents;

/// <summary>A font file the documents cannot use. <see cref="Exception.Message"/> is the Chinese text for the user.</summary>
public sealed class DocumentFontException(string message, string logMessage) : Exception(message)
{
    /// <summary>The same problem in English, with the path, for the operator's log.</summary>
    public string LogMessage { get; } = logMessage;
}

/// <summary>
/// The two fonts of a document: the Chinese one, and a Latin one for what it lacks. Droid Sans Fallback has
/// no digits or Latin letters at all (only the space), so "〔2026〕12号" needs a second font for "2026" and "12".
/// Each character goes to the Chinese font when that font has a glyph for it, else to the Latin font.
/// </summary>
internal sealed class DocumentFonts
{
    // Unicode (Identity-H with a ToUnicode map), so the text is extractable; a subset, so the file stays small
    // and still shows Chinese on a machine without the font.
    private static readonly XPdfFontOptions Embedded = new(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset);

    private readonly FontFile _cjk;
    private readonly FontFile _latin;
    private readonly Dictionary<(double, bool, bool), XFont> _fonts = [];

    public DocumentFonts(string cjkPath, string latinPath)
    {
        _cjk = FontFile.Load(cjkPath, "Documents:FontPath", "fonts-droid-fallback");
        _latin = FontFile.Load(latinPath, "Documents:LatinFontPath", "fonts-liberation");
    }

    public XFont Font(double size, bool bold, bool latin)
    {
        if (!_fonts.TryGetValue((size, bold, latin), out var font))
        {
            var file = latin ? _latin : _cjk;
            font = new XFont(file.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Embedded);
            _fonts[(size, bold, latin)] = font;
        }
        return font;
    }

    /// <summary>Splits text into runs of one font each: (text, whether the run is in the Latin font).</summary>
    public IEnumerable<(string Text, bool Latin)> Runs(string text)
    {
        var start = 0;
        var latin = false;
        for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
        {
            var isLatin = !_cjk.Has(char.ConvertToUtf32(text, i));
            if (i > start && isLatin != latin)
            {
                yield return (text[start..i], latin);
                start = i;
            }
            latin = isLatin;
        }
        if (start < text.Length) yield return (text[start..], latin);
    }
}

/// <summary>
/// One TrueType file, read once per process and kept for PDFsharp, which asks for a font's bytes by face name
/// through a resolver that is global to the process (<see cref="GlobalFontSettings"/> is static, and may be set
/// only once before its first use). Every app instance in the process, with whatever font paths it is
/// configured with, shares the one resolver: each distinct path gets a family name of its own.
/// </summary>
internal sealed class FontFile
{
    private static readonly ConcurrentDictionary<string, FontFile> Loaded = new();
    private static readonly Lock Gate = new();
    private static int _count;

    public string Family { get; }
    public byte[] Bytes { get; }
    private readonly BitArray _coverage;

    private FontFile(string family, byte[] bytes, BitArray coverage) => (Family, Bytes, _coverage) = (family, bytes, coverage);

    public bool Has(int codePoint) => codePoint < _coverage.Length && _coverage[codePoint];

    public static FontFile Load(string path, string setting, string debianPackage)
    {
        var fullPath = Path.GetFullPath(path);
        if (Loaded.TryGetValue(fullPath, out var loaded)) return loaded;
        lock (Gate)
        {
            if (Loaded.TryGetValue(fullPath, out loaded)) return loaded;
            if (!File.Exists(fullPath))
                throw new DocumentFontException(
                    $"无法生成 PDF 文书：服务器上缺少字体文件（配置项 {setting}）。请联系系统管理员安装字体包 {debianPackage}。",
                    $"Cannot render PDF documents: the font file {fullPath} ({setting}) does not exist. Install Debian's {debianPackage} or set {setting} to a TrueType font file.");
            var bytes = File.ReadAllBytes(fullPath);
            var coverage = TrueTypeCmap.Coverage(bytes) ?? throw new DocumentFontException(
                $"无法生成 PDF 文书：字体文件不可用（配置项 {setting}）。请联系系统管理员。",
                $"Cannot render PDF documents: {fullPath} ({setting}) is not a plain TrueType font (.ttf with a Unicode cmap); collections (.ttc) and CFF fonts (.otf) are not supported.");
            if (_count == 0) GlobalFontSettings.FontResolver = Resolver.Instance;
            loaded = new FontFile($"Jianguan Font {++_count}", bytes, coverage);
            Loaded[fullPath] = loaded;
            return loaded;
        }
    }

    /// <summary>Serves each loaded file as its family's only face; bold is simulated (the files have no bold face).</summary>
    private sealed class Resolver : IFontResolver
    {
        public static readonly Resolver Instance = new();

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            Loaded.Values.Any(f => f.Family.Equals(familyName, StringComparison.OrdinalIgnoreCase))
                ? new FontResolverInfo(familyName, bold, italic)
                : null;

        public byte[]? GetFont(string faceName) =>
            Loaded.Values.FirstOrDefault(f => f.Family.Equals(faceName, StringComparison.OrdinalIgnoreCase))?.Bytes;
    }
}

/// <summary>
/// Which characters a TrueType font has glyphs for, from its cmap table (Windows Unicode subtables, formats 4
/// and 12). PDFsharp draws a missing glyph as an empty box and drops it from the text layer, so the documents
/// must know before they draw.
/// </summary>
internal static class TrueTypeCmap
{
    /// <summary>A bit per code point, or null when this is not a TrueType font with a Unicode cmap.</summary>
    public static BitArray? Coverage(ReadOnlySpan<byte> font)
    {
        try
        {
            var version = U32(font, 0);
            if (version != 0x00010000 && version != 0x74727565) return null; // 'OTTO' (CFF) and 'ttcf' (collections) are not
            var cmap = -1;
            for (var i = 0; i < U16(font, 4); i++)
                if (U32(font, 12 + 16 * i) == 0x636D6170) cmap = (int)U32(font, 12 + 16 * i + 8); // 'cmap'
            if (cmap < 0) return null;
            int format4 = -1, format12 = -1;
            for (var i = 0; i < U16(font, cmap + 2); i++)
            {
                var record = cmap + 4 + 8 * i;
                var (platform, encoding) = (U16(font, record), U16(font, record + 2));
                var table = cmap + (int)U32(font, record + 4);
                if (platform == 3 && encoding == 10 && U16(font, table) == 12) format12 = table;
                if (platform == 3 && encoding == 1 && U16(font, table) == 4) format4 = table;
            }
            var coverage = new BitArray(0x110000);
            if (format12 >= 0)
            {
                for (var g = 0; g < U32(font, format12 + 12); g++)
                {
                    var group = format12 + 16 + 12 * g;
                    for (var c = U32(font, group); c <= Math.Min(U32(font, group + 4), 0x10FFFF); c++) coverage[(int)c] = true;
                }
                return coverage;
            }
            if (format4 < 0) return null;
            var segments = U16(font, format4 + 6) / 2;
            var ends = format4 + 14;
            var starts = ends + 2 * segments + 2;
            var deltas = starts + 2 * segments;
            var rangeOffsets = deltas + 2 * segments;
            for (var s = 0; s < segments; s++)
            {
                int start = U16(font, starts + 2 * s), end = U16(font, ends + 2 * s), delta = U16(font, deltas + 2 * s);
                var rangeOffset = U16(font, rangeOffsets + 2 * s);
                for (var c = start; c <= end && c != 0xFFFF; c++)
                {
                    var glyph = rangeOffset == 0 ? c + delta : U16(font, rangeOffsets + 2 * s + rangeOffset + 2 * (c - start));
                    if (rangeOffset != 0 && glyph != 0) glyph += delta;
                    coverage[c] = (glyph & 0xFFFF) != 0;
                }
            }
            return coverage;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null; // a truncated or damaged file
        }
    }

    private static int U16(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt16BigEndian(b[at..]);
    private static uint U32(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt32BigEndian(b[at..]);
}
