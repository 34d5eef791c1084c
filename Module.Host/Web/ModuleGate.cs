using ErpAmazonModule.Host.Plugins;
using ErpAmazonModule.Host.Ports;

namespace ErpAmazonModule.Host.Web;

/// <summary>
/// Answers 404 under a module's endpoints (its manifest's <c>endpoints</c>) while the module is not running or is
/// switched off by its enabled setting, read on each request so a change takes effect without a restart.
/// </summary>
public sealed class ModuleGate(RequestDelegate next, ModuleCatalog catalog)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var module = catalog.Modules.FirstOrDefault(m => m.Manifest.Endpoints.Any(e => context.Request.Path.StartsWithSegments(e)));
        if (module is null)
        {
            await next(context);
            return;
        }

        if (!module.IsRunning)
        {
            await HostErrors.WriteAsync(context, StatusCodes.Status404NotFound, "ModuleNotRunning",
                $"The module '{module.Manifest.Name}' is installed but not running; the host's log says why.");
            return;
        }

        var settings = context.RequestServices.GetRequiredService<HostSettings>();
        if (!await settings.IsEnabledAsync(module, context.RequestAborted))
        {
            await HostErrors.WriteAsync(context, StatusCodes.Status404NotFound, "ModuleDisabled",
                $"The module '{module.Manifest.Name}' is switched off by the setting '{module.Manifest.EnabledSettingKey}'.");
            return;
        }

        await next(context);
    }
}
