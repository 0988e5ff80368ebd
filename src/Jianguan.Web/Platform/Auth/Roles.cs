namespace Jianguan.Web.Platform.Auth;

/// <summary>The roles of MISSION.md. The public is anonymous and has no role.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string DepartmentManager = "DepartmentManager";
    public const string Officer = "Officer";
    public const string LegalReviewer = "LegalReviewer";
    public const string DepartmentHead = "DepartmentHead";
    public const string CoordinationCommittee = "CoordinationCommittee";
    public const string Business = "Business";

    public static readonly IReadOnlyList<string> All =
        [Administrator, DepartmentManager, Officer, LegalReviewer, DepartmentHead, CoordinationCommittee, Business];

    /// <summary>Roles of government staff, who work inside a department.</summary>
    public static readonly IReadOnlyList<string> Staff =
        [Administrator, DepartmentManager, Officer, LegalReviewer, DepartmentHead, CoordinationCommittee];

    public static string ChineseName(string role) => role switch
    {
        Administrator => "系统管理员",
        DepartmentManager => "部门管理员",
        Officer => "执法人员",
        LegalReviewer => "法制审核员",
        DepartmentHead => "部门负责人",
        CoordinationCommittee => "协调委员会",
        Business => "市场主体",
        _ => role,
    };
}

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    public const string Staff = "Staff";
    public const string Administrator = "Administrator";
    /// <summary>Administrators, and department managers for their own department.</summary>
    public const string ManageOfficers = "ManageOfficers";
    /// <summary>Registering, changing and importing supervised entities: administrators and department managers.</summary>
    public const string MaintainRegistry = "MaintainRegistry";
}
