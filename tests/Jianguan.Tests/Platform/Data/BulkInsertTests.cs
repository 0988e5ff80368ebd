using Jianguan.Tests.Infrastructure;
using Jianguan.Tests.Modules.Credit;
using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jianguan.Tests.Platform.Data;

/// <summary>
/// Rows written by <see cref="BulkInsert"/> (binary COPY on PostgreSQL, statements bound by position through SQLite's
/// C API) are stored exactly as a context's save stores the same values: same columns, same types, same text for
/// dates and decimals, so that queries written for EF's rows find them. Each kind of row the application writes in
/// bulk is written both ways, each in a transaction rolled back after its row is read.
/// </summary>
public abstract class BulkInsertTests(JianguanApp app)
{
    private static readonly DateTime RecordedAt = new(2026, 3, 4, 5, 6, 7, 891, 234, DateTimeKind.Utc);

    /// <summary>The stored columns of <paramref name="row"/>, written by a save or in bulk, read back by its key; a generated key left out.</summary>
    private Task<Dictionary<string, object?>> StoredAsync<T>(Func<T> make, bool bulk) where T : class => app.WithDb(async db =>
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var row = make();
        if (bulk) await BulkInsert.InsertAsync(db, [row], default);
        else
        {
            db.Add(row);
            await db.SaveChangesAsync();
        }
        var type = db.Model.FindEntityType(typeof(T))!;
        var key = type.FindPrimaryKey()!.Properties;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = $"""SELECT * FROM "{type.GetTableName()}" WHERE {string.Join(" AND ", key.Select((k, i) => $"\"{k.GetColumnName()}\" = @k{i}"))}""";
        foreach (var (k, i) in key.Select((k, i) => (k, i)))
        {
            var parameter = command.CreateParameter();
            (parameter.ParameterName, parameter.Value) = ($"@k{i}", k.GetGetter().GetClrValue(row));
            command.Parameters.Add(parameter);
        }
        var stored = new Dictionary<string, object?>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync(), $"{typeof(T).Name} written {(bulk ? "in bulk" : "by a save")} is not stored");
            for (var i = 0; i < reader.FieldCount; i++)
                if (!key.Any(k => k.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd && k.GetColumnName() == reader.GetName(i)))
                    stored[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }
        await transaction.RollbackAsync();
        return stored;
    });

    private async Task AssertStoredAlikeAsync<T>(Func<T> make) where T : class
    {
        var saved = await StoredAsync(make, bulk: false);
        var bulk = await StoredAsync(make, bulk: true);
        Assert.Equal(saved.Keys.Order(), bulk.Keys.Order());
        foreach (var (column, value) in saved)
        {
            // The value and, on SQLite, its storage class (integer, text, real or blob) as the reader returns it.
            Assert.True(Equals(value, bulk[column]) || (value is byte[] a && bulk[column] is byte[] b && a.SequenceEqual(b)),
                $"{typeof(T).Name}.{column}: saved {value} ({value?.GetType().Name}), in bulk {bulk[column]} ({bulk[column]?.GetType().Name})");
        }
    }

    [Fact]
    public Task An_entity_is_stored_alike() => AssertStoredAlikeAsync(() => new SupervisedEntity
    {
        CreditCode = "91330702MA2BULK01X", Name = "批量写入“测试”有限公司", Type = EntityType.SoleTrader, LegalRepresentativeName = "李四",
        LegalRepresentativeIdNumber = "330702199001011234", Address = null, DivisionCode = "330702001", IndustryCode = "5211",
        IndustrySection = "F", RegisteredOn = new DateOnly(2019, 12, 31), Status = EntityStatus.Deregistered,
    });

    [Fact]
    public async Task Tags_licences_and_annual_reports_are_stored_alike()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        await AssertStoredAlikeAsync(() => new EntityTag { EntityId = entity.Id, Tag = "观察期" });
        await AssertStoredAlikeAsync(() => new EntityLicence { EntityId = entity.Id, Name = "食品经营许可证", Number = "JY13307020001", ExpiresOn = new DateOnly(2028, 2, 29) });
        await AssertStoredAlikeAsync(() => new AnnualReport { EntityId = entity.Id, Year = 2025, FiledOn = new DateOnly(2026, 7, 3), OnTime = false });
    }

    [Fact]
    public async Task A_credit_record_is_stored_alike()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        var department = await app.WithDb(db => db.Set<Department>().OrderBy(d => d.Id).Select(d => d.Id).FirstAsync());
        await AssertStoredAlikeAsync(() => new CreditRecord
        {
            EntityId = entity.Id, Kind = CreditRecordKind.Penalty, Severity = CreditSeverity.Serious, Title = "罚款 'quoted' 五千元",
            Detail = null, DecisionNumber = "婺市监罚〔2026〕12号", OccurredOn = new DateOnly(2026, 1, 2), DepartmentId = department,
            IssuedBy = "金华市婺城区市场监督管理局", Source = CreditRecordSource.Received, SourceKey = "ext-1", PublicFrom = new DateOnly(2026, 1, 9),
            PublicUntil = new DateOnly(2029, 1, 9), PublicityEndedOn = null, ListingId = null, RecordedAtUtc = RecordedAt,
        });
    }

    [Theory]
    [InlineData("12.5")]
    [InlineData("0")]
    [InlineData("-3.75")]
    [InlineData("1234567.01")]
    public async Task A_risk_class_is_stored_alike(string score)
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        await AssertStoredAlikeAsync(() => new EntityRiskClass
        {
            EntityId = entity.Id, Class = RiskClass.C, Score = decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture),
            Explanation = new RiskExplanation([new FactorScore("PEN", "行政处罚", 2, 10m, [3, 4])]),
            RunId = 7, AsOf = new DateOnly(2026, 11, 1), ModelId = 1, Fingerprint = long.MinValue + 5, Since = new DateOnly(2025, 6, 1),
        });
    }
}

public sealed class BulkInsertTests_Sqlite(SqliteApp app) : BulkInsertTests(app), IClassFixture<SqliteApp>;
public sealed class BulkInsertTests_Postgres(PostgresApp app) : BulkInsertTests(app), IClassFixture<PostgresApp>;
