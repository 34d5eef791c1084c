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
    /// and the admin API at <c>{prefix}/admin</c>. A client's endpoint is then <c>http://host:port{prefix}</c>. Requests
    /// whose Host is one of Amazon's (<see cref="AmazonHostNames"/>) are also answered at Amazon's paths without the prefix.
    /// </summary>
    public static IEndpointRouteBuilder MapAmazonSandbox(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        var group = endpoints.MapGroup(prefix);
        MapProtocols(group);
        group.MapSandboxAdmin();
        // A client that only knows Amazon's host names (its connections redirected here) is answered at Amazon's own
        // paths, whatever the prefix: the Host header it sends says which Amazon it thinks it talks to.
        MapProtocols(endpoints.MapGroup("").RequireHost([.. AmazonHostNames]));
        return endpoints;
    }

    /// <summary>Amazon's host names the sandbox answers for at the root of its address (MWS, Selling Partner API, Login with Amazon).</summary>
    public static readonly IReadOnlyList<string> AmazonHostNames =
    [
        "api.amazon.com", "api.amazon.co.uk", "api.amazon.co.jp",
        "sellingpartnerapi-na.amazon.com", "sellingpartnerapi-eu.amazon.com", "sellingpartnerapi-fe.amazon.com",
        "sandbox.sellingpartnerapi-na.amazon.com", "sandbox.sellingpartnerapi-eu.amazon.com", "sandbox.sellingpartnerapi-fe.amazon.com",
        "mws.amazonservices.com", "mws-eu.amazonservices.com", "mws-fe.amazonservices.com", "mws.amazonservices.ca", "mws.amazonservices.com.mx",
        "mws.amazonservices.ae", "mws.amazonservices.in", "mws.amazonservices.jp", "mws.amazonservices.com.au",
    ];

    private static void MapProtocols(RouteGroupBuilder group)
    {
        group.MapMethods("/{section}/{version}", ["GET", "POST"], (HttpContext context, string section, string version, SandboxMwsEndpoint mws) =>
            mws.HandleAsync(context, section, version)).ExcludeFromDescription();
        SellingPartner.SandboxSellingPartnerEndpoints.MapSandboxSellingPartner(group);
    }
}
