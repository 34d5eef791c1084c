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
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.OData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Amazon connector in a host.</summary>
public static class AmazonConnectorServiceCollectionExtensions
{
    /// <summary>Path of a PKCS#12 certificate that encrypts the Data Protection key ring at rest.</summary>
    public const string CertificatePathKey = AmazonConnectorDefaults.ConfigurationSection + ":DataProtection:CertificatePath";

    /// <summary>Password of that certificate file.</summary>
    public const string CertificatePasswordKey = AmazonConnectorDefaults.ConfigurationSection + ":DataProtection:CertificatePassword";

    /// <summary>
    /// Adds the module's services: its database context (<c>Database:Provider</c>, <c>ConnectionStrings:Erp</c>),
    /// Data Protection keys in its tables, AutoMapper (<c>AutoMapper:LicenseKey</c>), the OData API at
    /// <c>/odata/amazon</c>, authorization policies named after its permissions, the enabled-switch gate and its jobs.
    /// The host provides the ports of <c>ErpAmazonModule.Hosting</c>, authentication and Hangfire.
    /// </summary>
    public static IServiceCollection AddAmazonConnector(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var provider = AmazonDatabase.ReadProvider(configuration);
        var connectionString = configuration.GetConnectionString(AmazonDatabase.ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{AmazonDatabase.ConnectionStringName} is not set.");
        // Pooled: the sync creates a context per order, and the run's row is written through short-lived ones. EF Core
        // interceptors the host registers (its database policy: connection settings, auditing, tracing) apply to it too.
        services.AddPooledDbContextFactory<AmazonDbContext>((sp, options) =>
            AmazonDatabase.Configure(options, provider, connectionString).AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>()));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AmazonDbContext>>().CreateDbContext());

        var dataProtection = services.AddDataProtection().PersistKeysToDbContext<AmazonDbContext>();
        if (configuration[CertificatePathKey] is { Length: > 0 } certificatePath)
        {
            // Without it the key ring sits in the database as plain XML; with it only holders of the certificate can use it.
            dataProtection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(certificatePath, configuration[CertificatePasswordKey]));
        }

        services.AddAutoMapper(cfg => cfg.LicenseKey = configuration["AutoMapper:LicenseKey"], typeof(AmazonMappingProfile));

        var mvc = services.AddControllers();
        if (!mvc.PartManager.ApplicationParts.OfType<AssemblyPart>().Any(p => p.Assembly == typeof(AmazonDbContext).Assembly))
        {
            mvc.AddApplicationPart(typeof(AmazonDbContext).Assembly);
        }

        mvc.AddOData(options => options
            .AddRouteComponents(AmazonConnectorDefaults.RoutePrefix, AmazonEdmModel.Build(), route => route.AddSingleton<Microsoft.AspNetCore.OData.Query.Expressions.IFilterBinder, AmazonFilterBinder>())
            .Select().Filter().OrderBy().Expand().Count().SetMaxTop(AmazonEdmModel.MaxTop));

        services.AddAuthorization(options =>
        {
            foreach (var permission in AmazonPermissions.All)
            {
                options.AddPolicy(permission, policy => policy.AddRequirements(new AmazonPermissionRequirement(permission)));
            }
        });
        services.AddSingleton<IAuthorizationHandler, AmazonPermissionHandler>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IStartupFilter, AmazonModuleGateStartupFilter>();

        services.AddAmazonMwsTransport(configuration);
        services.AddScoped<AmazonAccountCredentials>();

        services.AddSingleton<AmazonSecretProtector>();
        services.AddScoped<AmazonDefaultProductsService>();
        services.AddScoped<AmazonConnectorInstaller>();
        services.AddScoped<AmazonDefaultProductsJob>();
        services.AddSingleton<AmazonRecurringJobs>();
        services.AddScoped<IAmazonOrderSource, AmazonMwsOrderSource>();
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
