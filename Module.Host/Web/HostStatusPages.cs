namespace ErpAmazonModule.Host.Web;

/// <summary>An API path that matches nothing, or a method a resource does not take, answers in the OData error shape, not with an empty body.</summary>
public static class HostStatusPages
{
    public static IApplicationBuilder UseHostStatusPages(this IApplicationBuilder app) =>
        app.UseStatusCodePages(context =>
        {
            var http = context.HttpContext;
            if (!HostRequestChecks.IsApi(http.Request.Path) || http.Response.ContentType is not null)
            {
                return Task.CompletedTask;
            }

            return http.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => HostErrors.WriteAsync(http, StatusCodes.Status404NotFound, "NotFound",
                    $"Nothing answers {http.Request.Path}: check the entity set and key (for example /odata/amazon/Offers(1)); /odata/amazon/$metadata lists what exists."),
                StatusCodes.Status405MethodNotAllowed => HostErrors.WriteAsync(http, StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed",
                    $"{http.Request.Method} is not accepted here."),
                _ => Task.CompletedTask,
            };
        });
}
