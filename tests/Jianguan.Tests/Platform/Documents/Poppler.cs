using System.ComponentModel;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Jianguan.Tests.Platform.Documents;

/// <summary>Reads a PDF back with poppler-utils, as a person's viewer or a search index would (build/test.sh installs it).</summary>
internal static partial class Poppler
{
    /// <summary>The text of the document, or of one page, laid out as on the page.</summary>
    public static string Text(byte[] pdf, int? page = null) =>
        page is { } p ? Run(pdf, "pdftotext", "-layout", "-f", $"{p}", "-l", $"{p}", "{file}", "-") : Run(pdf, "pdftotext", "-layout", "{file}", "-");

    public static string Fonts(byte[] pdf) => Run(pdf, "pdffonts", "{file}");
    public static string Info(byte[] pdf) => Run(pdf, "pdfinfo", "{file}");
    public static string Metadata(byte[] pdf) => Run(pdf, "pdfinfo", "-meta", "{file}");
    public static string Images(byte[] pdf) => Run(pdf, "pdfimages", "-list", "{file}");

    public static int PageCount(byte[] pdf) => int.Parse(PagesLine().Match(Info(pdf)).Groups[1].Value);

    /// <summary>The text without any white space: what the reader reads, whatever the line breaks.</summary>
    public static string Squeezed(string text) => Whitespace().Replace(text, "");

    /// <summary>The text with each run of white space made one space.</summary>
    public static string Spaced(string text) => Whitespace().Replace(text, " ");

    private static string Run(byte[] pdf, string tool, params string[] args)
    {
        var file = Path.Combine(Path.GetTempPath(), $"jianguan-doc-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args) start.ArgumentList.Add(a == "{file}" ? file : a);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {error}");
            return output.Result;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} was not found: install poppler-utils (build/test.sh does).", e);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"Pages:\s+(\d+)")]
    private static partial Regex PagesLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
