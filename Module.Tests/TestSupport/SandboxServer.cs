using ErpAmazonModule.Sandbox;
using ErpAmazonModule.Sandbox.Mws;
using ErpAmazonModule.Sandbox.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ErpAmazonModule.Tests.TestSupport;

/// <summary>The sandbox on Kestrel at 127.0.0.1 (a real socket), mounted under <c>/mws</c> to prove base paths sign right.</summary>
public sealed class SandboxServer : IDisposable
{
    private readonly WebApplication _app;

    private SandboxServer(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The MWS endpoint a client is configured with.</summary>
    public Uri Endpoint { get; }

    public SandboxStore Store => _app.Services.GetRequiredService<SandboxStore>();

    public SandboxFaults Faults => _app.Services.GetRequiredService<SandboxFaults>();

    public SandboxThrottle Throttle => _app.Services.GetRequiredService<SandboxThrottle>();

    /// <summary>Login with Amazon as the sandbox plays it (refresh and access tokens).</summary>
    public ErpAmazonModule.Sandbox.SellingPartner.SandboxLwa Lwa => _app.Services.GetRequiredService<ErpAmazonModule.Sandbox.SellingPartner.SandboxLwa>();

    /// <summary>Starts a sandbox on <paramref name="time"/> (share the host's clock so signed timestamps agree).</summary>
    public static SandboxServer Start(TimeProvider time, Action<SandboxOptions>? configure = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(time);
        builder.Services.AddAmazonSandbox(builder.Configuration);
        builder.Services.Configure<SandboxOptions>(o =>
        {
            o.OrdersPerSeller = 20;
            // The seeded history ends when the test starts, whatever the time of day.
            o.Epoch = time.GetUtcNow();
            configure?.Invoke(o);
        });
        var app = builder.Build();
        app.MapAmazonSandbox("/mws");
        app.StartAsync().GetAwaiter().GetResult();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SandboxServer(app, new Uri(address.TrimEnd('/') + "/mws"));
    }

    /// <summary>Configuration pointing the module's MWS and Selling Partner API transports at this sandbox with its seeded developers and application.</summary>
    public Dictionary<string, string?> ClientSettings(string? euSecretKey = null, string? euAccessKey = null)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var developer in SandboxCatalog.Developers)
        {
            var prefix = $"AmazonConnector:Mws:Regions:{developer.Region}";
            settings[$"{prefix}:Endpoint"] = Endpoint.ToString();
            settings[$"{prefix}:DeveloperId"] = developer.DeveloperId;
            settings[$"{prefix}:AccessKeyId"] = developer.Region == "EU" && euAccessKey is not null ? euAccessKey : developer.AccessKeyId;
            settings[$"{prefix}:SecretKey"] = developer.Region == "EU" && euSecretKey is not null ? euSecretKey : developer.SecretKey;
            var sellingPartner = $"AmazonConnector:SellingPartner:Regions:{developer.Region}";
            settings[$"{sellingPartner}:Endpoint"] = Endpoint.ToString();
            settings[$"{sellingPartner}:ClientId"] = SandboxCatalog.Application.ClientId;
            settings[$"{sellingPartner}:ClientSecret"] = SandboxCatalog.Application.ClientSecret;
        }

        settings["AmazonConnector:SellingPartner:TokenEndpoint"] = Endpoint.ToString().TrimEnd('/') + "/auth/o2/token";

        return settings;
    }

    /// <summary>Requests the sandbox answered with <paramref name="status"/>.</summary>
    public int Answered(int status, string? action = null) => Store.Requests().Count(r => r.Status == status && (action is null || r.Action == action));

    public void Dispose()
    {
        _app.StopAsync().GetAwaiter().GetResult();
        ((IDisposable)_app).Dispose();
    }
}
