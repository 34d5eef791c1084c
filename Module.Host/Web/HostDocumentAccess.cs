using Microsoft.AspNetCore.Authentication;

namespace ErpAmazonModule.Host.Web;

/// <summary>
/// Outside Development the API descriptions (the OpenAPI documents and Swagger UI, OData's <c>$metadata</c> and
/// service documents) are for callers with a key, like the APIs they describe.
/// </summary>
public sealed class HostDocumentAccess(RequestDelegate next, IHostEnvironment environment)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (environment.IsDevelopment() || !Describes(context.Request.Path) || context.User.Identity?.IsAuthenticated == true)
        {
            await next(context);
            return;
        }

        await context.ChallengeAsync();
        await HostErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized",
            $"The API descriptions need an API key: send it in the '{Security.ApiKeyAuthenticationHandler.HeaderName}' header (or log in from the browser).");
    }

    private static bool Describes(PathString path)
    {
        var value = path.Value ?? "";
        return path.StartsWithSegments("/swagger")
            || value.EndsWith("/$metadata", StringComparison.Ordinal)
            || (path.StartsWithSegments("/odata") && value.TrimEnd('/').Count(c => c == '/') == 2);
    }
}
