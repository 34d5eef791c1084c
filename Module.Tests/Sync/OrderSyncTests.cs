using System.Net;
using ErpAmazonModule.Amazon;
using ErpAmazonModule.Host.Data;
using ErpAmazonModule.Host.Ports;
using ErpAmazonModule.Sandbox.Mws;
using ErpAmazonModule.Sandbox.Store;
using ErpAmazonModule.Sync;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using static ErpAmazonModule.Tests.Sync.SyncScenario;

namespace ErpAmazonModule.Tests.Sync;

/// <summary>
/// Orders synced from the sandbox over HTTP become the host's sales orders, with exact amounts: the whole suite runs
/// once per transport (MWS, and the Selling Partner API's Orders v0), each on a host of its own.
/// </summary>
public abstract class OrderSyncTests
{
    private const string Germany = "A1PA6795UKMFR9";
    private const string UnitedStates = "ATVPDKIKX0DER";
    private const string Japan = "A1VC38T7YXB528";

    /// <summary>The host the suite runs on (one per transport class).</summary>
    protected abstract ErpHostFactory Factory { get; }

    /// <summary>The API every account of the suite syncs through.</summary>
    protected abstract ErpAmazonModule.Accounts.AmazonApi Api { get; }

    /// <summary>The Orders API version of the Selling Partner API accounts (null for MWS).</summary>
    protected virtual string? OrdersApiVersion => null;

    /// <summary>The operation that reads an order's items, as the transport names it; none where the items come with the order.</summary>
    private string? ItemsOperation => (Api, OrdersApiVersion) switch
    {
        (ErpAmazonModule.Accounts.AmazonApi.Mws, _) => "ListOrderItems",
        (_, ErpAmazonModule.Accounts.AmazonOrdersApiVersions.V0) => "getOrderItems",
        _ => null,
    };

    /// <summary>The product the standard shipping of the sandbox's orders maps to: the level as the transport names it.</summary>
    private string StandardShipping => OrdersApiVersion == ErpAmazonModule.Accounts.AmazonOrdersApiVersions.V2026 ? "STANDARD" : "Std";

    /// <summary>Amazon's code for an internal error, as the transport's protocol spells it.</summary>
    private string InternalErrorCode => Api == ErpAmazonModule.Accounts.AmazonApi.Mws ? "InternalError" : "InternalFailure";

    private static SalesOrderLine Line(SalesOrder order, string suffix) => order.Lines.Single(l => l.ExternalLineId.EndsWith(suffix, StringComparison.Ordinal));

    [TestMethod]
    public async Task TaxIncludedGermanOrder_LinesAreAmazonsAmountsToTheCent()
    {
        var s = await SyncScenario.CreateAsync(Factory, Api, OrdersApiVersion, "EU", Germany);
        var item = Item("ECHO-DOT-5", 2, M("EUR", 119.98m), M("EUR", 19.16m));
        item.PromotionDiscount = M("EUR", 12.00m);
        item.PromotionDiscountTax = M("EUR", 1.92m);
        item.ShippingPrice = M("EUR", 4.99m);
        item.ShippingTax = M("EUR", 0.80m);
        var order = s.Order(Germany, "MFN", "Unshipped", [item]);

        var run = await s.SyncAsync();

        Assert.AreEqual(AmazonSyncRunState.Succeeded, run.State, run.Error);
        Assert.AreEqual(1, run.OrdersCreated);
        var sales = await s.SalesOrderAsync(order.AmazonOrderId);
        var product = Line(sales, ":item");
        Assert.AreEqual(2m, product.Quantity);
        Assert.AreEqual(107.98m, product.Total);
        Assert.AreEqual(17.24m, product.TaxAmount);
        Assert.AreEqual(90.74m, product.UntaxedAmount);
        Assert.AreEqual(12.00m, product.Discount);
        Assert.AreEqual(await Demo.ProductKeyAsync(Factory, "ECHO-DOT-5"), product.ProductId);
        var shipping = Line(sales, ":shipping");
        Assert.AreEqual(await Demo.ProductKeyAsync(Factory, StandardShipping), shipping.ProductId);
        Assert.AreEqual(4.99m, shipping.Total);
        Assert.AreEqual(112.97m, sales.Total);
        Assert.AreEqual("EUR", sales.CurrencyCode);
        var link = await s.LinkAsync(order.AmazonOrderId);
        Assert.AreEqual(112.97m, link.AmazonTotal);
        Assert.AreEqual(112.97m, link.ErpTotal);
        Assert.AreEqual(0m, link.TaxDifference);
        Assert.AreEqual(AmazonOrderLinkState.Imported, link.State);
        Assert.AreEqual("Automatic", await Factory.WithModuleDbAsync(db => db.Offers.Where(o => o.AccountId == s.AccountId && o.Sku == "ECHO-DOT-5").Select(o => o.Origin.ToString()).SingleAsync()));
        Assert.AreEqual(DeliveryState.Ready, await Factory.WithHostDbAsync(db => db.Deliveries.Where(d => d.SalesOrderId == sales.Id).Select(d => d.State).SingleAsync()));
    }

