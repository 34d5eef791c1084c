using ErpAmazonModule.Hosting;

namespace ErpAmazonModule.Lifecycle;

/// <summary>Answers 404 for every module path while the module is disabled, read on each request (no restart needed).</summary>
internal sealed class AmazonModuleGate(RequestDelegate next)
{
    private static readonly PathString Prefix = "/" + AmazonConnectorDefaults.RoutePrefix;

    public async Task InvokeAsync(HttpContext context, IAmazonHostSettings settings)
    {
        if (context.Request.Path.StartsWithSegments(Prefix) && !await settings.IsModuleEnabledAsync(context.RequestAborted))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsJsonAsync(
                new { error = new { code = "ModuleDisabled", message = "The Amazon connector is disabled in this ERP's settings." } },
                context.RequestAborted);
            return;
        }

        await next(context);
    }
}

/// <summary>Puts <see cref="AmazonModuleGate"/> first in the host's pipeline.</summary>
internal sealed class AmazonModuleGateStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<AmazonModuleGate>();
        next(app);
    };
}
