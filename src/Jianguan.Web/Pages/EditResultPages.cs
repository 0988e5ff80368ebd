using Jianguan.Web.Platform.Errors;
using Jianguan.Web.Modules.Organization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianguan.Web.Pages;

/// <summary>Turns an edit outcome into the page's answer: redirect on success, errors beside the form otherwise.</summary>
public static class EditResultPages
{
    public static IActionResult Handle<T>(PageModel page, EditResult<T> result, string savedMessage, string listPage, object? routeValues = null)
    {
        switch (result)
        {
            case EditResult<T>.Saved:
                page.TempData["Message"] = savedMessage;
                return page.RedirectToPage(listPage, routeValues);
            case EditResult<T>.Invalid invalid:
                foreach (var (field, messages) in invalid.Errors)
                    foreach (var message in messages) page.ModelState.AddModelError(field, message);
                break;
            case EditResult<T>.Conflict conflict:
                page.ModelState.AddModelError(conflict.Field, conflict.Message);
                break;
            case EditResult<T>.NotFound:
                return page.NotFound();
            case EditResult<T>.Forbidden forbidden:
                page.ModelState.AddModelError("", forbidden.Message);
                page.Response.StatusCode = StatusCodes.Status403Forbidden;
                break;
        }
        if (page.Response.StatusCode == StatusCodes.Status200OK) page.Response.StatusCode = StatusCodes.Status400BadRequest;
        return page.Page();
    }
}