    [TestMethod]
    public async Task TaxExcludedUsOrder_HostTaxDiffers_TotalsStillAmazonsAndDifferenceRecorded()
    {
        var s = await SyncScenario.CreateAsync(Factory, Api, OrdersApiVersion, "NA", UnitedStates);
        var item = Item("HEADPHONES-BT", 1, M("USD", 64.79m), M("USD", 4.70m));
        item.ShippingPrice = M("USD", 5.39m);
        item.ShippingTax = M("USD", 0.39m);
        var order = s.Order(UnitedStates, "MFN", "Unshipped", [item]);

        await s.SyncAsync();

        var sales = await s.SalesOrderAsync(order.AmazonOrderId);
        var product = Line(sales, ":item");
        Assert.AreEqual(69.49m, product.Total, "Amazon's price plus Amazon's tax");
        Assert.AreEqual(5.30m, product.TaxAmount, "the host's 8.25 % sales tax, not Amazon's 7.25 %");
        Assert.AreEqual(64.19m, product.UntaxedAmount);
        Assert.AreEqual(5.78m, Line(sales, ":shipping").Total);
        Assert.AreEqual(75.27m, sales.Total);
        var link = await s.LinkAsync(order.AmazonOrderId);
        Assert.AreEqual(75.27m, link.AmazonTotal);
        Assert.AreEqual(0.65m, link.TaxDifference);
        Assert.AreEqual("USD", sales.CurrencyCode);
    }

    [TestMethod]
    public async Task YenOrderWithCashOnDelivery_HasNoDecimals()
    {
        var s = await SyncScenario.CreateAsync(Factory, Api, OrdersApiVersion, "FE", Japan);
        var item = Item("BOOK-NOVEL-EN", 2, M("JPY", 3838m), M("JPY", 349m));
        item.CodFee = M("JPY", 330m);
        item.CodFeeDiscount = M("JPY", 0m);
        var order = s.Order(Japan, "MFN", "Unshipped", [item]);

        await s.SyncAsync();

        var sales = await s.SalesOrderAsync(order.AmazonOrderId);
        Assert.AreEqual(3838m, Line(sales, ":item").Total);
        Assert.AreEqual(349m, Line(sales, ":item").TaxAmount, "Japan's 10 % consumption tax (books are not reduced), rounded to the yen");
        Assert.AreEqual(330m, Line(sales, ":cod").Total);
        Assert.AreEqual(4168m, sales.Total);
        Assert.IsTrue(sales.Lines.All(l => l.Total == decimal.Truncate(l.Total) && l.TaxAmount == decimal.Truncate(l.TaxAmount)));
        Assert.AreEqual(0m, (await s.LinkAsync(order.AmazonOrderId)).TaxDifference);
    }

