using ErpAmazonModule.Sandbox;
using ErpAmazonModule.Sandbox.Store;

namespace ErpAmazonModule.Host;

/// <summary>
/// The demo's local Amazon, mounted in the host under <c>Sandbox:BasePath</c> when <c>Sandbox:Enabled</c>. Regions
/// without configured MWS credentials are pointed at it with its seeded developer keys; configured ones still talk
/// to whatever they name (Amazon, in production, where the sandbox stays off).
/// </summary>
public static class SandboxMount
{
    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue("Sandbox:Enabled", false);

    private static string BasePath(IConfiguration configuration) => configuration["Sandbox:BasePath"] is { Length: > 0 } path ? path : "/sandbox";

    /// <summary>Adds the sandbox's services and the MWS settings that point the module at it.</summary>
    public static void AddSandbox(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddAmazonSandbox(configuration);
        var url = (configuration["urls"] ?? "http://localhost:5080").Split(';')[0].Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal);
        var endpoint = url.TrimEnd('/') + BasePath(configuration);
        var defaults = new Dictionary<string, string?>();
        foreach (var developer in SandboxCatalog.Developers)
        {
            var prefix = $"AmazonConnector:Mws:Regions:{developer.Region}";
            if (string.IsNullOrEmpty(configuration[$"{prefix}:AccessKeyId"]))
            {
                defaults[$"{prefix}:Endpoint"] = endpoint;
                defaults[$"{prefix}:DeveloperId"] = developer.DeveloperId;
                defaults[$"{prefix}:AccessKeyId"] = developer.AccessKeyId;
                defaults[$"{prefix}:SecretKey"] = developer.SecretKey;
            }
        }

        // The client must run Amazon's quotas at the sandbox's pace.
        if (string.IsNullOrEmpty(configuration["AmazonConnector:Mws:ThrottleTimeScale"]))
        {
            defaults["AmazonConnector:Mws:ThrottleTimeScale"] = configuration["Sandbox:TimeScale"] ?? "1";
        }

        configuration.AddInMemoryCollection(defaults);
    }

    public static void MapSandbox(this WebApplication app) => app.MapAmazonSandbox(BasePath(app.Configuration));
}
