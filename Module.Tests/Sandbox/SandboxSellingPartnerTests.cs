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
}
