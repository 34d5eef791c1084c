using System.Net;
using ErpAmazonModule.Sandbox.Mws;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ErpAmazonModule.Tests.Accounts;

/// <summary>Credentials are checked against Amazon (the sandbox) on save; marketplaces come from Amazon.</summary>
[TestClass]
public sealed class AccountCredentialsTests
{
    private static ErpHostFactory _factory = null!;
    private static HttpClient _admin = null!;

    [ClassInitialize]
    public static void Start(TestContext context)
    {
        _factory = new ErpHostFactory();
        _admin = _factory.Client();
    }

    [ClassCleanup]
    public static void Stop() => _factory.Dispose();

    private static Task<int> AccountCountAsync(ErpHostFactory factory) => factory.WithModuleDbAsync(db => db.Accounts.CountAsync());

    [TestMethod]
    public async Task Create_SeededSandboxSeller_SucceedsAndItsMarketplacesFillIn()
    {
        var account = await _admin.PostJsonAsync("/odata/amazon/Accounts", """
            {"Name":"Sandbox EU","Api":"Mws","Region":"EU","SellerId":"A1SANDBOXEU0001","AuthorizationToken":"amzn.mws.5eb2c9a1-0000-4000-8000-00000000e001"}
            """).ExpectAsync(HttpStatusCode.Created);

        var active = await _admin.GetAsync($"/odata/amazon/Accounts({account["Id"]})/ActiveMarketplaces?$select=Name&$orderby=Name").ExpectAsync(HttpStatusCode.OK);
        CollectionAssert.AreEqual(new[] { "Amazon.co.uk", "Amazon.de", "Amazon.es", "Amazon.fr", "Amazon.it", "Amazon.nl" }, active["value"]!.AsArray().Select(m => (string)m!["Name"]!).ToArray());
    }

    [TestMethod]
    public async Task Create_WrongToken_Is400AccessDeniedAndNothingIsSaved()
    {
        var before = await AccountCountAsync(_factory);
        var (sellerId, _) = Demo.Seller(_factory);

        var message = await _admin.PostJsonAsync("/odata/amazon/Accounts", $$"""
            {"Name":"wrong token","Api":"Mws","Region":"EU","SellerId":"{{sellerId}}","AuthorizationToken":"amzn.mws.00000000-dead-beef-0000-000000000000"}
            """).ExpectErrorAsync(HttpStatusCode.BadRequest, "AuthorizationToken", messageNamesField: false);

        StringAssert.StartsWith(message, "AccessDenied: ");
        Assert.IsFalse(message.Contains("dead-beef", StringComparison.Ordinal), "the token is not echoed");
        Assert.AreEqual(before, await AccountCountAsync(_factory));
    }

    [TestMethod]
    public async Task Create_RevokedAuthorization_Is400AccessDenied()
    {
        var (sellerId, token) = Demo.Seller(_factory);
        _factory.Sandbox.Store.Revoke(sellerId, token);

        var message = await _admin.PostJsonAsync("/odata/amazon/Accounts", $$"""
            {"Name":"revoked","Api":"Mws","Region":"EU","SellerId":"{{sellerId}}","AuthorizationToken":"{{token}}"}
            """).ExpectErrorAsync(HttpStatusCode.BadRequest, "AuthorizationToken", messageNamesField: false);

        StringAssert.Contains(message, "revoked");
    }

    [TestMethod]
    [DataRow("SignatureDoesNotMatch")]
    [DataRow("InvalidAccessKeyId")]
    public async Task Create_WrongDeveloperKeys_Is400WithAmazonsCodeAndNothingIsSaved(string code)
    {
        using var factory = new ErpHostFactory(sandboxSettings: sandbox => code == "SignatureDoesNotMatch"
            ? sandbox.ClientSettings(euSecretKey: "not-the-secret-key")
            : sandbox.ClientSettings(euAccessKey: "AKIANOTREGISTERED000"));
        var admin = factory.Client();

        var body = await admin.PostJsonAsync("/odata/amazon/Accounts", Demo.AccountJson(factory)).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.AreEqual(code, (string?)body["error"]!["code"]);
        StringAssert.StartsWith((string?)body["error"]!["message"], code + ": ");
        Assert.IsFalse(body.ToJsonString().Contains("not-the-secret-key", StringComparison.Ordinal));
        Assert.AreEqual(0, await AccountCountAsync(factory));
    }

    [TestMethod]
    public async Task Create_AmazonDown_Is503AndNothingIsSaved()
    {
        var before = await AccountCountAsync(_factory);
        _factory.Sandbox.Faults.Add(new SandboxFault(SandboxFaultKind.InternalError, Count: 1, Share: null, Action: "ListMarketplaceParticipations"));

        var message = await _admin.PostJsonAsync("/odata/amazon/Accounts", Demo.AccountJson(_factory)).ExpectErrorAsync(HttpStatusCode.ServiceUnavailable);

        StringAssert.Contains(message, "InternalError");
        Assert.AreEqual(before, await AccountCountAsync(_factory));
    }

