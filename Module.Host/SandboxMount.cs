using ErpAmazonModule.Sandbox;
using ErpAmazonModule.Sandbox.Store;

namespace ErpAmazonModule.Host;

/// <summary>
/// The demo's local Amazon, mounted in the host under <c>Sandbox:BasePath</c> when <c>Sandbox:Enabled</c>. Regions
/// without configured MWS credentials or Selling Partner API application are pointed at it with its seeded developer
/// keys and application; configured ones still talk to whatever they name (Amazon, in production, where the sandbox
/// stays off).
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

            var sellingPartner = $"AmazonConnector:SellingPartner:Regions:{developer.Region}";
            if (string.IsNullOrEmpty(configuration[$"{sellingPartner}:ClientId"]))
            {
                defaults[$"{sellingPartner}:Endpoint"] = endpoint;
                defaults[$"{sellingPartner}:ClientId"] = SandboxCatalog.Application.ClientId;
                defaults[$"{sellingPartner}:ClientSecret"] = SandboxCatalog.Application.ClientSecret;
            }
        }

        if (string.IsNullOrEmpty(configuration["AmazonConnector:SellingPartner:TokenEndpoint"]))
        {
            defaults["AmazonConnector:SellingPartner:TokenEndpoint"] = endpoint + "/auth/o2/token";
        }

        if (string.IsNullOrEmpty(configuration["AmazonConnector:SellingPartner:ThrottleTimeScale"]))
        {
            defaults["AmazonConnector:SellingPartner:ThrottleTimeScale"] = configuration["Sandbox:TimeScale"] ?? "1";
        }

        // The demo's Amazon is the same after a restart: its history ends at the moment of the demo database's first
        // start, kept beside the database (deleting the data folder resets both).
        if (string.IsNullOrEmpty(configuration["Sandbox:Epoch"]) && DemoEpochFile(configuration, builder.Environment) is { } epochFile)
        {
            if (!File.Exists(epochFile))
            {
                File.WriteAllText(epochFile, DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
            }

            defaults["Sandbox:Epoch"] = File.ReadAllText(epochFile).Trim();
        }

        // The client must run Amazon's quotas at the sandbox's pace.
        if (string.IsNullOrEmpty(configuration["AmazonConnector:Mws:ThrottleTimeScale"]))
        {
            defaults["AmazonConnector:Mws:ThrottleTimeScale"] = configuration["Sandbox:TimeScale"] ?? "1";
        }

        configuration.AddInMemoryCollection(defaults);
    }

    // Beside a SQLite database file: data/erp.development.db has data/erp.development.sandbox-epoch.
    private static string? DemoEpochFile(IConfiguration configuration, IHostEnvironment environment)
    {
        var connectionString = configuration.GetConnectionString(HostDatabase.ConnectionStringName);
        if (HostDatabase.ReadProvider(configuration) != HostDatabaseProvider.Sqlite || string.IsNullOrEmpty(connectionString))
        {
            return null;
        }

        var dataSource = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        return dataSource is "" or ":memory:" ? null : Path.ChangeExtension(Path.GetFullPath(dataSource, environment.ContentRootPath), ".sandbox-epoch");
    }

    public static void MapSandbox(this WebApplication app) => app.MapAmazonSandbox(BasePath(app.Configuration));
}
