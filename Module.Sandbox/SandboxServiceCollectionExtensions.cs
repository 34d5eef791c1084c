using System.Text.Json.Serialization;
using ErpAmazonModule.Sandbox.Admin;
using ErpAmazonModule.Sandbox.Mws;
using ErpAmazonModule.Sandbox.Store;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ErpAmazonModule.Sandbox;

/// <summary>Registers and maps the local Amazon.</summary>
public static class SandboxServiceCollectionExtensions
{
    /// <summary>Adds the sandbox's state and protocol handlers (options from the <c>Sandbox</c> section).</summary>
    public static IServiceCollection AddAmazonSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SandboxOptions>(configuration.GetSection("Sandbox"));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SandboxStore>();
        services.AddSingleton<SandboxThrottle>();
        services.AddSingleton<SandboxFaults>();
        services.AddSingleton<ISandboxSection, SellersSection>();
        services.AddSingleton<ISandboxSection, OrdersSection>();
        services.AddSingleton<ISandboxSection, FeedsSection>();
        services.AddSingleton<ISandboxSection, FinancesSection>();
        services.AddSingleton<SandboxMwsEndpoint>();
        services.AddSingleton<SellingPartner.SandboxLwa>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return services;
    }

    /// <summary>
    /// Maps MWS at <c>{prefix}/{Section}/{Version}</c> (e.g. <c>/sandbox/Orders/2013-09-01</c>), the Selling Partner API
    /// and Login with Amazon at Amazon's paths under the prefix (<c>{prefix}/sellers/v1/...</c>, <c>{prefix}/auth/o2/token</c>)
    /// and the admin API at <c>{prefix}/admin</c>. A client's endpoint is then <c>http://host:port{prefix}</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapAmazonSandbox(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        var group = endpoints.MapGroup(prefix);
        group.MapMethods("/{section}/{version}", ["GET", "POST"], (HttpContext context, string section, string version, SandboxMwsEndpoint mws) =>
            mws.HandleAsync(context, section, version)).ExcludeFromDescription();
        group.MapSandboxAdmin();
        SellingPartner.SandboxSellingPartnerEndpoints.MapSandboxSellingPartner(group);
        return endpoints;
    }
}
