using ErpAmazonModule.Amazon;
using ErpAmazonModule.Finance;
using ErpAmazonModule.Sandbox.Store;
using ErpAmazonModule.Tests.Sync;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ErpAmazonModule.Tests.Finance;

/// <summary>
/// Financial events imported from Amazon: shipments and refunds with their charges, fees, promotions and withheld
/// taxes, stored once however often they are read.
/// </summary>
[TestClass]
public sealed class FinanceImportTests
{
    private static readonly string[] Europe = ["A1PA6795UKMFR9", "A13V1IB3VIYZZH", "A1F83G8C2ARO7P"];

    [TestMethod]
    [DataRow("Mws")]
    [DataRow("SellingPartner")]
    public async Task Import_StoresEveryShipmentAndRefund_WithAmazonsAmounts_AndASecondReadingAddsNothing(string api)
    {
        using var factory = new ErpHostFactory(orders: 0);
        var s = await SyncScenario.CreateAsync(factory, Enum.Parse<ErpAmazonModule.Accounts.AmazonApi>(api), null, "EU", Europe);
        factory.Sandbox.Store.GenerateOrders(s.SellerId, 150, seed: 31);
        var import = factory.Services.GetRequiredService<AmazonFinanceImport>();

        var first = await import.RunAsync(s.AccountId, CancellationToken.None);

        Assert.IsTrue(first.EventsSeen > 50, $"{first.EventsSeen} events");
        Assert.AreEqual(first.EventsSeen, first.EventsAdded);
        var events = await factory.WithModuleDbAsync(db => db.FinancialEvents.AsNoTracking().Include(e => e.Amounts).Where(e => e.AccountId == s.AccountId).ToListAsync());
        Assert.AreEqual(first.EventsAdded, events.Count);
        var refund = events.First(e => e.Kind == AmazonFinancialEventKind.Refund);
        Assert.IsTrue(refund.Charges < 0 && refund.Amounts.Any(a => a.Type == "RefundCommission" && a.Amount < 0), "a refund gives the charges back and keeps a refund commission");

        // A shipment's charges less its promotions (and shipping discounts) are what the buyer paid for the order; the fees are apart.
        var shipments = events.Where(e => e.Kind == AmazonFinancialEventKind.Shipment).ToList();
        Assert.IsTrue(shipments.Any(e => e.Promotions < 0), "some orders had a promotion or free shipping");
        foreach (var shipment in shipments)
        {
            var order = factory.Sandbox.Store.Order(s.SellerId, shipment.AmazonOrderId)!;
            Assert.AreEqual(OrderGenerator.Total(order, pricesIncludeTax: true).Amount + order.PaymentAdjustment, shipment.Charges + shipment.Promotions, shipment.AmazonOrderId);
            Assert.IsTrue(shipment.Fees < 0);
            Assert.AreEqual(shipment.Charges + shipment.Fees + shipment.Promotions + shipment.TaxWithheld, shipment.Total);
            Assert.AreEqual(shipment.Total, shipment.Amounts.Sum(a => a.Amount), "the amounts per item add up to the event");
        }

        var again = await import.RunAsync(s.AccountId, CancellationToken.None);
        Assert.AreEqual(0, again.EventsAdded, "nothing new since the watermark");
        await factory.WithModuleDbAsync(db => db.Accounts.Where(a => a.Id == s.AccountId).ExecuteUpdateAsync(u => u.SetProperty(a => a.FinancesWatermark, (DateTimeOffset?)null)));
        var reread = await import.RunAsync(s.AccountId, CancellationToken.None);
        Assert.AreEqual(first.EventsSeen, reread.EventsSeen, "the whole history read again");
        Assert.AreEqual(0, reread.EventsAdded, "every event was already stored");
        Assert.AreEqual(events.Count, await factory.WithModuleDbAsync(db => db.FinancialEvents.CountAsync(e => e.AccountId == s.AccountId)));
    }

