using System.Net;
using System.Text;
using ErpAmazonModule.Host.Plugins;

namespace ErpAmazonModule.Host.Web;

/// <summary>The page at <c>/</c>: where to go from here, and which modules run.</summary>
public static class HomePage
{
    public static void MapHomePage(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/", (ModuleCatalog catalog, IHostEnvironment environment, IConfiguration configuration) =>
            Results.Content(Render(catalog, environment, configuration), "text/html; charset=utf-8")).ExcludeFromDescription();

    private static string Render(ModuleCatalog catalog, IHostEnvironment environment, IConfiguration configuration)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Reference ERP</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;line-height:1.5}code{background:#f3f3f3;padding:0 .2rem}</style></head><body>")
            .Append($"<h1>Reference ERP</h1><p>Environment: <b>{E(environment.EnvironmentName)}</b>. Every API needs an API key: send it in the <code>X-Api-Key</code> header, ")
            .Append("or, in a browser, as the password when asked to log in (any user name).</p>")
            .Append("<h2>Start here</h2><ul>")
            .Append("<li><a href=\"/admin\">/admin</a>: the modules' pages for people (sign in with your user name and API key).</li>")
            .Append("<li><a href=\"/swagger\">/swagger</a>: the API documents (Amazon connector and the ERP itself); Authorize with your key to try requests.</li>")
            .Append("<li><a href=\"/hangfire\">/hangfire</a>: the job dashboard (scheduled and past syncs); needs a key with the admin role.</li>")
            .Append("<li><a href=\"/health\">/health</a>: is the host up.</li>");
        if (SandboxMount.IsEnabled(configuration))
        {
            html.Append("<li><a href=\"/odata/amazon/SyncRuns?$orderby=Id%20desc&amp;$top=5\">the latest sync runs</a>, ")
                .Append("<a href=\"/odata/amazon/OrderLinks?$orderby=Id%20desc&amp;$top=20\">the Amazon orders they read</a> and ")
                .Append("<a href=\"/odata/host/SalesOrders?$orderby=Id%20desc&amp;$top=10&amp;$expand=Lines\">the sales orders they created</a>.</li>")
                .Append("<li>Demo keys (Development only): <code>demo-admin-key</code> (admin), <code>demo-manager-key</code> (manager), <code>demo-finance-key</code> (finance), ")
                .Append("<code>demo-warehouse-key</code> (warehouse), <code>demo-sales-key</code> (salesperson).</li>");
        }

        html.Append("</ul><h2>Modules</h2><ul>");
        foreach (var module in catalog.Modules)
        {
            var endpoints = string.Join(", ", module.Manifest.Endpoints.Select(e => $"<code>{E(e)}</code>"));
            html.Append($"<li><b>{E(module.Manifest.Name)}</b> {E(module.Manifest.Version)}: ")
                .Append(module.IsRunning ? $"running at {endpoints}" : "not running (the host's log says why)")
                .Append("</li>");
        }

        return html.Append("</ul></body></html>").ToString();
    }
}
