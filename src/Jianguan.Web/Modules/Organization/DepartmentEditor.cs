using Jianguan.Web.Platform.Errors;
using System.Text.RegularExpressions;
using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.Organization;

public sealed record DepartmentInput(string? Code, string? Name, string? ShortName, string? DivisionCode, int SortOrder = 0, bool IsActive = true, bool IsRegistrationAuthority = false);

public sealed record DepartmentDto(int Id, string Code, string Name, string ShortName, string DivisionCode, bool IsActive, int SortOrder, bool IsRegistrationAuthority)
{
    public static DepartmentDto From(Department d) => new(d.Id, d.Code, d.Name, d.ShortName, d.DivisionCode, d.IsActive, d.SortOrder, d.IsRegistrationAuthority);
}

/// <summary>Creates and changes departments (administrators only; the endpoint and page enforce the role).</summary>
public sealed partial class DepartmentEditor(AppDbContext db)
{
    [GeneratedRegex("^[A-Z][A-Z0-9]{1,15}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[0-9]{6}([0-9]{3})?$")]
    private static partial Regex DivisionPattern();

    public async Task<EditResult<Department>> SaveAsync(int? id, DepartmentInput input, CancellationToken ct)
    {
        Department? department = null;
        if (id is not null && (department = await db.Set<Department>().FindAsync([id.Value], ct)) is null)
            return new EditResult<Department>.NotFound($"部门 {id} 不存在。");

        var errors = new FieldErrors();
        var code = input.Code?.Trim().ToUpperInvariant();
        errors.Required("code", code, "部门代码", 16);
        if (!string.IsNullOrEmpty(code) && !CodePattern().IsMatch(code))
            errors.Add("code", "部门代码应以大写字母开头，由 2 到 16 位大写字母和数字组成。");
        errors.Required("name", input.Name, "部门全称", 64);
        errors.Required("shortName", input.ShortName, "部门简称", 32);
        var division = string.IsNullOrWhiteSpace(input.DivisionCode) ? "330702" : input.DivisionCode.Trim();
        if (!DivisionPattern().IsMatch(division)) errors.Add("divisionCode", $"行政区划代码应为 6 位或 9 位数字，收到“{division}”。");
        if (errors.Any) return new EditResult<Department>.Invalid(errors.ToDictionary());

        var name = input.Name!.Trim();
        var otherId = department?.Id ?? 0;
        if (await db.Set<Department>().AnyAsync(d => d.Code == code && d.Id != otherId, ct))
            return new EditResult<Department>.Conflict("code", $"部门代码 {code} 已被使用。");
        if (await db.Set<Department>().AnyAsync(d => d.Name == name && d.Id != otherId, ct))
            return new EditResult<Department>.Conflict("name", $"部门“{name}”已存在。");

        department ??= db.Set<Department>().Add(new Department()).Entity;
        department.Code = code!;
        department.Name = name;
        department.ShortName = input.ShortName!.Trim();
        department.DivisionCode = division;
        department.SortOrder = input.SortOrder;
        department.IsActive = input.IsActive;
        department.IsRegistrationAuthority = input.IsRegistrationAuthority;
        await db.SaveChangesAsync(ct);
        return new EditResult<Department>.Saved(department);
    }
}