    [TestMethod]
    public async Task GiftWrapWithMessage_FreeShipping_AndAnUnknownSku()
    {
        var s = await SyncScenario.CreateAsync(Factory, Api, OrdersApiVersion, "EU", Germany);
        var gift = Item("YOGA-MAT-GREEN", 1, M("EUR", 34.90m), M("EUR", 5.57m));
        gift.IsGift = true;
        gift.GiftWrapLevel = "Classic";
        gift.GiftWrapPrice = M("EUR", 3.99m);
        gift.GiftWrapTax = M("EUR", 0.64m);
        gift.GiftMessageText = "Alles Gute! 🎂";
        gift.ShippingPrice = M("EUR", 4.99m);
        gift.ShippingTax = M("EUR", 0.80m);
        gift.ShippingDiscount = M("EUR", 4.99m);
        gift.ShippingDiscountTax = M("EUR", 0.80m);
        var unknown = Item("MYSTERY-GADGET-7", 1, M("EUR", 42.00m), M("EUR", 6.71m));
        var order = s.Order(Germany, "MFN", "Unshipped", [gift, unknown], shipLevel: "SecondDay");

        await s.SyncAsync();

        var sales = await s.SalesOrderAsync(order.AmazonOrderId);
        var sale = await Factory.WithModuleDbAsync(db => db.DefaultProducts.Where(d => d.Kind == ErpAmazonModule.DefaultProducts.AmazonDefaultProductKind.Sale).Select(d => d.ProductId!).SingleAsync());
        var shipping = await Factory.WithModuleDbAsync(db => db.DefaultProducts.Where(d => d.Kind == ErpAmazonModule.DefaultProducts.AmazonDefaultProductKind.Shipping).Select(d => d.ProductId!).SingleAsync());
        Assert.AreEqual(3.99m, sales.Lines.Single(l => l.ExternalLineId == gift.OrderItemId + ":giftwrap").Total);
        Assert.AreEqual(sale, HostIds.Of(sales.Lines.Single(l => l.ExternalLineId == gift.OrderItemId + ":giftwrap").ProductId), "GiftWrap falls back to Sale");
        var freeShipping = sales.Lines.Single(l => l.ExternalLineId == gift.OrderItemId + ":shipping");
        Assert.AreEqual(0m, freeShipping.Total);
        Assert.AreEqual(4.99m, freeShipping.Discount);
        Assert.AreEqual(shipping, HostIds.Of(freeShipping.ProductId), "no product is called SecondDay: the default Shipping product");
        StringAssert.Contains(sales.Note, "Gift message: Alles Gute! 🎂");
        var mystery = sales.Lines.Single(l => l.ExternalLineId == unknown.OrderItemId + ":item");
        Assert.AreEqual(sale, HostIds.Of(mystery.ProductId));
        Assert.AreEqual("[MYSTERY-GADGET-7] Title of MYSTERY-GADGET-7", mystery.Description);
        Assert.AreEqual(80.89m, sales.Total);
    }

    [TestMethod]
    public async Task OrderWithMoreItemsThanOnePage_GetsEveryLine()
    {
        var s = await SyncScenario.CreateAsync(Factory, Api, OrdersApiVersion, "EU", Germany);
        var items = Enumerable.Range(0, 45).Select(i => Item("LED-BULB-E27", 1 + i % 3, M("EUR", 7.49m * (1 + i % 3)), M("EUR", Math.Round(7.49m * (1 + i % 3) * 0.19m / 1.19m, 2)), $"7000000000{i:D4}")).ToList();
        var order = s.Order(Germany, "MFN", "Unshipped", items);

        await s.SyncAsync();

        var sales = await s.SalesOrderAsync(order.AmazonOrderId);
        Assert.AreEqual(45, sales.Lines.Count);
        Assert.AreEqual(items.Sum(i => i.ItemPrice.Amount), sales.Total);
        Assert.AreEqual(items.Sum(i => i.QuantityOrdered), (int)sales.Lines.Sum(l => l.Quantity));
    }

    [TestMethod]
    public async Task RepairedOffer_ChangesTheProductOfTheNextOrder()
    {
        var s = await SyncScenario.CreateAsync(Factory, Api, OrdersApiVersion, "EU", Germany);
        var first = s.Order(Germany, "MFN", "Unshipped", [Item("COFFEE-MUG-350", 1, M("EUR", 14.50m), M("EUR", 2.32m))], minutesAgo: 120);
        await s.SyncAsync();
        var admin = Factory.Client();
        var offer = (await admin.GetAsync($"/odata/amazon/Offers?$filter=AccountId eq {s.AccountId} and Sku eq 'COFFEE-MUG-350'").ExpectAsync(HttpStatusCode.OK))["value"]![0]!;
        var backpack = await Demo.ProductIdAsync(Factory, "BACKPACK-25L");
        await admin.PatchJsonAsync($"/odata/amazon/Offers({offer["Id"]})", $$"""{"ProductId":"{{backpack}}"}""", (string)offer["@odata.etag"]!).ExpectAsync(HttpStatusCode.OK);

        Factory.Clock.Advance(TimeSpan.FromMinutes(15));
        var second = s.Order(Germany, "MFN", "Unshipped", [Item("COFFEE-MUG-350", 1, M("EUR", 14.50m), M("EUR", 2.32m))], minutesAgo: 5);
        await s.SyncAsync();

        Assert.AreEqual(await Demo.ProductKeyAsync(Factory, "COFFEE-MUG-350"), Line(await s.SalesOrderAsync(first.AmazonOrderId), ":item").ProductId);
        Assert.AreEqual(backpack, HostIds.Of(Line(await s.SalesOrderAsync(second.AmazonOrderId), ":item").ProductId));
    }

