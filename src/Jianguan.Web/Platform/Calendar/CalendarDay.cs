using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Platform.Calendar;

public enum CalendarDayKind
{
    /// <summary>A statutory holiday (法定节假日 and the rest days joined to it): not a working day even on a weekday.</summary>
    Holiday = 1,
    /// <summary>An adjusted weekend workday (调休上班): a working day even on a Saturday or Sunday.</summary>
    AdjustedWorkday = 2,
}

/// <summary>A day that differs from the plain Monday–Friday rule.</summary>
public sealed class CalendarDay
{
    public DateOnly Date { get; set; }
    public CalendarDayKind Kind { get; set; }
    /// <summary>Which holiday it is or belongs to: 春节, 国庆节 …</summary>
    public string Name { get; set; } = "";
}

/// <summary>
/// A year the calendar holds. Outside these years the calendar answers with an error, never a guess:
/// the State Council publishes each year's holidays only in the November before.
/// </summary>
public sealed class CalendarYear
{
    public int Year { get; set; }
    /// <summary>The notice the days come from (e.g. 国办发明电〔2024〕12号).</summary>
    public string Source { get; set; } = "";
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> b)
    {
        b.ToTable("calendar_days");
        b.HasKey(d => d.Date);
        b.Property(d => d.Name).HasMaxLength(32);
        b.HasData(HolidayReferenceData.Days);
    }
}

internal sealed class CalendarYearConfiguration : IEntityTypeConfiguration<CalendarYear>
{
    public void Configure(EntityTypeBuilder<CalendarYear> b)
    {
        b.ToTable("calendar_years");
        b.HasKey(y => y.Year);
        b.Property(y => y.Year).ValueGeneratedNever();
        b.Property(y => y.Source).HasMaxLength(128);
        b.HasData(HolidayReferenceData.Years);
    }
}
