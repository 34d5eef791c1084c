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
    [DataRow("erp.amazon.enabled", "maybe", 400, "must be true or false")]
    [DataRow("erp.amazon.sync_interval_minutes", "2", 400, "must be from 5 to 1440")]
    [DataRow("erp.amazon.sync.max_order_attempts", "1.5", 400, "must be a whole number")]
    [DataRow("erp.amazon.default_products.sale_reference", " ", 400, "must be text of 1 to 64 characters")]
    [DataRow("erp.amazon.unknown", "1", 404, "not a setting of any running module")]
    [DataRow("erp.amazon.pii_retention_days", "30", 404, "not a setting of any running module")]
    public async Task Settings_InvalidValue_IsRefusedWithTheReasonAndChangesNothing(string key, string value, int status, string reason)
    {
        using var factory = new ErpHostFactory();
        var admin = factory.Client();
        var before = await admin.GetAsync("/api/settings").ExpectAsync(HttpStatusCode.OK);

        var message = await admin.PutJsonAsync($"/api/settings/{key}", $$"""{"Value":"{{value}}"}""").ExpectErrorAsync((HttpStatusCode)status);
        StringAssert.Contains(message, key);
        StringAssert.Contains(message, reason);

        var after = await admin.GetAsync("/api/settings").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(before.ToJsonString(), after.ToJsonString());
    }

    [TestMethod]
    [DataRow("", "no body")]
    [DataRow("{\"Value\":", "cut-off JSON")]
    [DataRow("{}", "no Value")]
    public async Task Settings_PutWithoutAValue_Is400SayingWhatToSend(string body, string what)
    {
        using var factory = new ErpHostFactory();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var message = await factory.Client().PutAsync("/api/settings/erp.amazon.sync_interval_minutes", content).ExpectErrorAsync(HttpStatusCode.BadRequest);

        StringAssert.Contains(message, "{\"Value\":\"...\"}", what);
    }

    [TestMethod]
    public async Task Settings_ChangePermission_ManagerMayChangeOfferSettingsButNotTheSwitch()
    {
        using var factory = new ErpHostFactory();
        var manager = factory.Client(ErpHostFactory.ManagerKey);

        await manager.PutJsonAsync("/api/settings/erp.amazon.default_products.sale_reference", """{"Value":"AMAZON-SALE-2"}""").ExpectAsync(HttpStatusCode.NoContent);
        var refused = await manager.PutJsonAsync(EnabledUrl, """{"Value":"false"}""").ExpectErrorAsync(HttpStatusCode.Forbidden);

        StringAssert.Contains(refused, "host.settings.manage");
        await factory.Client().GetAsync("/odata/amazon/Marketplaces").ExpectAsync(HttpStatusCode.OK);
    }

    [TestMethod]
    public async Task Settings_ListsEveryDefinedSettingWithItsDefaultRangeAndPermission()
    {
        using var factory = new ErpHostFactory();
        var settings = (await factory.Client().GetAsync("/api/settings").ExpectAsync(HttpStatusCode.OK)).AsArray();

        var interval = settings.Single(s => (string?)s!["Key"] == "erp.amazon.sync_interval_minutes")!;
        Assert.AreEqual("30", (string?)interval["Value"]);
        Assert.AreEqual("erp.amazon", (string?)interval["Module"]);
        Assert.AreEqual(("5", "1440"), ((string?)interval["Minimum"], (string?)interval["Maximum"]));
        Assert.AreEqual("amazon.accounts.manage", (string?)interval["ChangePermission"]);
        CollectionAssert.AreEquivalent(ErpAmazonModule.Settings.AmazonSettings.All.Select(s => s.Key).ToList(),
            settings.Select(s => (string?)s!["Key"]).Where(k => k!.StartsWith("erp.amazon.", StringComparison.Ordinal)).ToList());
    }
}
