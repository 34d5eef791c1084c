using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ErpAmazonModule.Sandbox.Store;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ErpAmazonModule.Tests.Sandbox;

/// <summary>The sandbox's Login with Amazon and Selling Partner API, as a client that knows only Amazon's documents sees them.</summary>
[TestClass]
public sealed class SandboxSellingPartnerTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private static SandboxServer _sandbox = null!;
    private static readonly string Seller = "A1SANDBOXEU0001";

    [ClassInitialize]
    public static void Start(TestContext context) => _sandbox = SandboxServer.Start(Clock, o => o.Throttling = true);

    [ClassCleanup]
    public static void Stop() => _sandbox.Dispose();

    private static HttpClient Http() => new() { BaseAddress = new Uri(_sandbox.Endpoint + "/") };

    private static Dictionary<string, string> Grant(string refreshToken) => new()
    {
        ["grant_type"] = "refresh_token",
        ["refresh_token"] = refreshToken,
        ["client_id"] = SandboxCatalog.Application.ClientId,
        ["client_secret"] = SandboxCatalog.Application.ClientSecret,
    };

    [TestMethod]
    public async Task Token_FromAFormOrAJsonBody_IsAnHourLongBearerToken()
    {
        using var http = Http();
        foreach (var response in new[]
        {
            await http.PostAsync("auth/o2/token", new FormUrlEncodedContent(Grant(SandboxCatalog.RefreshToken(Seller)))),
            await http.PostAsJsonAsync("auth/o2/token", Grant(SandboxCatalog.RefreshToken(Seller))),
        })
        {
            var body = await response.Content.ReadFromJsonAsync<JsonObject>();
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, body?.ToJsonString());
            StringAssert.StartsWith((string)body!["access_token"]!, "Atza|");
            Assert.AreEqual("bearer", (string)body["token_type"]!);
            Assert.AreEqual(3600, (int)body["expires_in"]!);
        }
    }

    [TestMethod]
    [DataRow("refresh_token", "Atzr|IwEBIunknown", "amzn1.application-oa2-client.sandbox0000000000000000000001", 400, "invalid_grant")]
    [DataRow("refresh_token", "Atzr|IwEBISandboxRefreshToken-A1SANDBOXEU0001", "amzn1.application-oa2-client.unknown", 401, "invalid_client")]
    [DataRow("authorization_code", "Atzr|IwEBISandboxRefreshToken-A1SANDBOXEU0001", "amzn1.application-oa2-client.sandbox0000000000000000000001", 400, "unsupported_grant_type")]
    [DataRow("refresh_token", "", "amzn1.application-oa2-client.sandbox0000000000000000000001", 400, "invalid_request")]
    public async Task Token_RefusedAsLoginWithAmazonRefuses(string grantType, string refreshToken, string clientId, int status, string error)
    {
        using var http = Http();
        var fields = Grant(refreshToken);
        fields["grant_type"] = grantType;
        fields["client_id"] = clientId;

        using var response = await http.PostAsync("auth/o2/token", new FormUrlEncodedContent(fields));

        Assert.AreEqual(status, (int)response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.AreEqual(error, (string)body!["error"]!);
        Assert.IsFalse(string.IsNullOrEmpty((string?)body["error_description"]));
    }

    [TestMethod]
    public async Task MarketplaceParticipations_NeedAValidAccessToken_AndFollowTheSellersModel()
    {
        using var http = Http();
        using (var anonymous = await http.GetAsync("sellers/v1/marketplaceParticipations"))
        {
            Assert.AreEqual(HttpStatusCode.Forbidden, anonymous.StatusCode);
            var error = (await anonymous.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!;
            Assert.AreEqual("Unauthorized", (string)error["code"]!);
            Assert.IsTrue(anonymous.Headers.Contains("x-amzn-RequestId"));
        }

        var token = (string)(await (await http.PostAsync("auth/o2/token", new FormUrlEncodedContent(Grant(SandboxCatalog.RefreshToken(Seller))))).Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!;
        using var request = new HttpRequestMessage(HttpMethod.Get, "sellers/v1/marketplaceParticipations");
        request.Headers.Add("x-amz-access-token", token);
        using var response = await http.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("0.016", response.Headers.GetValues("x-amzn-RateLimit-Limit").Single());
        var payload = (await response.Content.ReadFromJsonAsync<JsonObject>())!["payload"]!.AsArray();
        Assert.AreEqual(6, payload.Count);
        var germany = payload.Single(p => (string)p!["marketplace"]!["id"]! == "A1PA6795UKMFR9")!;
        Assert.AreEqual("DE", (string)germany["marketplace"]!["countryCode"]!);
        Assert.AreEqual("EUR", (string)germany["marketplace"]!["defaultCurrencyCode"]!);
        Assert.IsTrue((bool)germany["participation"]!["isParticipating"]!);
        Assert.IsFalse(string.IsNullOrEmpty((string?)germany["storeName"]));

        Clock.Advance(TimeSpan.FromHours(1));
        using var late = new HttpRequestMessage(HttpMethod.Get, "sellers/v1/marketplaceParticipations");
        late.Headers.Add("x-amz-access-token", token);
        using var expired = await http.SendAsync(late);
        Assert.AreEqual(HttpStatusCode.Forbidden, expired.StatusCode);
        StringAssert.Contains(await expired.Content.ReadAsStringAsync(), "has expired");
    }

    [TestMethod]
    public async Task MarketplaceParticipations_BeyondTheBurst_Are429QuotaExceeded()
    {
        using var http = Http();
        var refreshToken = _sandbox.Lwa.Grant("A1SANDBOXNA0001", SandboxCatalog.Application.ClientId).Token;
        var token = (string)(await (await http.PostAsync("auth/o2/token", new FormUrlEncodedContent(Grant(refreshToken)))).Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 16; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "sellers/v1/marketplaceParticipations");
            request.Headers.Add("x-amz-access-token", token);
            using var response = await http.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                StringAssert.Contains(await response.Content.ReadAsStringAsync(), "QuotaExceeded");
            }
        }

        Assert.AreEqual(15, statuses.Count(s => s == HttpStatusCode.OK), "the burst");
        Assert.AreEqual(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [TestMethod]
    public async Task FulfillmentFeed_UploadedFlatFile_ShipsTheOrderWhenProcessed_AndTheReportNamesTheBadRow()
    {
        using var http = Http();
        var token = await AccessTokenAsync(http, Seller);
        var seller = _sandbox.Store.Seller(Seller)!;
        var order = OrderGenerator.Order(seller, SandboxCatalog.Marketplaces.Single(m => m.MarketplaceId == "A1PA6795UKMFR9"), 5012, Clock.GetUtcNow().AddMinutes(-90), new Random(3));
        _sandbox.Store.PutOrder(order);
        Assert.AreEqual("Unshipped", order.StatusAt(Clock.GetUtcNow()).Status);
        const string contentType = "text/tab-separated-values; charset=UTF-8";

        async Task<(HttpStatusCode Status, JsonObject Body)> Post(string path, object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.Add("x-amz-access-token", token);
            using var response = await http.SendAsync(request);
            return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
        }

        var (created, document) = await Post("feeds/2021-06-30/documents", new { contentType });
        Assert.AreEqual(HttpStatusCode.Created, created, document.ToJsonString());
        var url = (string)document["url"]!;
        var flatFile = "order-id\torder-item-id\tquantity\tship-date\tcarrier-code\tcarrier-name\ttracking-number\tship-method\n"
            + $"{order.AmazonOrderId}\t\t\t2026-11-23\tDHL\t\t00340434161234567890\tPaket\n"
            + "999-0000000-0000000\t\t\t2026-11-23\tDHL\t\t00340434161234567891\t\n";
        // The presigned URL takes no access token, and only the content type the document was created with.
        using (var wrongType = await new HttpClient().PutAsync(url, new StringContent(flatFile, System.Text.Encoding.UTF8, "text/plain")))
        {
            Assert.AreEqual(HttpStatusCode.Forbidden, wrongType.StatusCode);
        }

        using (var upload = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StringContent(flatFile) })
        {
            upload.Content.Headers.Remove("Content-Type");
            upload.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            using var uploaded = await new HttpClient().SendAsync(upload);
            Assert.AreEqual(HttpStatusCode.OK, uploaded.StatusCode);
        }

        var (refused, error) = await Post("feeds/2021-06-30/feeds", new { feedType = "POST_FLAT_FILE_FULFILLMENT_DATA", marketplaceIds = Array.Empty<string>(), inputFeedDocumentId = (string)document["feedDocumentId"]! });
        Assert.AreEqual(HttpStatusCode.BadRequest, refused, "no marketplace");
        StringAssert.Contains((string)error["errors"]![0]!["message"]!, "marketplaceIds");
        var (accepted, feed) = await Post("feeds/2021-06-30/feeds", new { feedType = "POST_FLAT_FILE_FULFILLMENT_DATA", marketplaceIds = new[] { "A1PA6795UKMFR9" }, inputFeedDocumentId = (string)document["feedDocumentId"]! });
        Assert.AreEqual(HttpStatusCode.Accepted, accepted, feed.ToJsonString());
        var feedId = (string)feed["feedId"]!;

        var (_, queued) = await GetAsync(http, token, $"feeds/2021-06-30/feeds/{feedId}");
        Assert.AreEqual("IN_QUEUE", (string)queued["processingStatus"]!);
        Assert.AreEqual("Unshipped", order.StatusAt(Clock.GetUtcNow()).Status, "a submitted feed changes nothing yet");

        Clock.Advance(TimeSpan.FromMinutes(3));
        var (_, done) = await GetAsync(http, token, $"feeds/2021-06-30/feeds/{feedId}");
        Assert.AreEqual("DONE", (string)done["processingStatus"]!, done.ToJsonString());
        Assert.AreEqual("Shipped", order.StatusAt(Clock.GetUtcNow()).Status);
        var (_, listed) = await GetAsync(http, token, $"feeds/2021-06-30/feeds?feedTypes=POST_FLAT_FILE_FULFILLMENT_DATA&createdSince={Iso(Clock.GetUtcNow().AddHours(-1))}");
        Assert.IsTrue(listed["feeds"]!.AsArray().Any(f => (string?)f!["feedId"] == feedId));
        var (_, result) = await GetAsync(http, token, $"feeds/2021-06-30/documents/{(string)done["resultFeedDocumentId"]!}");
        var report = await new HttpClient().GetStringAsync((string)result["url"]!);
        StringAssert.Contains(report, "Number of records processed\t\t2");
        StringAssert.Contains(report, "Number of records successful\t\t1");
        StringAssert.Contains(report, "2\t18028\tError\tThe order id 999-0000000-0000000 was not found");
    }

    private static async Task<string> AccessTokenAsync(HttpClient http, string sellerId)
    {
        var refreshToken = _sandbox.Lwa.Grant(sellerId, SandboxCatalog.Application.ClientId).Token;
        using var response = await http.PostAsync("auth/o2/token", new FormUrlEncodedContent(Grant(refreshToken)));
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!;
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(HttpClient http, string token, string pathAndQuery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Add("x-amz-access-token", token);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    private static string Iso(DateTimeOffset date) => Uri.EscapeDataString(date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));

    [TestMethod]
    public async Task SearchOrders2026_FollowsTheModel_ItemsInsideEachOrder_AndOnlyTheDatasetsAskedFor()
    {
        using var http = Http();
        var token = await AccessTokenAsync(http, "A1SANDBOXEU0001");
        var after = Iso(Clock.GetUtcNow().AddDays(-60));

        var (status, bare) = await GetAsync(http, token, $"orders/2026-01-01/orders?lastUpdatedAfter={after}&marketplaceIds=A1PA6795UKMFR9,A13V1IB3VIYZZH&maxResultsPerPage=5");

        Assert.AreEqual(HttpStatusCode.OK, status, bare.ToJsonString());
        Assert.IsNull(bare["payload"], "no payload wrapper in 2026-01-01");
        Assert.IsNotNull(bare["lastUpdatedBefore"]);
        var first = bare["orders"]!.AsArray()[0]!.AsObject();
        foreach (var field in new[] { "orderId", "createdTime", "lastUpdatedTime", "salesChannel", "orderItems" })
        {
            Assert.IsNotNull(first[field], $"{field} is required by the model");
        }

        Assert.IsFalse(string.IsNullOrEmpty((string?)first["orderItems"]![0]!["product"]!["sellerSku"]), "the items come inside their order");
        foreach (var dataset in new[] { "buyer", "recipient", "proceeds", "fulfillment", "tax" })
        {
            Assert.IsNull(first[dataset], $"{dataset} only when includedData asks for it");
        }

        var next = (string)bare["pagination"]!["nextToken"]!;
        var (nextStatus, full) = await GetAsync(http, token, $"orders/2026-01-01/orders?paginationToken={Uri.EscapeDataString(next)}&includedData=BUYER,RECIPIENT,PROCEEDS,FULFILLMENT");
        Assert.AreEqual(HttpStatusCode.OK, nextStatus, full.ToJsonString());
        var orders = full["orders"]!.AsArray().Select(o => o!.AsObject()).ToList();
        Assert.IsTrue(orders.Count is > 0 and <= 5, "the rest of the listing, 5 a page");
        string[] statuses = ["PENDING_AVAILABILITY", "PENDING", "UNSHIPPED", "PARTIALLY_SHIPPED", "SHIPPED", "CANCELLED", "UNFULFILLABLE"];
        Assert.IsTrue(orders.All(o => statuses.Contains((string?)o["fulfillment"]!["fulfillmentStatus"])), "fulfillment statuses as the model spells them");
        Assert.IsTrue(orders.All(o => (string?)o["fulfillment"]!["fulfilledBy"] is "MERCHANT" or "AMAZON"));
        var paid = orders.First(o => o["proceeds"] is not null);
        Assert.IsTrue(decimal.TryParse((string?)paid["proceeds"]!["grandTotal"]!["amount"], System.Globalization.CultureInfo.InvariantCulture, out _), "amounts are decimal strings");
        var item = paid["orderItems"]!.AsArray()[0]!;
        Assert.IsTrue(item["proceeds"]!["breakdowns"]!.AsArray().Any(b => (string?)b!["type"] == "ITEM"));
        Assert.IsTrue(orders.Any(o => o["buyer"]?["buyerName"] is not null), "the seller has the PII role: buyer names come with BUYER");
    }

    [TestMethod]
    [DataRow("lastUpdatedAfter={0}&createdAfter={0}", "Exactly one of createdAfter and lastUpdatedAfter")]
    [DataRow("marketplaceIds=A1VC38T7YXB528", "Exactly one of createdAfter and lastUpdatedAfter")]
    [DataRow("lastUpdatedAfter={0}&includedData=EVERYTHING", "Invalid includedData value EVERYTHING")]
    [DataRow("lastUpdatedAfter={0}&maxResultsPerPage=101", "maxResultsPerPage must be from 1 to 100")]
    [DataRow("lastUpdatedAfter={0}&createdBefore={0}", "createdBefore cannot be combined with lastUpdatedAfter")]
    [DataRow("lastUpdatedAfter={0}&fulfillmentStatuses=Shipped", "Invalid fulfillmentStatuses value Shipped")]
    [DataRow("lastUpdatedAfter={1}", "at least two minutes before the request")]
    [DataRow("paginationToken=not-a-token", "Invalid paginationToken")]
    public async Task SearchOrders2026_BadRequests_Are400InvalidInput_SayingWhy(string query, string expected)
    {
        using var http = Http();
        var token = await AccessTokenAsync(http, "A1SANDBOXFE0001");

        var (status, body) = await GetAsync(http, token, "orders/2026-01-01/orders?" + string.Format(System.Globalization.CultureInfo.InvariantCulture, query, Iso(Clock.GetUtcNow().AddDays(-1)), Iso(Clock.GetUtcNow())));

        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        var error = body["errors"]![0]!;
        Assert.AreEqual("InvalidInput", (string?)error["code"]);
        StringAssert.Contains((string?)error["message"], expected);
    }

    [TestMethod]
    public async Task GetOrder2026_IsTheOrderWithItsItems_AndAnUnknownOrderIs404()
    {
        using var http = Http();
        var token = await AccessTokenAsync(http, "A1SANDBOXEU0001");
        var orderId = _sandbox.Store.Orders("A1SANDBOXEU0001").First().AmazonOrderId;

        var (status, body) = await GetAsync(http, token, $"orders/2026-01-01/orders/{orderId}?includedData=FULFILLMENT");
        var (missing, error) = await GetAsync(http, token, "orders/2026-01-01/orders/999-0000000-0000000");

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToJsonString());
        Assert.AreEqual(orderId, (string?)body["order"]!["orderId"]);
        Assert.IsTrue(body["order"]!["orderItems"]!.AsArray().Count > 0);
        Assert.IsNotNull(body["order"]!["fulfillment"]);
        Assert.AreEqual(HttpStatusCode.NotFound, missing);
        Assert.AreEqual("NotFound", (string?)error["errors"]![0]!["code"]);
    }
}
