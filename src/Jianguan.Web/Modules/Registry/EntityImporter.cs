using System.Text;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Spreadsheets;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Sylvan.Data.Csv;

namespace Jianguan.Web.Modules.Registry;

public enum ImportMode
{
    /// <summary>Any bad row and nothing is stored.</summary>
    RejectAll,
    /// <summary>The valid rows are stored; the bad ones are reported.</summary>
    ValidOnly,
}

public sealed record ImportIssue(int Row, string Column, string Reason);

/// <summary>What an import did. Rows count from 2: row 1 is the header, as the user sees it in Excel.</summary>
public sealed record ImportReport(int Rows, int Created, int Updated, int Rejected, bool Stored, int IssueCount, IReadOnlyList<ImportIssue> Issues);

/// <summary>A file that cannot be read as an entity list at all (wrong type, missing or unknown columns).</summary>
public sealed class ImportFileException(string message) : Exception(message);

/// <summary>
/// Bulk import of entities from CSV (UTF-8 or GB18030, as Excel in China saves it) or .xlsx, upserting by
/// credit code so that the same file imported twice changes nothing the second time. The file is read
/// twice: first every row is validated (nothing stored), then the accepted rows are written in batches,
/// all in one transaction, so a failure half-way leaves the registry as it was.
/// </summary>
public sealed class EntityImporter(AppDbContext db, RegistryReference reference)
{
    /// <summary>The columns of an entity list, and the input field each fills.</summary>
    public static readonly IReadOnlyList<(string Header, string Field, bool Required)> Columns =
    [
        ("统一社会信用代码", "creditCode", true), ("名称", "name", true), ("行政区划代码", "divisionCode", true), ("行业代码", "industryCode", true),
        ("法定代表人", "legalRepresentativeName", false), ("法定代表人身份证号", "legalRepresentativeIdNumber", false), ("住所", "address", false),
        ("成立日期", "registeredOn", false), ("登记状态", "status", false), ("标签", "tags", false),
    ];

    private const int BatchSize = 1000;
    /// <summary>The report lists this many issues; the count covers all.</summary>
    public const int MaxIssuesListed = 1000;

    static EntityImporter() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public async Task<ImportReport> ImportAsync(string path, ImportMode mode, CancellationToken ct)
    {
        var codes = await reference.GetAsync(ct);
        var issues = new List<ImportIssue>();
        var issueCount = 0;
        var rejectedRows = new HashSet<int>();
        var firstRowOfCode = new Dictionary<string, int>();
        var rows = 0;
        foreach (var (row, input) in ReadRows(path))
        {
            rows++;
            var (validated, errors) = EntityEditor.Validate(input, codes);
            if (validated is not null && !firstRowOfCode.TryAdd(validated.Values.CreditCode, row))
                errors["creditCode"] = [$"统一社会信用代码 {validated.Values.CreditCode} 与第 {firstRowOfCode[validated.Values.CreditCode]} 行重复。"];
            if (errors.Count == 0) continue;
            rejectedRows.Add(row);
            foreach (var (field, messages) in errors)
                foreach (var message in messages)
                    if (++issueCount <= MaxIssuesListed)
                        issues.Add(new ImportIssue(row, HeaderOf(field), message));
        }
        if (rows == 0) throw new ImportFileException("文件中没有数据行。");
        if ((mode == ImportMode.RejectAll && rejectedRows.Count > 0) || rejectedRows.Count == rows)
            return new ImportReport(rows, 0, 0, rejectedRows.Count, false, issueCount, issues);

        var (created, updated) = await StoreAsync(path, rejectedRows, codes, ct);
        return new ImportReport(rows, created, updated, rejectedRows.Count, true, issueCount, issues);
    }

    private async Task<(int Created, int Updated)> StoreAsync(string path, HashSet<int> rejectedRows, RegistryCodes codes, CancellationToken ct)
    {
        var created = 0;
        var updated = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var batch in ReadRows(path).Where(r => !rejectedRows.Contains(r.Row)).Chunk(BatchSize))
        {
            var values = batch.Select(r => EntityEditor.Validate(r.Input, codes).Value!.Values).ToList();
            var keys = values.Select(v => v.CreditCode).ToList();
            var existing = await db.Set<SupervisedEntity>().Include(e => e.Tags).Include(e => e.Licences).AsSplitQuery()
                .Where(e => keys.Contains(e.CreditCode)).ToDictionaryAsync(e => e.CreditCode, ct);
            foreach (var value in values)
            {
                if (existing.TryGetValue(value.CreditCode, out var entity)) updated++;
                else
                {
                    db.Add(entity = new SupervisedEntity());
                    created++;
                }
                EntityEditor.Apply(entity, value);
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear(); // keep memory flat however long the file
        }
        await transaction.CommitAsync(ct);
        return (created, updated);
    }

