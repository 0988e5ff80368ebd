namespace Jianguan.Web.Pages.Audit;

/// <summary>Chinese names of what the trail records, for people reading it on the audit page.</summary>
public static class AuditNames
{
    public static string Action(string action) => action switch
    {
        "Created" => "新增",
        "Updated" => "修改",
        "Deleted" => "删除",
        _ => action,
    };

    public static string EntityType(string type) => type switch
    {
        "Department" => "部门",
        "Division" => "行政区划",
        "Officer" => "执法人员",
        "AppUser" => "用户",
        "IdentityUserRole`1" or "IdentityUserRole" => "用户角色",
        "IdentityUserClaim`1" => "用户声明",
        "CalendarDay" => "工作日历日期",
        "CalendarYear" => "工作日历年度",
        _ => type,
    };

    public static string Actor(string actor) => actor switch
    {
        "system" => "系统",
        "anonymous" => "匿名（登录过程）",
        _ => actor,
    };
}