    [TestMethod]
    public async Task WithheldBuyerData_IsImportedForTheAnonymousAmazonCustomer()
    {
        var s = await SyncScenario.CreateAsync(Factory, Api, OrdersApiVersion, "EU", Germany);
        var order = s.Order(Germany, "AFN", "Shipped", [Item("KINDLE-PW-16", 1, M("EUR", 169.99m), M("EUR", 27.14m))], withhold: true);

        var run = await s.SyncAsync();

        Assert.AreEqual(1, run.OrdersCreated);
        var sales = await s.SalesOrderAsync(order.AmazonOrderId);
        var customer = await Factory.WithHostDbAsync(db => db.Partners.SingleAsync(p => p.Id == sales.CustomerId));
        Assert.AreEqual("Amazon customer", customer.Name);
        Assert.AreEqual($"amazon-seller:EU:{s.SellerId}", customer.AnonymousScope);
        Assert.AreEqual(169.99m, sales.Total);
    }

    [TestMethod]
    public async Task SameBuyerTwice_IsOneCustomer()
    {
        var s = await SyncScenario.CreateAsync(Factory, Api, OrdersApiVersion, "EU", Germany);
        var a = s.Order(Germany, "MFN", "Unshipped", [Item("USB-C-CABLE-2M", 1, M("EUR", 12.99m), M("EUR", 2.07m))], buyer: "Søren Østergaard");
        var b = s.Order(Germany, "MFN", "Unshipped", [Item("USB-C-CABLE-2M", 1, M("EUR", 12.99m), M("EUR", 2.07m))], buyer: "Søren Østergaard");
        b.BuyerEmail = a.BuyerEmail;

        await s.SyncAsync();

        var first = await s.SalesOrderAsync(a.AmazonOrderId);
        var second = await s.SalesOrderAsync(b.AmazonOrderId);
        Assert.AreEqual(first.CustomerId, second.CustomerId);
        Assert.AreEqual(first.DeliveryAddressId, second.DeliveryAddressId);
    }

    [TestMethod]
    public async Task Statuses_EachBecomesWhatTheErpExpects()
    {
        var s = await SyncScenario.CreateAsync(Factory, Api, OrdersApiVersion, "EU", Germany);
        SandboxOrderItem Mug() => Item("COFFEE-MUG-350", 2, M("EUR", 29.00m), M("EUR", 4.63m));
        var pending = s.Order(Germany, "MFN", "Pending", [Mug()]);
        var fbaWaiting = s.Order(Germany, "AFN", "Unshipped", [Mug()]);
        var fbmPartial = s.Order(Germany, "MFN", "PartiallyShipped", [Mug()]);
        var canceledEarly = s.Order(Germany, "MFN", "Canceled", [Mug()]);
        var toCancel = s.Order(Germany, "MFN", "Unshipped", [Mug()]);
        var fbaShipped = s.Order(Germany, "AFN", "Shipped", [Mug()]);
        var unfulfillable = s.Order(Germany, "AFN", "Unfulfillable", [Mug()]);

        var run = await s.SyncAsync();

        Assert.AreEqual(AmazonOrderLinkState.Pending, (await s.LinkAsync(pending.AmazonOrderId)).State);
        Assert.AreEqual(AmazonOrderLinkState.Pending, (await s.LinkAsync(fbaWaiting.AmazonOrderId)).State);
        Assert.AreEqual(0, await s.SalesOrderCountAsync(pending.AmazonOrderId) + await s.SalesOrderCountAsync(fbaWaiting.AmazonOrderId));
        Assert.AreEqual(AmazonOrderLinkState.Imported, (await s.LinkAsync(fbmPartial.AmazonOrderId)).State, "first seen PartiallyShipped is imported too");
        Assert.AreEqual(AmazonOrderLinkState.Canceled, (await s.LinkAsync(canceledEarly.AmazonOrderId)).State);
        Assert.AreEqual(0, await s.SalesOrderCountAsync(canceledEarly.AmazonOrderId));
        Assert.AreEqual(AmazonOrderLinkState.Unfulfillable, (await s.LinkAsync(unfulfillable.AmazonOrderId)).State);
        var fba = await s.SalesOrderAsync(fbaShipped.AmazonOrderId);
        Assert.AreEqual(SalesOrderState.Done, fba.State);
        var fbaDelivery = await Factory.WithHostDbAsync(db => db.Deliveries.Include(d => d.Moves).SingleAsync(d => d.SalesOrderId == fba.Id));
        Assert.AreEqual(DeliveryState.Done, fbaDelivery.State);
        Assert.AreEqual(await Factory.WithHostDbAsync(db => db.StockLocations.Where(l => l.Code == "AMZ/FBA").Select(l => l.Id).SingleAsync()), fbaDelivery.SourceLocationId);
        Assert.AreEqual(2m, fbaDelivery.Moves.Single().Quantity);
        Assert.AreEqual(3, run.OrdersCreated);

        s.ChangeStatus(toCancel.AmazonOrderId, "Canceled");
        s.ChangeStatus(fbaShipped.AmazonOrderId, "Canceled");
        s.ChangeStatus(fbaWaiting.AmazonOrderId, "Shipped");
        await s.SyncAsync();

        Assert.AreEqual(AmazonOrderLinkState.Canceled, (await s.LinkAsync(toCancel.AmazonOrderId)).State);
        Assert.AreEqual(SalesOrderState.Cancelled, (await s.SalesOrderAsync(toCancel.AmazonOrderId)).State);
        Assert.AreEqual(AmazonOrderLinkState.NeedsReturn, (await s.LinkAsync(fbaShipped.AmazonOrderId)).State, "goods already left: a return, not a cancellation");
        Assert.AreEqual(SalesOrderState.Done, (await s.SalesOrderAsync(fbaShipped.AmazonOrderId)).State);
        Assert.AreEqual(AmazonOrderLinkState.Imported, (await s.LinkAsync(fbaWaiting.AmazonOrderId)).State);
        Assert.AreEqual(1, await s.SalesOrderCountAsync(fbaWaiting.AmazonOrderId));
    }

