using System.Net;
using ErpAmazonModule.Host.Api;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.Swagger;

namespace ErpAmazonModule.Tests.Api;

/// <summary>The committed contracts in <c>openapi/</c> are what the code serves.</summary>
[TestClass]
[TestCategory("Contract")]
public sealed class ContractTests
{
    [TestMethod]
    public async Task OpenApiDocument_MatchesCommittedCopy()
    {
        using var factory = new ErpHostFactory();
        _ = factory.Client();
        var document = factory.Services.GetRequiredService<ISwaggerProvider>().GetSwagger(HostSwagger.ModuleDocument);
        var json = await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_0);

        Assert.IsTrue(document.Paths.Keys.All(p => p.StartsWith("/odata/amazon", StringComparison.Ordinal)), string.Join(", ", document.Paths.Keys));
        Assert.IsTrue(document.Paths.ContainsKey("/odata/amazon/Accounts({key})/ActivateMarketplace"), string.Join(", ", document.Paths.Keys));
        ContractFile.AssertJson("openapi/amazon-connector.v1.json", json);
    }

    [TestMethod]
    public async Task OpenApiDocuments_WithTheDemoSandboxMounted_NameEverySchema_AndLeaveTheSandboxOut()
    {
        using var factory = new ErpHostFactory(settings: new Dictionary<string, string?> { ["Sandbox:Enabled"] = "true", ["Demo:SyncOnStart"] = "false" });
        _ = factory.Client();
        var swagger = factory.Services.GetRequiredService<ISwaggerProvider>();

        foreach (var name in new[] { HostSwagger.ModuleDocument, HostSwagger.HostDocument })
        {
            var document = swagger.GetSwagger(name);
            var schemas = document.Components?.Schemas?.Keys.ToList() ?? [];
            Assert.IsFalse(schemas.Any(s => s.Contains('<') || s.Contains('`') || s.Contains("Sandbox", StringComparison.Ordinal)), $"{name}: {string.Join(", ", schemas)}");
            Assert.IsFalse(document.Paths.Keys.Any(p => p.StartsWith("/sandbox", StringComparison.Ordinal)), $"{name}: {string.Join(", ", document.Paths.Keys)}");
        }

        Assert.IsTrue(swagger.GetSwagger(HostSwagger.HostDocument).Paths.ContainsKey("/api/settings/{key}"));
    }

    [TestMethod]
    public async Task ODataMetadata_MatchesCommittedCopy()
    {
        using var factory = new ErpHostFactory();
        var metadata = await factory.Client().GetStringAsync("/odata/amazon/$metadata");

        StringAssert.Contains(metadata, "EntitySet Name=\"Accounts\"");
        ContractFile.AssertXml("openapi/amazon-connector.v1.csdl.xml", metadata);
    }

    [TestMethod]
    public async Task SwaggerUi_IsServed()
    {
        using var factory = new ErpHostFactory();
        var client = factory.Client(null);
        using var ui = await client.GetAsync("/swagger/index.html");
        Assert.AreEqual(HttpStatusCode.OK, ui.StatusCode);
        using var json = await client.GetAsync($"/swagger/{HostSwagger.ModuleDocument}/swagger.json");
        Assert.AreEqual(HttpStatusCode.OK, json.StatusCode);
    }
}
