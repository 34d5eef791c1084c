using System.Net;
using ErpAmazonModule.Sync;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ErpAmazonModule.Tests.Accounts;

/// <summary>
/// Sellers authorize again every 12 months: an account shows where its authorization stands, and an expired one is
/// not synced (its schedule paused, "Sync now" saying what to do) until the new expiry is saved.
/// </summary>
[TestClass]
public sealed class AuthorizationExpiryTests
{
    [TestMethod]
    public async Task ExpiredAuthorization_ShowsExpired_PausesTheSchedule_AndSyncNowSaysWhatToDo_UntilTheNewExpiryIsSaved()
    {
        using var factory = new ErpHostFactory();
        var admin = factory.Client();
        var now = factory.Clock.GetUtcNow();
        async Task<System.Text.Json.Nodes.JsonNode> Create(string dates) =>
            await admin.PostJsonAsync("/odata/amazon/Accounts", Demo.AccountJson(factory, extra: dates)).ExpectAsync(HttpStatusCode.Created);
        var expired = await Create($",\"AuthorizedOn\":\"{now.AddMonths(-13):O}\",\"AuthorizationExpiresOn\":\"{now.AddDays(-1):O}\"");
        var soon = await Create($",\"AuthorizationExpiresOn\":\"{now.AddDays(10):O}\"");
        var valid = await Create($",\"AuthorizationExpiresOn\":\"{now.AddDays(200):O}\"");
        var unknown = await Create("");

        Assert.AreEqual(("Expired", "ExpiresSoon", "Valid", "Unknown"),
            ((string?)expired["AuthorizationState"], (string?)soon["AuthorizationState"], (string?)valid["AuthorizationState"], (string?)unknown["AuthorizationState"]));
        var listed = await admin.GetAsync("/odata/amazon/Accounts?$filter=AuthorizationState eq 'Expired'&$select=Id").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual((int)expired["Id"]!, (int)listed["value"]![0]!["Id"]!);

        var message = await admin.PostJsonAsync($"/odata/amazon/Accounts({expired["Id"]})/SyncOrders", "{}")
            .ExpectErrorAsync(HttpStatusCode.Conflict, "AuthorizationExpiresOn", messageNamesField: false);
        StringAssert.Contains(message, "authorize again every 12 months");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var queued = await scope.ServiceProvider.GetRequiredService<AmazonOrderSyncScheduler>().QueueDueAsync(CancellationToken.None);
            Assert.IsFalse(queued.Any(r => r.AccountId == (int)expired["Id"]!), "no run storm on an expired authorization");
            Assert.IsTrue(queued.Any(r => r.AccountId == (int)soon["Id"]!), "an authorization ending soon still syncs");
        }

        // The seller authorized again: the new expiry is saved, and the account syncs.
        var renewed = await admin.PatchJsonAsync($"/odata/amazon/Accounts({expired["Id"]})", $$"""{"AuthorizedOn":"{{now:O}}","AuthorizationExpiresOn":"{{now.AddMonths(12):O}}"}""", (string)expired["@odata.etag"]!)
            .ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual("Valid", (string?)renewed["AuthorizationState"]);
        await admin.PostJsonAsync($"/odata/amazon/Accounts({expired["Id"]})/SyncOrders", "{}").ExpectAsync(HttpStatusCode.OK);
    }

    [TestMethod]
    public async Task EndingAuthorizations_AreNotifiedAt30And7DaysAndWhenEnded_OnceEach_AndTheHealthEndpointNamesThem()
    {
        using var factory = new ErpHostFactory();
        var admin = factory.Client();
        var now = factory.Clock.GetUtcNow();
        await admin.PostJsonAsync("/odata/amazon/Accounts", Demo.AccountJson(factory, name: "Ended shop", extra: $",\"AuthorizationExpiresOn\":\"{now.AddDays(-1):O}\"")).ExpectAsync(HttpStatusCode.Created);
        await admin.PostJsonAsync("/odata/amazon/Accounts", Demo.AccountJson(factory, name: "Soon shop", extra: $",\"AuthorizationExpiresOn\":\"{now.AddDays(10):O}\"")).ExpectAsync(HttpStatusCode.Created);
        await admin.PostJsonAsync("/odata/amazon/Accounts", Demo.AccountJson(factory, name: "Fine shop", extra: $",\"AuthorizationExpiresOn\":\"{now.AddDays(200):O}\"")).ExpectAsync(HttpStatusCode.Created);
        async Task<int> RunAsync()
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ErpAmazonModule.Accounts.AmazonAuthorizationWarningsJob>().RunAsync(CancellationToken.None);
            return await factory.WithHostDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Notifications));
        }

        Assert.AreEqual(2, await RunAsync(), "the ended one and the one ending within 30 days");
        Assert.AreEqual(2, await RunAsync(), "each once");
        var shown = await admin.GetAsync("/odata/host/Notifications?$orderby=Id").ExpectAsync(HttpStatusCode.OK);
        StringAssert.Contains((string?)shown["value"]![0]!["Title"], "Ended shop");
        StringAssert.Contains((string?)shown["value"]![1]!["Message"], "ends within 30 days");

        factory.Clock.Advance(TimeSpan.FromDays(4));
        Assert.AreEqual(3, await RunAsync(), "within 7 days: warned again");

        var health = await factory.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>().CheckHealthAsync(CancellationToken.None);
        var entry = health.Entries[ErpAmazonModule.Accounts.AmazonAuthorizationHealthCheck.Name];
        Assert.AreEqual(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, entry.Status);
        StringAssert.Contains(entry.Description, "Ended shop, Soon shop");
        using var endpoint = await factory.Client().GetAsync("/health");
        Assert.AreEqual("Degraded", await endpoint.Content.ReadAsStringAsync());
    }
}
