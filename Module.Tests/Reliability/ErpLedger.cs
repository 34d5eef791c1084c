using ErpAmazonModule.Host.Data;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Sandbox.Store;
using ErpAmazonModule.Sync;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ErpAmazonModule.Tests.Reliability;

/// <summary>
/// The database of hosts running in their own processes, read by the test as finance would read it afterwards: what
/// reached the ERP, against what Amazon (the sandbox) holds.
/// </summary>
public sealed class ErpLedger(AmazonDatabaseProvider provider, string connectionString)
{
    public AmazonDbContext Module()
    {
        var options = new DbContextOptionsBuilder<AmazonDbContext>();
        AmazonDatabase.Configure(options, provider, connectionString);
        return new AmazonDbContext(options.Options);
    }

    public HostDbContext Host() => provider switch
    {
        AmazonDatabaseProvider.PostgreSql => new PostgreSqlHostDbContext(new DbContextOptionsBuilder<PostgreSqlHostDbContext>().UseNpgsql(connectionString).Options),
        AmazonDatabaseProvider.Sqlite => new SqliteHostDbContext(new DbContextOptionsBuilder<SqliteHostDbContext>().UseSqlite(connectionString).Options),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "The tests run on SQLite and PostgreSQL."),
    };

    /// <summary>Sales orders the sync created so far (all sellers).</summary>
    public async Task<int> SalesOrderCountAsync()
    {
        await using var host = Host();
        return await host.SalesOrders.CountAsync(o => o.Origin.StartsWith("Amazon:"));
    }

    /// <summary>
    /// Moves every account's next scheduled sync a month away: the test's own "Sync now" calls are then the only runs, and
    /// no scheduled run is queued in the instant between the test's last check and the hosts' end.
    /// </summary>
    public async Task PauseSchedulesAsync()
    {
        await using var db = Module();
        var later = DateTimeOffset.UtcNow.AddDays(30);
        await db.Accounts.ExecuteUpdateAsync(u => u.SetProperty(a => a.NextSyncOn, later));
    }

    /// <summary>Every run, oldest first.</summary>
    public async Task<List<AmazonSyncRunEntity>> RunsAsync()
    {
        await using var db = Module();
        return await db.SyncRuns.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
    }

    /// <summary>
    /// Asserts what a crash, a storm or a dead host must never cost, at its end: no run left queued or running, every
    /// account synced to a watermark, and what <see cref="AssertNothingLostOrDoubledAsync"/> checks. Returns the sales
    /// orders checked.
    /// </summary>
    public async Task<int> AssertExactlyOnceAsync(SandboxServer sandbox, IEnumerable<string> sellerIds)
    {
        await using (var db = Module())
        {
            var open = await db.SyncRuns.AsNoTracking().Where(r => r.State == AmazonSyncRunState.Queued || r.State == AmazonSyncRunState.Running).ToListAsync();
            Assert.AreEqual(0, open.Count, "runs left open: " + string.Join(", ", open.Select(r => $"{r.Id} {r.State}")));
        }

        return await AssertNothingLostOrDoubledAsync(sandbox, sellerIds, atRest: true);
    }

    /// <summary>
    /// At any moment, even right after a crash: for each seller, every order Amazon last changed before the account's
    /// watermark was seen and none failed (the watermark never passes a window not done), each sales order exists once
    /// (one per Amazon order; <paramref name="atRest"/>, none without a link) with Amazon's total to the cent. Returns the
    /// sales orders checked.
    /// </summary>
    public async Task<int> AssertNothingLostOrDoubledAsync(SandboxServer sandbox, IEnumerable<string> sellerIds, bool atRest = false)
    {
        await using var db = Module();
        await using var host = Host();
        var checkedOrders = 0;
        foreach (var sellerId in sellerIds)
        {
            var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.SellerId == sellerId);
            Assert.IsTrue(account.LastSyncWatermark is not null || !atRest, $"{sellerId} was never synced to the end");
            var links = await db.OrderLinks.AsNoTracking().Where(l => l.AccountId == account.Id).ToDictionaryAsync(l => l.AmazonOrderId);
            var origin = $"Amazon:{account.Region}:{sellerId}";
            var salesOrders = await host.SalesOrders.AsNoTracking().Where(o => o.Origin == origin).Select(o => new { o.Id, o.ClientReference, o.Total }).ToListAsync();
            var duplicated = salesOrders.GroupBy(o => o.ClientReference).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.AreEqual(0, duplicated.Count, $"{sellerId}: orders imported twice: {string.Join(", ", duplicated)}");
            var byReference = salesOrders.ToDictionary(o => o.ClientReference!);
            var orphans = byReference.Keys.Where(r => !links.TryGetValue(r, out var l) || l.SalesOrderId is null).ToList();
            // A crash between the sales order's commit and its link's leaves the order for the next run to find, not to import again.
            Assert.IsTrue(!atRest || orphans.Count == 0, $"{sellerId}: sales orders no link knows: {string.Join(", ", orphans)}");

            foreach (var order in sandbox.Store.Orders(sellerId).Where(o => account.LastSyncWatermark is { } watermark && o.LastUpdateDateAt(sandbox.Store.Now) <= watermark))
            {
                Assert.IsTrue(links.TryGetValue(order.AmazonOrderId, out var link), $"{order.AmazonOrderId} of {sellerId} was lost");
                Assert.IsFalse(link.State is AmazonOrderLinkState.Failed or AmazonOrderLinkState.GivenUp, $"{order.AmazonOrderId}: {link.State} {link.LastError}");
                if (link.State == AmazonOrderLinkState.Imported)
                {
                    Assert.IsTrue(byReference.TryGetValue(order.AmazonOrderId, out var salesOrder), $"{order.AmazonOrderId} is imported but has no sales order");
                    var marketplace = SandboxCatalog.Marketplaces.Single(m => m.MarketplaceId == order.MarketplaceId);
                    Assert.AreEqual(OrderGenerator.Total(order, marketplace.PricesIncludeTax).Amount, salesOrder.Total, $"{order.AmazonOrderId}: the ERP's total is Amazon's");
                    checkedOrders++;
                }
            }
        }

        return checkedOrders;
    }
}
