using ErpAmazonModule.Host.Api;
using ErpAmazonModule.Host.Plugins;
using ErpAmazonModule.Host.Ports;
using ErpAmazonModule.Host.Security;
using ErpAmazonModule.Host.Web;
using ErpAmazonModule.Hosting;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.OData;

namespace ErpAmazonModule.Host;

/// <summary>
/// The reference ERP's composition: what the host owns (its database, authentication and permissions, Data Protection,
/// Hangfire, MVC with OData, OpenAPI) and the modules it loads through the host contract alone.
/// </summary>
public static class HostApplication
{
    /// <summary>Path prefix of a certificate file (PKCS#12) that encrypts the Data Protection key ring at rest.</summary>
    public const string CertificatePathKey = "DataProtection:CertificatePath";

    /// <summary>Password of that certificate file.</summary>
    public const string CertificatePasswordKey = "DataProtection:CertificatePassword";

    /// <summary>On PostgreSQL: how long a job fetched by a host that stopped stays invisible before another host takes it (default 5 minutes).</summary>
    public const string InvisibilityTimeoutKey = "Hangfire:InvisibilityTimeout";

    /// <summary>Folder the host looks for modules in (default: <c>modules/</c> beside the host's assemblies).</summary>
    public const string ModulesPathKey = "Modules:Path";

