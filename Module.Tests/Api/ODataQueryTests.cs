using System.Net;
using ErpAmazonModule.Offers;
using ErpAmazonModule.Tests.TestSupport;

namespace ErpAmazonModule.Tests.Api;

/// <summary>Every query option on every entity set, paging and limits, and filters that run in SQL.</summary>
[TestClass]
public sealed class ODataQueryTests
{
    private const int OfferCount = 230;
    private static ErpHostFactory _factory = null!;
    private static HttpClient _admin = null!;
    private static int _accountId;

    [ClassInitialize]
    public static async Task Start(TestContext context)
    {
        _factory = new ErpHostFactory();
        _admin = _factory.Client();
        var account = await Demo.CreateAccountAsync(_factory, _admin, region: "EU", name: "Query shop");
        _accountId = (int)account["Id"]!;
        await Demo.CreateAccountAsync(_factory, _admin, region: "NA", name: "Another shop");
        var germany = await Demo.MarketplaceIdAsync(_admin, "A1PA6795UKMFR9");
        await _admin.PostJsonAsync($"/odata/amazon/Accounts({_accountId})/ActivateMarketplace", $$"""{"MarketplaceId":{{germany}}}""").ExpectAsync(HttpStatusCode.OK);
        var product = await Demo.ProductIdAsync(_factory, "ECHO-DOT-5");
        var now = _factory.Clock.GetUtcNow();
        await _factory.WithModuleDbAsync(db =>
        {
            db.Offers.AddRange(Enumerable.Range(0, OfferCount).Select(i => new AmazonOfferEntity
            {
                AccountId = _accountId,
                Sku = $"SKU-{i:D4}",
                ProductId = product,
                MarketplaceId = i % 2 == 0 ? germany : null,
                Origin = i % 3 == 0 ? AmazonOfferOrigin.Automatic : AmazonOfferOrigin.Manual,
                CreatedOn = now.AddMinutes(i),
                UpdatedOn = now.AddMinutes(i),
                Version = Guid.NewGuid(),
            }));
            return db.SaveChangesAsync();
        });
    }

    [ClassCleanup]
    public static void Stop() => _factory.Dispose();

    [TestMethod]
    [DataRow("Accounts", "Name eq 'Query shop'", 1)]
    [DataRow("Accounts", "Region eq 'NA'", 1)]
    [DataRow("Marketplaces", "Region eq 'FE'", 3)]
    [DataRow("Marketplaces", "startswith(Name,'Amazon.co.')", 3)]
    [DataRow("Marketplaces", "PricesIncludeTax eq false", 2)]
    [DataRow("Offers", "Origin eq 'Automatic'", 77)]
    [DataRow("Offers", "MarketplaceId ne null", 115)]
    [DataRow("Offers", "CreatedOn ge 2026-11-23T10:00:00Z", 170)]
    [DataRow("DefaultProducts", "ProductId eq null", 1)]
    public async Task Filter_WithCount_CountsMatches(string set, string filter, int expected)
    {
        var body = await _admin.GetAsync($"/odata/amazon/{set}?$filter={Uri.EscapeDataString(filter)}&$count=true").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(expected, (int)body["@odata.count"]!);
    }

    [TestMethod]
    [DataRow("Accounts", "Name,AuthorizationToken")]
    [DataRow("Marketplaces", "Name,ApiIdentifier")]
    [DataRow("Offers", "Sku,ProductId")]
    [DataRow("DefaultProducts", "Kind,EffectiveProductId")]
    public async Task Select_ReturnsOnlyTheSelectedFields(string set, string select)
    {
        var body = await _admin.GetAsync($"/odata/amazon/{set}?$select={select}&$top=5").ExpectAsync(HttpStatusCode.OK);
        var expected = select.Split(',').ToHashSet();
        foreach (var row in body["value"]!.AsArray())
        {
            var keys = row!.AsObject().Select(p => p.Key).Where(k => !k.StartsWith('@')).ToHashSet();
            Assert.IsTrue(expected.SetEquals(keys), string.Join(",", keys));
        }
    }

    [TestMethod]
    [DataRow("Accounts", "Name desc", "Name")]
    [DataRow("Marketplaces", "ApiIdentifier", "ApiIdentifier")]
    [DataRow("Offers", "Sku desc", "Sku")]
    [DataRow("DefaultProducts", "Kind desc", "Kind")]
    public async Task OrderBy_SortsOrdinally(string set, string orderBy, string field)
    {
        var body = await _admin.GetAsync($"/odata/amazon/{set}?$orderby={Uri.EscapeDataString(orderBy)}&$top=50").ExpectAsync(HttpStatusCode.OK);
        var values = body["value"]!.AsArray().Select(v => (string)v![field]!).ToList();
        var sorted = orderBy.EndsWith(" desc", StringComparison.Ordinal)
            ? values.OrderByDescending(v => v, StringComparer.Ordinal).ToList()
            : values.OrderBy(v => v, StringComparer.Ordinal).ToList();
        CollectionAssert.AreEqual(sorted, values);
        Assert.IsTrue(values.Count > 1);
    }

