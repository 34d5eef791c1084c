namespace ErpAmazonModule.Hosting;

/// <summary>
/// What a plug-in host calls on the module's entry type (named in <c>module.manifest.json</c>).
/// The host owns the process, authentication, Hangfire storage and server; the module adds its services,
/// endpoints and recurring jobs.
/// </summary>
public interface IErpModule
{
    /// <summary>Registers the module's services.</summary>
    void ConfigureServices(IServiceCollection services, IConfiguration configuration);

    /// <summary>Maps the module's endpoints.</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints);

    /// <summary>Applies migrations and seeds reference data; idempotent. Runs at start-up and when the module is enabled.</summary>
    Task InstallAsync(IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>Removes what the module registered outside its tables (recurring jobs). Data stays.</summary>
    Task UninstallAsync(IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>The host calls this after its enabled setting changed, without a restart.</summary>
    Task OnEnabledChangedAsync(IServiceProvider services, bool enabled, CancellationToken cancellationToken);

    /// <summary>Why <paramref name="value"/> is not acceptable for the module's setting <paramref name="key"/>, or null.</summary>
    string? ValidateSetting(string key, string value);

    /// <summary>
    /// The host calls this after storing a change to one of the module's settings (added in contract 1.4, for the
    /// module's audit trail); a host of an earlier contract never calls it.
    /// </summary>
    Task OnSettingChangedAsync(IServiceProvider services, AmazonHostSettingChange change, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The module's pages for the host's admin navigation (added in contract 1.5). The module's Razor pages live in the
    /// area its entries name; the host serves that area under its admin prefix, lays the pages out with its layout
    /// <c>_AdminLayout</c>, signs its users in, and shows an entry only to users holding its permission.
    /// </summary>
    IReadOnlyList<AmazonHostAdminPage> AdminPages => [];
}

/// <summary>A page of the module in the host's admin navigation.</summary>
/// <param name="Section">The navigation group, e.g. <c>Amazon</c>.</param>
/// <param name="Title">The entry's text.</param>
/// <param name="Area">The Razor area the page is in.</param>
/// <param name="Page">The page's path inside the area, e.g. <c>/Shipments</c>.</param>
/// <param name="Permission">Who sees the entry (the page itself requires it too).</param>
public sealed record AmazonHostAdminPage(string Section, string Title, string Area, string Page, string Permission);

/// <summary>A change to a module setting: the key, the value before and after, who changed it and from where.</summary>
public sealed record AmazonHostSettingChange(string Key, string? Before, string After, string? User, string? RemoteAddress);
