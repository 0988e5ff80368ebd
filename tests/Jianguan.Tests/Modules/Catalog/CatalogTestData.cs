using System.Net.Http.Headers;
using Jianguan.Tests.Infrastructure;
using Jianguan.Web.Modules.Organization;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Tests.Modules.Catalog;

/// <summary>Items and uploads the catalog tests make; codes unique per call so tests never collide on one database.</summary>
internal static class CatalogTestData
{
    public static string NewCode() => "T" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    public static Task<int> DepartmentId(JianguanApp app, string code) =>
        app.WithDb(db => db.Set<Department>().Where(d => d.Code == code).Select(d => d.Id).SingleAsync());

    public static object Item(string code, int departmentId, string name = "测试监管事项", string? effectiveFrom = null, string category = "检查", string level = "县级") => new
    {
        code, name, category, supervisedObject = "测试对象", measures = "现场检查", legalBasisLaw = "《中华人民共和国测试法》",
        legalBasisArticle = "第一条", legalBasisText = "条款内容", process = "计划—检查—公示", result = "公示结果", level,
        ownershipRule = "审批部门监管", departmentId, effectiveFrom, changeNote = "测试",
    };

    public static object Checklist(string name = "测试检查清单", string spotCheck = "一般", decimal? ratioPercent = 5, string frequency = "1次/年", params string[] contents) => new
    {
        name, spotCheck, ratioPercent, frequency,
        points = (contents.Length == 0 ? ["证照是否有效", "台账是否齐全"] : contents).Select((c, i) => new
        {
            content = c, method = i % 2 == 0 ? "现场" : "书面", basis = "《测试法》第二条", standard = "符合要求", failureHandling = "责令改正", isMajor = i == 0,
        }).ToArray(),
    };

    public static MultipartFormDataContent Upload(byte[] bytes, string fileName = "清单.xlsx")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return new MultipartFormDataContent { { content, "file", fileName } };
    }
}
