using System.Net;
using System.Text;
using ErpAmazonModule.Security;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ErpAmazonModule.Tests.Accounts;

[TestClass]
public sealed class AccountsControllerTests
{
    private static ErpHostFactory _factory = null!;
    private static HttpClient _admin = null!;

    [ClassInitialize]
    public static void Start(TestContext context)
    {
        _factory = SharedHost.Factory;
        _admin = _factory.Client();
    }

    [TestMethod]
    public async Task Post_ValidAccount_ReturnsTokenMaskedAndRawTokenIsNowhereInTheDatabaseFile()
    {
        const string token = "amzn.mws.5fa7c0de-1111-2222-3333-44445555beef";
        var account = await Demo.CreateAccountAsync(_factory, _admin, token: token);

        Assert.AreEqual("****beef", (string?)account["AuthorizationToken"]);
        Assert.IsFalse(account.ToJsonString().Contains("5fa7c0de", StringComparison.Ordinal));
        var listed = await _admin.GetAsync($"/odata/amazon/Accounts({account["Id"]})").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual("****beef", (string?)listed["AuthorizationToken"]);

        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _factory.DatabasePath, _factory.DatabasePath + "-wal" }.Where(File.Exists))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.AreEqual(-1, IndexOf(bytes, Encoding.UTF8.GetBytes(token)), $"raw token found in {file}");
            Assert.AreEqual(-1, IndexOf(bytes, Encoding.Unicode.GetBytes(token)), $"raw token (UTF-16) found in {file}");
        }
    }

    [TestMethod]
    public async Task Post_ValidAccount_StoredTokenDecryptsOnlyThroughTheModulesProtector()
    {
        var token = Demo.MwsToken();
        var account = await Demo.CreateAccountAsync(_factory, _admin, token: token);
        var id = (int)account["Id"]!;

        var stored = await _factory.WithModuleDbAsync(db => db.Accounts.Where(a => a.Id == id).Select(a => a.ProtectedAuthorizationToken).SingleAsync());
        Assert.AreNotEqual(token, stored);
        Assert.AreEqual(token, _factory.Services.GetRequiredService<AmazonSecretProtector>().Unprotect(stored));
    }

    [TestMethod]
    public async Task Post_HostRestartedOnTheSameDatabase_DecryptsWithTheKeyRingInIt()
    {
        var token = Demo.MwsToken();
        string path;
        string stored;
        using (var first = new ErpHostFactory())
        {
            var id = (int)(await Demo.CreateAccountAsync(first, first.Client(), token: token))["Id"]!;
            stored = await first.WithModuleDbAsync(db => db.Accounts.Where(a => a.Id == id).Select(a => a.ProtectedAuthorizationToken).SingleAsync());
            path = first.DatabasePath;
        }

        using var restarted = new ErpHostFactory(path);
        _ = restarted.Client();
        Assert.AreEqual(token, restarted.Services.GetRequiredService<AmazonSecretProtector>().Unprotect(stored));
    }

    [TestMethod]
    [DataRow("""{"Name":"","Api":"Mws","Region":"EU","SellerId":"A1B2C3D4E5","AuthorizationToken":"amzn.mws.x-1"}""", "Name")]
    [DataRow("""{"Name":"n1","Api":"Mws","Region":"XX","SellerId":"A1B2C3D4E5","AuthorizationToken":"amzn.mws.x-1"}""", "Region")]
    [DataRow("""{"Name":"n2","Api":"Mws","Region":"EU","SellerId":"not a seller","AuthorizationToken":"amzn.mws.x-1"}""", "SellerId")]
    [DataRow("""{"Name":"n3","Api":"Mws","Region":"EU","SellerId":"A1B2C3D4E5"}""", "AuthorizationToken")]
    [DataRow("""{"Name":"n4","Api":"Mws","Region":"EU","SellerId":"A1B2C3D4E5","AuthorizationToken":"Atzr|refresh"}""", "AuthorizationToken")]
    [DataRow("""{"Name":"n5","Api":"Mws","Region":"EU","SellerId":"A1B2C3D4E5","AuthorizationToken":"amzn.mws.x-1","SyncIntervalMinutes":1}""", "SyncIntervalMinutes")]
    [DataRow("""{"Name":"n6","Api":"Mws","Region":"EU","SellerId":"A1B2C3D4E5","AuthorizationToken":"amzn.mws.x-1","AuthorizedOn":"2026-01-02T00:00:00Z","AuthorizationExpiresOn":"2026-01-01T00:00:00Z"}""", "AuthorizationExpiresOn")]
    [DataRow("""{"Name":"n7","Api":"Nope","Region":"EU","SellerId":"A1B2C3D4E5","AuthorizationToken":"amzn.mws.x-1"}""", "Api")]
    public async Task Post_InvalidField_Returns400NamingTheFieldAndSavesNothing(string body, string field)
    {
        var name = (string)System.Text.Json.Nodes.JsonNode.Parse(body)!["Name"]!;

        await _admin.PostJsonAsync("/odata/amazon/Accounts", body).ExpectErrorAsync(HttpStatusCode.BadRequest, field);

        Assert.AreEqual(0, await _factory.WithModuleDbAsync(db => db.Accounts.CountAsync(a => a.Name == name)));
    }

    [TestMethod]
    public async Task Post_DuplicateNameOrSeller_Returns409AndSavesNothing()
    {
        var first = await Demo.CreateAccountAsync(_factory, _admin);
        var (name, sellerId) = ((string)first["Name"]!, (string)first["SellerId"]!);

        await _admin.PostJsonAsync("/odata/amazon/Accounts", $$"""
            {"Name":"{{first["Name"]}}","Api":"Mws","Region":"EU","SellerId":"{{Demo.SellerId()}}","AuthorizationToken":"{{Demo.MwsToken()}}"}
            """).ExpectErrorAsync(HttpStatusCode.Conflict, "Name");
        await _admin.PostJsonAsync("/odata/amazon/Accounts", $$"""
            {"Name":"another {{Guid.NewGuid():N}}","Api":"Mws","Region":"EU","SellerId":"{{first["SellerId"]}}","AuthorizationToken":"{{Demo.MwsToken()}}"}
            """).ExpectErrorAsync(HttpStatusCode.Conflict, "SellerId");

        Assert.AreEqual(1, await _factory.WithModuleDbAsync(db => db.Accounts.CountAsync(a => a.Name == name)));
        Assert.AreEqual(1, await _factory.WithModuleDbAsync(db => db.Accounts.CountAsync(a => a.SellerId == sellerId)));
    }

    [TestMethod]
    public async Task Post_ThreeBadFields_AnswersAllThreeAtOnceAndSavesNothing()
    {
        var error = await _admin.PostJsonAsync("/odata/amazon/Accounts",
            """{"Name":"","Api":"Mws","Region":"EU","SellerId":"not-a-seller","AuthorizationToken":"amzn.mws.00000000-0000-4000-8000-00000000abcd","SyncIntervalMinutes":2}""")
            .ExpectAsync(HttpStatusCode.BadRequest);

        var details = error["error"]!["details"]!.AsArray().Select(d => (string?)d!["target"]).ToList();
        CollectionAssert.AreEqual(new[] { "Name", "SellerId", "SyncIntervalMinutes" }, details);
        StringAssert.StartsWith((string?)error["error"]!["message"], "3 fields are not valid:");
        Assert.AreEqual("InvalidFields", (string?)error["error"]!["code"]);
        Assert.AreEqual(0, await _factory.WithModuleDbAsync(db => db.Accounts.CountAsync(a => a.SellerId == "not-a-seller")), "nothing was saved");
        Assert.AreEqual(0, _factory.Sandbox.Store.Requests().Count(r => r.SellerId == "not-a-seller"), "Amazon was not asked");
    }

    [TestMethod]
    public async Task Post_NoSyncInterval_UsesTheModuleSetting()
    {
        var account = await Demo.CreateAccountAsync(_factory, _admin);
        Assert.AreEqual(30, (int)account["SyncIntervalMinutes"]!);
    }

    [TestMethod]
    public async Task Patch_CurrentETag_ChangesAndIssuesANewETag()
    {
        var account = await Demo.CreateAccountAsync(_factory, _admin);
        var etag = (string)account["@odata.etag"]!;

        var updated = await _admin.PatchJsonAsync($"/odata/amazon/Accounts({account["Id"]})", """{"SalesTeam":"Marketplaces EU"}""", etag).ExpectAsync(HttpStatusCode.OK);

        Assert.AreEqual("Marketplaces EU", (string?)updated["SalesTeam"]);
        Assert.AreNotEqual(etag, (string?)updated["@odata.etag"]);
    }

    [TestMethod]
    public async Task Patch_StaleETag_Returns412AndChangesNothing()
    {
        var account = await Demo.CreateAccountAsync(_factory, _admin);
        var url = $"/odata/amazon/Accounts({account["Id"]})";
        var stale = (string)account["@odata.etag"]!;
        await _admin.PatchJsonAsync(url, """{"SalesTeam":"first"}""", stale).ExpectAsync(HttpStatusCode.OK);

        await _admin.PatchJsonAsync(url, """{"SalesTeam":"second"}""", stale).ExpectErrorAsync(HttpStatusCode.PreconditionFailed);
        await _admin.DeleteAsync(url, stale).ExpectErrorAsync(HttpStatusCode.PreconditionFailed);

        var current = await _admin.GetAsync(url).ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual("first", (string?)current["SalesTeam"]);
    }

    [TestMethod]
    public async Task Patch_MalformedIfMatch_Returns400()
    {
        var account = await Demo.CreateAccountAsync(_factory, _admin);
        await _admin.PatchJsonAsync($"/odata/amazon/Accounts({account["Id"]})", """{"SalesTeam":"x"}""", "W/\"bm90LWFuLWV0YWc=\"")
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "If-Match");
    }

    [TestMethod]
    public async Task Patch_NewToken_IsProtectedAndMaskedAgain()
    {
        var account = await Demo.CreateAccountAsync(_factory, _admin);
        Demo.Grant(_factory, (string)account["SellerId"]!, "EU", "amzn.mws.new-token-9876");
        var updated = await _admin.PatchJsonAsync($"/odata/amazon/Accounts({account["Id"]})", """{"AuthorizationToken":"amzn.mws.new-token-9876"}""").ExpectAsync(HttpStatusCode.OK);

        Assert.AreEqual("****9876", (string?)updated["AuthorizationToken"]);
        var id = (int)account["Id"]!;
        var stored = await _factory.WithModuleDbAsync(db => db.Accounts.Where(a => a.Id == id).Select(a => a.ProtectedAuthorizationToken).SingleAsync());
        Assert.AreEqual("amzn.mws.new-token-9876", _factory.Services.GetRequiredService<AmazonSecretProtector>().Unprotect(stored));
    }

    [TestMethod]
    public async Task Patch_MaskedTokenSentBack_KeepsTheStoredToken()
    {
        var token = Demo.MwsToken();
        var account = await Demo.CreateAccountAsync(_factory, _admin, token: token);
        await _admin.PatchJsonAsync($"/odata/amazon/Accounts({account["Id"]})", $$"""{"AuthorizationToken":"{{account["AuthorizationToken"]}}","SalesTeam":"t"}""").ExpectAsync(HttpStatusCode.OK);

        var id = (int)account["Id"]!;
        var stored = await _factory.WithModuleDbAsync(db => db.Accounts.Where(a => a.Id == id).Select(a => a.ProtectedAuthorizationToken).SingleAsync());
        Assert.AreEqual(token, _factory.Services.GetRequiredService<AmazonSecretProtector>().Unprotect(stored));
    }

    [TestMethod]
    [DataRow("""{"LastSyncWatermark":"2026-01-01T00:00:00Z"}""", "LastSyncWatermark")]
    [DataRow("""{"Version":"00000000-0000-0000-0000-000000000001"}""", "Version")]
    [DataRow("""{"Api":"SellingPartner"}""", "AuthorizationToken")]
    [DataRow("""{"Name":null}""", "Name")]
    public async Task Patch_ForbiddenChange_Returns400NamingTheFieldAndChangesNothing(string body, string field)
    {
        var account = await Demo.CreateAccountAsync(_factory, _admin);
        var url = $"/odata/amazon/Accounts({account["Id"]})";

        await _admin.PatchJsonAsync(url, body).ExpectErrorAsync(HttpStatusCode.BadRequest, field);

        var current = await _admin.GetAsync(url).ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual((string?)account["@odata.etag"], (string?)current["@odata.etag"]);
    }

    [TestMethod]
    public async Task ActivateMarketplace_OwnRegion_IsActiveAndAvailable_OtherRegion_Returns400()
    {
        var account = await Demo.CreateAccountAsync(_factory, _admin, region: "EU");
        var url = $"/odata/amazon/Accounts({account["Id"]})";
        var germany = await Demo.MarketplaceIdAsync(_admin, "A1PA6795UKMFR9");
        var us = await Demo.MarketplaceIdAsync(_admin, "ATVPDKIKX0DER");

        var active = await _admin.PostJsonAsync($"{url}/ActivateMarketplace", $$"""{"MarketplaceId":{{germany}}}""").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual("Amazon.de", (string?)active["value"]![0]!["Name"]);
        var message = await _admin.PostJsonAsync($"{url}/ActivateMarketplace", $$"""{"MarketplaceId":{{us}}}""").ExpectErrorAsync(HttpStatusCode.BadRequest, "MarketplaceId");
        StringAssert.Contains(message, "region NA");

        await _admin.PostJsonAsync($"{url}/DeactivateMarketplace", $$"""{"MarketplaceId":{{germany}}}""").ExpectAsync(HttpStatusCode.OK);
        var expanded = await _admin.GetAsync($"{url}?$expand=ActiveMarketplaces,AvailableMarketplaces($select=Name)").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(0, expanded["ActiveMarketplaces"]!.AsArray().Count);
        Assert.AreEqual("Amazon.de", (string?)expanded["AvailableMarketplaces"]![0]!["Name"]);
        var available = await _admin.GetAsync($"{url}/AvailableMarketplaces").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(1, available["value"]!.AsArray().Count);
    }

    [TestMethod]
    public async Task ActivateMarketplace_SpApiOnlyMarketplaceOnMwsAccount_Returns400()
    {
        var account = await Demo.CreateAccountAsync(_factory, _admin, region: "EU");
        var ireland = await Demo.MarketplaceIdAsync(_admin, "A28R8C7NBKEWEA");
        var message = await _admin.PostJsonAsync($"/odata/amazon/Accounts({account["Id"]})/ActivateMarketplace", $$"""{"MarketplaceId":{{ireland}}}""")
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "MarketplaceId");
        StringAssert.Contains(message, "SP-API");
    }

    [TestMethod]
    public async Task Patch_RegionWhileMarketplacesLinked_Returns400()
    {
        var account = await Demo.CreateAccountAsync(_factory, _admin, region: "EU");

        await _admin.PatchJsonAsync($"/odata/amazon/Accounts({account["Id"]})", """{"Region":"NA"}""").ExpectErrorAsync(HttpStatusCode.BadRequest, "Region");
    }

    [TestMethod]
    public async Task UnknownKey_Returns404WithODataError()
    {
        await _admin.GetAsync("/odata/amazon/Accounts(987654)").ExpectErrorAsync(HttpStatusCode.NotFound);
        await _admin.PatchJsonAsync("/odata/amazon/Accounts(987654)", """{"SalesTeam":"x"}""").ExpectErrorAsync(HttpStatusCode.NotFound);
        await _admin.DeleteAsync("/odata/amazon/Accounts(987654)", null).ExpectErrorAsync(HttpStatusCode.NotFound);
        await _admin.PostJsonAsync("/odata/amazon/Accounts(987654)/ActivateMarketplace", """{"MarketplaceId":1}""").ExpectErrorAsync(HttpStatusCode.NotFound);
    }

    [TestMethod]
    public async Task Delete_Account_RemovesItsOffersAndMarketplaceLinks()
    {
        var account = await Demo.CreateAccountAsync(_factory, _admin);
        var id = (int)account["Id"]!;
        await _admin.PostJsonAsync($"/odata/amazon/Accounts({id})/ActivateMarketplace", $$"""{"MarketplaceId":{{await Demo.MarketplaceIdAsync(_admin, "A1PA6795UKMFR9")}}}""").ExpectAsync(HttpStatusCode.OK);
        await _admin.PostJsonAsync("/odata/amazon/Offers", $$"""{"AccountId":{{id}},"Sku":"DEL-1","ProductId":"{{await Demo.ProductIdAsync(_factory, "ECHO-DOT-5")}}"}""").ExpectAsync(HttpStatusCode.Created);

        var current = await _admin.GetAsync($"/odata/amazon/Accounts({id})").ExpectAsync(HttpStatusCode.OK);
        await _admin.DeleteAsync($"/odata/amazon/Accounts({id})", (string)current["@odata.etag"]!).ExpectAsync(HttpStatusCode.NoContent);

        Assert.AreEqual(0, await _factory.WithModuleDbAsync(db => db.Offers.CountAsync(o => o.AccountId == id)));
        Assert.AreEqual(0, await _factory.WithModuleDbAsync(db => db.AccountMarketplaces.CountAsync(am => am.AccountId == id)));
    }

    [TestMethod]
    public async Task Get_AuthorizationExpiringWithinWarningPeriod_IsFlagged()
    {
        var now = _factory.Clock.GetUtcNow();
        var soon = await _admin.PostJsonAsync("/odata/amazon/Accounts",
            Demo.AccountJson(_factory, extra: $",\"AuthorizedOn\":\"{now.AddMonths(-11):O}\",\"AuthorizationExpiresOn\":\"{now.AddDays(10):O}\"")).ExpectAsync(HttpStatusCode.Created);
        var later = await _admin.PostJsonAsync("/odata/amazon/Accounts",
            Demo.AccountJson(_factory, extra: $",\"AuthorizationExpiresOn\":\"{now.AddDays(200):O}\"")).ExpectAsync(HttpStatusCode.Created);

        Assert.IsTrue((bool)soon["AuthorizationExpiresSoon"]!);
        Assert.IsFalse((bool)later["AuthorizationExpiresSoon"]!);
        var flagged = await _admin.GetAsync($"/odata/amazon/Accounts?$filter=AuthorizationExpiresSoon and Id eq {soon["Id"]}&$count=true").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(1, (int)flagged["@odata.count"]!);
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
