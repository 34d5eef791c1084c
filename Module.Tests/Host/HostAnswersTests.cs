using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ErpAmazonModule.Tests.TestSupport;

namespace ErpAmazonModule.Tests.Host;

/// <summary>What the host answers a person who got something wrong: a missing key, a missing permission, no Content-Type, and where to start.</summary>
[TestClass]
public sealed class HostAnswersTests
{
    private static ErpHostFactory _factory = null!;

    [ClassInitialize]
    public static void Start(TestContext context) => _factory = SharedHost.Factory;

    [TestMethod]
    public async Task NoKey_401_NamesTheHeader_WithOneChallengePerHeader()
    {
        using var response = await _factory.Client(apiKey: null).GetAsync("/odata/amazon/Accounts");

        var message = await Task.FromResult(response).ExpectErrorAsync(HttpStatusCode.Unauthorized);
        StringAssert.Contains(message, "'X-Api-Key' header");
        var challenges = response.Headers.WwwAuthenticate.ToList();
        Assert.HasCount(2, challenges, "browsers read one challenge per header");
        Assert.IsTrue(challenges.Any(c => c.Scheme == "Basic" && c.Parameter!.Contains("realm=\"ERP\"", StringComparison.Ordinal)));
        Assert.IsTrue(challenges.Any(c => c.Scheme == "ApiKey"));
    }

    [TestMethod]
    public async Task UnknownKey_401_SaysTheKeyIsNotKnown()
    {
        var message = await _factory.Client(apiKey: "not-a-key").GetAsync("/odata/amazon/Accounts").ExpectErrorAsync(HttpStatusCode.Unauthorized);

        StringAssert.Contains(message, "not one this ERP knows");
        Assert.IsFalse(message.Contains("not-a-key", StringComparison.Ordinal), "the key sent is not echoed");
    }

    [TestMethod]
    public async Task KeyWithoutThePermission_403_NamesTheMissingPermission()
    {
        var read = await _factory.Client(ErpHostFactory.SalesKey).GetAsync("/odata/amazon/Accounts").ExpectErrorAsync(HttpStatusCode.Forbidden);
        var manage = await _factory.Client(ErpHostFactory.ManagerKey).PostJsonAsync("/odata/amazon/Accounts", "{}").ExpectErrorAsync(HttpStatusCode.Forbidden);

        StringAssert.Contains(read, "'amazon.data.read'");
        StringAssert.Contains(manage, "'amazon.accounts.manage'");
        Assert.IsFalse(manage.Contains("amazon.data.read", StringComparison.Ordinal), "only what the key lacks: " + manage);
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("text/plain")]
    public async Task BodyThatIsNotJson_415_OneSentence(string? contentType)
    {
        var name = $"Shop {Guid.NewGuid():N}";
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes($$"""{"Name":"{{name}}"}"""));
        if (contentType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        var message = await _factory.Client().PostAsync("/odata/amazon/Accounts", content).ExpectErrorAsync(HttpStatusCode.UnsupportedMediaType);

        StringAssert.Contains(message, "'Content-Type: application/json'");
        Assert.IsLessThan(160, message.Length, message);
        Assert.AreEqual(0, await _factory.WithModuleDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Accounts, a => a.Name == name)));
    }

    [TestMethod]
    public async Task Root_IsAPageLinkingWhereToGo()
    {
        using var response = await _factory.Client(apiKey: null).GetAsync("/");

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        foreach (var link in new[] { "href=\"/swagger\"", "href=\"/hangfire\"", "href=\"/health\"" })
        {
            StringAssert.Contains(page, link);
        }

        StringAssert.Contains(page, "Amazon Connector</b> 0.1.0: running at <code>/odata/amazon</code>");
    }

    [TestMethod]
    public async Task MissingDeveloperCredentials_409_NamingTheKeys()
    {
        using var factory = new ErpHostFactory(sandboxSettings: sandbox => sandbox.ClientSettings().Where(s => !s.Key.Contains(":FE:", StringComparison.Ordinal)).ToDictionary());

        var message = await factory.Client().PostJsonAsync("/odata/amazon/Accounts", Demo.AccountJson(factory, "FE")).ExpectErrorAsync(HttpStatusCode.Conflict);

        StringAssert.Contains(message, "AmazonConnector:Mws:Regions:FE:AccessKeyId");
        Assert.IsFalse(message.Contains("try again", StringComparison.OrdinalIgnoreCase), message);
    }
}

