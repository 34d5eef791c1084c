using System.Net;
using ErpAmazonModule.Tests.TestSupport;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ErpAmazonModule.Tests.Lifecycle;

[TestClass]
public sealed class ModuleLifecycleTests
{
    private const string EnabledUrl = "/api/settings/erp.amazon.enabled";

    private static List<string> RecurringJobIds(ErpHostFactory factory)
    {
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().Select(j => j.Id).ToList();
    }

    [TestMethod]
    public async Task Disable_EndpointsAnswer404AndJobsAreRemoved_Enable_BothComeBackWithoutRestart()
    {
        using var factory = new ErpHostFactory();
        var admin = factory.Client();
        await admin.GetAsync("/odata/amazon/Marketplaces").ExpectAsync(HttpStatusCode.OK);
        CollectionAssert.Contains(RecurringJobIds(factory), AmazonConnectorDefaults.Jobs.EnsureDefaultProducts);

        await admin.PutJsonAsync(EnabledUrl, """{"Value":"false"}""").ExpectAsync(HttpStatusCode.NoContent);

        foreach (var url in new[] { "/odata/amazon/Marketplaces", "/odata/amazon/$metadata", "/odata/amazon/Accounts(1)", "/odata/amazon" })
        {
            using var response = await admin.GetAsync(url);
            Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode, url);
        }

        using (var write = await admin.PostJsonAsync("/odata/amazon/Offers", "{}"))
        {
            Assert.AreEqual(HttpStatusCode.NotFound, write.StatusCode);
        }

        Assert.IsFalse(RecurringJobIds(factory).Any(id => id.StartsWith("amazon:", StringComparison.Ordinal)));
        await admin.GetAsync("/odata/host/Products").ExpectAsync(HttpStatusCode.OK);

        await admin.PutJsonAsync(EnabledUrl, """{"Value":"true"}""").ExpectAsync(HttpStatusCode.NoContent);

        await admin.GetAsync("/odata/amazon/Marketplaces").ExpectAsync(HttpStatusCode.OK);
        CollectionAssert.Contains(RecurringJobIds(factory), AmazonConnectorDefaults.Jobs.EnsureDefaultProducts);
    }

    [TestMethod]
    public async Task DisabledAtStartup_NoJobsAndNo404Leak_ThenEnabledRunsInstall()
    {
        var path = Path.Combine(Path.GetTempPath(), "erp-amazon-tests", Guid.NewGuid().ToString("N"), "erp.db");
        using (var first = new ErpHostFactory(path))
        {
            await first.Client().PutJsonAsync(EnabledUrl, """{"Value":"false"}""").ExpectAsync(HttpStatusCode.NoContent);
        }

        using var second = new ErpHostFactory(path);
        var admin = second.Client();
        using (var response = await admin.GetAsync("/odata/amazon/Marketplaces"))
        {
            Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.IsFalse(RecurringJobIds(second).Any(id => id.StartsWith("amazon:", StringComparison.Ordinal)));
        await admin.PutJsonAsync(EnabledUrl, """{"Value":"true"}""").ExpectAsync(HttpStatusCode.NoContent);
        await admin.GetAsync("/odata/amazon/DefaultProducts('Sale')").ExpectAsync(HttpStatusCode.OK);
    }

    [TestMethod]
    [DataRow("erp.amazon.enabled", "maybe")]
    [DataRow("erp.amazon.pii_retention_days", "31")]
    [DataRow("erp.amazon.write_off.tolerance", "-0.01")]
    [DataRow("erp.amazon.sync_interval_minutes", "2")]
    [DataRow("erp.amazon.write_off.account", " ")]
    [DataRow("erp.amazon.unknown", "1")]
    public async Task Settings_InvalidValue_Returns400AndKeepsTheOldValue(string key, string value)
    {
        using var factory = new ErpHostFactory();
        var admin = factory.Client();
        var before = await admin.GetAsync("/api/settings").ExpectAsync(HttpStatusCode.OK);

        var problem = await admin.PutJsonAsync($"/api/settings/{key}", $$"""{"Value":"{{value}}"}""").ExpectAsync(HttpStatusCode.BadRequest);
        StringAssert.Contains((string?)problem["title"], key);

        var after = await admin.GetAsync("/api/settings").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(before.ToJsonString(), after.ToJsonString());
    }

    [TestMethod]
    public async Task Settings_ListsEveryManifestSettingWithItsDefault()
    {
        using var factory = new ErpHostFactory();
        var settings = (await factory.Client().GetAsync("/api/settings").ExpectAsync(HttpStatusCode.OK)).AsArray();

        var retention = settings.Single(s => (string?)s!["Key"] == "erp.amazon.pii_retention_days")!;
        Assert.AreEqual("30", (string?)retention["Value"]);
        Assert.AreEqual("erp.amazon", (string?)retention["Module"]);
        Assert.AreEqual(11, settings.Count(s => ((string?)s!["Key"])!.StartsWith("erp.amazon.", StringComparison.Ordinal)));
    }
}
