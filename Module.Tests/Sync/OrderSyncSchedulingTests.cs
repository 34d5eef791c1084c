using System.Net;
using ErpAmazonModule.Lifecycle;
using ErpAmazonModule.Sync;
using ErpAmazonModule.Tests.TestSupport;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ErpAmazonModule.Tests.Sync.SyncScenario;

namespace ErpAmazonModule.Tests.Sync;

/// <summary>Jobs, locks and quotas of the order sync.</summary>
[TestClass]
public sealed class OrderSyncSchedulingTests
{
    private const string Germany = "A1PA6795UKMFR9";

    private static List<string> RecurringJobIds(ErpHostFactory factory)
    {
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().Select(j => j.Id).ToList();
    }

    [TestMethod]
    public async Task EachActiveAccount_HasItsRecurringJob_RemovedWhenInactiveOrDeleted()
    {
        using var factory = new ErpHostFactory();
        var admin = factory.Client();
        var account = await Demo.CreateAccountAsync(factory, admin);
        var jobId = AmazonRecurringJobs.OrdersJobId((int)account["Id"]!);
        using (var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var job = connection.GetRecurringJobs().Single(j => j.Id == jobId);
            Assert.AreEqual("*/30 * * * *", job.Cron, "the module's default interval");
        }

        var updated = await admin.PatchJsonAsync($"/odata/amazon/Accounts({account["Id"]})", """{"IsActive":false}""").ExpectAsync(HttpStatusCode.OK);
        CollectionAssert.DoesNotContain(RecurringJobIds(factory), jobId);
        await admin.PatchJsonAsync($"/odata/amazon/Accounts({account["Id"]})", """{"IsActive":true,"SyncIntervalMinutes":120}""", (string)updated["@odata.etag"]!).ExpectAsync(HttpStatusCode.OK);
        using (var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            Assert.AreEqual("0 */2 * * *", connection.GetRecurringJobs().Single(j => j.Id == jobId).Cron);
        }

        await admin.PutJsonAsync("/api/settings/erp.amazon.enabled", """{"Value":"false"}""").ExpectAsync(HttpStatusCode.NoContent);
        Assert.IsFalse(RecurringJobIds(factory).Any(id => id.StartsWith("amazon:", StringComparison.Ordinal)));
        await admin.PutJsonAsync("/api/settings/erp.amazon.enabled", """{"Value":"true"}""").ExpectAsync(HttpStatusCode.NoContent);
        CollectionAssert.Contains(RecurringJobIds(factory), jobId);

        await admin.DeleteAsync($"/odata/amazon/Accounts({account["Id"]})", null).ExpectAsync(HttpStatusCode.NoContent);
        CollectionAssert.DoesNotContain(RecurringJobIds(factory), jobId);
    }

    [TestMethod]
    [DataRow(5, "*/5 * * * *")]
    [DataRow(59, "*/59 * * * *")]
    [DataRow(60, "0 */1 * * *")]
    [DataRow(360, "0 */6 * * *")]
    [DataRow(1440, "0 0 * * *")]
    public void Cron_FollowsTheInterval(int minutes, string cron) => Assert.AreEqual(cron, AmazonRecurringJobs.Cron(minutes));

    [TestMethod]
    public async Task TwoJobServersSharingOneStorage_SeveralAccounts_EveryOrderExactlyOnce()
    {
        using var factory = new ErpHostFactory();
        var admin = factory.Client();
        var scenarios = new List<SyncScenario>();
        for (var a = 0; a < 3; a++)
        {
            var s = await SyncScenario.CreateAsync(factory, "EU", Germany);
            for (var i = 0; i < 5; i++)
            {
                s.Order(Germany, "MFN", "Unshipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))], minutesAgo: 60 - i);
            }

            scenarios.Add(s);
        }

        var storage = factory.Services.GetRequiredService<JobStorage>();
        var activator = new AspNetCoreJobActivator(factory.Services.GetRequiredService<IServiceScopeFactory>());
        using (var first = new BackgroundJobServer(new BackgroundJobServerOptions { ServerName = "server-a", WorkerCount = 3, Activator = activator }, storage))
        using (var second = new BackgroundJobServer(new BackgroundJobServerOptions { ServerName = "server-b", WorkerCount = 3, Activator = activator }, storage))
        {
            foreach (var s in scenarios)
            {
                for (var run = 0; run < 3; run++)
                {
                    await admin.PostJsonAsync($"/odata/amazon/Accounts({s.AccountId})/SyncOrders", "{}").ExpectAsync(HttpStatusCode.OK);
                }
            }

            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await factory.WithModuleDbAsync(db => db.SyncRuns.CountAsync(r => r.State == AmazonSyncRunState.Queued || r.State == AmazonSyncRunState.Running)) > 0)
            {
                Assert.IsTrue(DateTime.UtcNow < deadline, "the runs did not finish");
                await Task.Delay(100);
            }
        }

        var runs = await factory.WithModuleDbAsync(db => db.SyncRuns.AsNoTracking().ToListAsync());
        var failures = await factory.WithModuleDbAsync(db => db.OrderLinks.Where(l => l.LastError != null).Select(l => l.LastError).ToListAsync());
        Assert.AreEqual(0, failures.Count, string.Join("; ", failures));
        Assert.AreEqual(9, runs.Count);
        Assert.IsTrue(runs.All(r => r.State == AmazonSyncRunState.Succeeded || r.Error?.StartsWith("Another sync of this account is running", StringComparison.Ordinal) == true),
            string.Join("; ", runs.Select(r => $"{r.State} {r.Error}")) + "\n" + string.Join("\n", factory.Warnings.Where(w => w.Contains("failed", StringComparison.OrdinalIgnoreCase))));
        foreach (var s in scenarios)
        {
            Assert.IsTrue(runs.Any(r => r.AccountId == s.AccountId && r.State == AmazonSyncRunState.Succeeded));
            Assert.AreEqual(5, runs.Where(r => r.AccountId == s.AccountId).Sum(r => r.OrdersCreated), "each order created by exactly one run");
            var references = await factory.WithHostDbAsync(db => db.SalesOrders.Where(o => o.Origin == $"Amazon:{s.AccountId}").Select(o => o.ClientReference).ToListAsync());
            Assert.AreEqual(5, references.Count);
            Assert.AreEqual(5, references.Distinct().Count());
        }
    }

