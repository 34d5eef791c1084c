using System.Net;
using ErpAmazonModule.Accounts;
using ErpAmazonModule.Amazon;
using ErpAmazonModule.Amazon.Mws;
using ErpAmazonModule.Sandbox.Mws;
using ErpAmazonModule.Sandbox.Store;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ErpAmazonModule.Tests.Amazon.Mws;

/// <summary>The module's MWS client against the sandbox over real HTTP on loopback, on real time.</summary>
[TestClass]
public sealed class AmazonMwsClientTests
{
    private const double TimeScale = 30;
    private static SandboxServer _sandbox = null!;
    private static readonly AmazonMwsSeller Seller = new(AmazonRegion.EU, "A1SANDBOXEU0001", "amzn.mws.5eb2c9a1-0000-4000-8000-00000000e001");

    [ClassInitialize]
    public static void Start(TestContext context) => _sandbox = SandboxServer.Start(TimeProvider.System, o => o.TimeScale = TimeScale);

    [ClassCleanup]
    public static void Stop() => _sandbox.Dispose();

    [TestInitialize]
    public void Reset()
    {
        _sandbox.Faults.Clear();
        _sandbox.Throttle.Reset();
        _sandbox.Store.Reset(_sandbox.Store.Options.Seed);
    }

    private static ServiceProvider Services(Dictionary<string, string?>? overrides = null, int retries = 3)
    {
        var settings = _sandbox.ClientSettings();
        settings["AmazonConnector:Mws:RetryCount"] = retries.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["AmazonConnector:Mws:RetryBaseDelay"] = "00:00:00.050";
        settings["AmazonConnector:Mws:AttemptTimeout"] = "00:00:05";
        settings["AmazonConnector:Mws:ThrottleTimeScale"] = TimeScale.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddAmazonMwsTransport(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }

    private static Task<System.Xml.Linq.XElement> GetOrderAsync(ServiceProvider services, string orderId = "nope", AmazonMwsSeller? seller = null, CancellationToken cancellationToken = default) =>
        services.GetRequiredService<AmazonMwsClient>().SendAsync(seller ?? Seller, AmazonMwsOperation.GetOrder, [new("AmazonOrderId.Id.1", orderId)], cancellationToken);

    [TestMethod]
    public async Task ListMarketplaceParticipations_SignedRequest_IsAcceptedAndParsed()
    {
        using var services = Services();
        var participations = await services.GetRequiredService<AmazonMwsSellers>().ListMarketplaceParticipationsAsync(Seller, CancellationToken.None);

        CollectionAssert.AreEquivalent(SandboxCatalog.Sellers.Single(s => s.SellerId == Seller.SellerId).Marketplaces, participations.Select(p => p.MarketplaceId).ToList());
        Assert.AreEqual("Amazon.de", participations.Single(p => p.MarketplaceId == "A1PA6795UKMFR9").Name);
        Assert.AreEqual(1, _sandbox.Answered(200));
    }

    [TestMethod]
    public async Task GetOrder_KnownOrder_ReturnsItWithMoneyAsDecimal()
    {
        using var services = Services();
        var order = _sandbox.Store.Orders(Seller.SellerId).First(o => o.StatusAt(_sandbox.Store.Now).Status == "Shipped");

        var result = await GetOrderAsync(services, order.AmazonOrderId);

        var xml = result.Required("Orders").Required("Order");
        Assert.AreEqual(order.AmazonOrderId, xml.RequiredText("AmazonOrderId"));
        Assert.IsTrue(xml.Money("OrderTotal")!.Value.Amount > 0);
        Assert.AreEqual(order.PurchaseDate.ToUnixTimeMilliseconds(), xml.Date("PurchaseDate")!.Value.ToUnixTimeMilliseconds());
    }

    [TestMethod]
    [DataRow("wrong-secret", null, HttpStatusCode.Forbidden, "SignatureDoesNotMatch")]
    [DataRow(null, "AKIAUNKNOWN000000000", HttpStatusCode.Forbidden, "InvalidAccessKeyId")]
    public async Task WrongDeveloperCredentials_AreMappedAndNotRetried(string? secret, string? accessKey, HttpStatusCode status, string code)
    {
        using var services = Services(new()
        {
            ["AmazonConnector:Mws:Regions:EU:SecretKey"] = secret ?? SandboxCatalog.Developers.Single(d => d.Region == "EU").SecretKey,
            ["AmazonConnector:Mws:Regions:EU:AccessKeyId"] = accessKey ?? SandboxCatalog.Developers.Single(d => d.Region == "EU").AccessKeyId,
        });

        var error = await Assert.ThrowsExactlyAsync<AmazonMwsException>(() => GetOrderAsync(services));

        Assert.AreEqual(status, error.StatusCode);
        Assert.AreEqual(code, error.Code);
        Assert.IsFalse(string.IsNullOrEmpty(error.RequestId));
        Assert.AreEqual(1, _sandbox.Store.Requests().Count, "4xx must not be retried");
        Assert.IsFalse(error.Message.Contains(secret ?? "SandboxEuropeSecretKey", StringComparison.Ordinal));
    }

    [TestMethod]
    [DataRow("wrong-token")]
    [DataRow("revoked")]
    [DataRow("expired")]
    public async Task SellerTokenNotValid_IsAccessDenied401(string how)
    {
        using var services = Services();
        var seller = Seller;
        if (how == "wrong-token")
        {
            seller = Seller with { AuthToken = "amzn.mws.00000000-0000-0000-0000-000000000000" };
        }
        else if (how == "revoked")
        {
            _sandbox.Store.Revoke(Seller.SellerId, null);
        }
        else
        {
            _sandbox.Store.Expire(Seller.SellerId);
        }

        var error = await Assert.ThrowsExactlyAsync<AmazonMwsException>(() => GetOrderAsync(services, seller: seller));

        Assert.AreEqual(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.AreEqual("AccessDenied", error.Code);
        Assert.IsTrue(error.IsClientError);
        Assert.IsFalse(error.Message.Contains(seller.AuthToken, StringComparison.Ordinal), error.Message);
    }

    [TestMethod]
    public async Task InvalidParameter_Is400InvalidParameterValue_NotRetried()
    {
        using var services = Services();
        var client = services.GetRequiredService<AmazonMwsClient>();

        var error = await Assert.ThrowsExactlyAsync<AmazonMwsException>(() => client.SendAsync(Seller, AmazonMwsOperation.ListOrders,
            [new("MarketplaceId.Id.1", "A1PA6795UKMFR9"), new("CreatedAfter", "2026-01-01T00:00:00Z"), new("LastUpdatedAfter", "2026-01-01T00:00:00Z")], CancellationToken.None));

        Assert.AreEqual(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.AreEqual("InvalidParameterValue", error.Code);
        StringAssert.Contains(error.AmazonMessage, "Exactly one of CreatedAfter and LastUpdatedAfter");
        Assert.AreEqual(1, _sandbox.Store.Requests().Count);
    }

    [TestMethod]
    public async Task UnknownSectionPath_Is404InvalidAddress()
    {
        using var services = Services();
        var operation = AmazonMwsOperation.GetOrder with { Path = "/Nowhere/2001-01-01" };

        var error = await Assert.ThrowsExactlyAsync<AmazonMwsException>(() =>
            services.GetRequiredService<AmazonMwsClient>().SendAsync(Seller, operation, [], CancellationToken.None));

        Assert.AreEqual(HttpStatusCode.NotFound, error.StatusCode);
        Assert.AreEqual("InvalidAddress", error.Code);
    }

    [TestMethod]
    [DataRow(SandboxFaultKind.InternalError, 500)]
    [DataRow(SandboxFaultKind.Throttle, 503)]
    [DataRow(SandboxFaultKind.QuotaExceeded, 503)]
    [DataRow(SandboxFaultKind.DropConnection, 0)]
    public async Task TransientFailures_AreRetriedUntilTheyPass(SandboxFaultKind kind, int status)
    {
        // Throttled answers are waited out at the quota's restore rate: run here 600 times faster than Amazon's.
        using var services = Services(new() { ["AmazonConnector:Mws:ThrottleTimeScale"] = "600" }, retries: 3);
        _sandbox.Faults.Add(new SandboxFault(kind, Count: 2, Share: null, Action: "GetOrder"));

        await GetOrderAsync(services);

        Assert.AreEqual(2, _sandbox.Store.Requests().Count(r => r.Status == status), "both faults reached the client");
        Assert.AreEqual(1, _sandbox.Answered(200));
    }

    [TestMethod]
    [DataRow(SandboxFaultKind.DropConnection)]
    [DataRow(SandboxFaultKind.InternalError)]
    public async Task AFeedSubmission_IsNeverRetriedBlindly_WhenItsOutcomeIsUnknown(SandboxFaultKind kind)
    {
        // A lost connection or a 500 may come after Amazon took the feed: sending it again could confirm a shipment twice.
        using var services = Services(retries: 3);
        _sandbox.Faults.Add(new SandboxFault(kind, Count: 1, Share: null, Action: "SubmitFeed"));
        var before = _sandbox.Store.Requests().Count(r => r.Action == "SubmitFeed");
        var feed = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><AmazonEnvelope><Header><DocumentVersion>1.01</DocumentVersion><MerchantIdentifier>{Seller.SellerId}</MerchantIdentifier></Header><MessageType>OrderFulfillment</MessageType></AmazonEnvelope>";

        await Assert.ThrowsAsync<Exception>(() => services.GetRequiredService<AmazonMwsClient>().SendAsync(Seller, AmazonMwsOperation.SubmitFeed, [new("FeedType", "_POST_ORDER_FULFILLMENT_DATA_")], CancellationToken.None, feed));

        Assert.AreEqual(1, _sandbox.Store.Requests().Count(r => r.Action == "SubmitFeed") - before, "sent once, not retried");
    }

    [TestMethod]
    public async Task PersistentServerError_AfterRetries_IsMappedWithAmazonsCode()
    {
        using var services = Services(retries: 2);
        _sandbox.Faults.Add(new SandboxFault(SandboxFaultKind.InternalError, Count: 10, Share: null, Action: null));

        var error = await Assert.ThrowsExactlyAsync<AmazonMwsException>(() => GetOrderAsync(services));

        Assert.AreEqual(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.AreEqual("InternalError", error.Code);
        Assert.AreEqual(3, _sandbox.Store.Requests().Count, "one try and two retries");
    }

    [TestMethod]
    [DataRow(SandboxFaultKind.Throttle, "RequestThrottled")]
    [DataRow(SandboxFaultKind.QuotaExceeded, "QuotaExceeded")]
    public async Task PersistentThrottling_IsWaitedOutAtTheRestoreRate_NotRetriedOnABackOff_ThenMapped(SandboxFaultKind kind, string code)
    {
        using var services = Services(new() { ["AmazonConnector:Mws:ThrottleTimeScale"] = "600" }, retries: 2);
        _sandbox.Faults.Add(new SandboxFault(kind, Count: 50, Share: null, Action: null));
        var throttle = services.GetRequiredService<AmazonMwsThrottle>();

        var error = await Assert.ThrowsExactlyAsync<AmazonMwsException>(() => GetOrderAsync(services));

        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.AreEqual(code, error.Code);
        Assert.AreEqual(1 + AmazonMwsClient.MaxThrottledAttempts, _sandbox.Store.Requests().Count, "each throttled answer waited out once, none retried by the back-off");
        var restore = AmazonMwsOperation.GetOrder.Restore / 600;
        Assert.IsTrue(throttle.TimeWaited >= restore * AmazonMwsClient.MaxThrottledAttempts, $"waited {throttle.TimeWaited} for {AmazonMwsClient.MaxThrottledAttempts} restores of {restore}");
    }

    [TestMethod]
    [DataRow(SandboxFaultKind.MalformedXml)]
    [DataRow(SandboxFaultKind.TruncatedXml)]
    public async Task UnreadableAnswer_IsAClearFormatError(SandboxFaultKind kind)
    {
        using var services = Services();
        _sandbox.Faults.Add(new SandboxFault(kind, Count: 1, Share: null, Action: null));

        var error = await Assert.ThrowsExactlyAsync<AmazonFormatException>(() => GetOrderAsync(services));

        StringAssert.Contains(error.Message, "GetOrder");
        StringAssert.Contains(error.Message, "not well-formed XML");
    }

    [TestMethod]
    public async Task SlowAnswer_Cancelled_StopsWaiting()
    {
        using var services = Services(retries: 0);
        _sandbox.Faults.Add(new SandboxFault(SandboxFaultKind.Slow, Count: 1, Share: null, Action: null, DelayMilliseconds: 3000));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var started = DateTime.UtcNow;

        await Assert.ThrowsAsync<OperationCanceledException>(() => GetOrderAsync(services, cancellationToken: cancel.Token));

        Assert.IsTrue(DateTime.UtcNow - started < TimeSpan.FromSeconds(2));
    }

    [TestMethod]
    public async Task BurstLargerThanTheQuota_WaitsInsteadOfBeingThrottled()
    {
        using var services = Services(retries: 0);
        const int requests = 10;

        await Task.WhenAll(Enumerable.Range(0, requests).Select(_ => GetOrderAsync(services)));

        Assert.AreEqual(requests, _sandbox.Answered(200, "GetOrder"));
        Assert.AreEqual(0, _sandbox.Answered(503), "no request was throttled by the sandbox");
        var throttle = services.GetRequiredService<AmazonMwsThrottle>();
        Assert.IsTrue(throttle.Waits >= requests - 6, $"waited {throttle.Waits} times");
        Assert.IsTrue(throttle.TimeWaited > TimeSpan.Zero);
    }
}
