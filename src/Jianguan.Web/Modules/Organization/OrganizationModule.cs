using System.Security.Claims;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.Organization;

/// <summary>Departments, divisions, officers and users: who does the supervising.</summary>
public static class OrganizationModule
{
    public static WebApplicationBuilder AddOrganization(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<DepartmentEditor>();
        builder.Services.AddScoped<OfficerEditor>();
        builder.Services.AddScoped<UserEditor>();
        return builder;
    }

    public sealed record DivisionDto(string Code, string Name, DivisionLevel Level, string? ParentCode);

    public static IEndpointRouteBuilder MapOrganization(this IEndpointRouteBuilder app)
    {
        var staff = ApiAuthorization.InRoles([.. Roles.Staff]);
        var admin = ApiAuthorization.InRoles(Roles.Administrator);

        var departments = app.MapGroup("/api/v1/departments").WithTags("Organization").RequireAuthorization(staff);
        departments.MapGet("/", async (AppDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await db.Set<Department>().AsNoTracking().OrderBy(d => d.SortOrder).Select(d => DepartmentDto.From(d)).ToListAsync(ct)))
            .WithName("ListDepartments").WithSummary("All departments");
        departments.MapPost("/", async (DepartmentInput input, DepartmentEditor editor, CancellationToken ct) =>
                EditResults.ToHttp(await editor.SaveAsync(null, input, ct), DepartmentDto.From, d => $"/api/v1/departments/{d.Id}"))
            .RequireAuthorization(admin).WithName("CreateDepartment").WithSummary("Create a department (administrator)")
            .Produces<DepartmentDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        departments.MapPut("/{id:int}", async (int id, DepartmentInput input, DepartmentEditor editor, CancellationToken ct) =>
                EditResults.ToHttp(await editor.SaveAsync(id, input, ct), DepartmentDto.From))
            .RequireAuthorization(admin).WithName("UpdateDepartment").WithSummary("Change a department (administrator)")
            .Produces<DepartmentDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet("/api/v1/divisions", async (AppDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await db.Set<Division>().AsNoTracking().OrderBy(d => d.Code).Select(d => new DivisionDto(d.Code, d.Name, d.Level, d.ParentCode)).ToListAsync(ct)))
            .RequireAuthorization(ApiAuthorization.Authenticated).WithTags("Organization")
            .WithName("ListDivisions").WithSummary("The district and its streets, towns and townships");

        var officers = app.MapGroup("/api/v1/officers").WithTags("Organization").RequireAuthorization(staff);
        officers.MapGet("/", async (ClaimsPrincipal user, OfficerEditor editor, CancellationToken ct) =>
                TypedResults.Ok((await editor.VisibleTo(user).AsNoTracking().ToListAsync(ct)).Select(OfficerDto.From)))
            .WithName("ListOfficers").WithSummary("Officers of the user's department (all departments for administrators and the committee)");
        officers.MapGet("/{id:int}", async (int id, ClaimsPrincipal user, OfficerEditor editor, CancellationToken ct) =>
                await editor.FindVisibleAsync(user, id, ct) is { } officer
                    ? Results.Ok(OfficerDto.From(officer))
                    : Problems.NotFound($"执法人员 {id} 不存在，或不属于您的部门。"))
            .WithName("GetOfficer").WithSummary("One officer").Produces<OfficerDto>().ProducesProblem(StatusCodes.Status404NotFound);
        officers.MapPost("/", async (OfficerInput input, ClaimsPrincipal user, OfficerEditor editor, CancellationToken ct) =>
                EditResults.ToHttp(await editor.SaveAsync(user, null, input, ct), OfficerDto.From, o => $"/api/v1/officers/{o.Id}"))
            .RequireAuthorization(ApiAuthorization.InRoles(Roles.Administrator, Roles.DepartmentManager))
            .WithName("CreateOfficer").WithSummary("Register an officer (administrator, or department manager for the own department)")
            .Produces<OfficerDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        officers.MapPut("/{id:int}", async (int id, OfficerInput input, ClaimsPrincipal user, OfficerEditor editor, CancellationToken ct) =>
                EditResults.ToHttp(await editor.SaveAsync(user, id, input, ct), OfficerDto.From))
            .RequireAuthorization(ApiAuthorization.InRoles(Roles.Administrator, Roles.DepartmentManager))
            .WithName("UpdateOfficer").WithSummary("Change an officer's licence, qualifications or status")
            .Produces<OfficerDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        var users = app.MapGroup("/api/v1/users").WithTags("Organization").RequireAuthorization(admin);
        users.MapGet("/", async (UserEditor editor, CancellationToken ct) => TypedResults.Ok(await editor.ListAsync(ct)))
            .WithName("ListUsers").WithSummary("All users (administrator)");
        users.MapPost("/", async (UserInput input, UserEditor editor, CancellationToken ct) =>
                EditResults.ToHttp(await editor.SaveAsync(null, input, ct), u => new { u.Id, u.UserName }, u => $"/api/v1/users/{u.Id}"))
            .WithName("CreateUser").WithSummary("Create a user with one role (administrator)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        users.MapPut("/{id}", async (string id, UserInput input, UserEditor editor, CancellationToken ct) =>
                EditResults.ToHttp(await editor.SaveAsync(id, input, ct), u => new { u.Id, u.UserName }))
            .WithName("UpdateUser").WithSummary("Change a user's role, department, status or password (administrator)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }
}
