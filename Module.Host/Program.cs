using ErpAmazonModule.Hosting;
using ErpAmazonModule.Host;
using ErpAmazonModule.Host.Api;
using ErpAmazonModule.Host.Plugins;
using ErpAmazonModule.Host.Ports;
using ErpAmazonModule.Host.Security;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Security;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.AspNetCore.OData;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://localhost:5080");
}

var configuration = builder.Configuration;
var services = builder.Services;
HostStartup.EnsureSqliteFolder(configuration, builder.Environment.ContentRootPath);

// Plug-ins: every module.manifest.json under modules/ names its settings, permissions and entry type.
var catalog = ModuleCatalog.Discover(Path.Combine(AppContext.BaseDirectory, "modules"));
services.AddSingleton(catalog);

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
services.AddScoped<IAmazonHostUnitOfWork, HostUnitOfWork>();
services.AddSingleton<HostReferenceData>();

services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
    .AddScheme<ApiKeyOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, o => configuration.GetSection("Auth").Bind(o));
services.AddAuthorization(o =>
{
    foreach (var permission in new[] { HostPermissions.ReadHostData, HostPermissions.ManageSettings })
    {
        o.AddPolicy(permission, p => p.AddRequirements(new AmazonPermissionRequirement(permission)));
    }
});

var provider = AmazonDatabase.ReadProvider(configuration);
services.AddHangfire(c =>
{
    c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
    if (provider == AmazonDatabaseProvider.SqlServer)
    {
        c.UseSqlServerStorage(configuration.GetConnectionString(AmazonDatabase.ConnectionStringName));
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

services.AddControllers().AddOData(o => o
    .AddRouteComponents(HostEdmModel.RoutePrefix, HostEdmModel.Build())
    .Select().Filter().OrderBy().Expand().Count().SetMaxTop(1000));
foreach (var module in catalog.Modules)
{
    module.Entry.ConfigureServices(services, configuration);
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
        services.AddHostedService<DemoSync>();
    }
}

services.AddEndpointsApiExplorer();
services.AddSwaggerGen(HostSwagger.Configure);
services.AddHealthChecks();

var app = builder.Build();
await HostStartup.InitializeAsync(app.Services, app.Lifetime.ApplicationStopping);

app.UseAuthentication();
app.UseAuthorization();
app.UseSwagger();
app.UseSwaggerUI(o =>
{
    o.SwaggerEndpoint($"/swagger/{HostSwagger.ModuleDocument}/swagger.json", "Amazon connector");
    o.SwaggerEndpoint($"/swagger/{HostSwagger.HostDocument}/swagger.json", "Reference ERP");
});
app.MapControllers();
foreach (var module in catalog.Modules)
{
    module.Entry.MapEndpoints(app);
}

app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], AppPath = "/swagger" })
    .RequireAuthorization(HostPermissions.ManageSettings);
app.MapSettingsEndpoints();
if (SandboxMount.IsEnabled(configuration))
{
    app.MapSandbox();
}

app.MapHealthChecks("/health");
app.Run();

/// <summary>The reference ERP host (public for tests).</summary>
public partial class Program;
