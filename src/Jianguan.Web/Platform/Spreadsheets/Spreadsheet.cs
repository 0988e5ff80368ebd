using System.Data;
using System.Globalization;
using System.IO.Compression;
using MiniExcelLibs;

namespace Jianguan.Web.Platform.Spreadsheets;

/// <summary>One problem of an imported sheet: the Excel row number (the header is row 1), the column header, why.</summary>
public sealed record SpreadsheetError(int Row, string Column, string Message);

/// <summary>A refused upload or an unreadable sheet, with the message for the user. Nothing was read from it.</summary>
public sealed class SpreadsheetFileException(string message, bool tooLarge = false) : Exception(message)
{
    /// <summary>413 rather than 400: the file may be fine, only too big.</summary>
    public bool TooLarge { get; } = tooLarge;
}

/// <summary>One data row of a sheet, its cells keyed by column header.</summary>
public sealed class SpreadsheetRow(int number, IReadOnlyDictionary<string, object?> cells)
{
    /// <summary>The row number a person sees in Excel (the header row is 1).</summary>
    public int Number { get; } = number;

    /// <summary>The cell as the reader found it (string, double, DateTime, bool) or null when blank.</summary>
    public object? Raw(string header) => cells.GetValueOrDefault(header);

    /// <summary>The cell as trimmed text; dates as yyyy-MM-dd, whole numbers without a decimal point; "" when blank.</summary>
    public string Text(string header) => Spreadsheet.ToText(Raw(header));

    public bool IsBlank => cells.Values.All(v => Spreadsheet.ToText(v).Length == 0);
}

/// <summary>The rows of the first sheet, and its headers in sheet order.</summary>
public sealed record SpreadsheetTable(IReadOnlyList<string> Headers, IReadOnlyList<SpreadsheetRow> Rows);