    [TestMethod]
    public async Task RecoverOrder_WhileTheAccountIsLockedByARun_WaitsThenRefusesInsteadOfRacing()
    {
        using var factory = new ErpHostFactory();
        var s = await SyncScenario.CreateAsync(factory, "EU", Germany);
        var order = s.Order(Germany, "MFN", "Unshipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))]);
        var storage = factory.Services.GetRequiredService<JobStorage>();
        using var locked = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = Task.Run(() =>
        {
            using var connection = storage.GetConnection();
            using var held = connection.AcquireDistributedLock(AmazonConnectorDefaults.Jobs.OrdersLockPrefix + s.AccountId, TimeSpan.FromSeconds(5));
            locked.Set();
            release.Wait(TimeSpan.FromSeconds(30));
        });
        locked.Wait(TimeSpan.FromSeconds(10));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var (run, link) = await scope.ServiceProvider.GetRequiredService<AmazonOrderSync>().RecoverAsync(s.AccountId, order.AmazonOrderId, TimeSpan.FromMilliseconds(300), CancellationToken.None);
            Assert.IsNull(link);
            Assert.AreEqual(AmazonOrderSync.AnotherRunMessage, run.Error);
        }

        Assert.AreEqual(0, await s.SalesOrderCountAsync(order.AmazonOrderId));
        release.Set();
        await holder;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var (_, link) = await scope.ServiceProvider.GetRequiredService<AmazonOrderSync>().RecoverAsync(s.AccountId, order.AmazonOrderId, TimeSpan.FromSeconds(5), CancellationToken.None);
            Assert.AreEqual(AmazonOrderLinkState.Imported, link!.State);
        }
    }

    [TestMethod]
    public async Task FullSyncWithAmazonsQuotas_TimeScaled_IsNeverThrottled()
    {
        // Thirty daily windows need thirty ListOrders calls against a burst of six: the client has to wait.
        using var factory = new ErpHostFactory(realTimeScale: 600, orders: 120);
        var admin = factory.Client();
        await admin.PutJsonAsync("/api/settings/erp.amazon.sync.window_hours", """{"Value":"24"}""").ExpectAsync(HttpStatusCode.NoContent);
        var account = await admin.PostJsonAsync("/odata/amazon/Accounts", """
            {"Name":"Sandbox EU","Api":"Mws","Region":"EU","SellerId":"A1SANDBOXEU0001","AuthorizationToken":"amzn.mws.5eb2c9a1-0000-4000-8000-00000000e001"}
            """).ExpectAsync(HttpStatusCode.Created);

        AmazonSyncRunEntity run;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            run = await scope.ServiceProvider.GetRequiredService<AmazonOrderSync>().RunAsync((int)account["Id"]!, AmazonSyncTrigger.Manual, null, null, CancellationToken.None);
        }

        Assert.AreEqual(AmazonSyncRunState.Succeeded, run.State, run.Error);
        Assert.IsTrue(run.OrdersCreated > 60, $"{run.OrdersCreated} orders created");
        Assert.AreEqual(0, factory.Sandbox.Answered(503), "the sandbox never had to throttle");
        Assert.IsTrue(run.ThrottleWaits > 0, "the client waited instead");
        Assert.IsTrue(run.ThrottleWaitMilliseconds > 0);
    }
}
