using Jianguan.Web.Platform.Errors;
using System.Globalization;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.Registry;

public sealed record LicenceInput(string? Name, string? Number, string? ExpiresOn);

public sealed record EntityInput(
    string? CreditCode, string? Name, string? DivisionCode, string? IndustryCode,
    string? LegalRepresentativeName = null, string? LegalRepresentativeIdNumber = null, string? Address = null,
    string? RegisteredOn = null, string? Status = null, IReadOnlyList<string>? Tags = null, IReadOnlyList<LicenceInput>? Licences = null);

public sealed record LicenceDto(string Name, string Number, string? ExpiresOn);

/// <summary>An entity as every output shows it: the legal representative's ID number masked.</summary>
public sealed record EntityDto(
    string CreditCode, string Name, string Type, string TypeName, string? LegalRepresentativeName, string? LegalRepresentativeIdNumber,
    string? Address, string DivisionCode, string IndustryCode, string? RegisteredOn, string Status, string StatusName,
    IReadOnlyList<string> Tags, IReadOnlyList<LicenceDto> Licences, IReadOnlyList<string> Warnings)
{
    public static EntityDto From(SupervisedEntity e, IReadOnlyList<string>? warnings = null) => new(
        e.CreditCode, e.Name, e.Type.ToString(), EntityNames.Type(e.Type), e.LegalRepresentativeName, IdNumber.Mask(e.LegalRepresentativeIdNumber),
        e.Address, e.DivisionCode, e.IndustryCode, e.RegisteredOn?.ToString("yyyy-MM-dd"), e.Status.ToString(), EntityNames.Status(e.Status),
        [.. e.Tags.Select(t => t.Tag).Order()], [.. e.Licences.Select(l => new LicenceDto(l.Name, l.Number, l.ExpiresOn?.ToString("yyyy-MM-dd")))],
        warnings ?? []);
}

public static class EntityNames
{
    public static string Type(EntityType t) => t switch
    {
        EntityType.Enterprise => "企业",
        EntityType.SoleTrader => "个体工商户",
        EntityType.Cooperative => "农民专业合作社",
        EntityType.Government => "机关",
        EntityType.PublicInstitution => "事业单位",
        EntityType.SocialOrganisation => "社会组织",
        _ => "其他组织",
    };

    public static string Status(EntityStatus s) => s switch
    {
        EntityStatus.Active => "存续（在业）",
        EntityStatus.Deregistered => "注销",
        EntityStatus.Revoked => "吊销",
        _ => "迁出",
    };

    /// <summary>A status as written in imports and forms: the English name or the Chinese word.</summary>
    public static EntityStatus? ParseStatus(string? text) => text?.Trim() switch
    {
        null or "" or "存续" or "在业" or "存续（在业）" or "开业" => EntityStatus.Active,
        "注销" => EntityStatus.Deregistered,
        "吊销" => EntityStatus.Revoked,
        "迁出" => EntityStatus.MovedOut,
        var s when Enum.TryParse<EntityStatus>(s, true, out var status) && Enum.IsDefined(status) => status,
        _ => null,
    };
}

/// <summary>
/// Validates entity input field by field and writes it; the single API, the page and the bulk import all
/// go through <see cref="Validate"/>, so they accept and refuse exactly the same things.
/// </summary>
public sealed class EntityEditor(AppDbContext db, RegistryReference reference)
{
    public sealed record Validated(SupervisedEntity Values, IReadOnlyList<string> Warnings);

