using Jianguan.Web.Modules.Catalog;
using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Modules.Inspections;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Modules.SpotChecks;
using Jianguan.Web.Platform.Audit;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Demo;
using Jianguan.Web.Platform.Documents;
using Jianguan.Web.Platform.Errors;
using Jianguan.Web.Platform.Web;

// Commands: (none) serve the platform; `migrate` bring the database schema up to date and exit;
// `create-admin <user> <password>` create an administrator in a new installation and exit.
var builder = WebApplication.CreateBuilder(args);
var demo = DemoMode.IsEnabled(builder);

builder.Services.AddSingleton(TimeProvider.System);
builder.AddPlatformErrors();
builder.AddPlatformData();
builder.AddPlatformAuth(demo);
builder.AddAudit();
builder.AddCalendar();
builder.AddDocuments();
builder.AddOrganization();
builder.AddCatalog();
builder.AddRegistry();
builder.AddCredit();
builder.AddSpotChecks();
builder.AddInspections();
builder.Services.AddScoped<DemoSeeder>();
builder.Services.AddScoped<DemoCredit>();
builder.Services.AddScoped<DemoSpotChecks>();
builder.Services.AddSingleton<DemoProgress>();
builder.AddPlatformWeb();

var app = builder.Build();

switch (args.FirstOrDefault())
{
    case "migrate":
        await DatabaseMigrator.MigrateAsync(app.Services);
        Console.WriteLine("Database migrated.");
        return 0;
    case "create-admin":
        return await AdminCommand.RunAsync(app.Services, args.Skip(1).ToArray());
}

// The schema first (services such as data protection read it as they start); then serve while the demo
// district is seeded: requests wait for it at the gate, and the two start-up costs overlap.
await DatabaseMigrator.MigrateIfConfiguredAsync(app.Services);
app.UseReadinessGate(DatabaseMigrator.SeedDemoAsync(app.Services, demo));
app.UsePlatformErrors();
app.UsePlatformWeb();
app.MapPlatformAuth();
app.MapAudit();
app.MapCalendar();
app.MapOrganization();
app.MapCatalog();
app.MapRegistry();
app.MapCredit();
app.MapSpotChecks();
app.MapInspections();
app.MapPlatformPages();

await app.RunAsync();
return 0;

/// <summary>Lets tests host the application with WebApplicationFactory.</summary>
public partial class Program;
