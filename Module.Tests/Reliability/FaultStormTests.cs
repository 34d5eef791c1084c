using ErpAmazonModule.Persistence;
using ErpAmazonModule.Sandbox.Mws;
using ErpAmazonModule.Sync;
using ErpAmazonModule.Tests.Sync;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ErpAmazonModule.Tests.Sync.SyncScenario;

namespace ErpAmazonModule.Tests.Reliability;

/// <summary>Amazon failing in every way it can while a backfill runs.</summary>
[TestClass]
public sealed class FaultStormTests
{
    private const string Germany = "A1PA6795UKMFR9";

    [TestMethod]
    [TestCategory("Reliability")]
    public async Task PageBehindANextTokenLost_TheWindowIsReadAgain_TheRunSucceeds_EveryOrderOnce()
    {
        using var factory = new ErpHostFactory();
        var s = await SyncScenario.CreateAsync(factory, "EU", Germany);
        var orders = Enumerable.Range(0, 230).Select(i => s.Order(Germany, "MFN", "Unshipped", [Item("USB-C-CABLE-2M", 1, M("EUR", 12.99m), M("EUR", 2.07m))], minutesAgo: 300 - i)).ToList();
        // The second page's answer is lost on the way; the token it spent cannot be sent again.
        factory.Sandbox.Faults.Add(new SandboxFault(SandboxFaultKind.DropConnection, Count: 1, Share: null, Action: "ListOrdersByNextToken"));

        var run = await s.SyncAsync();

        var errors = await factory.WithModuleDbAsync(db => db.OrderLinks.Where(l => l.LastError != null).Select(l => l.LastError).ToListAsync());
        Assert.AreEqual(AmazonSyncRunState.Succeeded, run.State, string.Join("\n", errors.Take(3)));
        Assert.AreEqual(230, run.OrdersCreated);
        var pages = factory.Sandbox.Store.Requests().Where(r => r.Action == "ListOrdersByNextToken").ToList();
        Assert.AreEqual(3, pages.Count, "230 orders are three pages: the lost second page, then the second and third of the second reading");
        Assert.IsTrue(factory.Warnings.Any(w => w.Contains("the window is read again from its start", StringComparison.Ordinal)), string.Join("\n", factory.Warnings));
        foreach (var order in orders)
        {
            Assert.AreEqual(1, await s.SalesOrderCountAsync(order.AmazonOrderId));
        }
    }

    [TestMethod]
    [TestCategory("Reliability")]
    [Timeout(900_000, CooperativeCancellation = true)]
    public async Task StormOfThrottling503s500sCutOffAnswersAndDroppedConnections_DuringABackfill_EveryRunEndsWithReasons_TheNextRunLeavesNothingBehind()
    {
        var clock = new ShiftedClock();
        // Real time with Amazon's quotas, restored 50 times as fast; the transport retries as configured in production.
        using var factory = new ErpHostFactory(realTimeScale: 50, orders: 0, realClock: clock);
        var s = await SyncScenario.CreateAsync(factory, "EU", Germany, "A13V1IB3VIYZZH", "APJ6JRA9NG5V4");
        factory.Sandbox.Store.GenerateOrders(s.SellerId, ReliabilitySize.StormOrders, seed: 5);
        SandboxFault[] storm =
        [
            new(SandboxFaultKind.Throttle, Count: null, Share: 0.05, Action: null),
            new(SandboxFaultKind.QuotaExceeded, Count: null, Share: 0.05, Action: null),
            new(SandboxFaultKind.InternalError, Count: null, Share: 0.02, Action: null),
            new(SandboxFaultKind.TruncatedXml, Count: null, Share: 0.005, Action: null),
            new(SandboxFaultKind.MalformedXml, Count: null, Share: 0.005, Action: null),
            new(SandboxFaultKind.DropConnection, Count: null, Share: 0.01, Action: null),
        ];
        // A burst of failures longer than the transport's retries: some orders fail in the storm, each with its reason.
        factory.Sandbox.Faults.Add(new SandboxFault(SandboxFaultKind.InternalError, Count: 60, Share: null, Action: "ListOrderItems"));
        foreach (var fault in storm)
        {
            factory.Sandbox.Faults.Add(fault);
        }

        var sync = factory.Services.GetRequiredService<AmazonOrderSync>();
        var stormRuns = new List<AmazonSyncRunEntity>();
        for (var i = 0; i < 3; i++)
        {
            var run = await sync.RunAsync(s.AccountId, AmazonSyncTrigger.Manual, null, TimeSpan.FromSeconds(5), CancellationToken.None);
            stormRuns.Add(run!);
            if (i == 0)
            {
                Assert.IsTrue(run!.OrdersFailed > 0, "the burst failed some orders");
            }

            Assert.IsTrue(run!.State is AmazonSyncRunState.Succeeded or AmazonSyncRunState.PartiallyFailed, $"run {i}: {run.State} {run.Error}");
            var failed = await factory.WithModuleDbAsync(db => db.OrderLinks.AsNoTracking().Where(l => l.AccountId == s.AccountId && l.State == AmazonOrderLinkState.Failed).ToListAsync());
            // An order failed earlier whose retry could not be fetched in this storm stays failed and due, uncounted by this run.
            Assert.IsTrue(run.OrdersFailed == 0 || failed.Count > 0);
            Assert.IsTrue(failed.All(l => !string.IsNullOrWhiteSpace(l.LastError)), "each failed order says why");
            // The next runs come after the failed orders' back-off.
            clock.Advance(AmazonOrderFailures.Backoff(1) + TimeSpan.FromMinutes(1));
        }

        var answered5xx = factory.Sandbox.Store.Requests().Count(r => r.Status >= 500);
        factory.Sandbox.Faults.Clear();
        clock.Advance(AmazonOrderFailures.Backoff(3));
        var calm = await sync.RunAsync(s.AccountId, AmazonSyncTrigger.Manual, null, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.AreEqual(AmazonSyncRunState.Succeeded, calm!.State, calm.Error);
        var ledger = new ErpLedger(AmazonDatabaseProvider.Sqlite, $"Data Source={factory.DatabasePath}");
        var checkedOrders = await ledger.AssertExactlyOnceAsync(factory.Sandbox, [s.SellerId]);
        Console.WriteLine($"storm: {ReliabilitySize.StormOrders} orders, {factory.Sandbox.Store.Requests().Count} requests, {answered5xx} answered 5xx; runs {string.Join(", ", stormRuns.Select(r => $"{r.State} created {r.OrdersCreated} failed {r.OrdersFailed} waits {r.ThrottleWaits}"))}; calm run created {calm.OrdersCreated}, updated {calm.OrdersUpdated}; {checkedOrders} sales orders checked");
    }
}
