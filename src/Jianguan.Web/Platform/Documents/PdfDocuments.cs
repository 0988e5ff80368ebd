using PdfSharp.Pdf;

namespace Jianguan.Web.Platform.Documents;

/// <summary>Where the documents' fonts are (see docs/architecture.md, "Documents (PDF)").</summary>
public sealed class DocumentOptions
{
    public const string SectionName = "Documents";

    /// <summary>The Chinese font: a plain TrueType file (Debian's fonts-droid-fallback).</summary>
    public string FontPath { get; set; } = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf";

    /// <summary>The font for what the Chinese font lacks: digits, Latin letters, “” and — (Debian's fonts-liberation).</summary>
    public string LatinFontPath { get; set; } = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf";
}

/// <summary>Turns an <see cref="OfficialDocument"/> into PDF bytes. Thread-safe; one per application.</summary>
public sealed class PdfDocuments(DocumentOptions options, TimeProvider time, ILogger<PdfDocuments> log)
{
    /// <summary>
    /// The document as a PDF file. Throws <see cref="DocumentFontException"/> (its message in Chinese, for the
    /// user; the English one goes to the log) when a font file is missing or unusable.
    /// </summary>
    public byte[] Render(OfficialDocument document)
    {
        DocumentFonts fonts;
        try
        {
            fonts = new DocumentFonts(options.FontPath, options.LatinFontPath);
        }
        catch (DocumentFontException e)
        {
            log.LogError("{Problem}", e.LogMessage);
            throw;
        }

        using var pdf = new PdfDocument();
        // Only what identifies the document and its issuer: party names and ID numbers stay in the page content,
        // where they are masked or not as the document requires, and out of metadata that search tools index.
        pdf.Info.Title = document.Title;
        pdf.Info.Author = document.Department;
        pdf.Info.Creator = "Jianguan";
        pdf.Info.CreationDate = time.GetUtcNow().UtcDateTime;
        pdf.ViewerPreferences.DisplayDocTitle = true;
        pdf.Options.CompressContentStreams = true;
        using var layout = new PdfLayout(pdf, fonts);
        layout.Write(document);
        using var stream = new MemoryStream();
        pdf.Save(stream, closeStream: false);
        return stream.ToArray();
    }
}

public static class DocumentsModule
{
    public static WebApplicationBuilder AddDocuments(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection(DocumentOptions.SectionName).Get<DocumentOptions>() ?? new DocumentOptions());
        builder.Services.AddSingleton<PdfDocuments>();
        return builder;
    }
}
