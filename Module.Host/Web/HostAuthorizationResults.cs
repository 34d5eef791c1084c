using ErpAmazonModule.Host.Ports;
using ErpAmazonModule.Host.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace ErpAmazonModule.Host.Web;

/// <summary>
/// Answers a refused request with an OData error body: 401 names the header to send, 403 the permission that is
/// missing (every policy of the host and its modules is named after the permission it requires).
/// </summary>
public sealed class HostAuthorizationResults(HostPermissions permissions) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (HostSchemes.Select(context) == LoginModel.Scheme && authorizeResult.Challenged)
        {
            // A page: the session's challenge sends the browser to the sign-in page.
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        if (HostSchemes.Select(context) == LoginModel.Scheme && authorizeResult.Forbidden)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not allowed</title></head><body><main><h1>Not allowed</h1>"
                + "<p>Your role does not give you this page. <a href=\"/admin\">Back to the admin pages</a>.</p></main></body></html>", context.RequestAborted);
            return;
        }

        if (authorizeResult.Challenged)
        {
            // The scheme adds its challenges (X-Api-Key and Basic); the body says what to send.
            await context.ChallengeAsync();
            var rejected = (await context.AuthenticateAsync()).Failure is not null;
            await HostErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", rejected
                ? $"The API key sent is not one this ERP knows; send a configured key in the '{ApiKeyAuthenticationHandler.HeaderName}' header."
                : $"Send an API key in the '{ApiKeyAuthenticationHandler.HeaderName}' header (a browser may send it as the password of HTTP Basic).");
            return;
        }

        if (authorizeResult.Forbidden)
        {
            var missing = (context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>() ?? [])
                .Select(a => a.Policy).OfType<string>().Distinct(StringComparer.Ordinal)
                .Where(p => !permissions.HasPermission(context.User, p)).ToList();
            var message = missing.Count == 0
                ? "Your API key does not grant access to this resource."
                : $"Your API key's roles lack the permission {string.Join(" and ", missing.Select(p => $"'{p}'"))} this request needs.";
            await HostErrors.WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden", message);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
