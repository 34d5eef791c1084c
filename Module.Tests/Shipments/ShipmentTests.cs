using System.Net;
using System.Text.Json.Nodes;
using System.Runtime.CompilerServices;
using ErpAmazonModule.Amazon;
using ErpAmazonModule.Host.Data;
using ErpAmazonModule.Sandbox.Mws;
using ErpAmazonModule.Shipments;
using ErpAmazonModule.Tests.Sync;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ErpAmazonModule.Tests.Sync.SyncScenario;

namespace ErpAmazonModule.Tests.Shipments;

/// <summary>
/// The warehouse validates deliveries of merchant-fulfilled Amazon orders in the ERP; the connector confirms them to
/// Amazon (carrier, tracking, items) in order fulfillment feeds, over MWS and the Selling Partner API alike: full and
/// partial shipments, two deliveries for one order, a bad one in a batch, Amazon down, a lost answer, a retry, a
/// delivery without tracking. Amazon's orders change when the feed is processed, and the next sync leaves the ERP as it is.
/// </summary>
[TestClass]
public sealed class ShipmentTests
{
    private const string Germany = "A1PA6795UKMFR9";
    private const string WarehouseKey = "demo-warehouse-key";

    [TestMethod]
    [DataRow("Mws")]
    [DataRow("SellingPartner")]
    public async Task FullAndPartialShipments_AreConfirmed_AmazonShipsWhenItProcesses_AndTheNextSyncLeavesTheErpAsItIs(string api)
    {
        using var factory = new ErpHostFactory(orders: 0);
        var s = await CreateAsync(factory, api);
        var whole = s.Order(Germany, "MFN", "Unshipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m)), Item("YOGA-MAT-GREEN", 2, M("EUR", 69.80m), M("EUR", 11.14m))], minutesAgo: 20);
        var split = s.Order(Germany, "MFN", "Unshipped", [Item("LED-BULB-E27", 3, M("EUR", 22.47m), M("EUR", 3.59m))], minutesAgo: 19);
        Assert.AreEqual(2, (await s.SyncAsync()).OrdersCreated);

        // The warehouse ships the first order whole and one of three bulbs of the second.
        await ValidateAsync(factory, await ReadyDeliveryAsync(factory, s, whole.AmazonOrderId), """{"Carrier":"DHL","ShippingMethod":"Paket","TrackingNumber":"00340434161234567890"}""");
        var bulbs = split.Items[0].OrderItemId;
        await ValidateAsync(factory, await ReadyDeliveryAsync(factory, s, split.AmazonOrderId), $$"""{"Carrier":"UPS Standard","TrackingNumber":"1Z999AA10123456784","Lines":[{"ExternalLineId":"{{bulbs}}:item","Quantity":1}]}""");
        var sent = await SendAsync(factory, s);
        Assert.AreEqual((2, 2, 1), ((int)sent["Queued"]!, (int)sent["Sent"]!, (int)sent["FeedsSubmitted"]!), sent.ToJsonString());
        // Submitted, not processed yet: Amazon still shows the orders unshipped.
        Assert.AreEqual("Unshipped", factory.Sandbox.Store.Order(s.SellerId, whole.AmazonOrderId)!.StatusAt(s.Now).Status);
        var feed = factory.Sandbox.Store.Feeds(s.SellerId).Single();
        StringAssert.Contains(feed.Content, "<CarrierCode>DHL</CarrierCode>");
        StringAssert.Contains(feed.Content, "<CarrierCode>UPS</CarrierCode>", "a common spelling of a carrier goes as Amazon's code");
        StringAssert.Contains(feed.Content, $"<Item><AmazonOrderItemCode>{bulbs}</AmazonOrderItemCode><Quantity>1</Quantity></Item>");

        factory.Clock.Advance(TimeSpan.FromMinutes(3));
        var processed = await SendAsync(factory, s);
        Assert.AreEqual((2, 0), ((int)processed["Confirmed"]!, (int)processed["Failed"]!), processed.ToJsonString());
        Assert.AreEqual("Shipped", factory.Sandbox.Store.Order(s.SellerId, whole.AmazonOrderId)!.StatusAt(s.Now).Status);
        Assert.AreEqual("PartiallyShipped", factory.Sandbox.Store.Order(s.SellerId, split.AmazonOrderId)!.StatusAt(s.Now).Status);

        // The rest of the bulbs leave in a second delivery (the ERP's backorder), with a tracking number of its own.
        await ValidateAsync(factory, await ReadyDeliveryAsync(factory, s, split.AmazonOrderId), """{"Carrier":"Royal Mail","TrackingNumber":"RR123456785GB"}""");
        await SendAsync(factory, s);
        factory.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.AreEqual(1, (int)(await SendAsync(factory, s))["Confirmed"]!);
        var amazon = factory.Sandbox.Store.Order(s.SellerId, split.AmazonOrderId)!;
        Assert.AreEqual(("Shipped", 3), (amazon.StatusAt(s.Now).Status, amazon.Items[0].QuantityShipped));
        var shipments = await factory.Client(WarehouseKey).GetAsync($"/odata/amazon/Shipments?$filter=AmazonOrderId eq '{split.AmazonOrderId}'&$orderby=Id").ExpectAsync(HttpStatusCode.OK);
        var two = shipments["value"]!.AsArray();
        Assert.AreEqual(2, two.Count);
        Assert.IsTrue(two.All(x => (string?)x!["State"] == "Confirmed" && x["FeedSubmissionId"] is not null), shipments.ToJsonString());
        Assert.AreEqual((1, 2), ((int)two[0]!["Lines"]![0]!["Quantity"]!, (int)two[1]!["Lines"]![0]!["Quantity"]!));
        Assert.AreEqual(("UPS Standard", "UPS", "Royal Mail"), ((string?)two[0]!["Carrier"], (string?)two[0]!["CarrierCode"], (string?)two[1]!["CarrierCode"]));

        // The next sync reads the orders as Amazon now shows them and changes nothing in the ERP.
        var before = await ErpStateAsync(factory);
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var sync = await s.SyncAsync();
        Assert.IsTrue(sync.OrdersSeen >= 2, "the shipped orders are read again");
        Assert.AreEqual(0, sync.OrdersFailed, sync.Error);
        Assert.AreEqual(before, await ErpStateAsync(factory));
        Assert.AreEqual(ErpAmazonModule.Amazon.AmazonOrderStatus.Shipped, (await s.LinkAsync(whole.AmazonOrderId)).AmazonStatus);
        Assert.AreEqual(0, (int)(await SendAsync(factory, s))["Queued"]!, "nothing is confirmed twice");
        Assert.AreEqual(2, factory.Sandbox.Store.Feeds(s.SellerId).Count);
    }

    [TestMethod]
    [DataRow("Mws")]
    [DataRow("SellingPartner")]
    public async Task OneBadShipmentInABatchOfTen_FailsWithAmazonsMessage_TheNineAreConfirmed_AndTheRetryIsConfirmed(string api)
    {
        using var factory = new ErpHostFactory(orders: 0);
        var s = await CreateAsync(factory, api);
        var orders = Enumerable.Range(0, 10).Select(i => s.Order(Germany, "MFN", "Unshipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))], minutesAgo: 30 - i)).ToList();
        Assert.AreEqual(10, (await s.SyncAsync()).OrdersCreated);
        for (var i = 0; i < orders.Count; i++)
        {
            // The fourth parcel's tracking number was typed wrong: Amazon refuses that one only.
            var tracking = i == 3 ? "N/A" : $"0034043416{i:D10}";
            await ValidateAsync(factory, await ReadyDeliveryAsync(factory, s, orders[i].AmazonOrderId), $$"""{"Carrier":"DHL","TrackingNumber":"{{tracking}}"}""");
        }

        Assert.AreEqual(10, (int)(await SendAsync(factory, s))["Sent"]!);
        factory.Clock.Advance(TimeSpan.FromMinutes(3));
        var processed = await SendAsync(factory, s);
        Assert.AreEqual((9, 1), ((int)processed["Confirmed"]!, (int)processed["Failed"]!), processed.ToJsonString());
        var failed = await factory.WithModuleDbAsync(db => db.Shipments.AsNoTracking().SingleAsync(x => x.State == AmazonShipmentState.Failed));
        Assert.AreEqual(orders[3].AmazonOrderId, failed.AmazonOrderId);
        StringAssert.Contains(failed.Message, "tracking number 'N/A' is not valid", "Amazon's own message");
        Assert.AreEqual("Unshipped", factory.Sandbox.Store.Order(s.SellerId, orders[3].AmazonOrderId)!.StatusAt(s.Now).Status);
        Assert.IsTrue(orders.Where((_, i) => i != 3).All(o => factory.Sandbox.Store.Order(s.SellerId, o.AmazonOrderId)!.StatusAt(s.Now).Status == "Shipped"));

        // Retried with the right number by the warehouse (a salesperson may not); confirmed the next time.
        using (var sales = await factory.Client(ErpHostFactory.SalesKey).PostJsonAsync($"/odata/amazon/Shipments({failed.Id})/Retry", "{}"))
        {
            Assert.AreEqual(HttpStatusCode.Forbidden, sales.StatusCode);
        }

        var warehouse = factory.Client(WarehouseKey);
        await warehouse.PostJsonAsync($"/odata/amazon/Shipments({failed.Id})/Retry", """{"TrackingNumber":""}""").ExpectErrorAsync(HttpStatusCode.BadRequest, "TrackingNumber");
        var retried = await warehouse.PostJsonAsync($"/odata/amazon/Shipments({failed.Id})/Retry", """{"TrackingNumber":"00340434169999999999"}""").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(("Queued", 0), ((string?)retried["State"], (int)retried["Attempts"]!));
        await warehouse.PostJsonAsync($"/odata/amazon/Shipments({failed.Id})/Retry", "{}").ExpectErrorAsync(HttpStatusCode.Conflict, "State");
        await SendAsync(factory, s);
        factory.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.AreEqual(1, (int)(await SendAsync(factory, s))["Confirmed"]!);
        Assert.AreEqual("Shipped", factory.Sandbox.Store.Order(s.SellerId, orders[3].AmazonOrderId)!.StatusAt(s.Now).Status);
    }

    [TestMethod]
    [DataRow("Mws")]
    [DataRow("SellingPartner")]
    public async Task AmazonDown_TheValidationIsNotBlocked_TheShipmentWaits_AndIsSentOnceLater(string api)
    {
        using var factory = new ErpHostFactory(orders: 0);
        var s = await CreateAsync(factory, api);
        var order = s.Order(Germany, "MFN", "Unshipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))], minutesAgo: 20);
        await s.SyncAsync();
        factory.Sandbox.Faults.Add(new SandboxFault(SandboxFaultKind.InternalError, 1000, null, api == "Mws" ? "SubmitFeed" : "createFeedDocument"));

        // Amazon is down: the warehouse validates all the same.
        await ValidateAsync(factory, await ReadyDeliveryAsync(factory, s, order.AmazonOrderId), """{"Carrier":"DHL","TrackingNumber":"00340434161234567890"}""");
        var down = await factory.Client().PostJsonAsync("/odata/amazon/Shipments/Send", $$"""{"AccountId":{{s.AccountId}}}""").ExpectErrorAsync(HttpStatusCode.ServiceUnavailable);
        StringAssert.Contains(down, "sent on the next run");
        var waiting = await factory.WithModuleDbAsync(db => db.Shipments.AsNoTracking().SingleAsync());
        Assert.AreEqual(AmazonShipmentState.Sending, waiting.State);
        StringAssert.Contains(waiting.Message, "could not be reached");
        Assert.AreEqual(0, factory.Sandbox.Store.Feeds(s.SellerId).Count);

        // Amazon is back: the next run looks for the feed, finds none, sends it once.
        factory.Sandbox.Faults.Clear();
        var later = await SendAsync(factory, s);
        Assert.AreEqual((0, 1), ((int)later["FeedsFound"]!, (int)later["Sent"]!), later.ToJsonString());
        factory.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.AreEqual(1, (int)(await SendAsync(factory, s))["Confirmed"]!);
        Assert.AreEqual(1, factory.Sandbox.Store.Feeds(s.SellerId).Count);
        Assert.AreEqual(2, (await factory.WithModuleDbAsync(db => db.Shipments.AsNoTracking().SingleAsync())).Attempts);
    }

    [TestMethod]
    [DataRow("Mws")]
    [DataRow("SellingPartner")]
    public async Task AnswerLostAfterSubmitting_TheFeedIsFoundAtAmazon_AndNotSubmittedTwice(string api)
    {
        using var factory = new ErpHostFactory(orders: 0);
        var s = await CreateAsync(factory, api);
        var order = s.Order(Germany, "MFN", "Unshipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))], minutesAgo: 20);
        await s.SyncAsync();
        await ValidateAsync(factory, await ReadyDeliveryAsync(factory, s, order.AmazonOrderId), """{"Carrier":"DHL","TrackingNumber":"00340434161234567890"}""");
        // Amazon takes the feed, then the answer is lost on the way back: as if the process died before recording it.
        factory.Sandbox.Faults.Add(new SandboxFault(SandboxFaultKind.TruncatedXml, 1, null, api == "Mws" ? "SubmitFeed" : "createFeed"));

        await factory.Client().PostJsonAsync("/odata/amazon/Shipments/Send", $$"""{"AccountId":{{s.AccountId}}}""").ExpectErrorAsync(HttpStatusCode.ServiceUnavailable);
        Assert.AreEqual(1, factory.Sandbox.Store.Feeds(s.SellerId).Count);
        Assert.AreEqual(AmazonShipmentState.Sending, (await factory.WithModuleDbAsync(db => db.Shipments.AsNoTracking().SingleAsync())).State);

        var found = await SendAsync(factory, s);
        Assert.AreEqual((1, 0), ((int)found["FeedsFound"]!, (int)found["FeedsSubmitted"]!), found.ToJsonString());
        factory.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.AreEqual(1, (int)(await SendAsync(factory, s))["Confirmed"]!);
        Assert.AreEqual(1, factory.Sandbox.Store.Feeds(s.SellerId).Count, "the feed was never submitted twice");
        var shipment = await factory.WithModuleDbAsync(db => db.Shipments.AsNoTracking().SingleAsync());
        Assert.AreEqual(factory.Sandbox.Store.Feeds(s.SellerId).Single().FeedSubmissionId, shipment.FeedSubmissionId);
    }

    [TestMethod]
    [DataRow("Mws")]
    [DataRow("SellingPartner")]
    public async Task KilledBetweenSubmittingAndRecording_TheNextRunFindsTheFeed_AndNeverSubmitsItAgain(string api)
    {
        // The sender dies the instant Amazon has the feed: nothing after the submission is recorded (the feed stays
        // Preparing, its shipments Sending), as when the process is killed there.
        var killed = new StrongBox<bool>(true);
        using var factory = new ErpHostFactory(orders: 0, testServices: services =>
        {
            foreach (var source in services.Where(d => d.ServiceType == typeof(IAmazonFeedSource)).ToList())
            {
                services.Remove(source);
                services.AddScoped<IAmazonFeedSource>(sp => new DyingFeedSource((IAmazonFeedSource)ActivatorUtilities.CreateInstance(sp, source.ImplementationType!), killed));
            }
        });
        var s = await CreateAsync(factory, api);
        var orders = Enumerable.Range(0, 3).Select(i => s.Order(Germany, "MFN", "Unshipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))], minutesAgo: 20 - i)).ToList();
        await s.SyncAsync();
        foreach (var order in orders)
        {
            await ValidateAsync(factory, await ReadyDeliveryAsync(factory, s, order.AmazonOrderId), """{"Carrier":"DHL","TrackingNumber":"00340434161234567890"}""");
        }

        var service = factory.Services.GetRequiredService<AmazonShipmentService>();
        await Assert.ThrowsExactlyAsync<ProcessKilledException>(() => service.RunAsync(s.AccountId, CancellationToken.None));
        Assert.AreEqual(1, factory.Sandbox.Store.Feeds(s.SellerId).Count, "Amazon has the feed");
        Assert.IsTrue((await factory.WithModuleDbAsync(db => db.Shipments.AsNoTracking().ToListAsync())).All(x => x.State == AmazonShipmentState.Sending && x.FeedSubmissionId is null));

        // Restarted: the next run looks for the feed before sending anything.
        killed.Value = false;
        var found = (await service.RunAsync(s.AccountId, CancellationToken.None)).Value!;
        Assert.AreEqual((1, 0, 0), (found.FeedsFound, found.FeedsSubmitted, found.Sent), found.ToString());
        factory.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.AreEqual(3, (await service.RunAsync(s.AccountId, CancellationToken.None)).Value!.Confirmed);
        Assert.AreEqual(1, factory.Sandbox.Store.Feeds(s.SellerId).Count, "each delivery submitted once");
        Assert.IsTrue(orders.All(o => factory.Sandbox.Store.Order(s.SellerId, o.AmazonOrderId)!.StatusAt(s.Now).Status == "Shipped"));
    }

    private sealed class ProcessKilledException : Exception;

    /// <summary>Submits through the real source, then dies before its caller can record anything, while <c>killed</c> holds.</summary>
    private sealed class DyingFeedSource(IAmazonFeedSource inner, StrongBox<bool> killed) : IAmazonFeedSource
    {
        public ErpAmazonModule.Accounts.AmazonApi Api => inner.Api;

        public async Task<string> SubmitAsync(AmazonSellerContext seller, IReadOnlyList<string> marketplaceIds, string document, CancellationToken cancellationToken)
        {
            var id = await inner.SubmitAsync(seller, marketplaceIds, document, cancellationToken);
            return killed.Value ? throw new ProcessKilledException() : id;
        }

        public Task<IReadOnlyList<AmazonFeedSubmission>> ListSinceAsync(AmazonSellerContext seller, DateTimeOffset since, CancellationToken cancellationToken) => inner.ListSinceAsync(seller, since, cancellationToken);

        public Task<AmazonFeedSubmission> GetAsync(AmazonSellerContext seller, string feedId, CancellationToken cancellationToken) => inner.GetAsync(seller, feedId, cancellationToken);

        public Task<string> GetReportAsync(AmazonSellerContext seller, AmazonFeedSubmission feed, CancellationToken cancellationToken) => inner.GetReportAsync(seller, feed, cancellationToken);
    }

    [TestMethod]
    [DataRow("Mws")]
    [DataRow("SellingPartner")]
    public async Task DeliveryWithoutTracking_IsListedWithTheReason_NotSent_UntilTheNumberIsGiven(string api)
    {
        using var factory = new ErpHostFactory(orders: 0);
        var s = await CreateAsync(factory, api);
        var order = s.Order(Germany, "MFN", "Unshipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))], minutesAgo: 20);
        await s.SyncAsync();
        await ValidateAsync(factory, await ReadyDeliveryAsync(factory, s, order.AmazonOrderId), """{"Carrier":"Hermes"}""");

        var sent = await SendAsync(factory, s);
        Assert.AreEqual((1, 0, 0), ((int)sent["Incomplete"]!, (int)sent["Sent"]!, (int)sent["FeedsSubmitted"]!), sent.ToJsonString());
        var listed = await factory.Client(ErpHostFactory.ManagerKey).GetAsync("/odata/amazon/Shipments?$filter=State eq 'Incomplete'&$select=Id,AmazonOrderId,Message").ExpectAsync(HttpStatusCode.OK);
        var incomplete = listed["value"]!.AsArray().Single()!;
        StringAssert.Contains((string?)incomplete["Message"], "no tracking number");
        Assert.AreEqual(0, factory.Sandbox.Store.Feeds(s.SellerId).Count, "nothing went to Amazon");

        var id = (int)incomplete["Id"]!;
        var warehouse = factory.Client(WarehouseKey);
        await warehouse.PostJsonAsync($"/odata/amazon/Shipments({id})/Retry", "{}").ExpectErrorAsync(HttpStatusCode.BadRequest, "TrackingNumber", messageNamesField: false);
        await warehouse.PostJsonAsync($"/odata/amazon/Shipments({id})/Retry", """{"TrackingNumber":"H1234567890123456789"}""").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(1, (int)(await SendAsync(factory, s))["Sent"]!);
        StringAssert.Contains(factory.Sandbox.Store.Feeds(s.SellerId).Single().Content, "<CarrierCode>Hermes</CarrierCode>");
    }

    [TestMethod]
    public async Task ADeliveryOfAnOrderWhoseLinkIsNotRecordedYet_IsConfirmedAllTheSame()
    {
        // The sync died between the ERP's commit of the sales order and its own record of it; the warehouse validated
        // the delivery in between. The delivery is known by the order's client reference, not passed over.
        using var factory = new ErpHostFactory(orders: 0);
        var s = await CreateAsync(factory, "SellingPartner");
        var order = s.Order(Germany, "MFN", "Unshipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))], minutesAgo: 20);
        await s.SyncAsync();
        var delivery = await ReadyDeliveryAsync(factory, s, order.AmazonOrderId);
        await factory.WithModuleDbAsync(db => db.OrderLinks.Where(l => l.AmazonOrderId == order.AmazonOrderId).ExecuteUpdateAsync(u => u.SetProperty(l => l.SalesOrderId, (string?)null)));
        await ValidateAsync(factory, delivery, """{"Carrier":"DHL","TrackingNumber":"00340434161234567890"}""");

        var sent = await SendAsync(factory, s);

        Assert.AreEqual((1, 1), ((int)sent["Queued"]!, (int)sent["Sent"]!), sent.ToJsonString());
        Assert.AreEqual(order.AmazonOrderId, (await factory.WithModuleDbAsync(db => db.Shipments.AsNoTracking().SingleAsync())).AmazonOrderId);
    }

    [TestMethod]
    public async Task TheRecurringJob_ConfirmsValidatedDeliveries_AndDoesNothingWhileTheModuleIsOff()
    {
        using var factory = new ErpHostFactory(orders: 0);
        var s = await CreateAsync(factory, "SellingPartner");
        var order = s.Order(Germany, "MFN", "Unshipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))], minutesAgo: 20);
        await s.SyncAsync();
        await ValidateAsync(factory, await ReadyDeliveryAsync(factory, s, order.AmazonOrderId), """{"Carrier":"DHL","TrackingNumber":"00340434161234567890"}""");
        async Task RunJobAsync()
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AmazonShipmentsJob>().RunAsync(CancellationToken.None);
        }

        var admin = factory.Client();
        await admin.PutJsonAsync("/api/settings/erp.amazon.enabled", """{"Value":"false"}""").ExpectAsync(HttpStatusCode.NoContent);
        await RunJobAsync();
        Assert.AreEqual(0, factory.Sandbox.Store.Feeds(s.SellerId).Count, "off: nothing sent");

        await admin.PutJsonAsync("/api/settings/erp.amazon.enabled", """{"Value":"true"}""").ExpectAsync(HttpStatusCode.NoContent);
        await RunJobAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(3));
        await RunJobAsync();
        Assert.AreEqual(AmazonShipmentState.Confirmed, (await factory.WithModuleDbAsync(db => db.Shipments.AsNoTracking().SingleAsync())).State);
        Assert.AreEqual("Shipped", factory.Sandbox.Store.Order(s.SellerId, order.AmazonOrderId)!.StatusAt(s.Now).Status);
    }

    [TestMethod]
    public async Task ValidatingADelivery_AsksForTheCarrier_RefusesBadLines_AndLeavesNothingHalfDone()
    {
        using var factory = new ErpHostFactory(orders: 0);
        var s = await CreateAsync(factory, "SellingPartner");
        var order = s.Order(Germany, "MFN", "Unshipped", [Item("LED-BULB-E27", 3, M("EUR", 22.47m), M("EUR", 3.59m))], minutesAgo: 20);
        await s.SyncAsync();
        var delivery = await ReadyDeliveryAsync(factory, s, order.AmazonOrderId);
        var line = order.Items[0].OrderItemId + ":item";
        var warehouse = factory.Client(WarehouseKey);
        var before = await ErpStateAsync(factory);

        async Task<string> Refused(string body, HttpStatusCode status)
        {
            var error = await warehouse.PostJsonAsync($"/api/deliveries/{delivery}/validate", body).ExpectAsync(status);
            return (string)error["error"]!["message"]!;
        }

        StringAssert.Contains(await Refused("""{"TrackingNumber":"00340434161234567890"}""", HttpStatusCode.BadRequest), "Carrier is required");
        StringAssert.Contains(await Refused($$"""{"Carrier":"DHL","Lines":[{"ExternalLineId":"{{line}}","Quantity":4}]}""", HttpStatusCode.BadRequest), "1 to 3");
        StringAssert.Contains(await Refused("""{"Carrier":"DHL","Lines":[{"ExternalLineId":"nope","Quantity":1}]}""", HttpStatusCode.BadRequest), "'nope' is not a line");
        StringAssert.Contains(await Refused("not json", HttpStatusCode.BadRequest), "Carrier");
        Assert.AreEqual(before, await ErpStateAsync(factory), "a refused validation changes nothing");
        using (var sales = await factory.Client(ErpHostFactory.SalesKey).PostJsonAsync($"/api/deliveries/{delivery}/validate", """{"Carrier":"DHL"}"""))
        {
            Assert.AreEqual(HttpStatusCode.Forbidden, sales.StatusCode);
        }

        await ValidateAsync(factory, delivery, """{"Carrier":"DHL","TrackingNumber":"00340434161234567890"}""");
        StringAssert.Contains(await Refused("""{"Carrier":"DHL"}""", HttpStatusCode.Conflict), "only a ready delivery");
        using (var missing = await warehouse.PostJsonAsync("/api/deliveries/999999/validate", """{"Carrier":"DHL"}"""))
        {
            Assert.AreEqual(HttpStatusCode.NotFound, missing.StatusCode);
        }

        // Shipments are the warehouse's and managers' to see; a salesperson sees none.
        using var hidden = await factory.Client(ErpHostFactory.SalesKey).GetAsync("/odata/amazon/Shipments");
        Assert.AreEqual(HttpStatusCode.Forbidden, hidden.StatusCode);
    }

    private static Task<SyncScenario> CreateAsync(ErpHostFactory factory, string api) =>
        SyncScenario.CreateAsync(factory, Enum.Parse<ErpAmazonModule.Accounts.AmazonApi>(api), null, "EU", Germany);

    private static Task<JsonNode> SendAsync(ErpHostFactory factory, SyncScenario s) =>
        factory.Client(WarehouseKey).PostJsonAsync("/odata/amazon/Shipments/Send", $$"""{"AccountId":{{s.AccountId}}}""").ExpectAsync(HttpStatusCode.OK);

    private static async Task<int> ReadyDeliveryAsync(ErpHostFactory factory, SyncScenario s, string amazonOrderId)
    {
        var salesOrder = await s.SalesOrderAsync(amazonOrderId);
        return await factory.WithHostDbAsync(db => db.Deliveries.Where(d => d.SalesOrderId == salesOrder.Id && d.State == DeliveryState.Ready).Select(d => d.Id).SingleAsync());
    }

    private static Task ValidateAsync(ErpHostFactory factory, int deliveryId, string body) =>
        factory.Client(WarehouseKey).PostJsonAsync($"/api/deliveries/{deliveryId}/validate", body).ExpectAsync(HttpStatusCode.OK);

    /// <summary>What a user of the ERP would compare: orders with their lines and delivered quantities, deliveries with their moves.</summary>
    private static Task<string> ErpStateAsync(ErpHostFactory factory) => factory.WithHostDbAsync(async db =>
    {
        var orders = await db.SalesOrders.AsNoTracking().Include(o => o.Lines).OrderBy(o => o.Id).ToListAsync();
        var deliveries = await db.Deliveries.AsNoTracking().Include(d => d.Moves).OrderBy(d => d.Id).ToListAsync();
        return string.Join("\n", orders.Select(o => $"{o.Id} {o.State} {o.Total} " + string.Join(",", o.Lines.OrderBy(l => l.Id).Select(l => $"{l.ExternalLineId}={l.Quantity}/{l.DeliveredQuantity}")))
            .Concat(deliveries.Select(d => $"D{d.Id} {d.SalesOrderId} {d.State} {d.Carrier} {d.TrackingNumber} " + string.Join(",", d.Moves.OrderBy(m => m.Id).Select(m => $"{m.ExternalLineId}={m.Quantity}")))));
    });
}