/// <summary>A module the host cannot run is refused with the reason, and the host goes on without it.</summary>
[TestClass]
public sealed class ModuleRefusalTests
{
    [TestMethod]
    public async Task ModuleBuiltForContract2_IsRefused_AndTheHostKeepsRunning()
    {
        var modules = Path.Combine(Path.GetTempPath(), "erp-amazon-tests", Guid.NewGuid().ToString("N"), "modules");
        Directory.CreateDirectory(Path.Combine(modules, "erp.amazon"));
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Repository.PathOf("module.manifest.json")))!;
        manifest["hostContractVersion"] = "2.0";
        File.WriteAllText(Path.Combine(modules, "erp.amazon", "module.manifest.json"), manifest.ToJsonString());
        using var factory = new ErpHostFactory(settings: new Dictionary<string, string?> { ["Modules:Path"] = modules });
        var admin = factory.Client();

        var message = await admin.GetAsync("/odata/amazon/Marketplaces").ExpectErrorAsync(HttpStatusCode.NotFound);

        StringAssert.Contains(message, "installed but not running");
        Assert.IsTrue(factory.Warnings.Any(w => w.Contains($"needs host contract 2.0; this host implements {ErpAmazonModule.Hosting.AmazonHostContract.Version}", StringComparison.Ordinal)), string.Join("\n", factory.Warnings));
        Assert.AreEqual(HttpStatusCode.OK, (await admin.GetAsync("/health")).StatusCode);
        await admin.GetAsync("/odata/host/Products").ExpectAsync(HttpStatusCode.OK);
        StringAssert.Contains(await admin.GetStringAsync("/"), "Amazon Connector</b> 0.1.0: not running");
        Assert.AreEqual(0, (await admin.GetAsync("/api/settings").ExpectAsync(HttpStatusCode.OK)).AsArray().Count, "a refused module's settings are not offered");
    }
}

/// <summary>A module that throws while registering or installing is taken out of service; the host and the other modules go on.</summary>
[TestClass]
public sealed class FailingModuleTests
{
    [TestMethod]
    [DataRow(nameof(ThrowingModule.Stage.Register), "registering its services failed: broken on purpose")]
    [DataRow(nameof(ThrowingModule.Stage.Install), "its install failed: broken on purpose")]
    public async Task ModuleThatThrows_IsIsolated_TheOthersRun(string stage, string reason)
    {
        var modules = Path.Combine(Path.GetTempPath(), "erp-amazon-tests", Guid.NewGuid().ToString("N"), "modules");
        Directory.CreateDirectory(Path.Combine(modules, "erp.amazon"));
        Directory.CreateDirectory(Path.Combine(modules, "test.broken"));
        File.Copy(Repository.PathOf("module.manifest.json"), Path.Combine(modules, "erp.amazon", "module.manifest.json"));
        File.WriteAllText(Path.Combine(modules, "test.broken", "module.manifest.json"), $$"""
            {"id":"test.broken","name":"Broken","description":"Throws on purpose","version":"1.0.0","hostContractVersion":"1.0",
             "entryType":"{{typeof(ThrowingModule).AssemblyQualifiedName}}",
             "settings":[{"key":"test.broken.enabled","type":"bool","default":"true","description":"on"},{"key":"test.broken.stage","type":"string","default":"{{stage}}","description":"where it throws"}],
             "permissions":[],"recurringJobs":[],"migrations":{},"endpoints":["/broken"]}
            """);
        ThrowingModule.FailAt = Enum.Parse<ThrowingModule.Stage>(stage);
        using var factory = new ErpHostFactory(settings: new Dictionary<string, string?> { ["Modules:Path"] = modules });
        var admin = factory.Client();

        await admin.GetAsync("/odata/amazon/Marketplaces").ExpectAsync(HttpStatusCode.OK);
        var message = await admin.GetAsync("/broken/anything").ExpectErrorAsync(HttpStatusCode.NotFound);

        StringAssert.Contains(message, "'Broken' is installed but not running");
        Assert.IsTrue(factory.Warnings.Any(w => w.Contains(reason, StringComparison.Ordinal)), string.Join("\n", factory.Warnings));
        if (ThrowingModule.FailAt == ThrowingModule.Stage.Register)
        {
            Assert.IsNull(factory.Services.GetService(typeof(ThrowingModule.BrokenService)), "what it registered before throwing is removed");
        }
    }
}

/// <summary>A module that throws where <see cref="FailAt"/> says.</summary>
public sealed class ThrowingModule : ErpAmazonModule.Hosting.IErpModule
{
    public enum Stage { Register, Install }

    public static Stage FailAt { get; set; }

    public void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, new BrokenService());
        if (FailAt == Stage.Register)
        {
            throw new InvalidOperationException("broken on purpose");
        }
    }

    public void MapEndpoints(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints)
    {
    }

    public Task InstallAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        return FailAt == Stage.Install ? throw new InvalidOperationException("broken on purpose") : Task.CompletedTask;
    }

    public Task UninstallAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task OnEnabledChangedAsync(IServiceProvider services, bool enabled, CancellationToken cancellationToken) => Task.CompletedTask;

    public string? ValidateSetting(string key, string value) => null;

    /// <summary>A service the module registers before it throws.</summary>
    public sealed class BrokenService;
}
