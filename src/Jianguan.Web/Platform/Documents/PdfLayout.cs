using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Jianguan.Web.Platform.Documents;

/// <summary>A size of type and the height of its lines, in points.</summary>
internal sealed record TextStyle(double Size, double Leading, bool Bold = false);

/// <summary>
/// Lays out an <see cref="OfficialDocument"/> on A4 pages from the top down, starting a new page when a
/// line does not fit, and writes the page numbers last, when the count is known.
/// </summary>
internal sealed class PdfLayout(PdfDocument pdf, DocumentFonts fonts) : IDisposable
{
    private const double Mm = 72 / 25.4;
    // Left and right as GB/T 9704-2012 (28 mm on the binding side); top and bottom tighter than its
    // 37/35 mm, since records and tables run to many pages. The footer sits in the bottom margin.
    private const double Left = 28 * Mm, Right = (210 - 26) * Mm, Top = 25 * Mm, Bottom = (297 - 25) * Mm;
    private const double Width = Right - Left, FooterBaseline = (297 - 13) * Mm;
    private const double CellPadding = 4;

    private static readonly TextStyle Title = new(22, 34, Bold: true);
    private static readonly TextStyle Body = new(12, 21);
    private static readonly TextStyle Bold = new(12, 21, Bold: true);
    private static readonly TextStyle Cell = new(10.5, 15.5);
    private static readonly TextStyle HeaderCell = new(10.5, 15.5, Bold: true);
    private static readonly TextStyle Small = new(9, 14);

    private readonly List<XImage> _images = [];
    private XGraphics _gfx = null!;
    private double _y;

