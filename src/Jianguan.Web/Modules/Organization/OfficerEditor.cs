using Jianguan.Web.Platform.Errors;
using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.Organization;

public sealed record OfficerInput(int? DepartmentId, string? Name, string? LicenseNumber, string? LicenseExpiresOn, string? Qualifications, bool IsActive = true);

public sealed record OfficerDto(int Id, int DepartmentId, string DepartmentName, string Name, string LicenseNumber, string LicenseExpiresOn, IReadOnlyList<string> Qualifications, bool IsActive)
{
    public static OfficerDto From(Officer o) => new(o.Id, o.DepartmentId, o.Department?.ShortName ?? "", o.Name, o.LicenseNumber,
        o.LicenseExpiresOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), o.QualificationList, o.IsActive);
}

/// <summary>Creates and changes officers under the department rule: managers only in their own department.</summary>
public sealed partial class OfficerEditor(AppDbContext db)
{
    [GeneratedRegex("^[0-9A-Za-z-]{4,32}$")]
    private static partial Regex LicenseNumberPattern();

    /// <summary>Officers the user may see, in display order.</summary>
    public IQueryable<Officer> VisibleTo(ClaimsPrincipal user)
    {
        var query = db.Set<Officer>().Include(o => o.Department).AsQueryable();
        if (!user.SeesAllDepartments())
        {
            var departmentId = user.DepartmentId() ?? -1;
            query = query.Where(o => o.DepartmentId == departmentId);
        }
        return query.OrderBy(o => o.Department!.SortOrder).ThenBy(o => o.LicenseNumber);
    }

    public Task<Officer?> FindVisibleAsync(ClaimsPrincipal user, int id, CancellationToken ct) =>
        VisibleTo(user).FirstOrDefaultAsync(o => o.Id == id, ct);

    public async Task<EditResult<Officer>> SaveAsync(ClaimsPrincipal user, int? id, OfficerInput input, CancellationToken ct)
    {
        Officer? officer = null;
        if (id is not null)
        {
            officer = await FindVisibleAsync(user, id.Value, ct);
            if (officer is null) return new EditResult<Officer>.NotFound($"执法人员 {id} 不存在，或不属于您的部门。");
        }

        var errors = new FieldErrors();
        errors.Required("name", input.Name, "姓名", 32);
        errors.Required("licenseNumber", input.LicenseNumber, "执法证号", 32);
        if (!string.IsNullOrWhiteSpace(input.LicenseNumber) && !LicenseNumberPattern().IsMatch(input.LicenseNumber.Trim()))
            errors.Add("licenseNumber", "执法证号只能包含数字、字母和连字符，4 到 32 位。");
        DateOnly expires = default;
        if (string.IsNullOrWhiteSpace(input.LicenseExpiresOn)) errors.Add("licenseExpiresOn", "必填：执法证有效期至，格式为 YYYY-MM-DD。");
        else if (!DateOnly.TryParseExact(input.LicenseExpiresOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out expires))
            errors.Add("licenseExpiresOn", $"应为 YYYY-MM-DD 格式的有效日期，收到“{input.LicenseExpiresOn}”。");
        if (input.Qualifications?.Length > 256) errors.Add("qualifications", "执法领域最多 256 个字符。");
        var departmentId = input.DepartmentId ?? officer?.DepartmentId ?? user.DepartmentId();
        if (departmentId is null) errors.Add("departmentId", "必填：所属部门。");
        else if (!await db.Set<Department>().AnyAsync(d => d.Id == departmentId && d.IsActive, ct))
            errors.Add("departmentId", $"部门 {departmentId} 不存在或已停用。");
        if (errors.Any) return new EditResult<Officer>.Invalid(errors.ToDictionary());

        if (!user.CanManageOfficersOf(departmentId!.Value) || (officer is not null && !user.CanManageOfficersOf(officer.DepartmentId)))
            return new EditResult<Officer>.Forbidden("只能管理本部门的执法人员。");

        var license = input.LicenseNumber!.Trim().ToUpperInvariant();
        if (await db.Set<Officer>().AnyAsync(o => o.LicenseNumber == license && o.Id != (officer == null ? 0 : officer.Id), ct))
            return new EditResult<Officer>.Conflict("licenseNumber", $"执法证号 {license} 已登记给另一名执法人员。");

        officer ??= db.Set<Officer>().Add(new Officer()).Entity;
        officer.DepartmentId = departmentId.Value;
        officer.Name = input.Name!.Trim();
        officer.LicenseNumber = license;
        officer.LicenseExpiresOn = expires;
        officer.Qualifications = string.Join("、", new Officer { Qualifications = input.Qualifications ?? "" }.QualificationList);
        officer.IsActive = input.IsActive;
        await db.SaveChangesAsync(ct);
        await db.Entry(officer).Reference(o => o.Department).LoadAsync(ct);
        return new EditResult<Officer>.Saved(officer);
    }
}
