namespace ErpAmazonModule.Host.Web;

/// <summary>
/// A browser sends cached HTTP Basic credentials with any request, including a form another site posts: a change
/// (not GET, HEAD or OPTIONS) authenticated that way is refused when the browser says it comes from another origin
/// (<c>Origin</c>, or <c>Sec-Fetch-Site: cross-site</c>). Clients sending <c>X-Api-Key</c> are not browsers' ambient
/// credentials and are not concerned.
/// </summary>
public sealed class HostCrossSiteCheck(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var safe = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method);
        var basic = request.Headers.Authorization.Any(a => a?.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) == true)
            && !request.Headers.ContainsKey(Security.ApiKeyAuthenticationHandler.HeaderName);
        if (safe || !basic || !FromAnotherOrigin(request))
        {
            return next(context);
        }

        return HostErrors.WriteAsync(context, StatusCodes.Status403Forbidden, "CrossSiteRequest",
            "A change sent by a page of another site with the browser's saved login is refused; make it from this host's pages or send X-Api-Key.");
    }

    private static bool FromAnotherOrigin(HttpRequest request)
    {
        if (string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var origin = request.Headers.Origin.FirstOrDefault();
        return !string.IsNullOrEmpty(origin)
            && !(Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }
}