    public void Write(OfficialDocument document)
    {
        NewPage();
        Lines(Wrap(document.Title, Width, Title), Title, center: true);
        if (document.Number is { } number) Lines(Wrap(number, Width, Body), Body, center: true);
        _y += Body.Leading / 2;
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case HeadingBlock h:
                    _y += Body.Leading / 3;
                    Room(2 * Bold.Leading); // a heading keeps a line of what it heads
                    Lines(Wrap(h.Text, Width, Bold), Bold);
                    break;
                case ParagraphBlock p: Paragraph(p); break;
                case FieldsBlock f: Fields(f); break;
                case TableBlock t: Table(t); break;
                case ImageBlock i: Image(i); break;
                case SignatureBlock s: Signature(s.Signature); break;
                case SealBlock s: Seal(document.Department, s.Date); break;
            }
        }
        _gfx.Dispose();
        PageNumbers();
    }

    public void Dispose()
    {
        // After the document is saved (PdfDocuments.Render), so no image is gone before PDFsharp writes it.
        foreach (var image in _images) image.Dispose();
    }

    private void Paragraph(ParagraphBlock p)
    {
        var indent = p.Indent ? 2 * Body.Size : 0; // two characters, as Chinese paragraphs begin
        foreach (var text in p.Text.ReplaceLineEndings("\n").Split('\n'))
        {
            var lines = LineBreaker.Wrap(text, Width, s => Measure(s, Body), indent);
            for (var i = 0; i < lines.Count; i++)
            {
                Room(Body.Leading);
                Draw(lines[i], Left + (i == 0 ? indent : 0), _y, Body);
                _y += Body.Leading;
            }
        }
    }

    private void Fields(FieldsBlock block)
    {
        if (block.Fields.Count == 0) return;
        var labelWidth = Math.Min(block.Fields.Max(f => Measure(f.Label + "：", Body)), Width * 0.4);
        foreach (var (label, value) in block.Fields)
        {
            var labels = Wrap(label + "：", labelWidth, Body);
            var values = Wrap(value, Width - labelWidth, Body);
            for (var i = 0; i < Math.Max(labels.Count, values.Count); i++)
            {
                Room(Body.Leading);
                if (i < labels.Count) Draw(labels[i], Left, _y, Body);
                if (i < values.Count) Draw(values[i], Left + labelWidth, _y, Body);
                _y += Body.Leading;
            }
        }
    }

    private void Table(TableBlock table)
    {
        var total = table.Columns.Sum(c => c.Width);
        var widths = table.Columns.Select(c => Width * c.Width / total).ToArray();
        List<string>[] Cells(IEnumerable<string> texts, TextStyle style) =>
            texts.Select((text, i) => Wrap(text, widths[i] - 2 * CellPadding, style)).ToArray();
        var header = Cells(table.Columns.Select(c => c.Header), HeaderCell);
        var headerLines = header.Max(c => c.Count);
        void Header() => Row(widths, header, 0, headerLines, HeaderCell, shaded: true);

        _y += Body.Leading / 3;
        Room(headerLines * HeaderCell.Leading + Cell.Leading + 4 * CellPadding); // never a header alone at a page's foot
        Header();
        foreach (var row in table.Rows)
        {
            var cells = Cells(row, Cell);
            var lines = cells.Max(c => c.Count);
            var (start, fresh) = (0, false);
            while (start < lines)
            {
                var fits = (int)Math.Floor((Bottom - _y - 2 * CellPadding + 1e-6) / Cell.Leading);
                var left = lines - start;
                // A short row moves to the next page whole; a tall one fills this page and continues on the next,
                // under the repeated header. On a fresh page the row takes what fits, whatever its height.
                var count = fits >= left ? left : (left >= 4 && fits >= 2) || fresh ? Math.Max(fits, 1) : 0;
                if (count > 0) Row(widths, cells, start, count, Cell, shaded: false);
                start += count;
                if (start < lines)
                {
                    NewPage();
                    Header();
                    fresh = true;
                }
            }
        }
        _y += Body.Leading / 3;
    }

    /// <summary>Lines [start, start + count) of each cell, in one band of ruled cells.</summary>
    private void Row(double[] widths, List<string>[] cells, int start, int count, TextStyle style, bool shaded)
    {
        var height = count * style.Leading + 2 * CellPadding;
        var x = Left;
        for (var c = 0; c < widths.Length; c++)
        {
            if (shaded) _gfx.DrawRectangle(XBrushes.Gainsboro, x, _y, widths[c], height);
            _gfx.DrawRectangle(new XPen(XColors.Black, 0.5), x, _y, widths[c], height);
            for (var i = start; i < Math.Min(start + count, cells[c].Count); i++)
            {
                var line = cells[c][i];
                var indent = shaded ? (widths[c] - 2 * CellPadding - Measure(line, style)) / 2 : 0; // headers centred
                Draw(line, x + CellPadding + indent, _y + CellPadding + (i - start) * style.Leading, style);
            }
            x += widths[c];
        }
        _y += height;
    }

    private void Image(ImageBlock block)
    {
        var image = Load(block.Content);
        var width = Math.Min(block.WidthMm * Mm, Width);
        var height = width * image.PixelHeight / image.PixelWidth;
        var captions = block.Caption is { } caption ? Wrap(caption, Width, Small) : [];
        var maxHeight = Bottom - Top - (captions.Count + 1) * Small.Leading; // a tall picture shrinks to one page
        if (height > maxHeight) (width, height) = (width * maxHeight / height, maxHeight);
        _y += Small.Leading / 2;
        Room(height + captions.Count * Small.Leading);
        _gfx.DrawImage(image, Left + (Width - width) / 2, _y, width, height);
        _y += height;
        Lines(captions, Small, center: true);
        _y += Small.Leading / 2;
    }

    private void Signature(Signature signature)
    {
        const double ImageHeight = 14 * Mm, ImageMaxWidth = 50 * Mm, BlankWidth = 40 * Mm;
        _y += Body.Leading / 2;
        var label = signature.Role + "签名：";
        var image = signature.Image is { } bytes && !signature.Refused ? Load(bytes) : null;
        var height = image is null ? Body.Leading : ImageHeight;
        Room(height);
        var textTop = _y + height - Body.Leading; // the words stand on the line the handwriting stands on
        Draw(label, Left, textTop, Body);
        var x = Left + Measure(label, Body);
        if (signature.Refused) Draw(signature.Role + "拒绝签字", x, textTop, Body);
        else if (image is not null)
        {
            var width = Math.Min(ImageHeight * image.PixelWidth / image.PixelHeight, ImageMaxWidth);
            _gfx.DrawImage(image, x, _y, width, width * image.PixelHeight / image.PixelWidth);
        }
        else if (signature.Name is { } name) Draw(name, x, textTop, Body);
        else _gfx.DrawLine(new XPen(XColors.Black, 0.5), x, textTop + Body.Leading - 3, x + BlankWidth, textTop + Body.Leading - 3);
        var date = signature.Date is { } d ? OfficialDocument.ChineseDate(d) : "      年    月    日";
        Draw("日期：" + date, Left + Width * 0.6, textTop, Body);
        _y += height;
    }

    private void Seal(string department, DateOnly date)
    {
        // GB/T 9704-2012 7.3.5.1: the date four characters in from the right, the issuer centred over it,
        // and room above both for the seal that covers them.
        _y += 2 * Body.Leading;
        Room(2 * Body.Leading);
        var dateText = OfficialDocument.ChineseDate(date);
        var dateWidth = Measure(dateText, Body);
        var dateX = Right - 4 * Body.Size - dateWidth;
        var departmentWidth = Measure(department, Body);
        Draw(department, Math.Max(Left, Math.Min(dateX + (dateWidth - departmentWidth) / 2, Right - departmentWidth)), _y, Body);
        _y += Body.Leading;
        Draw(dateText, dateX, _y, Body);
        _y += Body.Leading;
    }

    private void PageNumbers()
    {
        for (var i = 0; i < pdf.PageCount; i++)
        {
            using var gfx = XGraphics.FromPdfPage(pdf.Pages[i], XGraphicsPdfPageOptions.Append);
            _gfx = gfx;
            // 第 1 页 共 3 页 with gaps of 0.6 em, not spaces: text extraction (poppler) joins Chinese words
            // around a space ("第1页共3页") and keeps them apart only across a gap of about half an em.
            string[] words = ["第", $"{i + 1}", "页", "共", $"{pdf.PageCount}", "页"];
            var gap = 0.6 * Small.Size;
            var x = Left + (Width - words.Sum(w => Measure(w, Small)) - gap * (words.Length - 1)) / 2;
            foreach (var word in words)
            {
                Draw(word, x, FooterBaseline - Small.Leading / 2 - 0.38 * Small.Size, Small);
                x += Measure(word, Small) + gap;
            }
        }
    }

    private void NewPage()
    {
        _gfx?.Dispose();
        var page = pdf.AddPage();
        page.Size = PageSize.A4;
        page.Orientation = PageOrientation.Portrait;
        _gfx = XGraphics.FromPdfPage(page);
        _y = Top;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> fits below the cursor (or the page is empty).</summary>
    private void Room(double height)
    {
        if (_y + height > Bottom + 1e-6 && _y > Top + 1e-6) NewPage();
    }

    private void Lines(List<string> lines, TextStyle style, bool center = false)
    {
        foreach (var line in lines)
        {
            Room(style.Leading);
            Draw(line, center ? Left + (Width - Measure(line, style)) / 2 : Left, _y, style);
            _y += style.Leading;
        }
    }

    /// <summary>Every paragraph of the text, wrapped; line feeds start new lines.</summary>
    private List<string> Wrap(string text, double width, TextStyle style) =>
        text.ReplaceLineEndings("\n").Split('\n').SelectMany(p => LineBreaker.Wrap(p, width, s => Measure(s, style))).ToList();

    private double Measure(string text, TextStyle style) =>
        fonts.Runs(text).Sum(run => _gfx.MeasureString(run.Text, fonts.Font(style.Size, style.Bold, run.Latin)).Width);

    /// <summary>One line of text in the band from <paramref name="top"/> down one leading, centred in it.</summary>
    private void Draw(string text, double x, double top, TextStyle style)
    {
        // A Chinese character's ink is centred about 0.38 em above the baseline.
        var baseline = top + style.Leading / 2 + 0.38 * style.Size;
        foreach (var (run, latin) in fonts.Runs(text))
        {
            var font = fonts.Font(style.Size, style.Bold, latin);
            _gfx.DrawString(run, font, XBrushes.Black, x, baseline);
            x += _gfx.MeasureString(run, font).Width;
        }
    }

    private XImage Load(byte[] bytes)
    {
        var image = XImage.FromStream(new MemoryStream(bytes, writable: false));
        _images.Add(image);
        return image;
    }
}
