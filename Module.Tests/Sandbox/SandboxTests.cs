using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using ErpAmazonModule.Accounts;
using ErpAmazonModule.Amazon.Mws;
using ErpAmazonModule.Sandbox;
using ErpAmazonModule.Sandbox.Store;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ErpAmazonModule.Tests.Sandbox;

/// <summary>The sandbox behaves as Amazon documents: orders over time, validation, paging, PII, feeds, finances, admin.</summary>
[TestClass]
public sealed class SandboxTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private static readonly AmazonMwsSeller Eu = new(AmazonRegion.EU, "A1SANDBOXEU0001", "amzn.mws.5eb2c9a1-0000-4000-8000-00000000e001");
    private static readonly AmazonMwsSeller Fe = new(AmazonRegion.FE, "A1SANDBOXFE0001", "amzn.mws.5eb2c9a1-0000-4000-8000-00000000f001");
    private static readonly AmazonMwsSeller Restricted = new(AmazonRegion.EU, "A1SANDBOXEU0002", "amzn.mws.5eb2c9a1-0000-4000-8000-00000000e002");
    private static SandboxServer _sandbox = null!;
    private static ServiceProvider _services = null!;
    private static AmazonMwsClient _client = null!;

    [ClassInitialize]
    public static void Start(TestContext context)
    {
        _sandbox = SandboxServer.Start(Clock, o =>
        {
            o.Throttling = false;
            o.OrdersPerSeller = 60;
        });
        var settings = _sandbox.ClientSettings();
        settings["AmazonConnector:Mws:RetryCount"] = "0";
        settings["AmazonConnector:Mws:ClientThrottling"] = "false";
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddAmazonMwsTransport(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        _services = services.BuildServiceProvider();
        _client = _services.GetRequiredService<AmazonMwsClient>();
    }

    [ClassCleanup]
    public static void Stop()
    {
        _services.Dispose();
        _sandbox.Dispose();
    }

    private static Task<XElement> Call(AmazonMwsSeller seller, AmazonMwsOperation operation, params (string Name, string Value)[] parameters) =>
        _client.SendAsync(seller, operation, parameters.Select(p => KeyValuePair.Create(p.Name, p.Value)), CancellationToken.None);

    private static string Iso(DateTimeOffset date) => date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static async Task<List<XElement>> AllOrdersAsync(AmazonMwsSeller seller, DateTimeOffset after, string marketplace, int pageSize = 100)
    {
        var result = await Call(seller, AmazonMwsOperation.ListOrders, ("LastUpdatedAfter", Iso(after)), ("MarketplaceId.Id.1", marketplace), ("MaxResultsPerPage", pageSize.ToString(CultureInfo.InvariantCulture)));
        var orders = result.Required("Orders").Children("Order").ToList();
        while (result.Text("NextToken") is { } token)
        {
            result = await Call(seller, AmazonMwsOperation.ListOrdersByNextToken, ("NextToken", token));
            orders.AddRange(result.Required("Orders").Children("Order"));
        }

        return orders;
    }

    [TestMethod]
    public async Task ListOrders_EchoesLastUpdatedBeforeAsNowLessTwoMinutes_AndPagesWithoutDuplicates()
    {
        var first = await Call(Eu, AmazonMwsOperation.ListOrders, ("LastUpdatedAfter", Iso(Clock.GetUtcNow().AddDays(-40))), ("MarketplaceId.Id.1", "A1PA6795UKMFR9"), ("MaxResultsPerPage", "3"));
        Assert.AreEqual(Clock.GetUtcNow().AddMinutes(-2), first.Date("LastUpdatedBefore"));
        Assert.IsNotNull(first.Text("NextToken"));

        var paged = await AllOrdersAsync(Eu, Clock.GetUtcNow().AddDays(-40), "A1PA6795UKMFR9", pageSize: 3);
        var whole = await AllOrdersAsync(Eu, Clock.GetUtcNow().AddDays(-40), "A1PA6795UKMFR9");

        Assert.AreEqual(whole.Count, paged.Select(o => o.RequiredText("AmazonOrderId")).Distinct().Count());
        Assert.AreEqual(_sandbox.Store.Orders(Eu.SellerId).Count(o => o.MarketplaceId == "A1PA6795UKMFR9" && o.LastUpdateDateAt(Clock.GetUtcNow()) < Clock.GetUtcNow().AddMinutes(-2)), whole.Count);
    }

    [TestMethod]
    public async Task Orders_MoveThroughStatusesOverTime_AndEachChangeMovesLastUpdateDate()
    {
        var now = Clock.GetUtcNow();
        var order = _sandbox.Store.Orders(Eu.SellerId).First(o => o.Timeline.Any(c => c.At > now));
        var next = order.Timeline.First(c => c.At > now);
        var before = (await Call(Eu, AmazonMwsOperation.GetOrder, ("AmazonOrderId.Id.1", order.AmazonOrderId))).Required("Orders").Required("Order");

        Clock.Advance(next.At - now + TimeSpan.FromSeconds(1));
        var after = (await Call(Eu, AmazonMwsOperation.GetOrder, ("AmazonOrderId.Id.1", order.AmazonOrderId))).Required("Orders").Required("Order");

        Assert.AreEqual(next.Status, after.RequiredText("OrderStatus"));
        Assert.AreNotEqual(before.RequiredText("OrderStatus"), after.RequiredText("OrderStatus"));
        Assert.IsTrue(after.Date("LastUpdateDate") > before.Date("LastUpdateDate"));
        Assert.AreEqual(next.At.ToUnixTimeMilliseconds(), after.Date("LastUpdateDate")!.Value.ToUnixTimeMilliseconds());
    }

    [TestMethod]
    [DataRow("both", "Exactly one of CreatedAfter and LastUpdatedAfter")]
    [DataRow("neither", "Exactly one of CreatedAfter and LastUpdatedAfter")]
    [DataRow("unshipped-alone", "Unshipped and PartiallyShipped must be used together")]
    [DataRow("51-marketplaces", "1 to 50 marketplaces")]
    [DataRow("page-0", "MaxResultsPerPage must be a whole number from 1 to 100")]
    [DataRow("page-101", "MaxResultsPerPage must be a whole number from 1 to 100")]
    [DataRow("foreign-marketplace", "the seller is not registered in it")]
    [DataRow("future", "no later than two minutes before")]
    [DataRow("bad-date", "is not an ISO 8601 date")]
    [DataRow("bad-channel", "Invalid FulfillmentChannel")]
    public async Task ListOrders_InvalidParameters_AreRefusedAsAmazonDoes(string kind, string message)
    {
        var after = ("LastUpdatedAfter", Iso(Clock.GetUtcNow().AddDays(-1)));
        var de = ("MarketplaceId.Id.1", "A1PA6795UKMFR9");
        (string, string)[] parameters = kind switch
        {
            "both" => [after, ("CreatedAfter", Iso(Clock.GetUtcNow().AddDays(-1))), de],
            "neither" => [de],
            "unshipped-alone" => [after, de, ("OrderStatus.Status.1", "Unshipped")],
            "51-marketplaces" => [after, .. Enumerable.Range(1, 51).Select(i => ($"MarketplaceId.Id.{i}", "A1PA6795UKMFR9"))],
            "page-0" => [after, de, ("MaxResultsPerPage", "0")],
            "page-101" => [after, de, ("MaxResultsPerPage", "101")],
            "foreign-marketplace" => [after, ("MarketplaceId.Id.1", "ATVPDKIKX0DER")],
            "future" => [("LastUpdatedAfter", Iso(Clock.GetUtcNow().AddMinutes(-1))), de],
            "bad-date" => [("LastUpdatedAfter", "yesterday"), de],
            _ => [after, de, ("FulfillmentChannel.Channel.1", "FBA")],
        };

        var error = await Assert.ThrowsExactlyAsync<AmazonMwsException>(() => Call(Eu, AmazonMwsOperation.ListOrders, parameters));

        Assert.AreEqual(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.AreEqual("InvalidParameterValue", error.Code);
        StringAssert.Contains(error.AmazonMessage, message);
    }

    [TestMethod]
    public async Task PendingOrders_HaveNoBuyerAddressOrTotal_RestrictedRole_GetsNoPii()
    {
        var orders = await AllOrdersAsync(Eu, Clock.GetUtcNow().AddDays(-60), "A1PA6795UKMFR9");
        var pending = orders.Where(o => o.RequiredText("OrderStatus") == "Pending").ToList();
        Assert.IsTrue(pending.Count > 0);
        Assert.IsTrue(pending.All(o => o.Child("BuyerEmail") is null && o.Child("ShippingAddress") is null && o.Child("OrderTotal") is null));

        var restricted = await AllOrdersAsync(Restricted, Clock.GetUtcNow().AddDays(-60), "A1PA6795UKMFR9");
        var shipped = restricted.Where(o => o.RequiredText("OrderStatus") == "Shipped").ToList();
        Assert.IsTrue(shipped.Count > 0);
        Assert.IsTrue(shipped.All(o => o.Child("BuyerEmail") is null && o.Child("BuyerName") is null && o.Required("ShippingAddress").Child("AddressLine1") is null));
        Assert.IsTrue(shipped.All(o => o.Required("ShippingAddress").Text("CountryCode") == "DE" && o.Money("OrderTotal") is not null));
    }

    [TestMethod]
    public async Task Yen_HasNoDecimals_AndOrderTotalsAddUp()
    {
        var orders = await AllOrdersAsync(Fe, Clock.GetUtcNow().AddDays(-60), "A1VC38T7YXB528");
        var totals = orders.Select(o => o.Child("OrderTotal")).OfType<XElement>().ToList();
        Assert.IsTrue(totals.Count > 0);
        Assert.IsTrue(totals.All(t => t.RequiredText("CurrencyCode") == "JPY" && !t.RequiredText("Amount").Contains('.', StringComparison.Ordinal)));

        var order = orders.First(o => o.Child("OrderTotal") is not null);
        var items = (await Call(Fe, AmazonMwsOperation.ListOrderItems, ("AmazonOrderId", order.RequiredText("AmazonOrderId")))).Required("OrderItems").Children("OrderItem").ToList();
        decimal A(XElement item, string name) => item.Money(name)?.Amount ?? 0m;
        var sum = items.Sum(i => A(i, "ItemPrice") + A(i, "ShippingPrice") + A(i, "GiftWrapPrice") + A(i, "CODFee") - A(i, "CODFeeDiscount") - A(i, "PromotionDiscount") - A(i, "ShippingDiscount"));
        Assert.AreEqual(order.Money("OrderTotal")!.Value.Amount, sum, "prices include tax in Japan");
    }

    [TestMethod]
    public async Task ListOrderItems_OrderWithManyItems_PagesWithNextToken()
    {
        var big = _sandbox.Store.Orders(Eu.SellerId).Single(o => o.Items.Count > _sandbox.Store.Options.OrderItemsPageSize);
        var result = await Call(Eu, AmazonMwsOperation.ListOrderItems, ("AmazonOrderId", big.AmazonOrderId));
        var items = result.Required("OrderItems").Children("OrderItem").ToList();
        var pages = 1;
        while (result.Text("NextToken") is { } token)
        {
            result = await Call(Eu, AmazonMwsOperation.ListOrderItemsByNextToken, ("NextToken", token));
            items.AddRange(result.Required("OrderItems").Children("OrderItem"));
            pages++;
        }

        Assert.AreEqual(big.Items.Count, items.Select(i => i.RequiredText("OrderItemId")).Distinct().Count());
        Assert.AreEqual((int)Math.Ceiling(big.Items.Count / (double)_sandbox.Store.Options.OrderItemsPageSize), pages);
    }

    [TestMethod]
    public void Generator_IsDeterministic_AndCoversTheCasesAConnectorMustHandle()
    {
        var options = Options.Create(new SandboxOptions { OrdersPerSeller = 120 });
        var a = new SandboxStore(options, Clock);
        var b = new SandboxStore(options, Clock);
        var orders = SandboxCatalog.Sellers.SelectMany(s => a.Orders(s.SellerId)).ToList();

        CollectionAssert.AreEqual(orders.Select(o => o.AmazonOrderId).ToList(), SandboxCatalog.Sellers.SelectMany(s => b.Orders(s.SellerId)).Select(o => o.AmazonOrderId).ToList());
        var items = orders.SelectMany(o => o.Items).ToList();
        var currencies = items.Select(i => i.ItemPrice.CurrencyCode).ToHashSet();
        foreach (var currency in new[] { "USD", "EUR", "GBP", "JPY" })
        {
            Assert.IsTrue(currencies.Contains(currency), currency);
        }

        var now = Clock.GetUtcNow();
        Assert.IsTrue(orders.Any(o => o.FulfillmentChannel == "AFN") && orders.Any(o => o.FulfillmentChannel == "MFN"));
        Assert.IsTrue(items.Any(i => i.GiftWrapPrice is not null && i.GiftMessageText is not null));
        Assert.IsTrue(items.Any(i => i.PromotionDiscount is not null) && items.Any(i => i.ShippingDiscount is not null));
        Assert.IsTrue(items.Any(i => i.QuantityOrdered > 1) && items.Any(i => i.CodFee is not null));
        Assert.IsTrue(orders.Any(o => o.Items.Count > 20));
        Assert.IsTrue(orders.Any(o => o.BuyerName.Any(c => c > 127)));
        Assert.IsTrue(orders.Any(o => o.IsBusinessOrder && o.BuyerVatNumber is not null));
        Assert.IsTrue(orders.Any(o => o.WithholdBuyerData));
        Assert.IsTrue(items.Any(i => i.SellerSku == "ECHO-DOT-5") && items.Any(i => i.SellerSku == "NO-MATCH-CABLE-3M"));
        foreach (var status in new[] { "Pending", "Unshipped", "PartiallyShipped", "Shipped", "Canceled" })
        {
            Assert.IsTrue(orders.Any(o => o.Timeline.Any(c => c.Status == status)), status);
        }
    }

    [TestMethod]
    public async Task SubmitFeed_ShipsTheOrder_AndTheReportIsReadyOnceProcessed()
    {
        // Kind 2 is a merchant-fulfilled order paid within the hour and shipped days later: Unshipped now.
        var seller = _sandbox.Store.Seller(Eu.SellerId)!;
        var order = OrderGenerator.Order(seller, SandboxCatalog.Marketplaces.Single(m => m.MarketplaceId == "A1PA6795UKMFR9"), 5002, Clock.GetUtcNow().AddMinutes(-90), new Random(1));
        _sandbox.Store.PutOrder(order);
        Assert.AreEqual("Unshipped", order.StatusAt(Clock.GetUtcNow()).Status);
        var feed = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <AmazonEnvelope><Header><DocumentVersion>1.01</DocumentVersion><MerchantIdentifier>{Eu.SellerId}</MerchantIdentifier></Header>
            <MessageType>OrderFulfillment</MessageType>
            <Message><MessageID>1</MessageID><OrderFulfillment><AmazonOrderID>{order.AmazonOrderId}</AmazonOrderID><FulfillmentDate>{Iso(Clock.GetUtcNow())}</FulfillmentDate>
            <FulfillmentData><CarrierCode>DHL</CarrierCode><ShippingMethod>Paket</ShippingMethod><ShipperTrackingNumber>00340434161234567890</ShipperTrackingNumber></FulfillmentData></OrderFulfillment></Message>
            <Message><MessageID>2</MessageID><OrderFulfillment><AmazonOrderID>999-0000000-0000000</AmazonOrderID><FulfillmentDate>{Iso(Clock.GetUtcNow())}</FulfillmentDate></OrderFulfillment></Message>
            </AmazonEnvelope>
            """;

        var submitted = (await _client.SendAsync(Eu, AmazonMwsOperation.SubmitFeed, [new("FeedType", "_POST_ORDER_FULFILLMENT_DATA_")], CancellationToken.None, feed)).Required("FeedSubmissionInfo");
        var id = submitted.RequiredText("FeedSubmissionId");
        Assert.AreEqual("_SUBMITTED_", submitted.RequiredText("FeedProcessingStatus"));
        var notReady = await Assert.ThrowsExactlyAsync<AmazonMwsException>(() => Call(Eu, AmazonMwsOperation.GetFeedSubmissionResult, ("FeedSubmissionId", id)));
        Assert.AreEqual("FeedProcessingResultNotReady", notReady.Code);

        Clock.Advance(TimeSpan.FromMinutes(3));
        var listed = (await Call(Eu, AmazonMwsOperation.GetFeedSubmissionList, ("FeedSubmissionIdList.Id.1", id))).Required("FeedSubmissionInfo");
        Assert.AreEqual("_DONE_", listed.RequiredText("FeedProcessingStatus"));
        var report = (await Call(Eu, AmazonMwsOperation.GetFeedSubmissionResult, ("FeedSubmissionId", id))).Required("Message").Required("ProcessingReport");
        Assert.AreEqual("2", report.Required("ProcessingSummary").RequiredText("MessagesProcessed"));
        Assert.AreEqual("1", report.Required("ProcessingSummary").RequiredText("MessagesWithError"));
        Assert.AreEqual("2", report.Required("Result").RequiredText("MessageID"));
        var shipped = (await Call(Eu, AmazonMwsOperation.GetOrder, ("AmazonOrderId.Id.1", order.AmazonOrderId))).Required("Orders").Required("Order");
        Assert.AreEqual("Shipped", shipped.RequiredText("OrderStatus"));
        Assert.IsTrue(_sandbox.Store.Feeds(Eu.SellerId).Any(f => f.FeedSubmissionId == id && f.Content.Contains("00340434161234567890", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task SubmitFeed_ContentErrors_AreReportedNotRefused()
    {
        // Not even XML: Amazon takes the submission and says so in the processing report.
        var submitted = (await _client.SendAsync(Eu, AmazonMwsOperation.SubmitFeed, [new("FeedType", "_POST_ORDER_FULFILLMENT_DATA_")], CancellationToken.None, "<AmazonEnvelope><Message>")).Required("FeedSubmissionInfo");
        var id = submitted.RequiredText("FeedSubmissionId");
        Clock.Advance(TimeSpan.FromMinutes(3));

        var report = (await Call(Eu, AmazonMwsOperation.GetFeedSubmissionResult, ("FeedSubmissionId", id))).Required("Message").Required("ProcessingReport");

        Assert.AreEqual("0", report.Required("ProcessingSummary").RequiredText("MessagesProcessed"));
        StringAssert.Contains(report.Required("Result").RequiredText("ResultDescription"), "XML Parsing Fatal Error");
        var listed = (await Call(Eu, AmazonMwsOperation.GetFeedSubmissionList, ("FeedTypeList.Type.1", "_POST_ORDER_FULFILLMENT_DATA_"), ("SubmittedFromDate", Iso(Clock.GetUtcNow().AddMinutes(-4))))).Children("FeedSubmissionInfo").ToList();
        Assert.IsTrue(listed.Any(f => f.RequiredText("FeedSubmissionId") == id), "listed by type and submission date");
    }

    [TestMethod]
    public async Task ListFinancialEvents_ShipmentChargesMatchTheOrder()
    {
        var result = await Call(Eu, AmazonMwsOperation.ListFinancialEvents, ("PostedAfter", Iso(Clock.GetUtcNow().AddDays(-60))), ("MaxResultsPerPage", "100"));
        var events = result.Required("FinancialEvents").Required("ShipmentEventList").Children("ShipmentEvent").ToList();
        Assert.IsTrue(events.Count > 0);

        var shipment = events.First(e => _sandbox.Store.Order(Eu.SellerId, e.RequiredText("AmazonOrderId"))!.MarketplaceId == "A1PA6795UKMFR9");
        var order = _sandbox.Store.Order(Eu.SellerId, shipment.RequiredText("AmazonOrderId"))!;
        foreach (var item in shipment.Required("ShipmentItemList").Children("ShipmentItem"))
        {
            var source = order.Items.Single(i => i.OrderItemId == item.RequiredText("OrderItemId"));
            var charges = item.Required("ItemChargeList").Children("ChargeComponent").ToDictionary(c => c.RequiredText("ChargeType"), c => c.Money("ChargeAmount")!.Value.Amount);
            Assert.AreEqual(source.ItemPrice.Amount, charges["Principal"] + charges["Tax"], "German prices include VAT");
            Assert.IsTrue(item.Required("ItemFeeList").Children("FeeComponent").Single(f => f.RequiredText("FeeType") == "Commission").Money("FeeAmount")!.Value.Amount < 0);
        }
    }

    [TestMethod]
    public async Task ListFinancialEvents_RefundsAreShipmentItemsUnderTheAdjustmentList_WithTheCommissionGivenBackAndARefundCommissionKept()
    {
        var refunds = new List<System.Xml.Linq.XElement>();
        var result = await Call(Eu, AmazonMwsOperation.ListFinancialEvents, ("PostedAfter", Iso(Clock.GetUtcNow().AddDays(-60))), ("MaxResultsPerPage", "100"));
        while (true)
        {
            refunds.AddRange(result.Required("FinancialEvents").Required("RefundEventList").Children("ShipmentEvent"));
            if (result.Text("NextToken") is not { } token)
            {
                break;
            }

            result = await Call(Eu, AmazonMwsOperation.ListFinancialEventsByNextToken, ("NextToken", token));
        }

        Assert.IsTrue(refunds.Count > 0, "the seller's history has refunds");
        var refund = refunds[0];
        Assert.IsNull(refund.Child("ShipmentItemList"), "a refund lists its items as adjustments");
        var item = refund.Required("ShipmentItemAdjustmentList").Children("ShipmentItem").First();
        Assert.IsFalse(string.IsNullOrEmpty(item.Text("OrderAdjustmentItemId")), "refunded items carry Amazon's adjustment item id");
        Assert.IsNull(item.Child("ItemChargeList"));
        Assert.IsTrue(item.Required("ItemChargeAdjustmentList").Children("ChargeComponent").Single(c => c.RequiredText("ChargeType") == "Principal").Money("ChargeAmount")!.Value.Amount < 0, "money goes back to the buyer");
        var fees = item.Required("ItemFeeAdjustmentList").Children("FeeComponent").ToDictionary(f => f.RequiredText("FeeType"), f => f.Money("FeeAmount")!.Value.Amount);
        Assert.IsTrue(fees["Commission"] > 0, "the commission is given back");
        Assert.IsTrue(fees["RefundCommission"] < 0 && -fees["RefundCommission"] < fees["Commission"], "a refund commission is kept");
    }

    [TestMethod]
    public async Task SubmitFeed_BodyNotMatchingContentMd5_IsRefused()
    {
        var developer = SandboxCatalog.Developers.Single(d => d.Region == "EU");
        var endpoint = new Uri(_sandbox.Endpoint + "/Feeds/2009-01-01");
        var parameters = new Dictionary<string, string>
        {
            ["AWSAccessKeyId"] = developer.AccessKeyId,
            ["Action"] = "SubmitFeed",
            ["SellerId"] = Eu.SellerId,
            ["MWSAuthToken"] = Eu.AuthToken,
            ["SignatureMethod"] = "HmacSHA256",
            ["SignatureVersion"] = "2",
            ["Timestamp"] = Iso(Clock.GetUtcNow()),
            ["Version"] = "2009-01-01",
            ["FeedType"] = "_POST_ORDER_FULFILLMENT_DATA_",
            ["ContentMD5Value"] = Convert.ToBase64String(MD5.HashData(Encoding.UTF8.GetBytes("<AmazonEnvelope/>"))),
        };
        var signature = AmazonMwsSigner.Sign(AmazonMwsSigner.StringToSign("POST", endpoint, parameters), developer.SecretKey);
        using var http = new HttpClient();

        using var response = await http.PostAsync(new Uri($"{endpoint}?{AmazonMwsSigner.CanonicalQuery(parameters)}&Signature={AmazonMwsSigner.Encode(signature)}"),
            new StringContent("<AmazonEnvelope>changed on the way</AmazonEnvelope>", Encoding.UTF8, "text/xml"));

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), "<Code>ContentMD5DoesNotMatch</Code>");
    }

    [TestMethod]
    public async Task AdminApi_CreatesAndChangesOrders_InjectsFaults_AndReportsRequests()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_sandbox.Endpoint + "/") };
        var created = await http.PostAsJsonAsync("admin/orders", new { SellerId = Eu.SellerId, MarketplaceId = "A13V1IB3VIYZZH", Kind = 2, MinutesAgo = 30 });
        Assert.AreEqual(HttpStatusCode.OK, created.StatusCode, await created.Content.ReadAsStringAsync());
        var orderId = (await created.Content.ReadFromJsonAsync<Dictionary<string, string>>())!["amazonOrderId"];

        Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.AreEqual(HttpStatusCode.NoContent, (await http.PostAsJsonAsync($"admin/orders/{orderId}/status", new { Status = "Canceled" })).StatusCode);
        var order = (await Call(Eu, AmazonMwsOperation.GetOrder, ("AmazonOrderId.Id.1", orderId))).Required("Orders").Required("Order");
        Assert.AreEqual("Canceled", order.RequiredText("OrderStatus"));
        Assert.AreEqual(Clock.GetUtcNow(), order.Date("LastUpdateDate"));

        Assert.AreEqual(HttpStatusCode.NoContent, (await http.PostAsJsonAsync("admin/faults", new { Kind = "InternalError", Count = 1 })).StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync("admin/faults", new { Kind = "InternalError" })).StatusCode);
        await Assert.ThrowsExactlyAsync<AmazonMwsException>(() => Call(Eu, AmazonMwsOperation.GetOrder, ("AmazonOrderId.Id.1", orderId)));
        var summary = await http.GetStringAsync("admin/requests/summary");
        StringAssert.Contains(summary, "InternalError");
        Assert.AreEqual(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync("admin/orders", new { SellerId = "UNKNOWN", MarketplaceId = "A13V1IB3VIYZZH", Kind = 1 })).StatusCode);
    }

    [TestMethod]
    public async Task AdminApi_NumbersOutOfRange_Are400sNot500s_AndChangeNothing()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_sandbox.Endpoint + "/") };
        var ordersBefore = _sandbox.Store.Orders(Eu.SellerId).Count;
        object[] bodies =
        [
            new { SellerId = Eu.SellerId, MarketplaceId = "A13V1IB3VIYZZH", Kind = 2, MinutesAgo = int.MaxValue },
            new { SellerId = Eu.SellerId, MarketplaceId = "A13V1IB3VIYZZH", Kind = -5, MinutesAgo = 10 },
        ];
        foreach (var body in bodies)
        {
            Assert.AreEqual(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync("admin/orders", body)).StatusCode);
        }

        Assert.AreEqual(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync("admin/sellers",
            new { SellerId = "A9OUTOFRANGE1", Region = "EU", MarketplaceIds = new[] { "A1PA6795UKMFR9" }, DeveloperId = "x", ValidDays = int.MaxValue })).StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync("admin/faults", new { Kind = "Slow", Count = 1, DelayMilliseconds = -1 })).StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync("admin/faults", new { Kind = 99, Count = 1 })).StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync("admin/sellers/" + Eu.SellerId + "/generate", new { Count = 0 })).StatusCode);
        Assert.AreEqual(ordersBefore, _sandbox.Store.Orders(Eu.SellerId).Count);
        Assert.IsNull(_sandbox.Store.Seller("A9OUTOFRANGE1"));
        Assert.AreEqual(0, _sandbox.Faults.Active().Count);
    }

    [TestMethod]
    public async Task Timestamp_FifteenMinutesOff_IsRefused()
    {
        var settings = _sandbox.ClientSettings();
        settings["AmazonConnector:Mws:RetryCount"] = "0";
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Clock.GetUtcNow().AddMinutes(-16)));
        services.AddAmazonMwsTransport(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        using var provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsExactlyAsync<AmazonMwsException>(() =>
            provider.GetRequiredService<AmazonMwsClient>().SendAsync(Eu, AmazonMwsOperation.GetOrder, [new("AmazonOrderId.Id.1", "x")], CancellationToken.None));

        StringAssert.Contains(error.AmazonMessage, "more than 15 minutes");
        Assert.AreEqual("RequestExpired", error.Code);
    }

    /// <summary>A request signed the way a client written for Amazon signs it, sent as form fields.</summary>
    private async Task<(HttpStatusCode Status, string Body)> SignedAsync(string section, string version, string action, bool signHostWithPort = true, params (string Name, string Value)[] extra)
    {
        var developer = SandboxCatalog.Developers.Single(d => d.Region == "EU");
        var endpoint = new Uri(_sandbox.Endpoint + section);
        var parameters = new Dictionary<string, string>
        {
            ["AWSAccessKeyId"] = developer.AccessKeyId,
            ["Action"] = action,
            ["SellerId"] = Eu.SellerId,
            ["MWSAuthToken"] = Eu.AuthToken,
            ["SignatureMethod"] = "HmacSHA256",
            ["SignatureVersion"] = "2",
            ["Timestamp"] = Iso(Clock.GetUtcNow()),
            ["Version"] = version,
        };
        foreach (var (name, value) in extra)
        {
            parameters[name] = value;
        }

        // A client that assumes Amazon's port 443 signs "127.0.0.1", not "127.0.0.1:port".
        var signedAs = signHostWithPort ? endpoint : new UriBuilder(endpoint) { Port = 80 }.Uri;
        parameters["Signature"] = AmazonMwsSigner.Sign(AmazonMwsSigner.StringToSign("POST", signedAs, parameters), developer.SecretKey);
        using var http = new HttpClient();
        using var response = await http.PostAsync(endpoint, new FormUrlEncodedContent(parameters));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [TestMethod]
    [DataRow("/Orders/2013-09-01", "2013-09-01")]
    [DataRow("/Sellers/2011-07-01", "2011-07-01")]
    [DataRow("/Feeds/2009-01-01", "2009-01-01")]
    [DataRow("/Finances/2015-05-01", "2015-05-01")]
    public async Task GetServiceStatus_AnsweredByEverySection(string section, string version)
    {
        var (status, body) = await SignedAsync(section, version, "GetServiceStatus");

        Assert.AreEqual(HttpStatusCode.OK, status, body);
        StringAssert.Contains(body, "<Status>GREEN</Status>");
        StringAssert.Contains(body, "<GetServiceStatusResponse");
    }

    [TestMethod]
    public async Task UnknownActionInAKnownSection_Is404InvalidAddress()
    {
        var (status, body) = await SignedAsync("/Orders/2013-09-01", "2013-09-01", "ListOrdersEverywhere");

        Assert.AreEqual(HttpStatusCode.NotFound, status);
        StringAssert.Contains(body, "<Code>InvalidAddress</Code>");
    }

    [TestMethod]
    public async Task NextTokenAmazonDidNotIssue_IsNextTokenCorrupted()
    {
        var (status, body) = await SignedAsync("/Orders/2013-09-01", "2013-09-01", "ListOrdersByNextToken", true, ("NextToken", "bm90LWEtdG9rZW4="));

        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        StringAssert.Contains(body, "<Code>NextTokenCorrupted</Code>");
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public async Task HostSignedWithOrWithoutThePort_IsAccepted(bool withPort)
    {
        var (status, body) = await SignedAsync("/Sellers/2011-07-01", "2011-07-01", "ListMarketplaceParticipations", withPort);

        Assert.AreEqual(HttpStatusCode.OK, status, body);
        StringAssert.Contains(body, "<MarketplaceId>");
    }
}
