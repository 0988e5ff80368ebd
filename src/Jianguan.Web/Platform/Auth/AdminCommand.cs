using Jianguan.Web.Platform.Audit;
using Microsoft.AspNetCore.Identity;

namespace Jianguan.Web.Platform.Auth;

/// <summary>`create-admin USER PASSWORD`: the first administrator of a production installation.</summary>
public static class AdminCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length != 2)
        {
            Console.Error.WriteLine("usage: Jianguan.Web create-admin <user name> <password>");
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditTrail>().ActAs(AuditActor.System);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = args[0], DisplayName = "系统管理员" };
        var result = await users.CreateAsync(user, args[1]);
        if (result.Succeeded) result = await users.AddToRoleAsync(user, Roles.Administrator);
        if (!result.Succeeded)
        {
            Console.Error.WriteLine(string.Join(Environment.NewLine, result.Errors.Select(e => e.Description)));
            return 1;
        }
        Console.WriteLine($"Administrator {args[0]} created.");
        return 0;
    }
}
