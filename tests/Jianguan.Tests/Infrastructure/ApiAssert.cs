using System.Net;
using System.Text.Json;

namespace Jianguan.Tests.Infrastructure;

public static class ApiAssert
{
    /// <summary>Asserts an RFC 9457 problem with this status and returns its body.</summary>
    public static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("title").GetString()));
        return json;
    }

    /// <summary>Asserts a 400 validation problem naming <paramref name="field"/>; returns its first message.</summary>
    public static async Task<string> InvalidField(HttpResponseMessage response, string field)
    {
        var json = await Problem(response, HttpStatusCode.BadRequest);
        Assert.True(json.TryGetProperty("errors", out var errors), $"no errors in {json}");
        Assert.True(errors.TryGetProperty(field, out var messages), $"field '{field}' not named in {errors}");
        var message = messages[0].GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message;
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }
}