    [TestMethod]
    public async Task TwoRunsInARow_CreateNothingNew_AndAChangedOrderIsUpdatedNotDuplicated()
    {
        var s = await SyncScenario.CreateAsync(Factory, Api, OrdersApiVersion, "EU", Germany);
        var orders = Enumerable.Range(0, 4).Select(_ => s.Order(Germany, "MFN", "Unshipped", [Item("LED-BULB-E27", 1, M("EUR", 7.49m), M("EUR", 1.20m))])).ToList();
        var first = await s.SyncAsync();
        Assert.AreEqual(4, first.OrdersCreated);

        // As after a crash, the window is read again: every order is listed, none has changed.
        await Factory.WithModuleDbAsync(db => db.Accounts.Where(a => a.Id == s.AccountId).ExecuteUpdateAsync(u => u.SetProperty(a => a.LastSyncWatermark, (DateTimeOffset?)null)));
        // Where the items come with the order, no call is made per order at all.
        var itemCallsBefore = Factory.Sandbox.Answered(200, ItemsOperation ?? "getOrder");
        var second = await s.SyncAsync();
        Assert.AreEqual(0, second.OrdersCreated + second.OrdersUpdated + second.OrdersFailed);
        Assert.AreEqual(4, second.OrdersSkipped);
        Assert.AreEqual(itemCallsBefore, Factory.Sandbox.Answered(200, ItemsOperation ?? "getOrder"), "unchanged orders are skipped without fetching their items");

        s.ChangeStatus(orders[0].AmazonOrderId, "Shipped");
        var third = await s.SyncAsync();

        Assert.AreEqual(0, third.OrdersCreated);
        Assert.AreEqual(1, third.OrdersUpdated);
        Assert.AreEqual(1, await s.SalesOrderCountAsync(orders[0].AmazonOrderId));
        Assert.AreEqual(AmazonOrderStatus.Shipped, (await s.LinkAsync(orders[0].AmazonOrderId)).AmazonStatus);
        var account = await Factory.WithModuleDbAsync(db => db.Accounts.AsNoTracking().SingleAsync(a => a.Id == s.AccountId));
        Assert.AreEqual(s.Now.AddMinutes(-2), account.LastSyncWatermark);
    }

