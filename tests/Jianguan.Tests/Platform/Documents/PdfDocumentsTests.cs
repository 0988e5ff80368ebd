using System.Text.RegularExpressions;
using Jianguan.Web.Platform.Documents;
using Jianguan.Web.Platform.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Jianguan.Tests.Platform.Documents;

/// <summary>Documents rendered with the platform's fonts and read back with poppler-utils. No database.</summary>
public sealed class PdfDocumentsTests
{
    private const string Department = "金华市婺城区市场监督管理局";
    private static readonly DateOnly Date = new(2026, 11, 27);
    private static readonly PdfDocuments Documents = new(new DocumentOptions(), new FixedTime(), NullLogger<PdfDocuments>.Instance);

    private static readonly string LongParagraph = string.Concat(Enumerable.Repeat(
        "经查，当事人于2026年3月起在其经营场所销售超过保质期的食品，涉及货值金额1,280元，违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定。", 6));

    private static OfficialDocument Notice() =>
        new OfficialDocument("检查通知书", Department) { Number = "婺市监检通〔2026〕12号" }
            .Paragraph("浙江婺城示范食品有限公司：", indent: false)
            .Paragraph("根据“双随机、一公开”抽查计划（2026年第3批），本局定于2026年12月1日对你单位开展现场检查。请法定代表人或者负责人到场配合。")
            .Heading("一、被检查单位")
            .Fields(("被检查单位", "浙江婺城示范食品有限公司"), ("统一社会信用代码", "91330702MA2E6WYQ2T"), ("法定代表人", "张三丰"))
            .Table([new("序号", 1), new("检查事项", 4), new("检查方式", 2)],
                [["1", "食品经营许可情况", "现场检查"], ["2", "从业人员健康管理", "查阅资料"]])
            .Signature(Signature.Refusal("当事人", Date))
            .Signature(Signature.Signed("执法人员", "李明", Date))
            .Seal(Date);

    [Fact]
    public void A_notice_is_a_one_page_PDF_whose_Chinese_text_reads_back()
    {
        var pdf = Documents.Render(Notice());

        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        Assert.Equal(1, Poppler.PageCount(pdf));
        var text = Poppler.Text(pdf);
        var squeezed = Poppler.Squeezed(text);
        Assert.Contains("检查通知书", squeezed);
        Assert.Contains("婺市监检通〔2026〕12号", squeezed); // the digits come from the Latin font
        Assert.Contains("“双随机、一公开”抽查计划（2026年第3批）", squeezed);
        Assert.Contains("统一社会信用代码：91330702MA2E6WYQ2T", squeezed);
        Assert.Contains("序号检查事项检查方式", squeezed);
        Assert.Contains("2从业人员健康管理查阅资料", squeezed);
        Assert.Contains("当事人签名：当事人拒绝签字", squeezed);
        Assert.Contains("执法人员签名：李明", squeezed);
        Assert.Contains(Department + "2026年11月27日", squeezed);
        Assert.Contains("第 1 页 共 1 页", Poppler.Spaced(text));
    }

    [Fact]
    public void The_title_is_centred_and_the_seal_block_stands_at_the_right()
    {
        var lines = Poppler.Text(Documents.Render(Notice())).Split('\n');
        var title = lines.First(l => l.Contains("检查通知书"));
        var indent = title.Length - title.TrimStart().Length;
        Assert.True(indent > 20, $"title not centred: '{title}'");
        var date = lines.Last(l => l.Contains("2026年11月27日"));
        Assert.True(date.Length - date.TrimStart().Length > indent + 8, $"date not at the right: '{date}'");
    }

    [Fact]
    public void A_long_paragraph_wraps_into_lines_that_read_in_order()
    {
        var pdf = Documents.Render(new OfficialDocument("现场检查笔录", Department).Paragraph(LongParagraph));

        var text = Poppler.Text(pdf);
        Assert.Contains(Poppler.Squeezed(LongParagraph), Poppler.Squeezed(text));
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        Assert.True(lines.Count >= 10, $"expected the paragraph over many lines, got {lines.Count}");
        Assert.All(lines, l => Assert.DoesNotContain(l[0], "，。、；：）」》"));
        Assert.Contains(lines, l => l.Contains("1,280元")); // a number is never split over two lines
    }

