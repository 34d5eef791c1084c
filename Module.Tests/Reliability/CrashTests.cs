using System.Net;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Sync;
using ErpAmazonModule.Tests.TestSupport;

namespace ErpAmazonModule.Tests.Reliability;

/// <summary>The host process killed with SIGKILL in the middle of its work, then started again on the same database.</summary>
[TestClass]
public sealed class CrashTests
{
    private const double TimeScale = 100;

    [TestMethod]
    [TestCategory("Reliability")]
    [Timeout(900_000, CooperativeCancellation = true)]
    public async Task HostKilledAtSeededRandomPointsOfABackfill_RestartedEachTime_EveryOrderOnce_WatermarkNeverAhead_NoRunLeftRunning()
    {
        var folder = Path.Combine(Path.GetTempPath(), "erp-amazon-tests", Guid.NewGuid().ToString("N"));
        var database = Path.Combine(folder, "erp.db");
        // Amazon's quotas, restored 100 times as fast, stretch the backfill over seconds so the kills land inside it.
        using var sandbox = SandboxServer.Start(TimeProvider.System, o =>
        {
            o.OrdersPerSeller = 0;
            o.Throttling = true;
            o.TimeScale = TimeScale;
        });
        var sellerId = Demo.SellerId();
        var token = $"amzn.mws.{Guid.NewGuid()}";
        Demo.Grant(sandbox, sellerId, "EU", token, "A1PA6795UKMFR9", "A13V1IB3VIYZZH", "APJ6JRA9NG5V4", "A1RKKUPIHCS9HS", "A1F83G8C2ARO7P");
        sandbox.Store.GenerateOrders(sellerId, ReliabilitySize.CrashBackfillOrders, seed: 42);
        var settings = RunningHost.SharedSettings("Sqlite", $"Data Source={database}", sandbox, folder);
        settings["AmazonConnector:Mws:ClientThrottling"] = "true";
        settings["AmazonConnector:Mws:ThrottleTimeScale"] = TimeScale.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var ledger = new ErpLedger(AmazonDatabaseProvider.Sqlite, $"Data Source={database};Pooling=false");
        // Seeded: the same kill points every time (how many sales orders each start creates before it is killed).
        var random = new Random(20261130);
        int accountId;
        // The account is created by a host without a job server: no scheduled run can start before the schedule is paused.
        await using (var host = await RunningHost.StartAsync(new Dictionary<string, string?>(settings) { ["Hangfire:Server:Enabled"] = "false" }))
        {
            var account = await host.Api.PostJsonAsync("/odata/amazon/Accounts", $$"""
                {"Name":"Backfill","Api":"Mws","Region":"EU","SellerId":"{{sellerId}}","AuthorizationToken":"{{token}}"}
                """).ExpectAsync(HttpStatusCode.Created);
            accountId = (int)account["Id"]!;
        }

        await ledger.PauseSchedulesAsync();
        var kills = 0;
        var killedWhileRunning = 0;
        while (kills < ReliabilitySize.Crashes)
        {
            await using var host = await RunningHost.StartAsync(settings);
            await host.Api.PostJsonAsync($"/odata/amazon/Accounts({accountId})/SyncOrders", "{}").ExpectAsync(HttpStatusCode.OK);
            // Killed once this start has created a seeded number of sales orders: in the middle of a page.
            var target = await ledger.SalesOrderCountAsync() + random.Next(5, 2 * ReliabilitySize.CrashBackfillOrders / 3 / ReliabilitySize.Crashes);
            while (await ledger.SalesOrderCountAsync() < target && (await ledger.RunsAsync()).LastOrDefault() is not { State: AmazonSyncRunState.Succeeded })
            {
                await Task.Delay(20);
            }

            var before = await ledger.RunsAsync();
            if (before.LastOrDefault() is { State: AmazonSyncRunState.Succeeded })
            {
                // The backfill ended before this kill came: Amazon gets new orders and the kills go on.
                sandbox.Store.GenerateOrders(sellerId, ReliabilitySize.CrashBackfillOrders / ReliabilitySize.Crashes, seed: 100 + kills);
                continue;
            }

            killedWhileRunning += before.LastOrDefault() is { State: AmazonSyncRunState.Running } ? 1 : 0;
            await host.KillAsync();
            kills++;
            await ledger.AssertNothingLostOrDoubledAsync(sandbox, [sellerId]);
        }

        // The last start runs the backfill to its end.
        await using (var host = await RunningHost.StartAsync(settings))
        {
            await host.Api.PostJsonAsync($"/odata/amazon/Accounts({accountId})/SyncOrders", "{}").ExpectAsync(HttpStatusCode.OK);
            var deadline = DateTime.UtcNow.AddMinutes(ReliabilitySize.Full ? 10 : 3);
            while ((await ledger.RunsAsync()).LastOrDefault() is not { State: AmazonSyncRunState.Succeeded } last || last.AccountId != accountId)
            {
                Assert.IsTrue(DateTime.UtcNow < deadline, "the last run did not finish: " + host.Output);
                await Task.Delay(250);
            }
        }

        var runs = await ledger.RunsAsync();
        var checkedOrders = await ledger.AssertExactlyOnceAsync(sandbox, [sellerId]);
        Assert.IsTrue(killedWhileRunning >= ReliabilitySize.Crashes / 2, $"{killedWhileRunning} of {kills} kills came while a run was running");
        Assert.AreEqual(killedWhileRunning, runs.Count(r => r.State == AmazonSyncRunState.Abandoned), "each killed run is shown abandoned");
        Console.WriteLine($"crash: {kills} SIGKILLs ({killedWhileRunning} mid-run) over {sandbox.Store.Orders(sellerId).Count} orders, {checkedOrders} sales orders checked; lost 0, doubled 0, left running 0; runs {string.Join(", ", runs.Select(r => $"{r.State}:{r.OrdersCreated}"))}");
    }

