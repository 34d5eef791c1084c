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

/// <summary>Due times, jobs, locks and quotas of the order sync.</summary>
[TestClass]
public sealed class OrderSyncSchedulingTests
{
    private const string Germany = "A1PA6795UKMFR9";

    private static List<string> RecurringJobIds(ErpHostFactory factory)
    {
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().Select(j => j.Id).ToList();
    }

    private static async Task<IReadOnlyList<AmazonSyncRunEntity>> QueueDueAsync(ErpHostFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AmazonOrderSyncScheduler>().QueueDueAsync(CancellationToken.None);
    }

    [TestMethod]
    public async Task Dispatcher_QueuesActiveAccountsWhenDue_OnceAtATime_AndTheModuleSwitchRemovesItsJob()
    {
        using var factory = new ErpHostFactory();
        var admin = factory.Client();
        var active = await Demo.CreateAccountAsync(factory, admin);
        var inactive = await Demo.CreateAccountAsync(factory, admin);
        await admin.PatchJsonAsync($"/odata/amazon/Accounts({inactive["Id"]})", """{"IsActive":false}""").ExpectAsync(HttpStatusCode.OK);
        CollectionAssert.Contains(RecurringJobIds(factory), AmazonConnectorDefaults.Jobs.QueueDueSyncs);

        var queued = await QueueDueAsync(factory);

        Assert.AreEqual((int)active["Id"]!, queued.Single().AccountId, "a new account is due at once; an inactive one never");
        Assert.AreEqual(AmazonSyncTrigger.Schedule, queued.Single().Trigger);
        Assert.IsNotNull(queued.Single().JobId, "a background job runs it");
        factory.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.AreEqual(0, (await QueueDueAsync(factory)).Count, "due again, but its run is still queued");
        var account = await admin.GetAsync($"/odata/amazon/Accounts({active["Id"]})").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(queued.Single().QueuedOn.AddMinutes(30), DateTimeOffset.Parse((string)account["NextSyncOn"]!, System.Globalization.CultureInfo.InvariantCulture));

        await admin.PutJsonAsync("/api/settings/erp.amazon.enabled", """{"Value":"false"}""").ExpectAsync(HttpStatusCode.NoContent);
        Assert.IsFalse(RecurringJobIds(factory).Any(id => id.StartsWith("amazon:", StringComparison.Ordinal)));
        Assert.AreEqual(0, (await QueueDueAsync(factory)).Count, "the module is off");
        await admin.PutJsonAsync("/api/settings/erp.amazon.enabled", """{"Value":"true"}""").ExpectAsync(HttpStatusCode.NoContent);
        CollectionAssert.IsSubsetOf(AmazonRecurringJobs.Ids.ToList(), RecurringJobIds(factory));
    }