    [Fact]
    public void The_fonts_are_embedded_as_subsets_with_a_Unicode_map()
    {
        var fonts = Poppler.Fonts(Documents.Render(Notice())).Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();

        Assert.Contains(fonts, f => f.Contains("+Droid Sans Fallback"));
        Assert.Contains(fonts, f => f.Contains("+Liberation Sans"));
        // Columns: name, type, encoding, emb, sub, uni.
        Assert.All(fonts, f => Assert.Matches(@"CID TrueType\s+Identity-H\s+yes\s+yes\s+yes", f));
    }

    [Fact]
    public void The_metadata_names_the_document_and_department_and_no_person()
    {
        var pdf = Documents.Render(Notice());

        var info = Poppler.Info(pdf);
        Assert.Matches(@"Title:\s+检查通知书", info);
        Assert.Matches(@"Author:\s+" + Department, info);
        Assert.Matches(@"CreationDate:\s+.*Nov 27 .*2026", info);
        var metadata = info + Poppler.Metadata(pdf);
        Assert.DoesNotContain("张三丰", metadata);
        Assert.DoesNotContain("91330702MA2E6WYQ2T", metadata);
        Assert.DoesNotContain("李明", metadata);
    }

    [Fact]
    public void Every_page_of_a_long_document_says_which_page_of_how_many()
    {
        var document = new OfficialDocument("现场检查笔录", Department);
        for (var i = 0; i < 8; i++) document.Heading($"第{i + 1}部分").Paragraph(LongParagraph);
        var pdf = Documents.Render(document);

        var pages = Poppler.PageCount(pdf);
        Assert.True(pages >= 3, $"expected at least 3 pages, got {pages}");
        for (var page = 1; page <= pages; page++)
            Assert.Contains($"第 {page} 页 共 {pages} 页", Poppler.Spaced(Poppler.Text(pdf, page)));
        Assert.Contains(Poppler.Squeezed(string.Concat(Enumerable.Repeat(LongParagraph, 1))), Poppler.Squeezed(Poppler.Text(pdf)));
    }

    [Fact]
    public void A_200_row_table_runs_over_pages_with_its_header_on_each()
    {
        var rows = Enumerable.Range(1, 200).Select(i => (IReadOnlyList<string>)[$"{i}", $"示范企业{i}号", $"9133070200000{i:D5}", i % 7 == 0 ? "发现问题已责令改正" : "未发现问题"]);
        var pdf = Documents.Render(new OfficialDocument("抽查结果清单", Department)
            .Table([new("序号", 1), new("检查对象", 3), new("统一社会信用代码", 3), new("检查结果", 3)], rows));

        var pages = Poppler.PageCount(pdf);
        Assert.True(pages >= 4, $"expected at least 4 pages, got {pages}");
        for (var page = 1; page <= pages; page++)
        {
            var text = Poppler.Squeezed(Poppler.Text(pdf, page));
            Assert.Contains("序号检查对象统一社会信用代码检查结果", text);
        }
        var all = Poppler.Squeezed(Poppler.Text(pdf));
        var at = 0;
        for (var i = 1; i <= 200; i++)
        {
            var next = all.IndexOf($"示范企业{i}号9133070200000{i:D5}", at, StringComparison.Ordinal);
            Assert.True(next > at, $"row {i} missing or out of order");
            at = next;
        }
    }

    [Fact]
    public void A_row_taller_than_a_page_continues_under_the_repeated_header()
    {
        var pdf = Documents.Render(new OfficialDocument("现场检查笔录", Department)
            .Table([new("问", 1), new("答", 4)], [["经营情况", LongParagraph + LongParagraph + LongParagraph]]));

        var pages = Poppler.PageCount(pdf);
        Assert.True(pages >= 2, $"expected the row to run over 2 pages, got {pages}");
        Assert.All(Enumerable.Range(1, pages), page => Assert.Contains("问答", Poppler.Squeezed(Poppler.Text(pdf, page))));
        // Column by column the text stays whole: drop the header and page footers, then read the answer on.
        var answer = Regex.Replace(Poppler.Squeezed(Poppler.Text(pdf)), @"问答|第\d+页共\d+页|经营情况|现场检查笔录", "");
        Assert.Equal(Poppler.Squeezed(LongParagraph + LongParagraph + LongParagraph), answer);
    }

