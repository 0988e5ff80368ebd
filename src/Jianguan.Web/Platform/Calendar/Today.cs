namespace Jianguan.Web.Platform.Calendar;

public static class TimeProviderExtensions
{
    /// <summary>Today's date where the platform runs (its local time zone, China Standard Time in production).</summary>
    public static DateOnly Today(this TimeProvider time) => DateOnly.FromDateTime(time.GetLocalNow().DateTime);
}
