using System.Net;
using ErpAmazonModule.Sandbox.Store;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ErpAmazonModule.Tests.Accounts;

/// <summary>
/// Selling Partner API accounts: the seller's Login with Amazon refresh token is checked with Amazon on save
/// (marketplace participations), kept encrypted and masked, and an MWS account moves to the Selling Partner API with
/// its watermark, links and offers.
/// </summary>
[TestClass]
public sealed class SellingPartnerAccountTests
{
    private const string Accounts = "/odata/amazon/Accounts";

    [TestMethod]
    public async Task Create_WithTheSellersRefreshToken_CheckedWithAmazon_MaskedAndItsMarketplacesAvailable()
    {
        using var factory = new ErpHostFactory();
        var admin = factory.Client();

        var account = await admin.PostJsonAsync(Accounts, $$"""
            {"Name":"Sandbox EU over SP-API","Api":"SellingPartner","Region":"EU","SellerId":"A1SANDBOXEU0001","AuthorizationToken":"{{SandboxCatalog.RefreshToken("A1SANDBOXEU0001")}}"}
            """).ExpectAsync(HttpStatusCode.Created);

        Assert.AreEqual("SellingPartner", (string)account["Api"]!);
        Assert.AreEqual("****0001", (string)account["AuthorizationToken"]!);
        var available = await admin.GetAsync($"{Accounts}({account["Id"]})/AvailableMarketplaces?$select=ApiIdentifier").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(6, available["value"]!.AsArray().Count, "the seller's six EU marketplaces, as the Sellers API lists them");
        Assert.AreEqual(1, factory.Sandbox.Store.Requests().Count(r => r.Action == "lwa:token" && r.Status == 200), "one token exchange");
        Assert.AreEqual(1, factory.Sandbox.Store.Requests().Count(r => r.Action == "getMarketplaceParticipations" && r.Status == 200));
        var stored = await factory.WithModuleDbAsync(db => db.Accounts.AsNoTracking().SingleAsync(a => a.Id == (int)account["Id"]!));
        Assert.IsFalse(stored.ProtectedAuthorizationToken.Contains("Atzr|", StringComparison.Ordinal), "the refresh token is stored encrypted");
    }

    [TestMethod]
    public async Task Create_WithARefreshTokenAmazonDoesNotKnow_Is400OnTheToken_WithLwasCode_AndNothingSaved()
    {
        using var factory = new ErpHostFactory();
        var admin = factory.Client();

        var message = await admin.PostJsonAsync(Accounts, """
            {"Name":"Revoked","Api":"SellingPartner","Region":"EU","SellerId":"A1SANDBOXEU0001","AuthorizationToken":"Atzr|IwEBInot-a-token-amazon-issued"}
            """).ExpectErrorAsync(HttpStatusCode.BadRequest, "AuthorizationToken", messageNamesField: false);

        StringAssert.Contains(message, "invalid_grant");
        Assert.IsFalse(message.Contains("IwEBInot-a-token", StringComparison.Ordinal), "the token is not repeated back");
        Assert.AreEqual(0, await factory.WithModuleDbAsync(db => db.Accounts.CountAsync()));
    }

    [TestMethod]
    public async Task Create_WithAnMwsTokenForTheSellingPartnerApi_Is400NamingWhatIsExpected()
    {
        using var factory = new ErpHostFactory();

        var message = await factory.Client().PostJsonAsync(Accounts, """
            {"Name":"Wrong token","Api":"SellingPartner","Region":"EU","SellerId":"A1SANDBOXEU0001","AuthorizationToken":"amzn.mws.5eb2c9a1-0000-4000-8000-00000000e001"}
            """).ExpectErrorAsync(HttpStatusCode.BadRequest, "AuthorizationToken");

        StringAssert.Contains(message, "Login with Amazon refresh token");
        Assert.AreEqual(0, factory.Sandbox.Store.Requests().Count, "nothing was sent to Amazon");
    }

    [TestMethod]
    public async Task AccessTokenCached_ThenExchangedAheadOfExpiry_ThenAgainWhenAmazonSaysItExpired()
    {
        using var factory = new ErpHostFactory();
        var admin = factory.Client();
        var account = await admin.PostJsonAsync(Accounts, $$"""
            {"Name":"Token life","Api":"SellingPartner","Region":"EU","SellerId":"A1SANDBOXEU0001","AuthorizationToken":"{{SandboxCatalog.RefreshToken("A1SANDBOXEU0001")}}"}
            """).ExpectAsync(HttpStatusCode.Created);
        var check = $"{Accounts}({account["Id"]})/UpdateMarketplaces";
        int Exchanges() => factory.Sandbox.Store.Requests().Count(r => r.Action == "lwa:token" && r.Status == 200);

        await admin.PostJsonAsync(check, "{}").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(1, Exchanges(), "the access token of the first check is used again");

        factory.Clock.Advance(TimeSpan.FromMinutes(56));
        await admin.PostJsonAsync(check, "{}").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(2, Exchanges(), "exchanged again five minutes before it would expire");

        factory.Sandbox.Lwa.ExpireAccessTokens();
        await admin.PostJsonAsync(check, "{}").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(3, Exchanges(), "Amazon refused the cached token: exchanged once more and the call retried");
        Assert.AreEqual(1, factory.Sandbox.Store.Requests().Count(r => r.Action == "getMarketplaceParticipations" && r.Status == 403));
    }