    /// <summary>Field errors keyed by JSON field name, or the values to store.</summary>
    public static (Validated? Value, Dictionary<string, string[]> Errors) Validate(EntityInput input, RegistryCodes codes)
    {
        var errors = new FieldErrors();
        var warnings = new List<string>();
        var code = CreditCode.Check(input.CreditCode);
        if (!code.IsValid) errors.Add("creditCode", code.Error!);
        else if (code.Warning is not null) warnings.Add(code.Warning);
        errors.Required("name", input.Name, "名称", 128);
        var division = input.DivisionCode?.Trim() ?? "";
        if (division.Length == 0) errors.Add("divisionCode", "必填：行政区划代码。");
        else if (!codes.Divisions.Contains(division)) errors.Add("divisionCode", $"行政区划代码“{division}”不在本平台的区划表中。");
        var industry = input.IndustryCode?.Trim().ToUpperInvariant() ?? "";
        if (Industry.CodeError(industry, codes.IndustrySections) is { } industryError) errors.Add("industryCode", industryError);
        if (input.LegalRepresentativeName?.Trim().Length > 64) errors.Add("legalRepresentativeName", "法定代表人姓名最多 64 个字符。");
        var idNumber = string.IsNullOrWhiteSpace(input.LegalRepresentativeIdNumber) ? null : input.LegalRepresentativeIdNumber.Trim().ToUpperInvariant();
        if (idNumber is not null && IdNumber.Error(idNumber) is { } idError) errors.Add("legalRepresentativeIdNumber", idError);
        if (input.Address?.Trim().Length > 256) errors.Add("address", "住所最多 256 个字符。");
        DateOnly? registeredOn = null;
        if (!string.IsNullOrWhiteSpace(input.RegisteredOn))
        {
            if (DateOnly.TryParseExact(input.RegisteredOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) registeredOn = d;
            else errors.Add("registeredOn", $"成立日期应为 YYYY-MM-DD 格式，收到“{input.RegisteredOn}”。");
        }
        var status = EntityNames.ParseStatus(input.Status);
        if (status is null) errors.Add("status", $"登记状态应为 存续、注销、吊销 或 迁出，收到“{input.Status}”。");
        var tags = (input.Tags ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().ToList();
        if (tags.Any(t => t.Length > 32)) errors.Add("tags", "每个标签最多 32 个字符。");
        var licences = new List<EntityLicence>();
        foreach (var (l, i) in (input.Licences ?? []).Select((l, i) => (l, i)))
        {
            DateOnly? expires = null;
            if (string.IsNullOrWhiteSpace(l.Name) || string.IsNullOrWhiteSpace(l.Number))
                errors.Add($"licences[{i}]", "许可证须填写名称和编号。");
            if (!string.IsNullOrWhiteSpace(l.ExpiresOn))
            {
                if (DateOnly.TryParseExact(l.ExpiresOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var e)) expires = e;
                else errors.Add($"licences[{i}]", $"有效期至应为 YYYY-MM-DD 格式，收到“{l.ExpiresOn}”。");
            }
            licences.Add(new EntityLicence { Name = l.Name?.Trim() ?? "", Number = l.Number?.Trim() ?? "", ExpiresOn = expires });
        }
        if (errors.Any) return (null, errors.ToDictionary());

        var type = CreditCode.TypeFromCode(code.Normalized) ?? EntityType.OtherOrganisation;
        var section = industry.Length == 1 ? industry : codes.IndustrySections[industry[..2]];
        return (new Validated(new SupervisedEntity
        {
            CreditCode = code.Normalized, Name = input.Name!.Trim(), Type = type,
            LegalRepresentativeName = input.LegalRepresentativeName?.Trim(), LegalRepresentativeIdNumber = idNumber,
            Address = input.Address?.Trim(), DivisionCode = division, IndustryCode = industry, IndustrySection = section,
            RegisteredOn = registeredOn, Status = status!.Value,
            Tags = [.. tags.Select(t => new EntityTag { Tag = t })], Licences = licences,
        }, warnings), []);
    }

    /// <summary>Copies validated values onto a stored entity (or a new one), replacing its tags and licences.</summary>
    public static void Apply(SupervisedEntity target, SupervisedEntity values)
    {
        target.CreditCode = values.CreditCode;
        target.Name = values.Name;
        target.Type = values.Type;
        target.LegalRepresentativeName = values.LegalRepresentativeName;
        target.LegalRepresentativeIdNumber = values.LegalRepresentativeIdNumber;
        target.Address = values.Address;
        target.DivisionCode = values.DivisionCode;
        target.IndustryCode = values.IndustryCode;
        target.IndustrySection = values.IndustrySection;
        target.RegisteredOn = values.RegisteredOn;
        target.Status = values.Status;
        var wanted = values.Tags.Select(t => t.Tag).ToHashSet();
        target.Tags.RemoveAll(t => !wanted.Contains(t.Tag));
        target.Tags.AddRange(values.Tags.Where(t => target.Tags.All(x => x.Tag != t.Tag)));
        target.Licences.Clear();
        target.Licences.AddRange(values.Licences);
    }

    public IQueryable<SupervisedEntity> Entities() => db.Set<SupervisedEntity>().AsNoTracking();

    public IQueryable<SupervisedEntity> WithDetails() =>
        db.Set<SupervisedEntity>().Include(e => e.Tags).Include(e => e.Licences).AsSplitQuery();

    public Task<SupervisedEntity?> FindAsync(string creditCode, CancellationToken ct)
    {
        var code = creditCode.Trim().ToUpperInvariant();
        return WithDetails().FirstOrDefaultAsync(e => e.CreditCode == code, ct);
    }

    /// <summary>Creates (<paramref name="existingCode"/> null) or updates an entity.</summary>
    public async Task<EditResult<EntityDto>> SaveAsync(string? existingCode, EntityInput input, CancellationToken ct)
    {
        SupervisedEntity? entity = null;
        if (existingCode is not null && (entity = await FindAsync(existingCode, ct)) is null)
            return new EditResult<EntityDto>.NotFound($"统一社会信用代码为 {existingCode} 的市场主体不存在。");
        var (validated, errors) = Validate(input, await reference.GetAsync(ct));
        if (validated is null) return new EditResult<EntityDto>.Invalid(errors);
        var code = validated.Values.CreditCode;
        if (entity?.CreditCode != code && await db.Set<SupervisedEntity>().AnyAsync(e => e.CreditCode == code, ct))
            return new EditResult<EntityDto>.Conflict("creditCode", $"统一社会信用代码 {code} 已登记。");
        if (entity is null) db.Add(entity = new SupervisedEntity());
        Apply(entity, validated.Values);
        await db.SaveChangesAsync(ct);
        return new EditResult<EntityDto>.Saved(EntityDto.From(entity, validated.Warnings));
    }
}
