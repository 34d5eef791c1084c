using ErpAmazonModule;
using ErpAmazonModule.Accounts;
using ErpAmazonModule.Amazon;
using ErpAmazonModule.Amazon.Mws;
using ErpAmazonModule.Api;
using ErpAmazonModule.DefaultProducts;
using ErpAmazonModule.Lifecycle;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Security;
using ErpAmazonModule.Sync;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Amazon connector in a host.</summary>
public static class AmazonConnectorServiceCollectionExtensions
{
    // Stateless: one instance serves every context.
    private static readonly AmazonQueryCancellation QueryCancellation = new();

    /// <summary>
    /// Adds the module's services: its database context (<c>Database:Provider</c>, <c>ConnectionStrings:Erp</c>), its OData
    /// route component at <c>/odata/amazon</c>, authorization policies named after its permissions, the MWS transport, the
    /// order sync and its jobs. It changes nothing else of the host's: the host provides the ports of
    /// <c>ErpAmazonModule.Hosting</c>, authentication, Data Protection, Hangfire, MVC with OData (<c>AddControllers().AddOData()</c>)
    /// and the module's assembly as an application part, and maps controllers.
    /// </summary>
    public static IServiceCollection AddAmazonConnector(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var provider = AmazonDatabase.ReadProvider(configuration);
        var connectionString = configuration.GetConnectionString(AmazonDatabase.ConnectionStringName)
            ?? throw new AmazonConfigurationException($"ConnectionStrings:{AmazonDatabase.ConnectionStringName} is not set.");
        // Pooled: the sync creates a context per order, and the run's row is written through short-lived ones. EF Core
        // interceptors the host registers (its database policy: connection settings, auditing, tracing) apply to it too.
        services.AddPooledDbContextFactory<AmazonDbContext>((sp, options) =>
            AmazonDatabase.Configure(options, provider, connectionString)
                .AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>())
                .AddInterceptors(QueryCancellation, new ErpAmazonModule.Compliance.AmazonAuditTrail(sp.GetRequiredService<TimeProvider>())));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AmazonDbContext>>().CreateDbContext());

        services.AddSingleton<AmazonApiMapper>();
        // Only the module's route component: the query options its entity sets allow are in its own model.
        services.Configure<ODataOptions>(options => options.AddRouteComponents(AmazonConnectorDefaults.RoutePrefix, AmazonEdmModel.Build(),
            route => route.AddSingleton<Microsoft.AspNetCore.OData.Query.Expressions.IFilterBinder, AmazonFilterBinder>()));

        services.AddAuthorization(options =>
        {
            foreach (var permission in AmazonPermissions.All)
            {
                options.AddPolicy(permission, policy => policy.AddRequirements(new AmazonPermissionRequirement(permission)));
            }
        });
        services.AddSingleton<IAuthorizationHandler, AmazonPermissionHandler>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddAmazonMwsTransport(configuration);
        services.AddAmazonSpTransport(configuration);
        services.AddSingleton<AmazonAccountEndpoints>();
        services.AddScoped<AmazonAccountCredentials>();
        services.AddScoped<AmazonAccountsService>();
        services.AddScoped<ErpAmazonModule.Marketplaces.AmazonMarketplacesService>();
        services.AddScoped<ErpAmazonModule.Offers.AmazonOfferValidator>();
        services.AddScoped<ErpAmazonModule.Offers.AmazonOffersService>();

        services.AddSingleton<AmazonSecretProtector>();
        services.AddScoped<AmazonDefaultProductsService>();
        services.AddScoped<AmazonConnectorInstaller>();
        services.AddScoped<AmazonDefaultProductsJob>();
        services.AddSingleton<AmazonRecurringJobs>();
        services.AddScoped<IAmazonOrderSource, AmazonMwsOrderSource>();
        services.AddScoped<IAmazonOrderSource, ErpAmazonModule.Amazon.SellingPartner.AmazonSpOrdersV0Source>();
        services.AddScoped<IAmazonOrderSource, ErpAmazonModule.Amazon.SellingPartner.AmazonSpOrders2026Source>();
        services.AddScoped<IAmazonFinanceSource, AmazonMwsFinanceSource>();
        services.AddScoped<IAmazonFinanceSource, ErpAmazonModule.Amazon.SellingPartner.AmazonSpFinanceSource>();
        services.AddSingleton<ErpAmazonModule.Finance.AmazonFinanceImport>();
        services.AddScoped<ErpAmazonModule.Finance.AmazonFinanceService>();
        services.AddScoped<ErpAmazonModule.Finance.AmazonSettlementService>();
        services.AddSingleton<ErpAmazonModule.Finance.AmazonReconciliationService>();
        services.AddScoped<ErpAmazonModule.Finance.AmazonPaymentsJob>();
        services.AddScoped<AmazonAuthorizationWarningsJob>();
        services.AddScoped<IAmazonFeedSource, AmazonMwsFeedSource>();
        services.AddScoped<IAmazonFeedSource, ErpAmazonModule.Amazon.SellingPartner.AmazonSpFeedSource>();
        services.AddSingleton<ErpAmazonModule.Shipments.AmazonShipmentService>();
        services.AddScoped<ErpAmazonModule.Shipments.AmazonShipmentsJob>();
        services.AddSingleton(new ErpAmazonModule.Compliance.AmazonInstallation(provider));
        services.AddScoped<ErpAmazonModule.Compliance.AmazonDeveloperProfileService>();
        services.AddScoped<ErpAmazonModule.Compliance.AmazonDataProtectionJob>();
        // The host's health endpoint shows accounts whose authorization is about to end (a check added to the host's own).
        services.AddHealthChecks().AddCheck<AmazonAuthorizationHealthCheck>(AmazonAuthorizationHealthCheck.Name, Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded);
        services.AddSingleton(sp => new AmazonAccountLocks(sp.GetRequiredService<Hangfire.JobStorage>(), provider, connectionString));
        services.AddSingleton<AmazonSyncRuns>();
        services.AddSingleton<AmazonOrderSync>();
        services.AddScoped<AmazonSyncRunContextLoader>();
        services.AddScoped<AmazonOrderImporter>();
        services.AddScoped<AmazonOrderFailures>();
        services.AddScoped<AmazonOrderSyncScheduler>();
        services.AddScoped<AmazonOrderSyncJob>();
        return services;
    }
}