    [TestMethod]
    public async Task FinanceUser_ImportsPaymentsThroughTheApi_AndReadsTheEvents_WhileOthersWithoutThePermissionCannot()
    {
        using var factory = new ErpHostFactory(orders: 0);
        var s = await SyncScenario.CreateAsync(factory, "EU", Europe);
        factory.Sandbox.Store.GenerateOrders(s.SellerId, 60, seed: 7);
        var finance = factory.Client(ErpHostFactory.FinanceKey);

        var imported = await finance.PostJsonAsync("/odata/amazon/FinancialEvents/Import", $$"""{"AccountId":{{s.AccountId}}}""").ExpectAsync(System.Net.HttpStatusCode.OK);
        var refunds = await finance.GetAsync($"/odata/amazon/FinancialEvents?$filter=AccountId eq {s.AccountId} and Kind eq 'Refund'&$orderby=PostedDate&$count=true").ExpectAsync(System.Net.HttpStatusCode.OK);

        Assert.IsTrue((int)imported["EventsAdded"]! > 10);
        Assert.AreEqual((int)imported["EventsSeen"]!, (int)imported["EventsAdded"]!);
        Assert.IsTrue((int)refunds["@odata.count"]! > 0);
        var amounts = refunds["value"]![0]!["Amounts"]!.AsArray();
        Assert.IsTrue(amounts.Any(a => (string?)a!["Type"] == "RefundCommission" && (string?)a["Kind"] == "Fee"));
        var again = await finance.PostJsonAsync("/odata/amazon/FinancialEvents/Import", $$"""{"AccountId":{{s.AccountId}}}""").ExpectAsync(System.Net.HttpStatusCode.OK);
        Assert.AreEqual(0, (int)again["EventsAdded"]!);

        await finance.PostJsonAsync("/odata/amazon/FinancialEvents/Import", """{"AccountId":987654}""").ExpectErrorAsync(System.Net.HttpStatusCode.NotFound, "AccountId", messageNamesField: false);
        await finance.PostJsonAsync("/odata/amazon/FinancialEvents/Import", "{}").ExpectErrorAsync(System.Net.HttpStatusCode.BadRequest, "AccountId");
        using var manager = await factory.Client(ErpHostFactory.ManagerKey).GetAsync("/odata/amazon/FinancialEvents");
        Assert.AreEqual(System.Net.HttpStatusCode.Forbidden, manager.StatusCode, "reading payments is finance's");
        using var sales = await factory.Client(ErpHostFactory.SalesKey).PostJsonAsync("/odata/amazon/FinancialEvents/Import", $$"""{"AccountId":{{s.AccountId}}}""");
        Assert.AreEqual(System.Net.HttpStatusCode.Forbidden, sales.StatusCode);
    }

    [TestMethod]
    public async Task ThePaymentsJob_ImportsAndMatchesEveryActiveAccount_OnItsOwnSchedule()
    {
        using var factory = new ErpHostFactory(orders: 0);
        var s = await SyncScenario.CreateAsync(factory, "EU", Europe);
        factory.Sandbox.Store.GenerateOrders(s.SellerId, 40, seed: 9);
        await s.SyncAsync();

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AmazonPaymentsJob>().RunAsync(CancellationToken.None);
        }

        var events = await factory.WithModuleDbAsync(db => db.FinancialEvents.CountAsync(e => e.AccountId == s.AccountId));
        var matched = await factory.WithModuleDbAsync(db => db.Reconciliations.CountAsync(r => r.AccountId == s.AccountId && r.State == AmazonReconciliationState.Matched));
        Assert.IsTrue(events > 5, $"{events} events");
        Assert.IsTrue(matched > 0, "the sandbox pays what the orders say: most are matched to the cent");
        Assert.IsNotNull(await factory.WithModuleDbAsync(db => db.Accounts.Where(a => a.Id == s.AccountId).Select(a => a.FinancesWatermark).SingleAsync()));
    }

    [TestMethod]
    public async Task ImportStoppedAfterItsFirstPage_KeepsThatPage_MovesNoWatermark_AndTheNextImportCompletesWithoutDoubles()
    {
        using var factory = new ErpHostFactory(orders: 0);
        var s = await SyncScenario.CreateAsync(factory, "EU", Europe);
        factory.Sandbox.Store.GenerateOrders(s.SellerId, 300, seed: 23);
        var import = factory.Services.GetRequiredService<AmazonFinanceImport>();
        // Amazon fails every request for the second page: the import stops there, as a killed host would.
        factory.Sandbox.Faults.Add(new ErpAmazonModule.Sandbox.Mws.SandboxFault(ErpAmazonModule.Sandbox.Mws.SandboxFaultKind.InternalError, Count: 50, Share: null, Action: "ListFinancialEventsByNextToken"));

        await Assert.ThrowsAsync<Exception>(() => import.RunAsync(s.AccountId, CancellationToken.None));

        var kept = await factory.WithModuleDbAsync(db => db.FinancialEvents.CountAsync(e => e.AccountId == s.AccountId));
        Assert.AreEqual(100, kept, "the first page was stored in its own unit of work");
        Assert.IsNull(await factory.WithModuleDbAsync(db => db.Accounts.Where(a => a.Id == s.AccountId).Select(a => a.FinancesWatermark).SingleAsync()), "the window is read again next time");

        factory.Sandbox.Faults.Clear();
        var next = await import.RunAsync(s.AccountId, CancellationToken.None);

        Assert.AreEqual(next.EventsSeen - 100, next.EventsAdded, "only what the stopped import had not stored");
        Assert.AreEqual(next.EventsSeen, await factory.WithModuleDbAsync(db => db.FinancialEvents.CountAsync(e => e.AccountId == s.AccountId)));
    }
}
