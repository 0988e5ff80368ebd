namespace Jianguan.Web.Platform.Documents;

/// <summary>
/// A document the platform issues or records (检查通知书, 现场检查笔录, 处罚决定书 …): a title, a document
/// number, then blocks in reading order. Built with the methods below, each returning the document, and turned
/// into a PDF by <see cref="PdfDocuments.Render"/>. A4 portrait; text wraps and pages break by themselves.
/// </summary>
/// <param name="title">Centred at the top in large type, and the PDF's title.</param>
/// <param name="department">The issuing department: the PDF's author and the name in the seal block.</param>
public sealed class OfficialDocument(string title, string department)
{
    public string Title { get; } = title;
    public string Department { get; } = department;

    /// <summary>The document number (文号), e.g. 婺市监检通〔2026〕12号, centred under the title; none when null.</summary>
    public string? Number { get; init; }

    internal List<DocumentBlock> Blocks { get; } = [];

    /// <summary>A bold section heading (一、检查依据).</summary>
    public OfficialDocument Heading(string text) => Add(new HeadingBlock(text));

    /// <summary>
    /// Running text; each line feed starts a new paragraph. The first line is indented by two characters,
    /// as Chinese documents are, unless <paramref name="indent"/> is false (the addressee line 浙江某某有限公司：).
    /// </summary>
    public OfficialDocument Paragraph(string text, bool indent = true) => Add(new ParagraphBlock(text, indent));

    /// <summary>Label–value lines (被检查单位：…), the labels in a column of their own, long values wrapping under their value.</summary>
    public OfficialDocument Fields(params (string Label, string Value)[] fields) => Add(new FieldsBlock(fields));

    /// <summary>
    /// A ruled table: a bold header row, repeated at the top of every page the table runs onto, and cells that
    /// wrap; a tall row continues on the next page. Column widths are shares of the text width.
    /// </summary>
    public OfficialDocument Table(IReadOnlyList<TableColumn> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        var list = rows.ToList();
        if (columns.Count == 0 || columns.Any(c => !(c.Width > 0)))
            throw new ArgumentException("A table needs at least one column, and every column a width above 0.", nameof(columns));
        if (list.FirstOrDefault(r => r.Count != columns.Count) is { } bad)
            throw new ArgumentException($"Every row needs {columns.Count} cells; one has {bad.Count}.", nameof(rows));
        return Add(new TableBlock(columns, list));
    }

    /// <summary>
    /// A PNG or JPEG picture (an evidence photo, a sketch), centred and scaled to <paramref name="widthMm"/>
    /// (at most the text width), with a caption under it.
    /// </summary>
    public OfficialDocument Image(byte[] content, double widthMm, string? caption = null)
    {
        CheckImage(content);
        return Add(new ImageBlock(content, widthMm, caption));
    }

    /// <summary>One signature line: 当事人签名：张三　日期：2026年11月27日 (see <see cref="Signature"/>).</summary>
    public OfficialDocument Signature(Signature signature)
    {
        if (signature.Image is { } image) CheckImage(image);
        return Add(new SignatureBlock(signature));
    }

    /// <summary>
    /// The issuer block at the bottom right: the department and the date in Chinese form (2026年11月27日),
    /// with room above it for the seal, which covers both (GB/T 9704-2012 7.3.5).
    /// </summary>
    public OfficialDocument Seal(DateOnly date) => Add(new SealBlock(date));

    /// <summary>A date as documents write it: 2026年1月5日, no leading zeros (GB/T 9704-2012 7.3.5.1).</summary>
    public static string ChineseDate(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    private OfficialDocument Add(DocumentBlock block)
    {
        Blocks.Add(block);
        return this;
    }

    // By the first bytes, so that a wrong file fails here, where the caller can name it, and not at rendering.
    private static void CheckImage(byte[] content)
    {
        var png = content.AsSpan().StartsWith(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' });
        var jpeg = content.AsSpan().StartsWith(new byte[] { 0xFF, 0xD8, 0xFF });
        if (!png && !jpeg) throw new ArgumentException("A document image must be a PNG or JPEG file.", nameof(content));
    }
}

/// <param name="Header">The header cell's text.</param>
/// <param name="Width">The column's share of the text width: columns of 1, 3 and 2 take a sixth, a half and a third.</param>
public sealed record TableColumn(string Header, double Width = 1);

/// <summary>
/// A signature line for a role (当事人, 执法人员, 见证人): signed by name, signed by hand (an image of the
/// signature), refused (the line then says 当事人拒绝签字), or left blank to sign on paper.
/// The date is left blank (____年__月__日) when null.
/// </summary>
public sealed record Signature(string Role, string? Name = null, byte[]? Image = null, DateOnly? Date = null, bool Refused = false)
{
    public static Signature Signed(string role, string name, DateOnly date) => new(role, name, Date: date);
    public static Signature Handwritten(string role, byte[] image, DateOnly date) => new(role, Image: image, Date: date);
    public static Signature Refusal(string role, DateOnly? date = null) => new(role, Date: date, Refused: true);
}

internal abstract record DocumentBlock;
internal sealed record HeadingBlock(string Text) : DocumentBlock;
internal sealed record ParagraphBlock(string Text, bool Indent) : DocumentBlock;
internal sealed record FieldsBlock(IReadOnlyList<(string Label, string Value)> Fields) : DocumentBlock;
internal sealed record TableBlock(IReadOnlyList<TableColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows) : DocumentBlock;
internal sealed record ImageBlock(byte[] Content, double WidthMm, string? Caption) : DocumentBlock;
internal sealed record SignatureBlock(Signature Signature) : DocumentBlock;
internal sealed record SealBlock(DateOnly Date) : DocumentBlock;
