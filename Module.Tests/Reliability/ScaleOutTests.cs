using System.Net;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Sync;
using ErpAmazonModule.Tests.TestSupport;

namespace ErpAmazonModule.Tests.Reliability;

/// <summary>Several hosts, each a real process, sharing one PostgreSQL database and one Hangfire storage.</summary>
[TestClass]
public sealed class ScaleOutTests
{
    private const int Accounts = 20;
    private const double TimeScale = 6;

    [TestMethod]
    [TestCategory("PostgreSql")]
    [TestCategory("Reliability")]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task ThreeHostProcessesOnOnePostgreSqlDatabase_TwentyAccounts_OneKilledMidRun_EveryOrderOnce_NoRunLeftRunning()
    {
        var connection = await PostgresCluster.NewDatabaseAsync();
        // Amazon's quotas (six times as fast as Amazon restores them) keep the runs going long enough to be killed in the middle.
        using var sandbox = SandboxServer.Start(TimeProvider.System, o =>
        {
            o.OrdersPerSeller = 0;
            o.Throttling = true;
            o.TimeScale = TimeScale;
        });
        var sellers = new List<string>();
        for (var i = 0; i < Accounts; i++)
        {
            var sellerId = Demo.SellerId();
            Demo.Grant(sandbox, sellerId, "EU", $"amzn.mws.{Guid.NewGuid()}", "A1PA6795UKMFR9", "A13V1IB3VIYZZH", "APJ6JRA9NG5V4");
            sandbox.Store.GenerateOrders(sellerId, ReliabilitySize.ScaleOutOrdersPerAccount, seed: i + 1);
            sellers.Add(sellerId);
        }

        var settings = RunningHost.SharedSettings("PostgreSql", connection, sandbox, Path.Combine(Path.GetTempPath(), "erp-amazon-tests", Guid.NewGuid().ToString("N")));
        // A job fetched by the host that dies is handed to another after ten seconds.
        settings["Hangfire:InvisibilityTimeout"] = "00:00:10";
        settings["AmazonConnector:Mws:ClientThrottling"] = "true";
        settings["AmazonConnector:Mws:ThrottleTimeScale"] = TimeScale.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // The first host creates the schema; the others start on it, as a second machine would.
        await using var first = await RunningHost.StartAsync(settings);
        // Started from folders of their own: the hosts still read each other's sellers' tokens (one key ring, one application name).
        var others = await Task.WhenAll(
            RunningHost.StartAsync(settings, Directory.CreateTempSubdirectory("erp-amazon-host-").FullName),
            RunningHost.StartAsync(settings, Directory.CreateTempSubdirectory("erp-amazon-host-").FullName));
        await using var second = others[0];
        await using var third = others[1];
        RunningHost[] hosts = [first, second, third];
        var ledger = new ErpLedger(AmazonDatabaseProvider.PostgreSql, connection);

        var accountIds = new List<int>();
        for (var i = 0; i < Accounts; i++)
        {
            var token = sandbox.Store.Authorizations().Single(a => a.SellerId == sellers[i]).AuthToken;
            var account = await hosts[i % 3].Api.PostJsonAsync("/odata/amazon/Accounts", $$"""
                {"Name":"Shop {{i}}","Api":"Mws","Region":"EU","SellerId":"{{sellers[i]}}","AuthorizationToken":"{{token}}"}
                """).ExpectAsync(HttpStatusCode.Created);
            accountIds.Add((int)account["Id"]!);
        }

        await ledger.PauseSchedulesAsync();
        for (var i = 0; i < Accounts; i++)
        {
            await hosts[(i + 1) % 3].Api.PostJsonAsync($"/odata/amazon/Accounts({accountIds[i]})/SyncOrders", "{}").ExpectAsync(HttpStatusCode.OK);
        }

        // Killed while it imports: some of its runs are in the middle of a page.
        var total = Accounts * ReliabilitySize.ScaleOutOrdersPerAccount;
        await WaitUntilAsync(async () => await ledger.SalesOrderCountAsync() >= total / 4, TimeSpan.FromMinutes(3), "orders to be imported");
        var atKill = await ledger.RunsAsync();
        var runningWhenKilled = atKill.Count(r => r.State == AmazonSyncRunState.Running);
        Console.WriteLine($"killed with {await ledger.SalesOrderCountAsync()} sales orders created and {runningWhenKilled} runs running");
        await second.KillAsync();

        // The user presses "Sync now" on whatever is not synced to the end, on a host that is left: a run the dead host
        // held is marked abandoned at once (its lock is free) and a live host runs the account again.
        var deadline = DateTime.UtcNow.AddMinutes(6);
        while (true)
        {
            var runs = await ledger.RunsAsync();
            var latest = accountIds.ToDictionary(id => id, id => runs.LastOrDefault(r => r.AccountId == id));
            if (latest.Values.All(r => r is { State: AmazonSyncRunState.Succeeded }))
            {
                break;
            }

            Assert.IsTrue(DateTime.UtcNow < deadline, "not finished: " + string.Join(", ", latest.Select(l => $"{l.Key}:{l.Value?.State} {l.Value?.Error}")));
            foreach (var (id, run) in latest.Where(l => l.Value is not { State: AmazonSyncRunState.Succeeded }))
            {
                await first.Api.PostJsonAsync($"/odata/amazon/Accounts({id})/SyncOrders", "{}").ExpectAsync(HttpStatusCode.OK);
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        var all = await ledger.RunsAsync();
        var abandoned = all.Where(r => r.State == AmazonSyncRunState.Abandoned).ToList();
        Assert.IsTrue(runningWhenKilled > 0);
        Assert.IsTrue(abandoned.Count > 0, $"the killed host was running some of the {runningWhenKilled} runs; they are marked abandoned: {string.Join(", ", all.Select(r => $"{r.Id}:{r.State}"))}");
        foreach (var run in abandoned)
        {
            Assert.IsTrue(all.Any(r => r.AccountId == run.AccountId && r.Id > run.Id && r.State == AmazonSyncRunState.Succeeded), $"account {run.AccountId} was finished by another host");
        }

        // Each account synced by one process at a time: no two runs of an account overlap.
        foreach (var account in all.Where(r => r.StartedOn is not null).GroupBy(r => r.AccountId))
        {
            var ordered = account.OrderBy(r => r.StartedOn).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                Assert.IsTrue(ordered[i - 1].EndedOn <= ordered[i].StartedOn, $"runs {ordered[i - 1].Id} and {ordered[i].Id} of account {account.Key} overlapped");
            }
        }

        var checkedOrders = await ledger.AssertExactlyOnceAsync(sandbox, sellers);
        Assert.IsTrue(checkedOrders > total / 3, $"{checkedOrders} sales orders checked");
        Console.WriteLine($"scale-out: {Accounts} accounts, {total} orders, 3 hosts, 1 killed with {runningWhenKilled} runs running, {abandoned.Count} runs abandoned and finished elsewhere, {checkedOrders} sales orders checked, 0 duplicated");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.IsTrue(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(200);
        }
    }
}