    [TestMethod]
    [DataRow(59)]
    [DataRow(90)]
    [DataRow(1000)]
    public async Task Interval_IsHonouredToTheMinute_WhateverItIs(int minutes)
    {
        using var factory = new ErpHostFactory();
        var admin = factory.Client();
        var account = await Demo.CreateAccountAsync(factory, admin);
        await admin.PatchJsonAsync($"/odata/amazon/Accounts({account["Id"]})", $$"""{"SyncIntervalMinutes":{{minutes}}}""").ExpectAsync(HttpStatusCode.OK);
        var sync = factory.Services.GetRequiredService<AmazonOrderSync>();
        var queuedAt = new List<DateTimeOffset>();

        // The dispatcher ticks every minute; each run it queues is run before the next tick.
        for (var tick = 0; tick <= 3 * minutes; tick++)
        {
            foreach (var run in await QueueDueAsync(factory))
            {
                queuedAt.Add(run.QueuedOn);
                Assert.AreEqual(AmazonSyncRunState.Succeeded, (await sync.RunQueuedAsync(run.Id, null, CancellationToken.None))!.State);
            }

            factory.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.AreEqual(4, queuedAt.Count, string.Join(", ", queuedAt));
        CollectionAssert.AreEqual(Enumerable.Repeat(TimeSpan.FromMinutes(minutes), 3).ToList(), queuedAt.Zip(queuedAt.Skip(1), (a, b) => b - a).ToList());
    }

    [TestMethod]
    public void NextDue_AfterTheHostWasDownPastIt_IsOneIntervalFromNow()
    {
        var now = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

        Assert.AreEqual(now.AddMinutes(50), AmazonOrderSyncScheduler.NextDue(now.AddMinutes(-10), 60, now));
        Assert.AreEqual(now.AddMinutes(60), AmazonOrderSyncScheduler.NextDue(now.AddHours(-5), 60, now));
        Assert.AreEqual(now.AddMinutes(60), AmazonOrderSyncScheduler.NextDue(null, 60, now));
    }

    [TestMethod]
    public async Task SyncNow_WhileARunHoldsTheAccount_AnswersWithThatRun_WhichRunsRightAfter_NeverFailed()
    {
        using var factory = new ErpHostFactory();
        var admin = factory.Client();
        var s = await SyncScenario.CreateAsync(factory, "EU", Germany);
        var order = s.Order(Germany, "MFN", "Unshipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))]);
        using var holder = new LockHolder(factory, s.AccountId);

        var first = await admin.PostJsonAsync($"/odata/amazon/Accounts({s.AccountId})/SyncOrders", "{}").ExpectAsync(HttpStatusCode.OK);
        var second = await admin.PostJsonAsync($"/odata/amazon/Accounts({s.AccountId})/SyncOrders", "{}").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual((int)first["Id"]!, (int)second["Id"]!, "pressing Sync now again answers with the run already queued");
        var firstJob = await factory.WithModuleDbAsync(db => db.SyncRuns.Where(r => r.Id == (int)first["Id"]!).Select(r => r.JobId).SingleAsync());
        Assert.IsNotNull(firstJob);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AmazonOrderSyncJob>().RunQueuedAsync((int)first["Id"]!, CancellationToken.None);
        }

        var waiting = await factory.WithModuleDbAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == (int)first["Id"]!));
        Assert.AreEqual(AmazonSyncRunState.Queued, waiting.State, "the account is busy: the run waits, it does not fail");
        Assert.IsNotNull(waiting.JobId);
        Assert.AreNotEqual(firstJob, waiting.JobId, "put back in the queue under a new job");
        holder.Dispose();

