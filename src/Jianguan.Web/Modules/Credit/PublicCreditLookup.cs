using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Privacy;
using Microsoft.Extensions.Options;

namespace Jianguan.Web.Modules.Credit;

/// <summary>
/// The public look-up of an entity's credit (公示), the platform's busiest anonymous request. Its answer is kept as a
/// <see cref="PublicCreditSnapshot"/>, so that a look-up reads one row by its code in one round trip; a missing, voided
/// or outdated snapshot is built from the entity, its records and its listings (one round trip of three statements)
/// and stored, unless a change came in meanwhile. Plain connections and a data reader, no DbContext: creating and
/// initialising a context cost more than the look-up itself. On PostgreSQL the answers are also kept in memory
/// (<see cref="PublicCreditCache"/>), so that most look-ups need no round trip at all.
/// </summary>
public sealed class PublicCreditLookup
{
    private readonly DbConnections _connections;
    private readonly PublicCreditCache _cache;
    private readonly TimeProvider _time;
    private readonly JsonSerializerOptions _json;

    public PublicCreditLookup(DbConnections connections, PublicCreditCache cache, TimeProvider time, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        (_connections, _cache, _time, _json) = (connections, cache, time, json.Value.SerializerOptions);
        Format = FormatOf(_json);
    }

    /// <summary>
    /// A fingerprint of the view's shape and wording: its members as serialised, and every name it shows. A snapshot
    /// built by a release with other names or members is rebuilt, so no release has to remember to clear them.
    /// </summary>
    public long Format { get; }

    /// <summary>The answer to GET /api/v1/public/credit/{creditCode} as UTF-8 JSON, or null when no entity has the code.</summary>
    public async Task<byte[]?> JsonAsync(string creditCode, CancellationToken ct)
    {
        var code = Normalize(creditCode);
        var today = _time.Today();
        if (_cache.TryGet(code, out var kept))
        {
            if (kept!.Json is null) return null;
            if (Serve(kept.Json, kept.BuiltOn, kept.ValidUntil, today) is { } fromMemory) return fromMemory;
        }
        var epoch = _cache.Epoch(code);
        await using var connection = _connections.Create();
        await connection.OpenAsync(ct);
        Stored? stored = null;
        await using (var read = Command(connection, ReadSql, ("code", code)))
        await using (var reader = await read.ExecuteReaderAsync(ct))
            if (await reader.ReadAsync(ct))
                stored = new Stored(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1), DateOrNull(reader, 2), DateOrNull(reader, 3),
                    reader.GetInt64(4), reader.GetInt64(5));
        if (stored is { Json: { } json, BuiltOn: { } builtOn } && stored.Format == Format && Serve(json, builtOn, stored.ValidUntil, today) is { } answer)
        {
            _cache.Keep(code, new(json, builtOn, stored.ValidUntil), epoch);
            return answer;
        }

