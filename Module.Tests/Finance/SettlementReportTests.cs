using System.Net;
using System.Text.Json;
using ErpAmazonModule.Finance;
using ErpAmazonModule.Sandbox.Store;
using ErpAmazonModule.Tests.Sync;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ErpAmazonModule.Tests.Finance;

/// <summary>
/// Amazon's settlement report (flat file V2) uploaded by finance: imported whole or not at all, the same file twice
/// changes nothing, and its events are the ones the Finances API gives (never stored twice whichever comes first).
/// </summary>
[TestClass]
public sealed class SettlementReportTests
{
    private static readonly string[] Europe = ["A1PA6795UKMFR9", "A13V1IB3VIYZZH"];

    private static string Body(int accountId, string content) => JsonSerializer.Serialize(new Dictionary<string, object> { ["AccountId"] = accountId, ["Content"] = content });

    [TestMethod]
    public async Task ARefundOfTwoItemsOfOneSku_FromTheFileAndThenTheApi_IsStoredOnce()
    {
        // Refund rows carry no order item code, only their adjustment item ids: two items of one SKU must stay two items,
        // as the Finances API lists them, or the API's refund is keyed apart and the money counted twice.
        using var factory = new ErpHostFactory(orders: 0);
        var s = await SyncScenario.CreateAsync(factory, "EU", Europe);
        var order = s.Order(Europe[0], "MFN", "Shipped", [SyncScenario.Item("LED-BULB-E27", 1, SyncScenario.M("EUR", 6.24m), SyncScenario.M("EUR", 1.19m)),
            SyncScenario.Item("LED-BULB-E27", 2, SyncScenario.M("EUR", 12.48m), SyncScenario.M("EUR", 2.37m))], minutesAgo: 60);
        order.RefundOn = s.Now.AddMinutes(-30);
        await s.SyncAsync();
        var report = SandboxSettlementReport.Write(factory.Sandbox.Store, s.SellerId, s.Now.AddDays(-2), DateTimeOffset.FromUnixTimeSeconds((s.Now - TimeSpan.FromMinutes(2)).ToUnixTimeSeconds()));
        var finance = factory.Client(ErpHostFactory.FinanceKey);

        var file = await finance.PostJsonAsync("/odata/amazon/FinancialEvents/ImportSettlement", Body(s.AccountId, report)).ExpectAsync(HttpStatusCode.OK);
        var api = await finance.PostJsonAsync("/odata/amazon/FinancialEvents/Import", $$"""{"AccountId":{{s.AccountId}}}""").ExpectAsync(HttpStatusCode.OK);

        Assert.AreEqual((2, 0), ((int)file["EventsAdded"]!, (int)api["EventsAdded"]!), "a shipment and a refund, each once");
        var refund = await factory.WithModuleDbAsync(db => db.FinancialEvents.Include(e => e.Amounts).SingleAsync(e => e.Kind == ErpAmazonModule.Amazon.AmazonFinancialEventKind.Refund));
        Assert.AreEqual(2, refund.Amounts.Select(a => a.OrderItemId).Distinct().Count(), "two refunded items");
    }

    [TestMethod]
    public async Task SettlementFile_ImportedTwice_AndThenTheApi_StoresEveryEventOnce()
    {
        using var factory = new ErpHostFactory(orders: 0);
        var s = await SyncScenario.CreateAsync(factory, "EU", Europe);
        factory.Sandbox.Store.GenerateOrders(s.SellerId, 80, seed: 13);
        await s.SyncAsync();
        // The file covers what the Finances API import then reads: up to two minutes ago, to the second.
        var report = SandboxSettlementReport.Write(factory.Sandbox.Store, s.SellerId, s.Now.AddDays(-40), DateTimeOffset.FromUnixTimeSeconds((s.Now - TimeSpan.FromMinutes(2)).ToUnixTimeSeconds()));
        var finance = factory.Client(ErpHostFactory.FinanceKey);

        var first = await finance.PostJsonAsync("/odata/amazon/FinancialEvents/ImportSettlement", Body(s.AccountId, report)).ExpectAsync(HttpStatusCode.OK);
        var second = await finance.PostJsonAsync("/odata/amazon/FinancialEvents/ImportSettlement", Body(s.AccountId, report)).ExpectAsync(HttpStatusCode.OK);
        var api = await finance.PostJsonAsync("/odata/amazon/FinancialEvents/Import", $$"""{"AccountId":{{s.AccountId}}}""").ExpectAsync(HttpStatusCode.OK);

        Assert.IsTrue((int)first["EventsAdded"]! > 10);
        Assert.AreEqual((int)first["EventsSeen"]!, (int)first["EventsAdded"]!);
        Assert.AreEqual(0, (int)second["EventsAdded"]!, "the same file twice changes nothing");
        Assert.AreEqual(0, (int)api["EventsAdded"]!, "the API's events are the file's: none stored twice");
        Assert.IsTrue((int)first["Matching"]!["Matched"]! > 0, "matching follows the upload");
        var stored = await factory.WithModuleDbAsync(db => db.FinancialEvents.Where(e => e.AccountId == s.AccountId).Select(e => e.Source).ToListAsync());
        Assert.IsTrue(stored.All(source => source == AmazonFinancialEventSource.Settlement));
        Assert.AreEqual((int)first["EventsAdded"]!, stored.Count);
    }

    [TestMethod]
    public async Task SettlementFile_WithABadRow_IsRejectedWhole_NamingTheLine_AndStoresNothing()
    {
        using var factory = new ErpHostFactory(orders: 0);
        var s = await SyncScenario.CreateAsync(factory, "EU", Europe);
        factory.Sandbox.Store.GenerateOrders(s.SellerId, 40, seed: 17);
        var lines = SandboxSettlementReport.Write(factory.Sandbox.Store, s.SellerId, s.Now.AddDays(-40), s.Now.AddMinutes(-5)).Split('\n').ToList();
        var bad = lines.FindIndex(2, l => l.Contains("\tItemPrice\t", StringComparison.Ordinal));
        var cells = lines[bad].Split('\t');
        cells[14] = "12,3x";
        lines[bad] = string.Join('\t', cells);

        var message = await factory.Client(ErpHostFactory.FinanceKey).PostJsonAsync("/odata/amazon/FinancialEvents/ImportSettlement", Body(s.AccountId, string.Join('\n', lines)))
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "Content", messageNamesField: false);

        StringAssert.Contains(message, $"line {bad + 1}: amount '12,3x' is not an amount");
        Assert.AreEqual(0, await factory.WithModuleDbAsync(db => db.FinancialEvents.CountAsync(e => e.AccountId == s.AccountId)), "nothing of the file was stored");
        await factory.Client(ErpHostFactory.FinanceKey).PostJsonAsync("/odata/amazon/FinancialEvents/ImportSettlement", Body(s.AccountId, "order-id\tamount\n1\t2"))
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "Content", messageNamesField: false);
    }
}
