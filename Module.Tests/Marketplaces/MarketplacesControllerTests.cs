using System.Net;
using ErpAmazonModule.Marketplaces;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ErpAmazonModule.Tests.Marketplaces;

[TestClass]
public sealed class MarketplacesControllerTests
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

    private static string Custom(string apiIdentifier, string region = "EU") => $$"""
        {"Name":"Amazon.xx","CountryCode":"XX","Endpoint":"mws-eu.amazonservices.com","ApiIdentifier":"{{apiIdentifier}}","Region":"{{region}}","CurrencyCode":"EUR","PricesIncludeTax":true}
        """;

    [TestMethod]
    public async Task Get_Count_ListsTheWholeBuiltInCatalog()
    {
        var body = await _admin.GetAsync("/odata/amazon/Marketplaces?$count=true&$filter=IsBuiltIn").ExpectAsync(HttpStatusCode.OK);

        Assert.AreEqual(AmazonMarketplaceCatalog.BuiltIn.Count, (int)body["@odata.count"]!);
        Assert.AreEqual(23, AmazonMarketplaceCatalog.BuiltIn.Count);
        var ids = body["value"]!.AsArray().Select(m => (string)m!["ApiIdentifier"]!).ToHashSet();
        foreach (var id in new[] { "ATVPDKIKX0DER", "A1PA6795UKMFR9", "A1VC38T7YXB528", "A28R8C7NBKEWEA", "AE08WJ6YKNBMC", "A2Q3Y263D00KWC" })
        {
            Assert.IsTrue(ids.Contains(id), id);
        }
    }

    [TestMethod]
    [DataRow("ATVPDKIKX0DER", "Amazon.com", "US", "NA", "USD", false, "mws.amazonservices.com")]
    [DataRow("A2EUQ1WTGCTBG2", "Amazon.ca", "CA", "NA", "CAD", false, "mws.amazonservices.ca")]
    [DataRow("A1PA6795UKMFR9", "Amazon.de", "DE", "EU", "EUR", true, "mws-eu.amazonservices.com")]
    [DataRow("A1F83G8C2ARO7P", "Amazon.co.uk", "GB", "EU", "GBP", true, "mws-eu.amazonservices.com")]
    [DataRow("A21TJRUUN4KGV", "Amazon.in", "IN", "EU", "INR", true, "mws.amazonservices.in")]
    [DataRow("A1VC38T7YXB528", "Amazon.co.jp", "JP", "FE", "JPY", true, "mws.amazonservices.jp")]
    [DataRow("A39IBJ37TRP1C6", "Amazon.com.au", "AU", "FE", "AUD", true, "mws.amazonservices.com.au")]
    [DataRow("AE08WJ6YKNBMC", "Amazon.co.za", "ZA", "EU", "ZAR", true, "sellingpartnerapi-eu.amazon.com")]
    public async Task Get_BuiltInRow_MatchesAmazonsTable(string id, string name, string country, string region, string currency, bool taxIncluded, string endpoint)
    {
        var row = (await _admin.GetAsync($"/odata/amazon/Marketplaces?$filter=ApiIdentifier eq '{id}'").ExpectAsync(HttpStatusCode.OK))["value"]![0]!;

        Assert.AreEqual(name, (string?)row["Name"]);
        Assert.AreEqual(country, (string?)row["CountryCode"]);
        Assert.AreEqual(region, (string?)row["Region"]);
        Assert.AreEqual(currency, (string?)row["CurrencyCode"]);
        Assert.AreEqual(taxIncluded, (bool)row["PricesIncludeTax"]!);
        Assert.AreEqual(endpoint, (string?)row["Endpoint"]);
    }

    [TestMethod]
    public async Task CustomMarketplace_CanBeAddedChangedAndDeleted()
    {
        var created = await _admin.PostJsonAsync("/odata/amazon/Marketplaces", Custom("A9CUSTOM0001")).ExpectAsync(HttpStatusCode.Created);
        Assert.IsFalse((bool)created["IsBuiltIn"]!);
        var url = $"/odata/amazon/Marketplaces({created["Id"]})";

        var changed = await _admin.PatchJsonAsync(url, """{"Name":"Amazon.xy","CurrencyCode":"SEK"}""").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual("Amazon.xy", (string?)changed["Name"]);
        Assert.AreEqual("SEK", (string?)changed["CurrencyCode"]);

        await _admin.DeleteAsync(url, null).ExpectAsync(HttpStatusCode.NoContent);
        await _admin.GetAsync(url).ExpectErrorAsync(HttpStatusCode.NotFound);
    }

    [TestMethod]
    public async Task Post_SameApiIdentifierTwice_Returns409AndSavesNothing()
    {
        await _admin.PostJsonAsync("/odata/amazon/Marketplaces", Custom("A9CUSTOM0002")).ExpectAsync(HttpStatusCode.Created);
        var before = await _factory.WithModuleDbAsync(db => db.Marketplaces.CountAsync());

        await _admin.PostJsonAsync("/odata/amazon/Marketplaces", Custom("A9CUSTOM0002")).ExpectErrorAsync(HttpStatusCode.Conflict, "ApiIdentifier");
        await _admin.PostJsonAsync("/odata/amazon/Marketplaces", Custom("A1PA6795UKMFR9")).ExpectErrorAsync(HttpStatusCode.Conflict, "ApiIdentifier");

        Assert.AreEqual(before, await _factory.WithModuleDbAsync(db => db.Marketplaces.CountAsync()));
    }

    [TestMethod]
    [DataRow("Region", "\"ZZ\"")]
    [DataRow("CountryCode", "\"Sweden\"")]
    [DataRow("Endpoint", "\"https://mws.example/path\"")]
    [DataRow("ApiIdentifier", "\"a b\"")]
    [DataRow("CurrencyCode", "\"euro\"")]
    [DataRow("Name", "\"\"")]
    public async Task Post_InvalidField_Returns400NamingIt(string field, string value)
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(Custom("A9CUSTOM0003"))!;
        body[field] = System.Text.Json.Nodes.JsonNode.Parse(value);

        await _admin.PostJsonAsync("/odata/amazon/Marketplaces", body.ToJsonString()).ExpectErrorAsync(HttpStatusCode.BadRequest, field);
    }

    [TestMethod]
    public async Task BuiltIn_CanOnlyBeDeactivated_NeverChangedOrDeleted()
    {
        var id = await Demo.MarketplaceIdAsync(_admin, "APJ6JRA9NG5V4");
        var url = $"/odata/amazon/Marketplaces({id})";

        await _admin.PatchJsonAsync(url, """{"Endpoint":"evil.example.com"}""").ExpectErrorAsync(HttpStatusCode.BadRequest, "Endpoint");
        await _admin.DeleteAsync(url, null).ExpectErrorAsync(HttpStatusCode.BadRequest, "IsBuiltIn");
        var off = await _admin.PatchJsonAsync(url, """{"IsActive":false}""").ExpectAsync(HttpStatusCode.OK);
        Assert.IsFalse((bool)off["IsActive"]!);
        Assert.AreEqual("mws-eu.amazonservices.com", (string?)off["Endpoint"]);

        var account = await Demo.CreateAccountAsync(_factory, _admin, region: "EU");
        var message = await _admin.PostJsonAsync($"/odata/amazon/Accounts({account["Id"]})/ActivateMarketplace", $$"""{"MarketplaceId":{{id}}}""").ExpectErrorAsync(HttpStatusCode.BadRequest, "MarketplaceId");
        StringAssert.Contains(message, "deactivated");
        await _admin.PatchJsonAsync(url, """{"IsActive":true}""").ExpectAsync(HttpStatusCode.OK);
    }

    [TestMethod]
    public async Task Delete_CustomMarketplaceInUse_Returns409()
    {
        var created = await _admin.PostJsonAsync("/odata/amazon/Marketplaces", Custom("A9CUSTOM0004")).ExpectAsync(HttpStatusCode.Created);
        var (sellerId, token) = Demo.Seller(_factory, "EU", null, "A1PA6795UKMFR9", "A9CUSTOM0004");
        var account = await _admin.PostJsonAsync("/odata/amazon/Accounts", $$"""
            {"Name":"custom {{Guid.NewGuid():N}}","Api":"Mws","Region":"EU","SellerId":"{{sellerId}}","AuthorizationToken":"{{token}}"}
            """).ExpectAsync(HttpStatusCode.Created);
        var active = await _admin.GetAsync($"/odata/amazon/Accounts({account["Id"]})/ActiveMarketplaces?$select=ApiIdentifier").ExpectAsync(HttpStatusCode.OK);
        CollectionAssert.Contains(active["value"]!.AsArray().Select(m => (string)m!["ApiIdentifier"]!).ToList(), "A9CUSTOM0004");

        await _admin.DeleteAsync($"/odata/amazon/Marketplaces({created["Id"]})", null).ExpectErrorAsync(HttpStatusCode.Conflict);
        await _admin.PatchJsonAsync($"/odata/amazon/Marketplaces({created["Id"]})", """{"Region":"FE"}""").ExpectErrorAsync(HttpStatusCode.BadRequest, "Region");
    }

    [TestMethod]
    public async Task Install_RunTwice_AddsNoDuplicateAndKeepsDeactivation()
    {
        var id = await Demo.MarketplaceIdAsync(_admin, "A2NODRKZP88ZB9");
        await _admin.PatchJsonAsync($"/odata/amazon/Marketplaces({id})", """{"IsActive":false}""").ExpectAsync(HttpStatusCode.OK);
        var before = await _factory.WithModuleDbAsync(db => db.Marketplaces.CountAsync());

        await new AmazonConnectorModule().InstallAsync(_factory.Services, CancellationToken.None);

        Assert.AreEqual(before, await _factory.WithModuleDbAsync(db => db.Marketplaces.CountAsync()));
        Assert.IsFalse(await _factory.WithModuleDbAsync(db => db.Marketplaces.Where(m => m.Id == id).Select(m => m.IsActive).SingleAsync()));
        await _admin.PatchJsonAsync($"/odata/amazon/Marketplaces({id})", """{"IsActive":true}""").ExpectAsync(HttpStatusCode.OK);
    }
}