    /// <summary>Builds the host: configuration checked, host services, then each module's services.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls("http://localhost:5080");
        }

        HostEnvironmentPolicy.Apply(builder.Configuration, builder.Environment);
        var configuration = builder.Configuration;
        var services = builder.Services;
        HostStartup.EnsureSqliteFolder(configuration, builder.Environment.ContentRootPath);
        if (HostDatabase.ReadProvider(configuration) == HostDatabaseProvider.Sqlite
            && HostSqliteLock.Acquire(HostDatabase.ReadConnectionString(configuration), builder.Environment.ContentRootPath) is { } sqliteLock)
        {
            // Held as long as the host runs: made by a factory so that the container releases it with the host.
            services.AddSingleton(_ => sqliteLock);
        }

        // Plug-ins: every module.manifest.json under modules/ (or Modules:Path) names its settings, permissions and entry type.
        var catalog = ModuleCatalog.Discover(configuration[ModulesPathKey] is { Length: > 0 } modulesPath
            ? Path.GetFullPath(modulesPath, builder.Environment.ContentRootPath)
            : Path.Combine(AppContext.BaseDirectory, "modules"));
        services.AddSingleton(catalog);

        AddHostServices(services, configuration);
        // Modules' pages (Razor areas) are served under the host's admin prefix, with its layout and sign-in.
        services.AddRazorPages(o => o.Conventions.Add(new HostAdminAreaConvention()));
        var mvc = services.AddControllers().AddOData(o => o
            .EnableQueryFeatures(HostEdmModel.MaxTop)
            .AddRouteComponents(HostEdmModel.RoutePrefix, HostEdmModel.Build()));
        foreach (var module in catalog.Running.ToList())
        {
            AddModule(module, services, configuration, mvc);
        }

        // One naming convention across the host: OData writes EDM (PascalCase) names, and so do the minimal APIs
        // and the OpenAPI document describing both.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = null);
        services.AddSingleton<Swashbuckle.AspNetCore.SwaggerGen.ISerializerDataContractResolver>(
            new Swashbuckle.AspNetCore.SwaggerGen.JsonSerializerDataContractResolver(new System.Text.Json.JsonSerializerOptions { PropertyNamingPolicy = null }));
        if (SandboxMount.IsEnabled(configuration))
        {
            builder.AddSandbox();
            if (configuration.GetValue("Demo:SyncOnStart", false))
            {
                services.AddHttpClient(DemoSync.ClientName);
                services.AddHostedService<DemoSync>();
            }
        }

        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(HostSwagger.Configure);
        services.AddHealthChecks();
        return builder.Build();
    }

    /// <summary>The request pipeline: module gate, authentication, the host's endpoints and each running module's.</summary>
    public static void Configure(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var catalog = app.Services.GetRequiredService<ModuleCatalog>();
        _ = app.Services.GetService<HostSqliteLock>();
        app.UseHostStatusPages();
        app.UseMiddleware<HostRequestChecks>();
        app.UseMiddleware<ModuleGate>();
        app.UseMiddleware<HostCrossSiteCheck>();
        app.UseAuthentication();
        app.UseMiddleware<HostDocumentAccess>();
        app.UseAuthorization();
        app.UseSwagger();
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint($"/swagger/{HostSwagger.ModuleDocument}/swagger.json", "Amazon connector");
            o.SwaggerEndpoint($"/swagger/{HostSwagger.HostDocument}/swagger.json", "Reference ERP");
        });
        app.MapControllers();
        foreach (var module in catalog.Running.ToList())
        {
            try
            {
                module.Entry!.MapEndpoints(app);
            }
            catch (Exception e)
            {
                module.Fail($"mapping its endpoints failed: {e.Message}");
                app.Logger.LogError(e, "Module {ModuleId} failed to map its endpoints and is out of service.", module.Manifest.Id);
            }
        }

        app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], AppPath = "/" })
            .RequireAuthorization(HostPermissions.ManageSettings);
        app.MapSettingsEndpoints();
        app.MapDeliveryEndpoints();
        app.MapRazorPages();
        app.MapPost("/logout", async (HttpContext context) =>
        {
            await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.SignOutAsync(context, Web.LoginModel.Scheme);
            return Results.Redirect("/login");
        }).ExcludeFromDescription();
        app.MapHomePage();
        if (SandboxMount.IsEnabled(app.Configuration))
        {
            app.MapSandbox();
        }

        app.MapHealthChecks("/health");
        foreach (var module in catalog.Modules.Where(m => !m.IsRunning))
        {
            app.Logger.LogError("Module {ModuleId} is not running: {Reason}", module.Manifest.Id, module.Failure);
        }
    }

    private static void AddHostServices(IServiceCollection services, IConfiguration configuration)
    {
        HostDbContext.Register(services, configuration);
        services.AddScoped<HostSettings>();
        services.AddScoped<IAmazonHostSettings>(sp => sp.GetRequiredService<HostSettings>());
        services.AddSingleton<HostPermissions>();
        services.AddSingleton<IAmazonHostPermissions>(sp => sp.GetRequiredService<HostPermissions>());
        services.AddScoped<IAmazonHostProducts, HostProducts>();
        services.AddScoped<IAmazonHostPartners, HostPartners>();
        services.AddScoped<IAmazonHostTaxes, HostTaxes>();
        services.AddScoped<IAmazonHostSalesOrders, HostSalesOrders>();
        services.AddScoped<IAmazonHostDeliveries, HostDeliveries>();
        services.AddScoped<IAmazonHostAccounting, HostAccounting>();
        services.AddScoped<IAmazonHostNotifications, HostNotifications>();
        services.AddScoped<HostShipments>();
        services.AddScoped<IAmazonHostBuyerData, HostBuyerData>();
        services.AddScoped<IAmazonHostShipments>(sp => sp.GetRequiredService<HostShipments>());
        services.AddScoped<IAmazonHostUnitOfWork, HostUnitOfWork>();
        services.AddSingleton<HostReferenceData>();
        services.AddSingleton(TimeProvider.System);

        services.AddOptions<ApiKeyOptions>(ApiKeyAuthenticationHandler.SchemeName).Bind(configuration.GetSection("Auth"));
        // APIs take an API key; the admin pages (and only they) a session cookie made by the sign-in page, which keeps
        // the cookie away from the APIs a cross-site form could post to.
        services.AddAuthentication(o => { o.DefaultScheme = HostSchemes.Selector; })
            .AddPolicyScheme(HostSchemes.Selector, "API key or session", o => o.ForwardDefaultSelector = HostSchemes.Select)
            .AddScheme<ApiKeyOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { })
            .AddCookie(Web.LoginModel.Scheme, o =>
            {
                o.LoginPath = "/login";
                o.Cookie.Name = HostSchemes.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorization(o =>
        {
            foreach (var permission in new[] { HostPermissions.ReadHostData, HostPermissions.ManageSettings, HostPermissions.ValidateDeliveries })
            {
                o.AddPolicy(permission, p => p.AddRequirements(new HostPermissionRequirement(permission)));
            }
        });
        services.AddSingleton<IAuthorizationHandler, HostPermissionHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, HostAuthorizationResults>();
        // The job dashboard checks its forms' antiforgery tokens once the service is there.
        services.AddAntiforgery();

        // The key ring protecting secrets at rest (modules' tokens too) lives in the host's database, so every
        // instance of the host reads the same keys; a certificate, when configured, encrypts the ring itself.
        var dataProtection = services.AddDataProtection().SetApplicationName("ErpAmazonModule.Host").PersistKeysToDbContext<HostDbContext>();
        if (configuration[CertificatePathKey] is { Length: > 0 } certificatePath)
        {
            dataProtection.ProtectKeysWithCertificate(
                System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(certificatePath, configuration[CertificatePasswordKey]));
        }

        var provider = HostDatabase.ReadProvider(configuration);
        // Read now, not when Hangfire is first used: a wrong value stops the start with one line.
        var invisibilityTimeout = InvisibilityTimeout(configuration);
        services.AddHangfire(c =>
        {
            c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            if (provider == HostDatabaseProvider.SqlServer)
            {
                c.UseSqlServerStorage(HostDatabase.ReadConnectionString(configuration));
            }
            else if (provider == HostDatabaseProvider.PostgreSql)
            {
                // Jobs and the accounts' sync locks in the shared database: every host sees them.
                // A job fetched by a host that died comes back to the queue after the invisibility timeout; a live
                // host's running job keeps its claim however long it runs (the timeout slides). Long polling hands
                // a queued job to a free worker at once instead of at the next poll.
                c.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(HostDatabase.ReadConnectionString(configuration)), new PostgreSqlStorageOptions
                {
                    UseSlidingInvisibilityTimeout = true,
                    InvisibilityTimeout = invisibilityTimeout,
                    EnableLongPolling = true,
                });
            }
            else
            {
                c.UseInMemoryStorage(new InMemoryStorageOptions());
            }
        });
        if (configuration.GetValue("Hangfire:Server:Enabled", true))
        {
            services.AddHangfireServer();
        }
    }

    private static TimeSpan InvisibilityTimeout(IConfiguration configuration)
    {
        var text = configuration[InvisibilityTimeoutKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            return TimeSpan.FromMinutes(5);
        }

        return TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var timeout) && timeout >= TimeSpan.FromSeconds(5) && timeout <= TimeSpan.FromDays(1)
            ? timeout
            : throw new HostConfigurationException($"{InvisibilityTimeoutKey} is '{text}'; set it to a time from 00:00:05 to 1.00:00:00 (for example 00:05:00).");
    }

    // A module whose registration throws is taken out of service with what it registered; the host goes on without it.
    private static void AddModule(LoadedModule module, IServiceCollection services, IConfiguration configuration, IMvcBuilder mvc)
    {
        var before = services.Count;
        try
        {
            module.Entry!.ConfigureServices(services, configuration);
            mvc.AddApplicationPart(module.Entry.GetType().Assembly);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            while (services.Count > before)
            {
                services.RemoveAt(services.Count - 1);
            }

            module.Fail($"registering its services failed: {e.Message}");
        }
    }
}