    private static string HeaderOf(string field) =>
        Columns.FirstOrDefault(c => field.StartsWith(c.Field, StringComparison.Ordinal)).Header ?? field;

    /// <summary>The data rows of the file as entity input, numbered as in the spreadsheet.</summary>
    public static IEnumerable<(int Row, EntityInput Input)> ReadRows(string path)
    {
        var row = 1;
        foreach (var cells in IsXlsx(path) ? ReadXlsx(path) : ReadCsv(path))
        {
            row++;
            if (cells.Values.All(string.IsNullOrWhiteSpace)) continue; // blank lines at the end of a sheet
            string? Cell(string header) => cells.TryGetValue(header, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
            yield return (row, new EntityInput(
                Cell("统一社会信用代码"), Cell("名称"), Cell("行政区划代码"), Cell("行业代码"), Cell("法定代表人"), Cell("法定代表人身份证号"),
                Cell("住所"), Cell("成立日期"), Cell("登记状态"),
                Cell("标签")?.Split(['、', ',', '，', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        }
    }

    private static void CheckHeaders(IReadOnlyCollection<string> headers)
    {
        var missing = Columns.Where(c => c.Required && !headers.Contains(c.Header)).Select(c => c.Header).ToList();
        var unknown = headers.Where(h => !string.IsNullOrWhiteSpace(h) && Columns.All(c => c.Header != h)).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
            throw new ImportFileException(
                (missing.Count > 0 ? $"缺少必需的列：{string.Join("、", missing)}。" : "") +
                (unknown.Count > 0 ? $"无法识别的列：{string.Join("、", unknown)}（可用的列：{string.Join("、", Columns.Select(c => c.Header))}）。" : ""));
    }

    /// <summary>By content, not by name: an .xlsx is a ZIP file; a CSV is text without NUL bytes.</summary>
    private static bool IsXlsx(string path)
    {
        Span<byte> head = stackalloc byte[4096];
        using var file = File.OpenRead(path);
        var read = file.Read(head);
        if (read >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) return true;
        if (head[..read].Contains((byte)0)) throw new ImportFileException("文件既不是 .xlsx 也不是 CSV 文本文件。");
        return false;
    }

    private static IEnumerable<Dictionary<string, string?>> ReadCsv(string path)
    {
        using var reader = new StreamReader(path, LooksLikeUtf8(path) ? new UTF8Encoding(false) : Encoding.GetEncoding("GB18030"), detectEncodingFromByteOrderMarks: true);
        using var csv = CsvDataReader.Create(reader, new CsvDataReaderOptions { HasHeaders = true });
        var headers = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim()).ToList();
        CheckHeaders(headers);
        while (csv.Read())
        {
            var cells = new Dictionary<string, string?>(headers.Count);
            for (var i = 0; i < headers.Count; i++) cells[headers[i]] = i < csv.RowFieldCount ? csv.GetString(i) : null;
            yield return cells;
        }
    }

    private static bool LooksLikeUtf8(string path)
    {
        var buffer = new byte[64 * 1024];
        using var file = File.OpenRead(path);
        var read = file.Read(buffer);
        // A multi-byte character cut at the buffer's end is not an error of the file.
        try { new UTF8Encoding(false, true).GetCharCount(buffer, 0, Math.Max(0, read - 4)); return true; }
        catch (DecoderFallbackException) { return false; }
    }

    /// <summary>
    /// Streams the sheet row by row (a registry file can hold a district's 100,000+ rows, so unlike
    /// <see cref="Spreadsheet.Read"/> it does not hold the sheet in memory).
    /// </summary>
    private static IEnumerable<Dictionary<string, string?>> ReadXlsx(string path)
    {
        var first = true;
        foreach (IDictionary<string, object?> row in MiniExcel.Query(path, useHeaderRow: true, excelType: ExcelType.XLSX))
        {
            if (first)
            {
                CheckHeaders([.. row.Keys.Select(k => k.Trim())]);
                first = false;
            }
            // Excel stores codes as numbers and dates as dates: the catalog's cell reading turns them back into text.
            yield return row.ToDictionary(c => c.Key.Trim(), c => (string?)Spreadsheet.ToText(c.Value));
        }
    }
}