    [TestMethod]
    public async Task FailuresInjected_ThenANewRun_EveryOrderExactlyOnce()
    {
        var s = await SyncScenario.CreateAsync(Factory, Api, OrdersApiVersion, "EU", Germany);
        var orders = Enumerable.Range(0, 5).Select(i => s.Order(Germany, "MFN", "Unshipped", [Item("USB-C-CABLE-2M", 1, M("EUR", 12.99m), M("EUR", 2.07m))], minutesAgo: 60 - i)).ToList();
        // Two orders fail on their own: their items' call answers an internal error, or (where the items come with the
        // order) their amount cannot be read.
        if (ItemsOperation is { } itemsCall)
        {
            Factory.Sandbox.Faults.Add(new SandboxFault(SandboxFaultKind.InternalError, Count: 2, Share: null, Action: itemsCall));
        }
        else
        {
            orders[0].Items[0].RawItemPriceAmount = "12,99";
            orders[1].Items[0].RawItemPriceAmount = "12,99";
        }

        var first = await s.SyncAsync();

        Assert.AreEqual(AmazonSyncRunState.PartiallyFailed, first.State);
        Assert.AreEqual(3, first.OrdersCreated);
        Assert.AreEqual(2, first.OrdersFailed);
        var failed = await Factory.WithModuleDbAsync(db => db.OrderLinks.Where(l => l.AccountId == s.AccountId && l.State == AmazonOrderLinkState.Failed).ToListAsync());
        Assert.AreEqual(2, failed.Count);
        var expectedError = ItemsOperation is null ? "'12,99' is not an amount" : $"{ItemsOperation} with {InternalErrorCode}";
        Assert.IsTrue(failed.All(l => l.LastError!.Contains(expectedError, StringComparison.Ordinal)), failed[0].LastError);

        // The next scheduled run comes after the first back-off (Amazon answers properly again).
        orders[0].Items[0].RawItemPriceAmount = null;
        orders[1].Items[0].RawItemPriceAmount = null;
        Factory.Clock.Advance(AmazonOrderFailures.Backoff(1));
        var second = await s.SyncAsync();

        Assert.AreEqual(AmazonSyncRunState.Succeeded, second.State, second.Error);
        Assert.AreEqual(2, second.OrdersCreated);
        foreach (var order in orders)
        {
            Assert.AreEqual(1, await s.SalesOrderCountAsync(order.AmazonOrderId), order.AmazonOrderId);
        }
    }

    [TestMethod]
    public async Task RunKilledMidWindow_ThenRestarted_EveryOrderExactlyOnce()
    {
        var s = await SyncScenario.CreateAsync(Factory, Api, OrdersApiVersion, "EU", Germany);
        var orders = Enumerable.Range(0, 6).Select(i => s.Order(Germany, "MFN", "Unshipped", [Item("BACKPACK-25L", 1, M("EUR", 89.00m), M("EUR", 14.21m))], minutesAgo: 60 - i)).ToList();
        using var kill = new CancellationTokenSource();

        await Assert.ThrowsAsync<OperationCanceledException>(() => s.SyncAsync(cancellationToken: kill.Token, progress: new SynchronousProgress(run =>
        {
            if (run.OrdersCreated >= 3)
            {
                kill.Cancel();
            }
        })));

        Assert.AreEqual(3, await Factory.WithHostDbAsync(db => db.SalesOrders.CountAsync(o => o.Origin == $"Amazon:{s.Region}:{s.SellerId}")));
        var watermark = await Factory.WithModuleDbAsync(db => db.Accounts.Where(a => a.Id == s.AccountId).Select(a => a.LastSyncWatermark).SingleAsync());
        Assert.IsTrue(watermark is null || watermark <= orders[0].LastUpdateDateAt(s.Now), "the window in progress is not skipped");

        var restarted = await s.SyncAsync();

        Assert.AreEqual(AmazonSyncRunState.Succeeded, restarted.State, restarted.Error);
        Assert.AreEqual(6, await Factory.WithHostDbAsync(db => db.SalesOrders.CountAsync(o => o.Origin == $"Amazon:{s.Region}:{s.SellerId}")));
        foreach (var order in orders)
        {
            Assert.AreEqual(1, await s.SalesOrderCountAsync(order.AmazonOrderId));
        }
    }

    [TestMethod]
    public async Task AccountDeletedAndAddedAgainForTheSameSeller_FindsItsOrders_InsteadOfImportingThemTwice()
    {
        var s = await SyncScenario.CreateAsync(Factory, Api, OrdersApiVersion, "EU", Germany);
        var orders = Enumerable.Range(0, 4).Select(i => s.Order(Germany, "MFN", "Unshipped", [Item("LED-BULB-E27", 2, M("EUR", 14.98m), M("EUR", 2.39m))], minutesAgo: 60 - i)).ToList();
        await s.SyncAsync();
        var admin = Factory.Client();
        var token = s.Authorization;
        await admin.DeleteAsync($"/odata/amazon/Accounts({s.AccountId})").ExpectAsync(HttpStatusCode.NoContent);

        var again = await admin.PostJsonAsync("/odata/amazon/Accounts", $$"""
            {"Name":"again {{Guid.NewGuid():N}}","Api":"{{Api}}","Region":"EU","SellerId":"{{s.SellerId}}","AuthorizationToken":"{{token}}"}
            """).ExpectAsync(HttpStatusCode.Created);
        var readded = new SyncScenario(Factory, "EU", s.SellerId, (int)again["Id"]!, Api, token);
        var run = await readded.SyncAsync();

        Assert.AreEqual(AmazonSyncRunState.Succeeded, run.State, run.Error);
        Assert.AreEqual(0, run.OrdersCreated, "nothing is imported again");
        Assert.AreEqual(4, await Factory.WithHostDbAsync(db => db.SalesOrders.CountAsync(o => o.Origin == $"Amazon:EU:{s.SellerId}")));
        foreach (var order in orders)
        {
            Assert.AreEqual(1, await readded.SalesOrderCountAsync(order.AmazonOrderId));
            Assert.IsNotNull((await readded.LinkAsync(order.AmazonOrderId)).SalesOrderId, "the new account's link points at the order already in the ERP");
        }
    }