    [Fact]
    public void Photos_and_handwritten_signatures_are_embedded_images()
    {
        var photo = Fixture("photo.jpg");
        var signature = Fixture("signature.png");
        var pdf = Documents.Render(new OfficialDocument("现场检查笔录", Department)
            .Image(photo, widthMm: 80, caption: "图1 经营场所现场照片")
            .Signature(Signature.Handwritten("当事人", signature, Date))
            .Signature(new Signature("见证人")));

        var images = Poppler.Images(pdf).Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.Equal(2, images.Count);
        Assert.Contains(images, i => i.Contains("jpeg"));
        var text = Poppler.Squeezed(Poppler.Text(pdf));
        Assert.Contains("图1经营场所现场照片", text);
        Assert.Contains("当事人签名：日期：2026年11月27日", text);
        Assert.Contains("见证人签名：日期：年月日", text); // blank, to be signed on paper
    }

    [Fact]
    public void A_file_that_is_not_a_picture_is_refused_when_added()
    {
        Assert.Throws<ArgumentException>(() => new OfficialDocument("现场检查笔录", Department).Image([1, 2, 3, 4], 50));
    }

    [Fact]
    public void A_missing_font_file_is_a_clear_error_in_Chinese_for_the_user_and_in_English_in_the_log()
    {
        var log = new ListLogger();
        var documents = new PdfDocuments(new DocumentOptions { FontPath = "/nonexistent/DroidSansFallbackFull.ttf" }, new FixedTime(), log);

        var error = Assert.Throws<DocumentFontException>(() => documents.Render(Notice()));
        Assert.Equal("无法生成 PDF 文书：服务器上缺少字体文件（配置项 Documents:FontPath）。请联系系统管理员安装字体包 fonts-droid-fallback。", error.Message);
        var line = Assert.Single(log.Lines);
        Assert.Contains("the font file /nonexistent/DroidSansFallbackFull.ttf (Documents:FontPath) does not exist", line);
    }

    [Fact]
    public void A_font_file_that_is_not_plain_TrueType_is_refused()
    {
        var notFont = Path.Combine(AppContext.BaseDirectory, "Platform", "Documents", "Fixtures", "signature.png");
        var documents = new PdfDocuments(new DocumentOptions { LatinFontPath = notFont }, new FixedTime(), NullLogger<PdfDocuments>.Instance);

        var error = Assert.Throws<DocumentFontException>(() => documents.Render(Notice()));
        Assert.Contains("Documents:LatinFontPath", error.Message);
        Assert.Contains("is not a plain TrueType font", error.LogMessage);
    }

    [Fact]
    public async Task The_font_path_comes_from_configuration_and_a_missing_font_is_a_503_problem_in_Chinese()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Documents:FontPath"] = "/nonexistent/font.ttf";
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddPlatformErrors();
        builder.AddDocuments();
        await using var app = builder.Build();
        app.UsePlatformErrors();
        app.MapGet("/api/v1/notice.pdf", (PdfDocuments documents) => Results.File(documents.Render(Notice()), "application/pdf"));
        await app.StartAsync();

        var response = await app.GetTestClient().GetAsync("/api/v1/notice.pdf");

        Assert.Equal(503, (int)response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("服务暂不可用", body);
        Assert.Contains("请联系系统管理员安装字体包 fonts-droid-fallback", body);
    }

    [Fact]
    public async Task Application_instances_with_their_own_font_files_render_at_the_same_time()
    {
        // The test host starts many applications in one process, and PDFsharp's font resolver is global to it.
        var copy = Path.Combine(Path.GetTempPath(), $"jianguan-font-{Guid.NewGuid():N}.ttf");
        File.Copy(new DocumentOptions().FontPath, copy);
        try
        {
            var other = new PdfDocuments(new DocumentOptions { FontPath = copy }, new FixedTime(), NullLogger<PdfDocuments>.Instance);
            var renders = Enumerable.Range(0, 6).Select(i => Task.Run(() => (i % 2 == 0 ? Documents : other).Render(Notice())));

            foreach (var pdf in await Task.WhenAll(renders))
                Assert.Contains("婺市监检通〔2026〕12号", Poppler.Squeezed(Poppler.Text(pdf)));
        }
        finally
        {
            File.Delete(copy);
        }
    }

    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Platform", "Documents", "Fixtures", name));

    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 11, 27, 2, 30, 0, TimeSpan.Zero);
    }

    private sealed class ListLogger : ILogger<PdfDocuments>
    {
        public List<string> Lines { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