    [TestMethod]
    public async Task Amazon429s_AreWaitedOutAtTheOperationsRate_AndTheSaveSucceeds()
    {
        // Real time, Amazon's rates 1,000 times faster: a 429 of getMarketplaceParticipations (0.016/s) costs 62 ms.
        using var factory = new ErpHostFactory(realTimeScale: 1000);
        factory.Sandbox.Faults.Add(new ErpAmazonModule.Sandbox.Mws.SandboxFault(ErpAmazonModule.Sandbox.Mws.SandboxFaultKind.Throttle, Count: 2, Share: null, Action: "getMarketplaceParticipations"));

        await factory.Client().PostJsonAsync(Accounts, $$"""
            {"Name":"Throttled","Api":"SellingPartner","Region":"EU","SellerId":"A1SANDBOXEU0001","AuthorizationToken":"{{SandboxCatalog.RefreshToken("A1SANDBOXEU0001")}}"}
            """).ExpectAsync(HttpStatusCode.Created);

        Assert.AreEqual(2, factory.Sandbox.Answered(429, "getMarketplaceParticipations"));
        Assert.AreEqual(1, factory.Sandbox.Answered(200, "getMarketplaceParticipations"));
    }

    [TestMethod]
    public async Task MwsAccount_MovedToTheSellingPartnerApi_KeepsItsWatermarkAndOrders()
    {
        using var factory = new ErpHostFactory();
        var admin = factory.Client();
        var seeded = SandboxCatalog.Sellers.First(s => s.SellerId == "A1SANDBOXEU0001");
        var account = await admin.PostJsonAsync(Accounts, $$"""
            {"Name":"Moving","Api":"Mws","Region":"EU","SellerId":"{{seeded.SellerId}}","AuthorizationToken":"{{seeded.Token}}"}
            """).ExpectAsync(HttpStatusCode.Created);
        var id = (int)account["Id"]!;
        var watermark = factory.Clock.GetUtcNow().AddHours(-3);
        await factory.WithModuleDbAsync(db => db.Accounts.Where(a => a.Id == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.LastSyncWatermark, watermark)));
        var etag = (string)(await admin.GetAsync($"{Accounts}({id})").ExpectAsync(HttpStatusCode.OK))["@odata.etag"]!;

        await admin.PatchJsonAsync($"{Accounts}({id})", $$"""{"Api":"SellingPartner","AuthorizationToken":"{{SandboxCatalog.RefreshToken(seeded.SellerId)}}"}""", etag)
            .ExpectAsync(HttpStatusCode.OK);

        var moved = await factory.WithModuleDbAsync(db => db.Accounts.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.AreEqual(ErpAmazonModule.Accounts.AmazonApi.SellingPartner, moved.Api);
        Assert.AreEqual(watermark, moved.LastSyncWatermark, "the sync goes on from where MWS left it");
        Assert.AreEqual("****0001", moved.AuthorizationTokenMask);
        Assert.AreEqual("2026-01-01", moved.OrdersApiVersion, "a moved account reads its orders through the current Orders API");
        Assert.AreEqual(1, factory.Sandbox.Store.Requests().Count(r => r.Action == "getMarketplaceParticipations" && r.Status == 200), "the new credentials were checked");
    }

    [TestMethod]
    public async Task NewAccount_WithoutApi_IsASellingPartnerAccount_OnOrdersApi2026_AndCanChooseV0()
    {
        using var factory = new ErpHostFactory();
        var admin = factory.Client();

        var account = await admin.PostJsonAsync(Accounts, $$"""
            {"Name":"Defaults","Region":"EU","SellerId":"A1SANDBOXEU0001","AuthorizationToken":"{{SandboxCatalog.RefreshToken("A1SANDBOXEU0001")}}"}
            """).ExpectAsync(HttpStatusCode.Created);
        Assert.AreEqual("SellingPartner", (string?)account["Api"]);
        Assert.AreEqual("2026-01-01", (string?)account["OrdersApiVersion"]);

        var changed = await admin.PatchJsonAsync($"{Accounts}({account["Id"]})", """{"OrdersApiVersion":"v0"}""", (string)account["@odata.etag"]!).ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual("v0", (string?)changed["OrdersApiVersion"]);
    }

    [TestMethod]
    [DataRow("""{"Name":"n1","Api":"SellingPartner","Region":"EU","SellerId":"A1SANDBOXEU0001","AuthorizationToken":"Atzr|IwEBIx","OrdersApiVersion":"v1"}""", "must be '2026-01-01' or 'v0'")]
    [DataRow("""{"Name":"n2","Api":"Mws","Region":"EU","SellerId":"A1SANDBOXEU0001","AuthorizationToken":"amzn.mws.x-1","OrdersApiVersion":"v0"}""", "Selling Partner API accounts only")]
    public async Task Create_WithAnOrdersApiVersionThatDoesNotApply_Is400OnTheField_AndNothingSaved(string body, string expected)
    {
        using var factory = new ErpHostFactory();

        var message = await factory.Client().PostJsonAsync(Accounts, body).ExpectErrorAsync(HttpStatusCode.BadRequest, "OrdersApiVersion");

        StringAssert.Contains(message, expected);
        Assert.AreEqual(0, await factory.WithModuleDbAsync(db => db.Accounts.CountAsync()), "nothing saved");
        Assert.AreEqual(0, factory.Sandbox.Store.Requests().Count(), "refused before Amazon is asked");
    }
}
