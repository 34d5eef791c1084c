using System.Net;
using ErpAmazonModule.Sync;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using static ErpAmazonModule.Tests.Sync.SyncScenario;

namespace ErpAmazonModule.Tests.Sync;

/// <summary>The whole path, API to sales orders, on PostgreSQL: the server database several hosts share.</summary>
[TestClass]
public sealed class PostgreSqlSyncTests
{
    private const string Germany = "A1PA6795UKMFR9";
    private const string France = "A13V1IB3VIYZZH";

    [TestMethod]
    [TestCategory("PostgreSql")]
    public async Task OnPostgreSql_AccountsOrdersAndQueries_WorkAsOnSqlite_AndASecondSyncImportsNothingTwice()
    {
        using var factory = new ErpHostFactory(postgreSqlConnection: await PostgresCluster.NewDatabaseAsync());
        var admin = factory.Client();
        var s = await SyncScenario.CreateAsync(factory, "EU", Germany, France);
        var orders = new[]
        {
            s.Order(Germany, "MFN", "Unshipped", [Item("ECHO-DOT-5", 2, M("EUR", 119.98m), M("EUR", 19.16m))], minutesAgo: 90),
            s.Order(France, "MFN", "Unshipped", [Item("KINDLE-PW-16", 1, M("EUR", 169.99m), M("EUR", 28.33m))], minutesAgo: 80),
            s.Order(Germany, "AFN", "Shipped", [Item("USB-C-CABLE-2M", 3, M("EUR", 38.97m), M("EUR", 6.22m))], minutesAgo: 70),
        };

        var first = await s.SyncAsync();
        var second = await s.SyncAsync();

        Assert.AreEqual(AmazonSyncRunState.Succeeded, first.State, first.Error);
        Assert.AreEqual(3, first.OrdersCreated);
        Assert.AreEqual(0, second.OrdersCreated, "nothing is imported twice");
        foreach (var order in orders)
        {
            var salesOrder = await s.SalesOrderAsync(order.AmazonOrderId);
            Assert.AreEqual(order.Items.Sum(i => i.ItemPrice.Amount), salesOrder.Total, order.AmazonOrderId);
        }

        Assert.AreEqual("EUR", (await s.SalesOrderAsync(orders[1].AmazonOrderId)).CurrencyCode);
        var links = await admin.GetAsync($"/odata/amazon/OrderLinks?$filter=AccountId eq {s.AccountId}&$expand=Account($select=Name)&$count=true&$orderby=PurchaseDate desc")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(3, (int)links["@odata.count"]!);
        Assert.AreEqual(orders[2].AmazonOrderId, (string)links["value"]![0]!["AmazonOrderId"]!);
        Assert.IsNotNull(links["value"]![0]!["Account"]!["Name"]);
        var prefix = await admin.GetAsync($"/odata/amazon/OrderLinks?$filter=startswith(AmazonOrderId,'{orders[1].AmazonOrderId[..12]}')&$select=AmazonOrderId").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(orders[1].AmazonOrderId, (string)prefix["value"]![0]!["AmazonOrderId"]!);
        var runs = await admin.GetAsync($"/odata/amazon/SyncRuns?$filter=AccountId eq {s.AccountId} and State eq 'Succeeded'&$count=true").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(2, (int)runs["@odata.count"]!);
        Assert.AreEqual(3, await factory.WithHostDbAsync(db => db.SalesOrders.CountAsync(o => o.Origin == $"Amazon:EU:{s.SellerId}")));
    }
}
