namespace Jianguan.Web.Platform.Demo;

/// <summary>
/// Demo mode seeds the demo district and its well-known password. It is on in Development
/// (appsettings.Development.json) and refused in Production, where such accounts would be a hole.
/// </summary>
public static class DemoMode
{
    public const string Key = "Demo:Enabled";

    public static bool IsEnabled(WebApplicationBuilder builder)
    {
        var enabled = builder.Configuration.GetValue<bool>(Key);
        if (enabled && builder.Environment.IsProduction())
            throw new InvalidOperationException("Demo mode (Demo:Enabled) must not be used in Production: its accounts share a published password.");
        return enabled;
    }
}
