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

    /// <summary>Every run, oldest first.</summary>
    public async Task<List<AmazonSyncRunEntity>> RunsAsync()
    {
        await using var db = Module();
        return await db.SyncRuns.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
    }

    /// <summary>
    /// Asserts what a crash, a storm or a dead host must never cost: no run left queued or running; for each seller,
    /// every order Amazon last changed before the account's watermark seen and none failed, each sales order once (one per
    /// Amazon order, none without a link) with Amazon's total to the cent. Returns the sales orders checked.
    /// </summary>
    public async Task<int> AssertExactlyOnceAsync(SandboxServer sandbox, IEnumerable<string> sellerIds)
    {
        await using var db = Module();
        await using var host = Host();
        var open = await db.SyncRuns.AsNoTracking().Where(r => r.State == AmazonSyncRunState.Queued || r.State == AmazonSyncRunState.Running).ToListAsync();
        Assert.AreEqual(0, open.Count, "runs left open: " + string.Join(", ", open.Select(r => $"{r.Id} {r.State}")));
        var checkedOrders = 0;
        foreach (var sellerId in sellerIds)
        {
            var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.SellerId == sellerId);
            Assert.IsNotNull(account.LastSyncWatermark, $"{sellerId} was never synced to the end");
            var links = await db.OrderLinks.AsNoTracking().Where(l => l.AccountId == account.Id).ToDictionaryAsync(l => l.AmazonOrderId);
            var origin = $"Amazon:{account.Region}:{sellerId}";
            var salesOrders = await host.SalesOrders.AsNoTracking().Where(o => o.Origin == origin).Select(o => new { o.Id, o.ClientReference, o.Total }).ToListAsync();
            var duplicated = salesOrders.GroupBy(o => o.ClientReference).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.AreEqual(0, duplicated.Count, $"{sellerId}: orders imported twice: {string.Join(", ", duplicated)}");
            var byReference = salesOrders.ToDictionary(o => o.ClientReference!);
            var orphans = byReference.Keys.Where(r => !links.TryGetValue(r, out var l) || l.SalesOrderId is null).ToList();
            Assert.AreEqual(0, orphans.Count, $"{sellerId}: sales orders no link knows: {string.Join(", ", orphans)}");

            foreach (var order in sandbox.Store.Orders(sellerId).Where(o => o.LastUpdateDateAt(sandbox.Store.Now) <= account.LastSyncWatermark))
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