    [TestMethod]
    public async Task OrderBy_DateTimeOffset_RunsOnSqlite()
    {
        var body = await _admin.GetAsync("/odata/amazon/Offers?$orderby=CreatedOn desc&$top=3&$select=Sku").ExpectAsync(HttpStatusCode.OK);
        CollectionAssert.AreEqual(new[] { "SKU-0229", "SKU-0228", "SKU-0227" }, body["value"]!.AsArray().Select(v => (string)v!["Sku"]!).ToArray());
    }

    [TestMethod]
    [DataRow("Accounts")]
    [DataRow("Marketplaces")]
    [DataRow("Offers")]
    [DataRow("DefaultProducts")]
    public async Task TopAndSkip_PageThroughTheSet(string set)
    {
        var all = (int)(await _admin.GetAsync($"/odata/amazon/{set}?$count=true&$top=0").ExpectAsync(HttpStatusCode.OK))["@odata.count"]!;
        var key = set == "DefaultProducts" ? "Kind" : "Id";
        var first = await _admin.GetAsync($"/odata/amazon/{set}?$orderby={key}&$top=1&$select={key}").ExpectAsync(HttpStatusCode.OK);
        var second = await _admin.GetAsync($"/odata/amazon/{set}?$orderby={key}&$skip=1&$top=1&$select={key}").ExpectAsync(HttpStatusCode.OK);
        var rest = await _admin.GetAsync($"/odata/amazon/{set}?$orderby={key}&$skip=1&$top=1000&$select={key}").ExpectAsync(HttpStatusCode.OK);

        Assert.AreEqual(1, first["value"]!.AsArray().Count);
        Assert.AreNotEqual(first["value"]![0]![key]!.ToJsonString(), second["value"]![0]![key]!.ToJsonString());
        Assert.AreEqual(Math.Min(all - 1, ErpAmazonModule.Api.AmazonEdmModel.PageSize), rest["value"]!.AsArray().Count);
        Assert.AreEqual(all - 1 > ErpAmazonModule.Api.AmazonEdmModel.PageSize, rest["@odata.nextLink"] is not null);
    }

    [TestMethod]
    public async Task StartsWith_IsACaseSensitivePrefix_SearchedAsARangeOfTheIndex()
    {
        var sqlBefore = _factory.Sql.Count;
        var body = await _admin.GetAsync("/odata/amazon/Offers?$filter=" + Uri.EscapeDataString("startswith(Sku,'SKU-01')") + "&$count=true&$top=0").ExpectAsync(HttpStatusCode.OK);
        var sql = string.Join("\n", _factory.Sql.Skip(sqlBefore));

        Assert.AreEqual(100, (int)body["@odata.count"]!, "SKU-0100 to SKU-0199");
        Assert.AreEqual(0, (int)(await _admin.GetAsync("/odata/amazon/Offers?$filter=" + Uri.EscapeDataString("startswith(Sku,'sku-01')") + "&$count=true&$top=0").ExpectAsync(HttpStatusCode.OK))["@odata.count"]!);
        StringAssert.Contains(sql, "\"a\".\"Sku\" >= @");
        Assert.IsFalse(sql.Contains(" LIKE ", StringComparison.Ordinal), sql);
    }

    [TestMethod]
    public async Task ListWithoutExpand_ReadsOnlyItsOwnTable()
    {
        var sqlBefore = _factory.Sql.Count;
        await _admin.GetAsync("/odata/amazon/Offers?$top=100").ExpectAsync(HttpStatusCode.OK);
        await _admin.GetAsync($"/odata/amazon/Accounts({_accountId})").ExpectAsync(HttpStatusCode.OK);
        var sql = string.Join("\n", _factory.Sql.Skip(sqlBefore));

        Assert.IsFalse(sql.Contains("JOIN", StringComparison.Ordinal), sql);
    }

    [TestMethod]
    [DataRow("Offers?$expand=Account($expand=ActiveMarketplaces)")]
    [DataRow("OrderLinks?$expand=Account($expand=AvailableMarketplaces)")]
    [DataRow("SyncRuns?$expand=Account($expand=*)")]
    public async Task Expand_DeeperThanOneLevel_IsRefusedWithTheReason(string query)
    {
        var message = await _admin.GetAsync("/odata/amazon/" + query).ExpectErrorAsync(HttpStatusCode.BadRequest);

        StringAssert.Contains(message, "maximum depth allowed is 1");
    }