        var done = await factory.Services.GetRequiredService<AmazonOrderSync>().RunQueuedAsync(waiting.Id, null, CancellationToken.None);
        Assert.AreEqual(AmazonSyncRunState.Succeeded, done!.State, done.Error);
        Assert.AreEqual(1, await s.SalesOrderCountAsync(order.AmazonOrderId));
        Assert.AreEqual(0, await factory.WithModuleDbAsync(db => db.SyncRuns.CountAsync(r => r.AccountId == s.AccountId && r.State == AmazonSyncRunState.Failed)));
    }

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
                    var answered = await admin.PostJsonAsync($"/odata/amazon/Accounts({s.AccountId})/SyncOrders", "{}").ExpectAsync(HttpStatusCode.OK);
                    Assert.AreEqual(s.AccountId, (int)answered["AccountId"]!);
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
        Assert.IsTrue(runs.All(r => r.State == AmazonSyncRunState.Succeeded), string.Join("; ", runs.Select(r => $"{r.State} {r.Error}")));
        foreach (var s in scenarios)
        {
            Assert.IsTrue(runs.Any(r => r.AccountId == s.AccountId));
            Assert.AreEqual(5, runs.Where(r => r.AccountId == s.AccountId).Sum(r => r.OrdersCreated), "each order created by exactly one run");
            var references = await factory.WithHostDbAsync(db => db.SalesOrders.Where(o => o.Origin == $"Amazon:{s.Region}:{s.SellerId}").Select(o => o.ClientReference).ToListAsync());
            Assert.AreEqual(5, references.Count);
            Assert.AreEqual(5, references.Distinct().Count());
        }
    }

    [TestMethod]
    public async Task RecoverOrder_WhileTheAccountIsLockedByARun_WaitsThenAnswersBusyInsteadOfRacing()
    {
        using var factory = new ErpHostFactory();
        var s = await SyncScenario.CreateAsync(factory, "EU", Germany);
        var order = s.Order(Germany, "MFN", "Unshipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))]);
        var sync = factory.Services.GetRequiredService<AmazonOrderSync>();
        using (new LockHolder(factory, s.AccountId))
        {
            var busy = await sync.RecoverAsync(s.AccountId, order.AmazonOrderId, TimeSpan.FromMilliseconds(300), CancellationToken.None);
            Assert.AreEqual(AmazonRecoveryStatus.Busy, busy.Status);
            Assert.IsNull(busy.Link);
        }

        Assert.AreEqual(0, await s.SalesOrderCountAsync(order.AmazonOrderId));
        Assert.AreEqual(0, await factory.WithModuleDbAsync(db => db.SyncRuns.CountAsync(r => r.AccountId == s.AccountId)), "nothing is recorded for a recovery that did not start");
        var recovered = await sync.RecoverAsync(s.AccountId, order.AmazonOrderId, TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.AreEqual(AmazonRecoveryStatus.Recovered, recovered.Status);
        Assert.AreEqual(AmazonOrderLinkState.Imported, recovered.Link!.State);
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

        var run = await factory.Services.GetRequiredService<AmazonOrderSync>().RunAsync((int)account["Id"]!, AmazonSyncTrigger.Manual, null, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.AreEqual(AmazonSyncRunState.Succeeded, run!.State, run.Error);
        Assert.IsTrue(run.OrdersCreated > 60, $"{run.OrdersCreated} orders created");
        Assert.AreEqual(0, factory.Sandbox.Answered(503), "the sandbox never had to throttle");
        Assert.IsTrue(run.ThrottleWaits > 0, "the client waited instead");
        Assert.IsTrue(run.ThrottleWaitMilliseconds > 0);
    }

    [TestMethod]
    public async Task QuotaAlreadyUsedUpAtAmazon_TheRunWaitsForItToRestore_AndSucceeds()
    {
        // Another application (or this host before a restart) used the seller's ListOrders quota: Amazon throttles the
        // first calls, which the client waits out at the operation's restore rate instead of failing the run.
        using var factory = new ErpHostFactory(realTimeScale: 600, orders: 20);
        var admin = factory.Client();
        var account = await admin.PostJsonAsync("/odata/amazon/Accounts", """
            {"Name":"Sandbox EU","Api":"Mws","Region":"EU","SellerId":"A1SANDBOXEU0001","AuthorizationToken":"amzn.mws.5eb2c9a1-0000-4000-8000-00000000e001"}
            """).ExpectAsync(HttpStatusCode.Created);
        factory.Sandbox.Faults.Add(new ErpAmazonModule.Sandbox.Mws.SandboxFault(ErpAmazonModule.Sandbox.Mws.SandboxFaultKind.Throttle, Count: 5, Share: null, Action: "ListOrders"));

        var run = await factory.Services.GetRequiredService<AmazonOrderSync>().RunAsync((int)account["Id"]!, AmazonSyncTrigger.Manual, null, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.AreEqual(AmazonSyncRunState.Succeeded, run!.State, run.Error);
        Assert.AreEqual(5, factory.Sandbox.Answered(503, "ListOrders"), "Amazon throttled five calls in a row, more than the transport retries a failure");
        Assert.IsTrue(run.ThrottleWaits >= 5, $"each was waited out: {run.ThrottleWaits} waits");
        Assert.IsTrue(run.OrdersSeen > 0);
    }

    /// <summary>Holds an account's lock from another thread, as a sync running elsewhere would.</summary>
    private sealed class LockHolder : IDisposable
    {
        private readonly ManualResetEventSlim _release = new();
        private readonly Task _holder;

        public LockHolder(ErpHostFactory factory, int accountId)
        {
            using var locked = new ManualResetEventSlim();
            var locks = factory.Services.GetRequiredService<AmazonAccountLocks>();
            _holder = Task.Run(() =>
            {
                using var held = locks.TryTake(accountId, TimeSpan.FromSeconds(5));
                locked.Set();
                _release.Wait(TimeSpan.FromSeconds(60));
            });
            Assert.IsTrue(locked.Wait(TimeSpan.FromSeconds(10)));
        }

        public void Dispose()
        {
            _release.Set();
            _holder.Wait(TimeSpan.FromSeconds(10));
        }
    }
}