    [TestMethod]
    public async Task Patch_NewTokenAmazonRefuses_Is400AndKeepsTheOldToken()
    {
        var account = await Demo.CreateAccountAsync(_factory, _admin);
        var url = $"/odata/amazon/Accounts({account["Id"]})";

        await _admin.PatchJsonAsync(url, """{"AuthorizationToken":"amzn.mws.not-granted-1234"}""").ExpectErrorAsync(HttpStatusCode.BadRequest, "AuthorizationToken", messageNamesField: false);

        Assert.AreEqual((string?)account["AuthorizationToken"], (string?)(await _admin.GetAsync(url).ExpectAsync(HttpStatusCode.OK))["AuthorizationToken"]);
    }

    [TestMethod]
    public async Task UpdateMarketplaces_FollowsAmazon_KeepsUserDeactivations_AndAcceptsListedCustomMarketplaces()
    {
        await _admin.PostJsonAsync("/odata/amazon/Marketplaces", """
            {"Name":"Amazon.xx","CountryCode":"XX","Endpoint":"mws-eu.amazonservices.com","ApiIdentifier":"A9LISTEDCUSTOM","Region":"EU","CurrencyCode":"EUR","PricesIncludeTax":true}
            """).ExpectAsync(HttpStatusCode.Created);
        await _admin.PostJsonAsync("/odata/amazon/Marketplaces", """
            {"Name":"Amazon.yy","CountryCode":"YY","Endpoint":"mws-eu.amazonservices.com","ApiIdentifier":"A9UNLISTEDCUSTOM","Region":"EU","CurrencyCode":"EUR","PricesIncludeTax":true}
            """).ExpectAsync(HttpStatusCode.Created);
        var (sellerId, token) = Demo.Seller(_factory, "EU", null, "A1PA6795UKMFR9", "A13V1IB3VIYZZH");
        var account = await _admin.PostJsonAsync("/odata/amazon/Accounts", $$"""
            {"Name":"update {{Guid.NewGuid():N}}","Api":"Mws","Region":"EU","SellerId":"{{sellerId}}","AuthorizationToken":"{{token}}"}
            """).ExpectAsync(HttpStatusCode.Created);
        var url = $"/odata/amazon/Accounts({account["Id"]})";
        var france = await Demo.MarketplaceIdAsync(_admin, "A13V1IB3VIYZZH");
        await _admin.PostJsonAsync($"{url}/DeactivateMarketplace", $$"""{"MarketplaceId":{{france}}}""").ExpectAsync(HttpStatusCode.OK);

        // The seller joins Italy and the custom marketplace, and leaves Germany.
        Demo.Grant(_factory, sellerId, "EU", token, "A13V1IB3VIYZZH", "APJ6JRA9NG5V4", "A9LISTEDCUSTOM");
        var available = await _admin.PostJsonAsync($"{url}/UpdateMarketplaces", "{}").ExpectAsync(HttpStatusCode.OK);

        CollectionAssert.AreEquivalent(new[] { "A13V1IB3VIYZZH", "APJ6JRA9NG5V4", "A9LISTEDCUSTOM" }, available["value"]!.AsArray().Select(m => (string)m!["ApiIdentifier"]!).ToArray());
        var active = await _admin.GetAsync($"{url}/ActiveMarketplaces").ExpectAsync(HttpStatusCode.OK);
        CollectionAssert.AreEquivalent(new[] { "APJ6JRA9NG5V4", "A9LISTEDCUSTOM" }, active["value"]!.AsArray().Select(m => (string)m!["ApiIdentifier"]!).ToArray());
        var unlisted = await Demo.MarketplaceIdAsync(_admin, "A9UNLISTEDCUSTOM");
        var message = await _admin.PostJsonAsync($"{url}/ActivateMarketplace", $$"""{"MarketplaceId":{{unlisted}}}""").ExpectErrorAsync(HttpStatusCode.BadRequest, "MarketplaceId");
        StringAssert.Contains(message, "not available");
    }

    [TestMethod]
    public async Task UpdateMarketplaces_AuthorizationRevokedSince_Is400AndChangesNothing()
    {
        var account = await Demo.CreateAccountAsync(_factory, _admin);
        _factory.Sandbox.Store.Revoke((string)account["SellerId"]!, null);

        await _admin.PostJsonAsync($"/odata/amazon/Accounts({account["Id"]})/UpdateMarketplaces", "{}").ExpectErrorAsync(HttpStatusCode.BadRequest, "AuthorizationToken", messageNamesField: false);

        var active = await _admin.GetAsync($"/odata/amazon/Accounts({account["Id"]})/ActiveMarketplaces").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(1, active["value"]!.AsArray().Count);
    }
}
