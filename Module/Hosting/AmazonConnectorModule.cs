using ErpAmazonModule.Hosting;
using ErpAmazonModule.Lifecycle;
using ErpAmazonModule.Settings;

namespace ErpAmazonModule;

/// <summary>The module's entry type, named in <c>module.manifest.json</c>; a plug-in host instantiates it.</summary>
public sealed class AmazonConnectorModule : IErpModule
{
    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration) => services.AddAmazonConnector(configuration);

    /// <summary>Nothing to map: the module's API is OData controllers, which the host maps with its own (<c>MapControllers</c>).</summary>
    public void MapEndpoints(IEndpointRouteBuilder endpoints) => ArgumentNullException.ThrowIfNull(endpoints);

    /// <inheritdoc />
    public async Task InstallAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AmazonConnectorInstaller>().InstallAsync(cancellationToken);
        var enabled = await scope.ServiceProvider.GetRequiredService<IAmazonHostSettings>().GetAsync(AmazonSettings.Enabled, cancellationToken);
        var jobs = scope.ServiceProvider.GetRequiredService<AmazonRecurringJobs>();
        if (enabled)
        {
            // Runs left queued or running by a process that stopped are closed before new ones are queued.
            await scope.ServiceProvider.GetRequiredService<ErpAmazonModule.Sync.AmazonSyncRuns>().AbandonDeadAsync(null, cancellationToken);
            jobs.Register();
        }
        else
        {
            jobs.Remove();
        }
    }

    /// <inheritdoc />
    public Task UninstallAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.GetRequiredService<AmazonRecurringJobs>().Remove();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task OnEnabledChangedAsync(IServiceProvider services, bool enabled, CancellationToken cancellationToken) =>
        enabled ? InstallAsync(services, cancellationToken) : UninstallAsync(services, cancellationToken);

    /// <inheritdoc />
    public string? ValidateSetting(string key, string value) => AmazonSettings.Validate(key, value);

    /// <inheritdoc />
    public IReadOnlyList<AmazonHostAdminPage> AdminPages { get; } =
    [
        new("Amazon", "Accounts", "Amazon", "/Accounts", AmazonConnectorDefaults.Permissions.Read),
        new("Amazon", "Sync", "Amazon", "/Sync", AmazonConnectorDefaults.Permissions.Read),
        new("Amazon", "Offers", "Amazon", "/Offers", AmazonConnectorDefaults.Permissions.Read),
        new("Amazon", "Shipments", "Amazon", "/Shipments", AmazonConnectorDefaults.Permissions.Shipments),
        new("Amazon", "Payments to review", "Amazon", "/Finance", AmazonConnectorDefaults.Permissions.Finance),
        new("Settings ▸ Connectors", "Amazon", "Amazon", "/Settings", AmazonConnectorDefaults.Permissions.ManageAccounts),
    ];

    /// <inheritdoc />
    public async Task OnSettingChangedAsync(IServiceProvider services, AmazonHostSettingChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(change);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Persistence.AmazonDbContext>();
        Compliance.AmazonAuditTrail.Record(db, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(), change.User is null && Compliance.AmazonAuditTrail.Actor is { } actor ? actor : new Compliance.AmazonActor(change.User ?? "(the ERP)", change.RemoteAddress),
            "SettingChanged", "Setting", change.Key, [("Value", change.Before, change.After)]);
        await db.SaveChangesAsync(cancellationToken);
    }
}