/// <summary>
/// Reading and writing .xlsx workbooks of one header row and data rows: the shape in which departments
/// exchange lists. Generic on purpose: every module that imports or exports a list uses it with its own
/// column headers, and keeps its own validation of the values.
/// </summary>
public static class Spreadsheet
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    /// <summary>Bounds what a small upload may unpack to, so a crafted zip cannot exhaust memory.</summary>
    private const long MaxUnpackedBytes = 256L * 1024 * 1024;

    /// <summary>
    /// Copies an upload into memory after checking it: not empty, not larger than <paramref name="maxBytes"/>,
    /// and by its content (not its name) an Office Open XML workbook. Throws <see cref="SpreadsheetFileException"/>
    /// with a message naming what is wrong.
    /// </summary>
    public static async Task<MemoryStream> ReadUploadAsync(string? fileName, long length, Func<Stream> open, long maxBytes = DefaultMaxBytes, CancellationToken ct = default)
    {
        if (length <= 0) throw new SpreadsheetFileException("上传的文件是空的，请选择 Excel（.xlsx）文件。");
        if (length > maxBytes)
            throw new SpreadsheetFileException($"文件大小为 {Megabytes(length)}，超过上限 {Megabytes(maxBytes)}。请拆分为多个文件后分别导入。", tooLarge: true);
        var copy = new MemoryStream((int)length);
        await using (var source = open()) await source.CopyToAsync(copy, ct);
        if (copy.Length > maxBytes)
            throw new SpreadsheetFileException($"文件大小超过上限 {Megabytes(maxBytes)}。", tooLarge: true);
        copy.Position = 0;
        CheckWorkbook(copy, fileName);
        copy.Position = 0;
        return copy;
    }

    /// <summary>Recognises an .xlsx by its bytes: a zip holding xl/workbook.xml. Names the likely real type when it is not.</summary>
    public static void CheckWorkbook(Stream content, string? fileName)
    {
        Span<byte> head = stackalloc byte[8];
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content.Position = 0;
        var name = string.IsNullOrWhiteSpace(fileName) ? "上传的文件" : $"“{Path.GetFileName(fileName)}”";
        if (read >= 8 && head[..8].SequenceEqual(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }))
            throw new SpreadsheetFileException($"{name}是旧版 Excel 97-2003（.xls）文件。请在 Excel 中“另存为” .xlsx 格式后再上传。");
        if (read < 4 || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4)
            throw new SpreadsheetFileException($"{name}不是 Excel（.xlsx）文件：按文件内容判断，它不是 Excel 工作簿（无论扩展名是什么）。请上传用导出模板填写的 .xlsx 文件。");
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.GetEntry("xl/workbook.xml") is null || zip.GetEntry("[Content_Types].xml") is null)
                throw new SpreadsheetFileException($"{name}是压缩文件，但不是 Excel（.xlsx）工作簿（缺少 xl/workbook.xml）。");
            if (zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes)
                throw new SpreadsheetFileException($"{name}解压后超过 {Megabytes(MaxUnpackedBytes)}，无法导入。");
        }
        catch (InvalidDataException)
        {
            throw new SpreadsheetFileException($"{name}已损坏，无法作为 Excel（.xlsx）文件打开。");
        }
        finally
        {
            content.Position = 0;
        }
    }

    /// <summary>
    /// Reads the first sheet: row 1 holds the headers, every later non-blank row is data. Fails, naming the
    /// headers, when one of <paramref name="requiredHeaders"/> is missing or a header appears twice, and when
    /// there are more than <paramref name="maxRows"/> data rows.
    /// </summary>
    public static SpreadsheetTable Read(Stream workbook, IReadOnlyCollection<string> requiredHeaders, int maxRows = 50_000)
    {
        List<IDictionary<string, object?>> raw;
        try
        {
            raw = MiniExcel.Query(workbook, useHeaderRow: false, excelType: ExcelType.XLSX)
                .Cast<IDictionary<string, object?>>()
                .Take(maxRows + 2)
                .ToList();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new SpreadsheetFileException($"无法读取工作表：{e.Message}");
        }
        if (raw.Count == 0) throw new SpreadsheetFileException("工作表是空的：第 1 行应为列标题。");

        // Column letter → header text, in sheet order.
        var columns = new List<(string Letter, string Header)>();
        foreach (var (letter, value) in raw[0])
        {
            var header = ToText(value);
            if (header.Length == 0) continue;
            if (columns.Any(c => c.Header == header))
                throw new SpreadsheetFileException($"第 1 行的列标题“{header}”出现了两次，无法确定使用哪一列。");
            columns.Add((letter, header));
        }
        var missing = requiredHeaders.Where(h => columns.All(c => c.Header != h)).ToList();
        if (missing.Count > 0)
            throw new SpreadsheetFileException($"第 1 行缺少列标题：{string.Join("、", missing)}。请使用导出的文件作为模板。");
        if (raw.Count > maxRows + 1)
            throw new SpreadsheetFileException($"数据超过 {maxRows} 行，请拆分为多个文件后分别导入。");

        var rows = new List<SpreadsheetRow>();
        for (var i = 1; i < raw.Count; i++)
        {
            var cells = columns.ToDictionary(c => c.Header, c => raw[i].TryGetValue(c.Letter, out var v) ? v : null);
            var row = new SpreadsheetRow(i + 1, cells);
            if (!row.IsBlank) rows.Add(row);
        }
        return new SpreadsheetTable(columns.Select(c => c.Header).ToList(), rows);
    }

    /// <summary>
    /// Writes one sheet with a header row; every cell is text, so that codes keep their leading zeros and
    /// 14-digit numbers are not turned into floating point by Excel.
    /// </summary>
    public static byte[] Write(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var table = new DataTable(sheetName);
        foreach (var header in headers) table.Columns.Add(header, typeof(string));
        foreach (var row in rows)
        {
            if (row.Count != headers.Count) throw new ArgumentException($"a row has {row.Count} cells for {headers.Count} headers");
            table.Rows.Add([.. row.Select(v => (object?)v ?? "")]);
        }
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, table, sheetName: sheetName, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    internal static string ToText(object? value) => value switch
    {
        null => "",
        string s => s.Trim(),
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => d.ToString("0", CultureInfo.InvariantCulture),
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture).Trim(),
        _ => value.ToString()?.Trim() ?? "",
    };

    private static string Megabytes(long bytes) => $"{bytes / 1024d / 1024d:0.#} MB";
}