        if (await BuildAsync(connection, code, today, ct) is not { } built)
        {
            _cache.Keep(code, PublicCreditCache.NoEntity, epoch);
            return null;
        }
        var fresh = JsonSerializer.SerializeToUtf8Bytes(built.View, _json);
        if (await StoreAsync(connection, built, fresh, today, stored?.Generation, ct)) _cache.Keep(code, new(fresh, today, built.ValidUntil), epoch);
        return fresh;
    }

    /// <summary>A kept answer as of <paramref name="today"/>, or null when it is not right today (built later, or past its validity).</summary>
    private static byte[]? Serve(byte[] json, DateOnly builtOn, DateOnly? validUntil, DateOnly today) =>
        builtOn <= today && (validUntil is not { } until || today < until) ? WithAsOf(json, builtOn, today) : null;

    /// <summary>The public view of the entity with <paramref name="creditCode"/> as of today, from its records (not from a snapshot); null when no entity has the code.</summary>
    public async Task<PublicCreditDto?> ViewAsync(string creditCode, CancellationToken ct)
    {
        await using var connection = _connections.Create();
        await connection.OpenAsync(ct);
        return (await BuildAsync(connection, Normalize(creditCode), _time.Today(), ct))?.View;
    }

    private static string Normalize(string creditCode) => creditCode.Trim().ToUpperInvariant();

    private sealed record Stored(long EntityId, byte[]? Json, DateOnly? BuiltOn, DateOnly? ValidUntil, long Format, long Generation);

    internal sealed record Built(long EntityId, string CreditCode, PublicCreditDto View, DateOnly? ValidUntil);

    private const string ReadSql = """
        SELECT "EntityId", "Json", "BuiltOn", "ValidUntil", "Format", "Generation" FROM public_credit_snapshots WHERE "CreditCode" = @code
        """;

    /// <summary>
    /// The entity's public columns; its records that are or will be public (those whose publicity is over for good are
    /// left out); its standing listings. Parameters, not text; the same SQL on both databases.
    /// </summary>
    private const string BuildSql = """
        SELECT "Id", "CreditCode", "Name", "Type", "LegalRepresentativeName", "Address", "RegisteredOn", "Status" FROM supervised_entities WHERE "CreditCode" = @code;
        SELECT "Kind", "Title", "DecisionNumber", "OccurredOn", "IssuedBy", "PublicUntil", "PublicFrom", "PublicityEndedOn" FROM credit_records
        WHERE "EntityId" = (SELECT "Id" FROM supervised_entities WHERE "CreditCode" = @code) AND "PublicFrom" IS NOT NULL
          AND ("PublicUntil" IS NULL OR "PublicUntil" >= @today) AND ("PublicityEndedOn" IS NULL OR "PublicityEndedOn" > @today)
        ORDER BY "OccurredOn" DESC, "Id" DESC;
        SELECT l."List", l."Reason", l."ListedOn", l."DecisionNumber", d."Name", l."IsStatusMark" FROM credit_listings AS l LEFT JOIN departments AS d ON d."Id" = l."DepartmentId"
        WHERE l."EntityId" = (SELECT "Id" FROM supervised_entities WHERE "CreditCode" = @code) AND l."RemovedOn" IS NULL
        ORDER BY l."ListedOn" DESC, l."Id" DESC
        """;

    internal static async Task<Built?> BuildAsync(DbConnection connection, string code, DateOnly today, CancellationToken ct)
    {
        await using var command = Command(connection, BuildSql, ("code", code), ("today", today));
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        var (id, creditCode, name, type, representative, address, registeredOn, status) = (reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
            (EntityType)reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
            DateOrNull(reader, 6), (EntityStatus)reader.GetInt32(7));

        // The view holds until the first day ahead on which a record's publicity begins or ends, or a listing begins.
        DateOnly? validUntil = null;
        void Until(DateOnly day)
        {
            if (day > today && (validUntil is null || day < validUntil)) validUntil = day;
        }
        await reader.NextResultAsync(ct);
        var records = new List<(CreditRecordKind Kind, PublicRecordDto Dto)>();
        while (await reader.ReadAsync(ct))
        {
            var (publicUntil, publicFrom, endedOn) = (DateOrNull(reader, 5), DateOrNull(reader, 6), DateOrNull(reader, 7));
            if (!CreditRecord.IsPublic(publicFrom, publicUntil, endedOn, today))
            {
                if (publicFrom is { } from) Until(from);
                continue;
            }
            if (publicUntil is { } last) Until(last.AddDays(1));
            if (endedOn is { } ended) Until(ended);
            var kind = (CreditRecordKind)reader.GetInt32(0);
            records.Add((kind, new PublicRecordDto(CreditNames.Kind(kind), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                CreditRecordDto.Date(reader.GetFieldValue<DateOnly>(3)), reader.GetString(4), CreditRecordDto.Date(publicUntil))));
        }

        await reader.NextResultAsync(ct);
        var listings = new List<PublicListingDto>();
        while (await reader.ReadAsync(ct))
        {
            var listedOn = reader.GetFieldValue<DateOnly>(2);
            if (listedOn > today)
            {
                Until(listedOn);
                continue;
            }
            listings.Add(new PublicListingDto(ListingReasons.ListName((CreditList)reader.GetInt32(0)), ListingReasons.Of((ListingReason)reader.GetInt32(1)).Name,
                CreditRecordDto.Date(listedOn), reader.GetString(3), reader.IsDBNull(4) ? "" : reader.GetString(4), reader.GetBoolean(5)));
        }

        List<PublicRecordDto> Of(params CreditRecordKind[] kinds) => [.. records.Where(r => kinds.Contains(r.Kind)).Select(r => r.Dto)];
        var view = new PublicCreditDto(creditCode, name, EntityNames.Type(type), PublicMask.Name(representative), address, CreditRecordDto.Date(registeredOn),
            EntityNames.Status(status), listings, Of(CreditRecordKind.Penalty), Of(CreditRecordKind.InspectionCompliant, CreditRecordKind.InspectionNonCompliant),
            Of(CreditRecordKind.CommitmentMade, CreditRecordKind.CommitmentKept, CreditRecordKind.CommitmentBroken),
            Of(CreditRecordKind.AnnualReportOnTime, CreditRecordKind.AnnualReportLate, CreditRecordKind.Complaint, CreditRecordKind.Other),
            CreditRecordDto.Date(today));
        return new Built(id, creditCode, view, validUntil);
    }

    /// <summary>
    /// Stores a view built from what was read after <paramref name="generation"/> was read: over that generation only, or
    /// as a new row only where none is. A change since (its trigger raised the generation, or made a void row) wins.
    /// Returns whether it was stored: only then may this instance keep it in memory too.
    /// </summary>
    private async Task<bool> StoreAsync(DbConnection connection, Built built, byte[] json, DateOnly today, long? generation, CancellationToken ct)
    {
        var sql = generation is null
            ? """
              INSERT INTO public_credit_snapshots ("EntityId", "CreditCode", "Json", "BuiltOn", "ValidUntil", "Format", "Generation")
              VALUES (@id, @code, @json, @today, @until, @format, 0) ON CONFLICT ("EntityId") DO NOTHING
              """
            : """
              UPDATE public_credit_snapshots SET "Json" = @json, "BuiltOn" = @today, "ValidUntil" = @until, "Format" = @format
              WHERE "EntityId" = @id AND "Generation" = @generation
              """;
        await using var command = Command(connection, sql, ("id", built.EntityId), ("code", built.CreditCode), ("json", json), ("today", today),
            ("until", built.ValidUntil), ("format", Format), ("generation", generation));
        try
        {
            return await command.ExecuteNonQueryAsync(ct) == 1;
        }
        catch (DbException) when (!ct.IsCancellationRequested)
        {
            // A snapshot is only kept to answer faster: the answer built stands even when it cannot be kept (a code
            // that moved to another entity meanwhile); the next look-up builds again.
            return false;
        }
    }

    private static DateOnly? DateOrNull(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateOnly>(i);

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            (parameter.ParameterName, parameter.Value) = (name, value ?? DBNull.Value);
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static ReadOnlySpan<byte> AsOfMember => "\"asOf\":\""u8;

    /// <summary>
    /// The stored answer as of <paramref name="today"/>: asOf is the view's last member, a date of fixed length, so the
    /// stored bytes with that date replaced are what serialising the view today would give. Null when they do not end so.
    /// </summary>
    internal static byte[]? WithAsOf(byte[] json, DateOnly builtOn, DateOnly today)
    {
        const int tail = 12; // yyyy-MM-dd"}
        var at = json.Length - tail;
        if (at < AsOfMember.Length || !json.AsSpan(at - AsOfMember.Length, AsOfMember.Length).SequenceEqual(AsOfMember) || json[^2] != '"' || json[^1] != '}')
            return null;
        if (builtOn == today) return json;
        var copy = (byte[])json.Clone();
        return today.TryFormat(copy.AsSpan(at, 10), out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture) && written == 10 ? copy : null;
    }

    private static long FormatOf(JsonSerializerOptions json)
    {
        var names = new StringBuilder();
        foreach (var kind in Enum.GetValues<CreditRecordKind>()) names.Append(CreditNames.Kind(kind)).Append('|');
        foreach (var type in Enum.GetValues<EntityType>()) names.Append(EntityNames.Type(type)).Append('|');
        foreach (var status in Enum.GetValues<EntityStatus>()) names.Append(EntityNames.Status(status)).Append('|');
        foreach (var list in Enum.GetValues<CreditList>()) names.Append(ListingReasons.ListName(list)).Append('|');
        foreach (var reason in ListingReasons.All) names.Append(reason.Value).Append(reason.Name).Append('|');
        names.Append(PublicMask.Name("王小明"));
        var sample = new PublicCreditDto("c", "n", "t", "l", "a", "2000-01-01", "s", [new PublicListingDto("l", "r", "2000-01-01", "d", "p", true)],
            [new PublicRecordDto("k", "t", "d", "2000-01-01", "i", "2000-01-01")], [], [], [], "2000-01-01");
        var bytes = Encoding.UTF8.GetBytes(names.ToString()).Concat(JsonSerializer.SerializeToUtf8Bytes(sample, json)).ToArray();
        return BitConverter.ToInt64(SHA256.HashData(bytes));
    }
}
