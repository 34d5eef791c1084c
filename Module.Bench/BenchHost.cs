using System.Globalization;
using ErpAmazonModule.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ErpAmazonModule.Bench;

/// <summary>
/// The reference host with the module, in this process on Kestrel (a real loopback socket), on a fresh SQLite file,
/// talking to the sandbox process. Only warnings and errors are logged.
/// </summary>
public sealed class BenchHost : WebApplicationFactory<Program>
{
    public const string AdminKey = "bench-admin-key";
    private readonly Dictionary<string, string?> _settings;

    public BenchHost(string databasePath, Uri? sandbox, bool clientThrottling, double timeScale)
    {
        DatabasePath = databasePath;
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        var developer = SandboxProcess.Developer;
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["urls"] = "http://127.0.0.1:0",
            ["ConnectionStrings:Erp"] = $"Data Source={databasePath}",
            ["Hangfire:Server:Enabled"] = "false",
            ["Sandbox:Enabled"] = "false",
            ["Demo:SyncOnStart"] = "false",
            ["Auth:ApiKeys:0:Key"] = AdminKey,
            ["Auth:ApiKeys:0:UserName"] = "bench",
            ["Auth:ApiKeys:0:Roles:0"] = "admin",
            // Outside Development the host protects its key ring with a certificate; the benchmark makes a throwaway one.
            ["DataProtection:CertificatePath"] = KeyRingCertificate(Path.GetDirectoryName(databasePath)!, CertificatePassword),
            ["DataProtection:CertificatePassword"] = CertificatePassword,
            ["AmazonConnector:Mws:Regions:EU:Endpoint"] = sandbox?.ToString() ?? "http://127.0.0.1:9",
            ["AmazonConnector:Mws:Regions:EU:DeveloperId"] = developer.DeveloperId,
            ["AmazonConnector:Mws:Regions:EU:AccessKeyId"] = developer.AccessKeyId,
            ["AmazonConnector:Mws:Regions:EU:SecretKey"] = developer.SecretKey,
            ["AmazonConnector:SellingPartner:Regions:EU:Endpoint"] = sandbox?.ToString() ?? "http://127.0.0.1:9",
            ["AmazonConnector:SellingPartner:Regions:EU:ClientId"] = ErpAmazonModule.Sandbox.Store.SandboxCatalog.Application.ClientId,
            ["AmazonConnector:SellingPartner:Regions:EU:ClientSecret"] = ErpAmazonModule.Sandbox.Store.SandboxCatalog.Application.ClientSecret,
            ["AmazonConnector:SellingPartner:TokenEndpoint"] = (sandbox?.ToString().TrimEnd('/') ?? "http://127.0.0.1:9") + "/auth/o2/token",
            ["AmazonConnector:SellingPartner:ThrottleTimeScale"] = timeScale.ToString(CultureInfo.InvariantCulture),
            ["AmazonConnector:SellingPartner:RetryCount"] = "3",
            ["AmazonConnector:SellingPartner:RetryBaseDelay"] = "00:00:00.200",
            ["AmazonConnector:Mws:ClientThrottling"] = clientThrottling ? "true" : "false",
            ["AmazonConnector:SellingPartner:ClientThrottling"] = clientThrottling ? "true" : "false",
            ["AmazonConnector:Mws:ThrottleTimeScale"] = timeScale.ToString(CultureInfo.InvariantCulture),
            ["AmazonConnector:Mws:RetryCount"] = "3",
            ["AmazonConnector:Mws:RetryBaseDelay"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        };
        UseKestrel(0);
    }

    public string DatabasePath { get; }

    private const string CertificatePassword = "bench";

    /// <summary>Writes a throwaway self-signed certificate that protects a key ring, as <c>keyring.pfx</c> in <paramref name="folder"/>; returns its path.</summary>
    public static string KeyRingCertificate(string folder, string password)
    {
        var path = Path.Combine(folder, "keyring.pfx");
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=ErpAmazonModule bench key ring", rsa,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(path, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, password));
        return path;
    }

    /// <summary>A client of the host's API over the loopback socket, with the admin key.</summary>
    public HttpClient Api()
    {
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return client;
    }

    public async Task<T> WithModuleDbAsync<T>(Func<AmazonDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AmazonDbContext>());
    }

    /// <summary>Starts the host alone among this process's hosts (Hangfire's process-wide state).</summary>
    protected override IHost CreateHost(IHostBuilder builder) => HangfireProcessState.StartAlone(() => base.CreateHost(builder));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Bench");
        builder.UseContentRoot(HostContentRoot());
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            .AddFilter("LuckyPennySoftware.AutoMapper.License", LogLevel.None)
            .AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error)
            .AddFilter("Microsoft.EntityFrameworkCore.Migrations", LogLevel.Error));
    }

    // The test host looks for its manifest in the current directory; the bench runs from anywhere.
    private static string HostContentRoot()
    {
        var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json")));
        return manifest.RootElement.EnumerateObject().Single(p => p.Name.StartsWith(typeof(Program).Assembly.GetName().Name + ",", StringComparison.Ordinal)).Value.GetString()!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
    }
}