    [TestMethod]
    public async Task MalformedOrder_FailsAloneWithAReadableReason_AndIsRetriedByIdOnTheNextRun()
    {
        var s = await SyncScenario.CreateAsync(Factory, Api, OrdersApiVersion, "EU", Germany);
        var good = s.Order(Germany, "MFN", "Unshipped", [Item("HEADPHONES-BT", 1, M("EUR", 129.00m), M("EUR", 20.60m))]);
        var noSku = s.Order(Germany, "MFN", "Unshipped", [Item("HEADPHONES-BT", 1, M("EUR", 129.00m), M("EUR", 20.60m))]);
        var badAmount = s.Order(Germany, "MFN", "Unshipped", [Item("HEADPHONES-BT", 1, M("EUR", 129.00m), M("EUR", 20.60m))]);
        noSku.Items[0].SellerSku = null;
        badAmount.Items[0].RawItemPriceAmount = "12,34.5x";

        var first = await s.SyncAsync();

        Assert.AreEqual(AmazonSyncRunState.PartiallyFailed, first.State);
        Assert.AreEqual(AmazonOrderLinkState.Imported, (await s.LinkAsync(good.AmazonOrderId)).State);
        StringAssert.Contains((await s.LinkAsync(noSku.AmazonOrderId)).LastError, "has no SellerSKU");
        StringAssert.Contains((await s.LinkAsync(badAmount.AmazonOrderId)).LastError,
            OrdersApiVersion == ErpAmazonModule.Accounts.AmazonOrdersApiVersions.V2026 ? "proceeds ITEM/amount '12,34.5x' is not an amount" : "ItemPrice/Amount '12,34.5x' is not an amount");

        // Amazon corrects the orders without a new LastUpdateDate: only a retry by id can notice.
        noSku.Items[0].SellerSku = "HEADPHONES-BT";
        badAmount.Items[0].RawItemPriceAmount = null;
        Factory.Clock.Advance(AmazonOrderFailures.Backoff(1));
        var second = await s.SyncAsync();

        Assert.AreEqual(2, second.OrdersCreated);
        Assert.AreEqual(AmazonOrderLinkState.Imported, (await s.LinkAsync(noSku.AmazonOrderId)).State);
        Assert.IsNull((await s.LinkAsync(badAmount.AmazonOrderId)).LastError);
        Assert.AreEqual(1, await s.SalesOrderCountAsync(good.AmazonOrderId));
    }

    [TestMethod]
    public async Task RecoverOrder_ProcessesOneOrderWhateverTheWatermark()
    {
        var s = await SyncScenario.CreateAsync(Factory, Api, OrdersApiVersion, "EU", Germany);
        await s.SyncAsync();
        var late = s.Order(Germany, "MFN", "Unshipped", [Item("YOGA-MAT-GREEN", 1, M("EUR", 34.90m), M("EUR", 5.57m))], minutesAgo: 24 * 60 * 60);
        var admin = Factory.Client();

        var link = await admin.PostJsonAsync($"/odata/amazon/Accounts({s.AccountId})/RecoverOrder", $$"""{"AmazonOrderId":"{{late.AmazonOrderId}}"}""").ExpectAsync(HttpStatusCode.OK);

        Assert.AreEqual("Imported", (string?)link["State"]);
        Assert.AreEqual(34.90m, (decimal)link["AmazonTotal"]!);
        Assert.AreEqual(1, await s.SalesOrderCountAsync(late.AmazonOrderId));
        var run = await admin.GetAsync($"/odata/amazon/SyncRuns?$filter=AccountId eq {s.AccountId} and Trigger eq 'Recovery'").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual("Succeeded", (string?)run["value"]![0]!["State"]);
        await admin.PostJsonAsync($"/odata/amazon/Accounts({s.AccountId})/RecoverOrder", """{"AmazonOrderId":"not-an-id"}""").ExpectErrorAsync(HttpStatusCode.BadRequest, "AmazonOrderId");
        await admin.PostJsonAsync($"/odata/amazon/Accounts({s.AccountId})/RecoverOrder", """{"AmazonOrderId":"302-0000000-0000000"}""").ExpectErrorAsync(HttpStatusCode.NotFound);
    }

