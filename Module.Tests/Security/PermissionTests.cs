using System.Net;
using ErpAmazonModule.Tests.TestSupport;

namespace ErpAmazonModule.Tests.Security;

/// <summary>401 without a key, 403 without the permission, per permission and role.</summary>
[TestClass]
public sealed class PermissionTests
{
    private const string NoKey = "none";
    private const string UnknownKey = "not-a-configured-key";
    private static ErpHostFactory _factory = null!;
    private static int _accountId;
    private static string _product = "";

    [ClassInitialize]
    public static async Task Start(TestContext context)
    {
        _factory = SharedHost.Factory;
        _accountId = (int)(await Demo.CreateAccountAsync(_factory, _factory.Client()))["Id"]!;
        _product = await Demo.ProductIdAsync(_factory, "YOGA-MAT-GREEN");
    }


    private static HttpClient ClientFor(string key) => _factory.Client(key == NoKey ? null : key);

    [TestMethod]
    [DataRow(NoKey, HttpStatusCode.Unauthorized)]
    [DataRow(UnknownKey, HttpStatusCode.Unauthorized)]
    [DataRow(ErpHostFactory.SalesKey, HttpStatusCode.Forbidden)]
    [DataRow(ErpHostFactory.ManagerKey, HttpStatusCode.OK)]
    [DataRow(ErpHostFactory.AdminKey, HttpStatusCode.OK)]
    public async Task Read_NeedsAmazonDataRead(string key, HttpStatusCode expected)
    {
        foreach (var url in new[] { "/odata/amazon/Accounts", "/odata/amazon/Marketplaces", "/odata/amazon/Offers", "/odata/amazon/DefaultProducts" })
        {
            using var response = await ClientFor(key).GetAsync(url);
            Assert.AreEqual(expected, response.StatusCode, url);
        }
    }

    [TestMethod]
    [DataRow(NoKey, HttpStatusCode.Unauthorized)]
    [DataRow(ErpHostFactory.SalesKey, HttpStatusCode.Forbidden)]
    [DataRow(ErpHostFactory.ManagerKey, HttpStatusCode.Created)]
    [DataRow(ErpHostFactory.AdminKey, HttpStatusCode.Created)]
    public async Task ManageOffers_NeedsAmazonOffersManage(string key, HttpStatusCode expected)
    {
        using var response = await ClientFor(key).PostJsonAsync("/odata/amazon/Offers", $$"""{"AccountId":{{_accountId}},"Sku":"PERM-{{Guid.NewGuid():N}}","ProductId":"{{_product}}"}""");
        Assert.AreEqual(expected, response.StatusCode);
        using var patch = await ClientFor(key).PatchJsonAsync("/odata/amazon/DefaultProducts('GiftWrap')", """{"ProductId":null}""");
        Assert.AreEqual(expected == HttpStatusCode.Created ? HttpStatusCode.OK : expected, patch.StatusCode);
    }

    [TestMethod]
    [DataRow(NoKey, HttpStatusCode.Unauthorized)]
    [DataRow(ErpHostFactory.SalesKey, HttpStatusCode.Forbidden)]
    [DataRow(ErpHostFactory.ManagerKey, HttpStatusCode.Forbidden)]
    [DataRow(ErpHostFactory.AdminKey, HttpStatusCode.Created)]
    public async Task ManageAccountsAndMarketplaces_NeedsAmazonAccountsManage(string key, HttpStatusCode expected)
    {
        using var account = await ClientFor(key).PostJsonAsync("/odata/amazon/Accounts", Demo.AccountJson(_factory));
        Assert.AreEqual(expected, account.StatusCode);
        using var marketplace = await ClientFor(key).PostJsonAsync("/odata/amazon/Marketplaces", $$"""
            {"Name":"Amazon.zz","CountryCode":"ZZ","Endpoint":"mws-eu.amazonservices.com","ApiIdentifier":"AZZ{{Guid.NewGuid().ToString("N")[..10].ToUpperInvariant()}}","Region":"EU","CurrencyCode":"EUR"}
            """);
        Assert.AreEqual(expected, marketplace.StatusCode);
    }

    [TestMethod]
    [DataRow(NoKey, HttpStatusCode.Unauthorized)]
    [DataRow(ErpHostFactory.ManagerKey, HttpStatusCode.Forbidden)]
    [DataRow(ErpHostFactory.AdminKey, HttpStatusCode.OK)]
    public async Task JobDashboardAndSettings_NeedAdmin(string key, HttpStatusCode expected)
    {
        using var dashboard = await ClientFor(key).GetAsync("/hangfire");
        Assert.AreEqual(expected, dashboard.StatusCode);
        using var settings = await ClientFor(key).GetAsync("/api/settings");
        Assert.AreEqual(expected, settings.StatusCode);
    }

    [TestMethod]
    public async Task Dashboard_BrowserWithoutKey_IsAskedForBasicCredentials_AndTheKeyWorksAsPassword()
    {
        using var anonymous = await ClientFor(NoKey).GetAsync("/hangfire");
        Assert.IsTrue(anonymous.Headers.WwwAuthenticate.Any(h => h.Scheme == "Basic"));

        var client = ClientFor(NoKey);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("admin:" + ErpHostFactory.AdminKey)));
        using var response = await client.GetAsync("/hangfire");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [TestMethod]
    [DataRow(ErpHostFactory.SalesKey, HttpStatusCode.Forbidden)]
    [DataRow(ErpHostFactory.ManagerKey, HttpStatusCode.OK)]
    public async Task HostData_SalespersonSeesNoOrders(string key, HttpStatusCode expected)
    {
        using var response = await ClientFor(key).GetAsync("/odata/host/SalesOrders");
        Assert.AreEqual(expected, response.StatusCode);
    }

    [TestMethod]
    public async Task RolePermissions_FromConfiguration_GrantsExtraPermission()
    {
        using var factory = new ErpHostFactory(settings: new Dictionary<string, string?> { ["Auth:RolePermissions:salesperson:0"] = "amazon.data.read" });
        using var read = await factory.Client(ErpHostFactory.SalesKey).GetAsync("/odata/amazon/Offers");
        Assert.AreEqual(HttpStatusCode.OK, read.StatusCode);
        using var write = await factory.Client(ErpHostFactory.SalesKey).PostJsonAsync("/odata/amazon/Offers", """{"AccountId":1,"Sku":"x","ProductId":1}""");
        Assert.AreEqual(HttpStatusCode.Forbidden, write.StatusCode);
    }
}
