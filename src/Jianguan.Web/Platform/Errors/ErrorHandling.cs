using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Documents;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Jianguan.Web.Platform.Errors;

public static class ErrorHandling
{
    public static WebApplicationBuilder AddPlatformErrors(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Instance ??= c.HttpContext.Request.Path;
            c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier;
        });
        builder.Services.AddExceptionHandler<DomainExceptionHandler>();
        return builder;
    }

    /// <summary>
    /// Errors of the JSON API are problem details; a person in a browser gets a Chinese error page instead.
    /// </summary>
    public static WebApplication UsePlatformErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e switch
            {
                CalendarRangeException or BadHttpRequestException => StatusCodes.Status400BadRequest,
                DocumentFontException => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var status = http.Response.StatusCode;
            if (WantsHtml(http.Request))
            {
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync(ErrorPage.Render(status));
                return;
            }
            await Problems.WriteAsync(http, status, ErrorPage.Title(status), ErrorPage.Detail(status));
        });
        return app;
    }

    public static bool WantsHtml(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api")
        && request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Domain errors that carry a message for the user become 400 problems with that message; a missing document
    /// font (a fault of the installation, not of the request) a 503 saying what the administrator must install.
    /// </summary>
    private sealed class DomainExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            if (exception is not CalendarRangeException and not BadHttpRequestException and not DocumentFontException) return false;
            if (WantsHtml(http.Request)) return false;
            var status = exception is DocumentFontException ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status400BadRequest;
            http.Response.StatusCode = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails
                {
                    Status = status,
                    Title = status == StatusCodes.Status400BadRequest ? "请求参数有误" : "服务暂不可用",
                    Detail = exception is BadHttpRequestException ? "请求体不是有效的 JSON，或字段类型不符。" : exception.Message,
                },
            });
        }
    }
}

internal static class ErrorPage
{
    public static string Title(int status) => status switch
    {
        400 => "请求参数有误",
        401 => "未认证",
        403 => "无权操作",
        404 => "页面或记录不存在",
        405 => "不支持的请求方法",
        429 => "请求过于频繁",
        503 => "服务暂不可用",
        _ => status >= 500 ? "服务器内部错误" : "请求失败",
    };

    public static string Detail(int status) => status switch
    {
        404 => "请求的地址不存在，或该记录不属于您的部门。",
        405 => "此地址不支持该请求方法。",
        503 => "服务器暂时无法完成此操作（例如缺少生成文书所需的字体），请联系系统管理员。",
        _ => Title(status) + "。",
    };

    public static string Render(int status) =>
        $$"""
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{status}} {{Title(status)}} - 婺城区事中事后监管平台</title><link rel="stylesheet" href="/css/site.css"></head>
        <body><main class="container"><h1>{{status}} {{Title(status)}}</h1><p>{{Detail(status)}}</p><p><a href="/">返回首页</a></p></main></body></html>
        """;
}