    [TestMethod]
    public async Task SyncRunsAndOrderLinks_AreQueryable_AndSyncOrdersQueuesARun()
    {
        var s = await SyncScenario.CreateAsync(Factory, Api, OrdersApiVersion, "EU", Germany);
        s.Order(Germany, "MFN", "Unshipped", [Item("KINDLE-PW-16", 1, M("EUR", 169.99m), M("EUR", 27.14m))]);
        s.Order(Germany, "MFN", "Pending", [Item("KINDLE-PW-16", 1, M("EUR", 169.99m), M("EUR", 27.14m))]);
        await s.SyncAsync();
        var admin = Factory.Client();

        var expensive = await admin.GetAsync($"/odata/amazon/OrderLinks?$filter=AccountId eq {s.AccountId} and AmazonTotal gt 100&$orderby=AmazonTotal desc&$count=true").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(1, (int)expensive["@odata.count"]!);
        var pending = await admin.GetAsync($"/odata/amazon/OrderLinks?$filter=AccountId eq {s.AccountId} and State eq 'Pending'&$select=AmazonOrderId,State").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(1, pending["value"]!.AsArray().Count);
        var runs = await admin.GetAsync($"/odata/amazon/SyncRuns?$filter=AccountId eq {s.AccountId}&$expand=Account($select=Name)").ExpectAsync(HttpStatusCode.OK);
        var done = runs["value"]![0]!;
        Assert.AreEqual(2, (int)done["OrdersSeen"]!);
        Assert.AreEqual(100, (int)done["Progress"]!);
        Assert.AreEqual(5, (int)done["PagesRead"]!, "a 30-day first sync in weekly windows: five ListOrders pages");

        var queued = await admin.PostJsonAsync($"/odata/amazon/Accounts({s.AccountId})/SyncOrders", "{}").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual("Queued", (string?)queued["State"]);
        Assert.AreEqual("Manual", (string?)queued["Trigger"]);
        using var forbidden = await Factory.Client(ErpHostFactory.ManagerKey).PostJsonAsync($"/odata/amazon/Accounts({s.AccountId})/SyncOrders", "{}");
        Assert.AreEqual(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    private sealed class SynchronousProgress(Action<AmazonSyncProgress> report) : IProgress<AmazonSyncProgress>
    {
        public void Report(AmazonSyncProgress value) => report(value);
    }
}

/// <summary>The order-sync suite over MWS.</summary>
[TestClass]
public sealed class OrderSyncOverMwsTests : OrderSyncTests
{
    private static ErpHostFactory _host = null!;

    [ClassInitialize]
    public static void Start(TestContext context) => _host = new ErpHostFactory();

    [ClassCleanup]
    public static void Stop() => _host.Dispose();

    protected override ErpHostFactory Factory => _host;

    protected override ErpAmazonModule.Accounts.AmazonApi Api => ErpAmazonModule.Accounts.AmazonApi.Mws;
}

/// <summary>The order-sync suite over the Selling Partner API's Orders v0.</summary>
[TestClass]
public sealed class OrderSyncOverOrdersV0Tests : OrderSyncTests
{
    protected override string? OrdersApiVersion => ErpAmazonModule.Accounts.AmazonOrdersApiVersions.V0;

    private static ErpHostFactory _host = null!;

    [ClassInitialize]
    public static void Start(TestContext context) => _host = new ErpHostFactory();

    [ClassCleanup]
    public static void Stop() => _host.Dispose();

    protected override ErpHostFactory Factory => _host;

    protected override ErpAmazonModule.Accounts.AmazonApi Api => ErpAmazonModule.Accounts.AmazonApi.SellingPartner;
}

/// <summary>The order-sync suite over the Selling Partner API's Orders API 2026-01-01 (the items and buyer data come with the order).</summary>
[TestClass]
public sealed class OrderSyncOverOrders2026Tests : OrderSyncTests
{
    private static ErpHostFactory _host = null!;

    [ClassInitialize]
    public static void Start(TestContext context) => _host = new ErpHostFactory();

    [ClassCleanup]
    public static void Stop() => _host.Dispose();

    protected override ErpHostFactory Factory => _host;

    protected override ErpAmazonModule.Accounts.AmazonApi Api => ErpAmazonModule.Accounts.AmazonApi.SellingPartner;

    protected override string? OrdersApiVersion => ErpAmazonModule.Accounts.AmazonOrdersApiVersions.V2026;
}
