using System.Text;
using System.Threading.Channels;
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

/// <summary>How far an import is: rows read so far, and bytes of the file read out of its length.</summary>
public sealed record ImportProgress(int RowsRead, long BytesRead, long BytesTotal);

/// <summary>
/// Bulk import of entities from CSV (UTF-8 or GB18030, as Excel in China saves it) or .xlsx, upserting by
/// credit code so that the same file imported twice changes nothing the second time. One pass over the
/// file: one task reads and validates the rows while this one writes the accepted ones in batches, all in
/// one transaction, so that a bad row under "reject all" or a failure half-way leaves the registry as it
/// was. New entities go in by <see cref="BulkInsert"/>; existing ones are updated through the context.
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

    public async Task<ImportReport> ImportAsync(string path, ImportMode mode, CancellationToken ct, IProgress<ImportProgress>? progress = null)
    {
        var codes = await reference.GetAsync(ct);
        var reading = new Reading(mode);
        var batches = Channel.CreateBounded<List<SupervisedEntity>>(4);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // Reading and validating run on a task of their own, on the other core, while this one writes.
        var reader = Task.Run(() => reading.Run(path, codes, batches.Writer, progress, stop.Token), stop.Token);

        var created = 0;
        var updated = 0;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                await foreach (var batch in batches.Reader.ReadAllAsync(ct))
                {
                    var (c, u) = await UpsertAsync(batch, ct);
                    created += c;
                    updated += u;
                }
                await reader; // its exception (a file that cannot be read) rolls the writing back
            }
            catch
            {
                await stop.CancelAsync();
                // A file that cannot be read fails the reader first; the writer sees only the closed channel.
                try { await reader; }
                catch (OperationCanceledException) { }
                catch (Exception readerError) { System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(readerError); }
                throw;
            }
            if (reading.Rows == 0) throw new ImportFileException("文件中没有数据行。");
            if (reading.Rejected.Count > 0 && (mode == ImportMode.RejectAll || reading.Rejected.Count == reading.Rows))
                return new ImportReport(reading.Rows, 0, 0, reading.Rejected.Count, false, reading.IssueCount, reading.Issues);
            await transaction.CommitAsync(ct);
        }
        return new ImportReport(reading.Rows, created, updated, reading.Rejected.Count, true, reading.IssueCount, reading.Issues);
    }

    /// <summary>The reading side of an import: validates every row, keeps the report, hands on the accepted rows.</summary>
    private sealed class Reading(ImportMode mode)
    {
        public int Rows { get; private set; }
        public int IssueCount { get; private set; }
        public List<ImportIssue> Issues { get; } = [];
        public HashSet<int> Rejected { get; } = [];

        public async Task Run(string path, RegistryCodes codes, ChannelWriter<List<SupervisedEntity>> batches, IProgress<ImportProgress>? progress, CancellationToken ct)
        {
            try
            {
                await using var file = File.OpenRead(path);
                var firstRowOfCode = new Dictionary<string, int>();
                var batch = new List<SupervisedEntity>(BatchSize);
                foreach (var (row, input) in ReadRows(file))
                {
                    Rows++;
                    var (validated, errors) = EntityEditor.Validate(input, codes);
                    if (validated is not null && !firstRowOfCode.TryAdd(validated.Values.CreditCode, row))
                        errors["creditCode"] = [$"统一社会信用代码 {validated.Values.CreditCode} 与第 {firstRowOfCode[validated.Values.CreditCode]} 行重复。"];
                    if (errors.Count > 0) Reject(row, errors);
                    // Under "reject all" one bad row means nothing is stored: the rest is only read for the report.
                    else if (mode == ImportMode.ValidOnly || Rejected.Count == 0) batch.Add(validated!.Values);
                    if (Rows % BatchSize != 0) continue;
                    progress?.Report(new ImportProgress(Rows, file.Position, file.Length));
                    if (batch.Count == 0) continue;
                    await batches.WriteAsync(batch, ct);
                    batch = new List<SupervisedEntity>(BatchSize);
                }
                if (batch.Count > 0 && (mode == ImportMode.ValidOnly || Rejected.Count == 0)) await batches.WriteAsync(batch, ct);
                progress?.Report(new ImportProgress(Rows, file.Length, file.Length));
                batches.Complete();
            }
            catch (Exception e)
            {
                batches.Complete(e);
                throw;
            }
        }

        private void Reject(int row, Dictionary<string, string[]> errors)
        {
            Rejected.Add(row);
            foreach (var (field, messages) in errors)
                foreach (var message in messages)
                    if (++IssueCount <= MaxIssuesListed)
                        Issues.Add(new ImportIssue(row, HeaderOf(field), message));
        }
    }

    private async Task<(int Created, int Updated)> UpsertAsync(List<SupervisedEntity> values, CancellationToken ct)
    {
        var keys = values.Select(v => v.CreditCode).ToList();
        // Only the codes first: in a first import nothing exists, and loading nothing with its details is still three queries.
        var existingCodes = await ExistingCodesAsync(db, keys, ct);
        if (existingCodes.Count > 0)
        {
            var existing = await db.Set<SupervisedEntity>().Include(e => e.Tags).Include(e => e.Licences).AsSplitQuery()
                .Where(e => existingCodes.Contains(e.CreditCode)).ToDictionaryAsync(e => e.CreditCode, ct);
            foreach (var value in values)
                if (existing.TryGetValue(value.CreditCode, out var entity)) EntityEditor.Apply(entity, value);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear(); // keep memory flat however long the file
        }
        var known = existingCodes.ToHashSet();
        await InsertNewAsync(db, [.. values.Where(v => !known.Contains(v.CreditCode))], ct);
        return (values.Count - existingCodes.Count, existingCodes.Count);
    }

    /// <summary>
    /// Which of the codes the registry holds. On PostgreSQL one index probe a code, which LIMIT keeps the planner from
    /// turning into a join: its statistics do not know the rows this very import has written, so it planned "= ANY"
    /// of a thousand codes, or a join with them, as a scan of the whole table for every batch (30–110 ms a batch at
    /// 200,000 rows, growing with each; the probes take 2 ms).
    /// </summary>
    private static Task<List<string>> ExistingCodesAsync(AppDbContext db, List<string> codes, CancellationToken ct) =>
        db.Database.IsNpgsql()
            ? db.Database.SqlQuery<string>($"""
                SELECT e."CreditCode" AS "Value" FROM unnest({codes.ToArray()}) AS k(code)
                CROSS JOIN LATERAL (SELECT "CreditCode" FROM supervised_entities WHERE "CreditCode" = k.code LIMIT 1) AS e
                """).ToListAsync(ct)
            : db.Set<SupervisedEntity>().Where(e => codes.Contains(e.CreditCode)).Select(e => e.CreditCode).ToListAsync(ct);

    /// <summary>Writes new entities with their tags and licences, audited, inside the caller's transaction.</summary>
    internal static async Task InsertNewAsync(AppDbContext db, IReadOnlyList<SupervisedEntity> entities, CancellationToken ct)
    {
        await BulkInsert.InsertAsync(db, entities, ct);
        foreach (var e in entities)
        {
            foreach (var t in e.Tags) t.EntityId = e.Id;
            foreach (var l in e.Licences) l.EntityId = e.Id;
        }
        await BulkInsert.InsertAsync(db, [.. entities.SelectMany(e => e.Tags)], ct);
        await BulkInsert.InsertAsync(db, [.. entities.SelectMany(e => e.Licences)], ct);
    }

    private static string HeaderOf(string field) =>
        Columns.FirstOrDefault(c => field.StartsWith(c.Field, StringComparison.Ordinal)).Header ?? field;

    /// <summary>The data rows of the file as entity input, numbered as in the spreadsheet.</summary>
    public static IEnumerable<(int Row, EntityInput Input)> ReadRows(string path)
    {
        using var file = File.OpenRead(path);
        foreach (var row in ReadRows(file)) yield return row;
    }

    /// <summary>As <see cref="ReadRows(string)"/>; the stream's position tells how far the reading is.</summary>
    public static IEnumerable<(int Row, EntityInput Input)> ReadRows(Stream file)
    {
        var row = 1;
        foreach (var cells in IsXlsx(file) ? ReadXlsx(file) : ReadCsv(file))
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
    private static bool IsXlsx(Stream file)
    {
        Span<byte> head = stackalloc byte[4096];
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        file.Position = 0;
        if (read >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) return true;
        if (head[..read].Contains((byte)0)) throw new ImportFileException("文件既不是 .xlsx 也不是 CSV 文本文件。");
        return false;
    }

    private static IEnumerable<Dictionary<string, string?>> ReadCsv(Stream file)
    {
        using var reader = new StreamReader(file, LooksLikeUtf8(file) ? new UTF8Encoding(false) : Encoding.GetEncoding("GB18030"), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
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

    private static bool LooksLikeUtf8(Stream file)
    {
        var buffer = new byte[64 * 1024];
        var read = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        file.Position = 0;
        // A multi-byte character cut at the buffer's end is not an error of the file.
        try { new UTF8Encoding(false, true).GetCharCount(buffer, 0, Math.Max(0, read - 4)); return true; }
        catch (DecoderFallbackException) { return false; }
    }

    /// <summary>
    /// Streams the sheet row by row (a registry file can hold a district's 100,000+ rows, so unlike
    /// <see cref="Spreadsheet.Read"/> it does not hold the sheet in memory).
    /// </summary>
    private static IEnumerable<Dictionary<string, string?>> ReadXlsx(Stream file)
    {
        var first = true;
        foreach (IDictionary<string, object?> row in MiniExcel.Query(file, useHeaderRow: true, excelType: ExcelType.XLSX))
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