    [TestMethod]
    [TestCategory("Reliability")]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task HostKilledInTheMiddleOfARecovery_RestartedAndRecoveredAgain_TheOrderOnce_NoRunLeftRunning()
    {
        var folder = Path.Combine(Path.GetTempPath(), "erp-amazon-tests", Guid.NewGuid().ToString("N"));
        var database = Path.Combine(folder, "erp.db");
        using var sandbox = SandboxServer.Start(TimeProvider.System, o => o.OrdersPerSeller = 0);
        var sellerId = Demo.SellerId();
        var token = $"amzn.mws.{Guid.NewGuid()}";
        Demo.Grant(sandbox, sellerId, "EU", token, "A1PA6795UKMFR9");
        sandbox.Store.GenerateOrders(sellerId, 30, seed: 9);
        var order = sandbox.Store.Orders(sellerId).First(o => o.StatusAt(sandbox.Store.Now).Status is "Unshipped" or "Shipped" && o.FulfillmentChannel == "MFN");
        var settings = RunningHost.SharedSettings("Sqlite", $"Data Source={database}", sandbox, folder);
        // No job server: the recovery runs in the request, and no scheduled sync joins in.
        settings["Hangfire:Server:Enabled"] = "false";
        var ledger = new ErpLedger(AmazonDatabaseProvider.Sqlite, $"Data Source={database};Pooling=false");
        int accountId;
        await using (var host = await RunningHost.StartAsync(settings))
        {
            var account = await host.Api.PostJsonAsync("/odata/amazon/Accounts", $$"""
                {"Name":"Recovery","Api":"Mws","Region":"EU","SellerId":"{{sellerId}}","AuthorizationToken":"{{token}}"}
                """).ExpectAsync(HttpStatusCode.Created);
            accountId = (int)account["Id"]!;
            // Amazon is slow to answer the recovery's GetOrder: the host dies while it waits.
            sandbox.Faults.Add(new ErpAmazonModule.Sandbox.Mws.SandboxFault(ErpAmazonModule.Sandbox.Mws.SandboxFaultKind.Slow, Count: 1, Share: null, Action: "GetOrder", DelayMilliseconds: 5000));
            var recovering = host.Api.PostJsonAsync($"/odata/amazon/Accounts({accountId})/RecoverOrder", $$"""{"AmazonOrderId":"{{order.AmazonOrderId}}"}""");
            while (!(await ledger.RunsAsync()).Any(r => r.State == AmazonSyncRunState.Running))
            {
                await Task.Delay(20);
            }

            await host.KillAsync();
            await Assert.ThrowsAsync<HttpRequestException>(() => recovering);
        }

        Assert.AreEqual(AmazonSyncRunState.Running, (await ledger.RunsAsync()).Single().State, "the killed recovery's run, as the dead host left it");
        await using (var host = await RunningHost.StartAsync(settings))
        {
            var recovered = await host.Api.PostJsonAsync($"/odata/amazon/Accounts({accountId})/RecoverOrder", $$"""{"AmazonOrderId":"{{order.AmazonOrderId}}"}""").ExpectAsync(HttpStatusCode.OK);
            Assert.AreEqual(order.AmazonOrderId, (string)recovered["AmazonOrderId"]!);
            // Asked twice: still one sales order.
            await host.Api.PostJsonAsync($"/odata/amazon/Accounts({accountId})/RecoverOrder", $$"""{"AmazonOrderId":"{{order.AmazonOrderId}}"}""").ExpectAsync(HttpStatusCode.OK);
        }

        var runs = await ledger.RunsAsync();
        Assert.AreEqual(AmazonSyncRunState.Abandoned, runs[0].State, "the killed run is shown abandoned after the restart");
        Assert.IsTrue(runs.Skip(1).All(r => r.State == AmazonSyncRunState.Succeeded), string.Join(", ", runs.Select(r => $"{r.State} {r.Error}")));
        await using var db = ledger.Host();
        Assert.AreEqual(1, await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.SalesOrders, o => o.ClientReference == order.AmazonOrderId));
    }
}
