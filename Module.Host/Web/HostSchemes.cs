using ErpAmazonModule.Host.Security;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace ErpAmazonModule.Host.Web;

/// <summary>Which authentication a request gets: the session cookie on the admin pages, the API key everywhere else.</summary>
public static class HostSchemes
{
    public const string Selector = "Host";
    public const string CookieName = "erp.session";

    /// <summary>The admin pages' path prefix.</summary>
    public const string AdminPrefix = "/admin";

    public static string Select(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path;
        return path.StartsWithSegments(AdminPrefix, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/login", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/logout", StringComparison.OrdinalIgnoreCase)
            ? LoginModel.Scheme
            : ApiKeyAuthenticationHandler.SchemeName;
    }
}

/// <summary>Puts every Razor area (a module's pages) under <c>/admin</c>: <c>/admin/{area}/{page}</c>.</summary>
public sealed class HostAdminAreaConvention : IPageRouteModelConvention
{
    public void Apply(PageRouteModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.AreaName is null)
        {
            return;
        }

        foreach (var selector in model.Selectors.Where(s => s.AttributeRouteModel is not null))
        {
            selector.AttributeRouteModel!.Template = AttributeRouteModel.CombineTemplates(HostSchemes.AdminPrefix.TrimStart('/'), selector.AttributeRouteModel.Template);
        }
    }
}