    [TestMethod]
    public async Task Expand_EveryNavigation()
    {
        var account = await _admin.GetAsync($"/odata/amazon/Accounts?$filter=Id eq {_accountId}&$expand=ActiveMarketplaces($select=Name),AvailableMarketplaces($select=Name)").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual("Amazon.de", (string?)account["value"]![0]!["ActiveMarketplaces"]![0]!["Name"]);
        Assert.AreEqual("Amazon.de", (string?)account["value"]![0]!["AvailableMarketplaces"]![0]!["Name"]);

        var offers = await _admin.GetAsync("/odata/amazon/Offers?$filter=Sku eq 'SKU-0002'&$expand=Account($select=Name),Marketplace($select=CurrencyCode)").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual("Query shop", (string?)offers["value"]![0]!["Account"]!["Name"]);
        Assert.AreEqual("EUR", (string?)offers["value"]![0]!["Marketplace"]!["CurrencyCode"]);
    }

    [TestMethod]
    public async Task ServerPaging_FollowsNextLinkToTheEnd()
    {
        var seen = new HashSet<string>();
        string? url = "/odata/amazon/Offers?$select=Sku&$count=true";
        var pages = 0;
        while (url is not null)
        {
            var page = await _admin.GetAsync(url).ExpectAsync(HttpStatusCode.OK);
            var rows = page["value"]!.AsArray();
            Assert.IsTrue(rows.Count <= 100, $"page of {rows.Count}");
            foreach (var row in rows)
            {
                Assert.IsTrue(seen.Add((string)row!["Sku"]!));
            }

            url = (string?)page["@odata.nextLink"];
            pages++;
        }

        Assert.AreEqual(OfferCount, seen.Count);
        Assert.AreEqual(3, pages);
    }

    [TestMethod]
    public async Task Top_AboveMaxTop_Returns400WithoutStackTrace()
    {
        var message = await _admin.GetAsync("/odata/amazon/Offers?$top=1001").ExpectErrorAsync(HttpStatusCode.BadRequest);
        StringAssert.Contains(message, "1000");
        var raw = await (await _admin.GetAsync("/odata/amazon/Offers?$filter=Nope eq 1")).Content.ReadAsStringAsync();
        Assert.IsFalse(raw.Contains("stacktrace", StringComparison.OrdinalIgnoreCase) || raw.Contains(" at Microsoft.", StringComparison.Ordinal), raw);
    }

    [TestMethod]
    [DataRow("Offers", "Sku eq 'SKU-0042'", "\"Sku\" = ")]
    [DataRow("Offers", "AccountId eq ACCOUNT", "\"AccountId\" = ")]
    [DataRow("Marketplaces", "ApiIdentifier eq 'A1PA6795UKMFR9'", "\"ApiIdentifier\" = ")]
    public async Task Filter_OnIndexedField_RunsInSql(string set, string filter, string sqlFragment)
    {
        filter = filter.Replace("ACCOUNT", _accountId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        _factory.Sql.Clear();

        await _admin.GetAsync($"/odata/amazon/{set}?$filter={Uri.EscapeDataString(filter)}&$top=5").ExpectAsync(HttpStatusCode.OK);

        var statements = _factory.Sql.ToArray();
        Assert.IsTrue(statements.Any(s => s.Contains("WHERE", StringComparison.Ordinal) && s.Contains(sqlFragment, StringComparison.Ordinal) && s.Contains("LIMIT", StringComparison.Ordinal)),
            string.Join("\n---\n", statements));
    }

    [TestMethod]
    public async Task HostSalesOrders_AreQueryableWithLines()
    {
        var body = await _admin.GetAsync("/odata/host/SalesOrders?$expand=Lines&$count=true").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(0, (int)body["@odata.count"]!);
        var products = await _admin.GetAsync("/odata/host/Products?$filter=InternalReference eq 'ECHO-DOT-5'&$expand=Taxes").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual("DE VAT 19%", (string?)products["value"]![0]!["Taxes"]![0]!["Name"]);
        var positions = await _admin.GetAsync("/odata/host/FiscalPositions?$filter=CountryCode eq 'FR'&$expand=TaxMaps").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(2, positions["value"]![0]!["TaxMaps"]!.AsArray().Count);
        var taxes = await _admin.GetAsync("/odata/host/Taxes?$filter=CountryCode eq 'US'&$select=Name").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual("US Sales Tax 8.25%", (string?)taxes["value"]![0]!["Name"]);
        await _admin.GetAsync("/odata/host/Partners?$expand=Children&$top=5").ExpectAsync(HttpStatusCode.OK);
    }
}
