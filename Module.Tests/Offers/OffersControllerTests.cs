using System.Net;
using System.Text.Json.Nodes;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ErpAmazonModule.Tests.Offers;

[TestClass]
public sealed class OffersControllerTests
{
    private static ErpHostFactory _factory = null!;
    private static HttpClient _admin = null!;
    private static int _accountId;
    private static string _echo = "";
    private static string _kindle = "";

    [ClassInitialize]
    public static async Task Start(TestContext context)
    {
        _factory = SharedHost.Factory;
        _admin = _factory.Client();
        _accountId = (int)(await Demo.CreateAccountAsync(_factory, _admin, region: "EU"))["Id"]!;
        _echo = await Demo.ProductIdAsync(_factory, "ECHO-DOT-5");
        _kindle = await Demo.ProductIdAsync(_factory, "KINDLE-PW-16");
    }

    private static Task<JsonNode> CreateAsync(string sku, string? productId = null, string extra = "") =>
        _admin.PostJsonAsync("/odata/amazon/Offers", $$"""{"AccountId":{{_accountId}},"Sku":"{{sku}}","ProductId":"{{productId ?? _echo}}"{{extra}}}""").ExpectAsync(HttpStatusCode.Created);

    [TestMethod]
    public async Task Post_ByHand_IsManualWithTimes()
    {
        var offer = await CreateAsync("MANUAL-1");

        Assert.AreEqual("Manual", (string?)offer["Origin"]);
        Assert.AreEqual(_factory.Clock.GetUtcNow(), DateTimeOffset.Parse((string)offer["CreatedOn"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.IsNotNull(offer["@odata.etag"]);
    }

    [TestMethod]
    [DataRow("""{"AccountId":ACCOUNT,"ProductId":"PRODUCT"}""", "Sku")]
    [DataRow("""{"AccountId":ACCOUNT,"Sku":" padded","ProductId":"PRODUCT"}""", "Sku")]
    [DataRow("""{"AccountId":ACCOUNT,"Sku":"12345678901234567890123456789012345678901","ProductId":"PRODUCT"}""", "Sku")]
    [DataRow("""{"AccountId":ACCOUNT,"Sku":"NO-PRODUCT","ProductId":999999}""", "ProductId")]
    [DataRow("""{"AccountId":ACCOUNT,"Sku":"NO-PRODUCT-GIVEN"}""", "ProductId")]
    [DataRow("""{"AccountId":424242,"Sku":"NO-ACCOUNT","ProductId":"PRODUCT"}""", "AccountId")]
    [DataRow("""{"AccountId":ACCOUNT,"Sku":"US-MARKET","ProductId":"PRODUCT","MarketplaceId":US}""", "MarketplaceId")]
    [DataRow("""{"AccountId":ACCOUNT,"Sku":"NO-MARKET","ProductId":"PRODUCT","MarketplaceId":999999}""", "MarketplaceId")]
    [DataRow("""{"AccountId":"abc","Sku":"BAD-LITERAL","ProductId":"PRODUCT"}""", "AccountId")]
    [DataRow("""{"AccountId":ACCOUNT,"Sku":"UNKNOWN-FIELD","ProductId":"PRODUCT","Colour":"red"}""", "Colour")]
    public async Task Post_Invalid_Returns400NamingTheFieldAndSavesNothing(string template, string field)
    {
        var us = await Demo.MarketplaceIdAsync(_admin, "ATVPDKIKX0DER");
        var body = template.Replace("ACCOUNT", _accountId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("PRODUCT", _echo, StringComparison.Ordinal)
            .Replace("US", us.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var sku = (string?)JsonNode.Parse(body)!["Sku"];

        await _admin.PostJsonAsync("/odata/amazon/Offers", body).ExpectErrorAsync(HttpStatusCode.BadRequest, field);

        Assert.AreEqual(0, await _factory.WithModuleDbAsync(db => db.Offers.CountAsync(o => o.Sku == sku)));
    }

    [TestMethod]
    public async Task Post_SameSkuTwiceOnOneAccount_Returns409_OnAnotherAccount_Succeeds()
    {
        await CreateAsync("DUP-1");

        await _admin.PostJsonAsync("/odata/amazon/Offers", $$"""{"AccountId":{{_accountId}},"Sku":"DUP-1","ProductId":"{{_kindle}}"}""").ExpectErrorAsync(HttpStatusCode.Conflict, "Sku");
        Assert.AreEqual(1, await _factory.WithModuleDbAsync(db => db.Offers.CountAsync(o => o.AccountId == _accountId && o.Sku == "DUP-1")));

        var other = (int)(await Demo.CreateAccountAsync(_factory, _admin))["Id"]!;
        await _admin.PostJsonAsync("/odata/amazon/Offers", $$"""{"AccountId":{{other}},"Sku":"DUP-1","ProductId":"{{_kindle}}"}""").ExpectAsync(HttpStatusCode.Created);
    }

    [TestMethod]
    public async Task Patch_RepairToAnotherProduct_MakesTheOfferManual()
    {
        var offer = await CreateAsync("REPAIR-1");
        var id = (int)offer["Id"]!;
        await _factory.WithModuleDbAsync(async db =>
        {
            var entity = await db.Offers.SingleAsync(o => o.Id == id);
            entity.Origin = ErpAmazonModule.Offers.AmazonOfferOrigin.Automatic;
            return await db.SaveChangesAsync();
        });
        var current = await _admin.GetAsync($"/odata/amazon/Offers({id})").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual("Automatic", (string?)current["Origin"]);

        var repaired = await _admin.PatchJsonAsync($"/odata/amazon/Offers({id})", $$"""{"ProductId":"{{_kindle}}"}""", (string)current["@odata.etag"]!).ExpectAsync(HttpStatusCode.OK);

        Assert.AreEqual(_kindle, (string)repaired["ProductId"]!);
        Assert.AreEqual("Manual", (string?)repaired["Origin"]);
    }

    [TestMethod]
    public async Task Patch_StaleETag_Returns412AndKeepsTheProduct()
    {
        var offer = await CreateAsync("STALE-1");
        var url = $"/odata/amazon/Offers({offer["Id"]})";
        var stale = (string)offer["@odata.etag"]!;
        await _admin.PatchJsonAsync(url, $$"""{"ProductId":"{{_kindle}}"}""", stale).ExpectAsync(HttpStatusCode.OK);

        await _admin.PatchJsonAsync(url, $$"""{"ProductId":"{{_echo}}"}""", stale).ExpectErrorAsync(HttpStatusCode.PreconditionFailed);

        Assert.AreEqual(_kindle, (string)(await _admin.GetAsync(url).ExpectAsync(HttpStatusCode.OK))["ProductId"]!);
    }

    [TestMethod]
    public async Task Patch_ToAnExistingSku_Returns409_ReadOnlyField_Returns400()
    {
        await CreateAsync("TAKEN-1");
        var offer = await CreateAsync("TAKEN-2");
        var url = $"/odata/amazon/Offers({offer["Id"]})";

        await _admin.PatchJsonAsync(url, """{"Sku":"TAKEN-1"}""").ExpectErrorAsync(HttpStatusCode.Conflict, "Sku");
        await _admin.PatchJsonAsync(url, """{"Origin":"Automatic"}""").ExpectErrorAsync(HttpStatusCode.BadRequest, "Origin");
        await _admin.PatchJsonAsync(url, """{"ProductId":999999}""").ExpectErrorAsync(HttpStatusCode.BadRequest, "ProductId");
        Assert.AreEqual("TAKEN-2", (string?)(await _admin.GetAsync(url).ExpectAsync(HttpStatusCode.OK))["Sku"]);
    }

    [TestMethod]
    public async Task Delete_Offer_IsGone_UnknownKey_Returns404()
    {
        var offer = await CreateAsync("GONE-1");
        await _admin.DeleteAsync($"/odata/amazon/Offers({offer["Id"]})", (string)offer["@odata.etag"]!).ExpectAsync(HttpStatusCode.NoContent);

        await _admin.GetAsync($"/odata/amazon/Offers({offer["Id"]})").ExpectErrorAsync(HttpStatusCode.NotFound);
        await _admin.DeleteAsync($"/odata/amazon/Offers({offer["Id"]})", null).ExpectErrorAsync(HttpStatusCode.NotFound);
    }

    [TestMethod]
    public async Task Get_ExpandAccountAndMarketplace_ShowsMaskedToken()
    {
        var germany = await Demo.MarketplaceIdAsync(_admin, "A1PA6795UKMFR9");
        var offer = await CreateAsync("EXPAND-1", extra: $",\"MarketplaceId\":{germany}");

        var expanded = await _admin.GetAsync($"/odata/amazon/Offers({offer["Id"]})?$expand=Account($select=Name,AuthorizationToken),Marketplace($select=Name)").ExpectAsync(HttpStatusCode.OK);

        Assert.AreEqual("Amazon.de", (string?)expanded["Marketplace"]!["Name"]);
        StringAssert.StartsWith((string?)expanded["Account"]!["AuthorizationToken"], "****");
    }
}

/// <summary>A database failure that is not a conflict: logged, answered 500, never passed off as a 409.</summary>
[TestClass]
public sealed class OfferSaveFailureTests
{
    [TestMethod]
    public async Task Post_DatabaseFailsForAnotherReason_Is500_Logged_AndSavesNothing()
    {
        using var factory = new ErpHostFactory(testServices: services =>
            services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(new FailingOfferSave()));
        var admin = factory.Client();
        var account = (int)(await Demo.CreateAccountAsync(factory, admin, region: "EU"))["Id"]!;
        var product = await Demo.ProductIdAsync(factory, "ECHO-DOT-5");

        var message = await admin.PostJsonAsync("/odata/amazon/Offers", $$"""{"AccountId":{{account}},"Sku":"DISK-FULL","ProductId":"{{product}}"}""")
            .ExpectErrorAsync(HttpStatusCode.InternalServerError);

        StringAssert.Contains(message, "could not be saved; the error is in the ERP's log");
        Assert.IsFalse(message.Contains("disk I/O", StringComparison.Ordinal), "the database's own words stay in the log");
        Assert.IsTrue(factory.Warnings.Any(w => w.Contains("Saving Offers(DISK-FULL) failed.", StringComparison.Ordinal) && w.Contains("disk I/O", StringComparison.Ordinal)), string.Join("\n", factory.Warnings));
        Assert.AreEqual(0, await factory.WithModuleDbAsync(db => db.Offers.CountAsync(o => o.Sku == "DISK-FULL")));
    }

    private sealed class FailingOfferSave : Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesInterceptor
    {
        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> SavingChangesAsync(
            Microsoft.EntityFrameworkCore.Diagnostics.DbContextEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            eventData.Context!.ChangeTracker.Entries<ErpAmazonModule.Offers.AmazonOfferEntity>().Any(e => e.Entity.Sku == "DISK-FULL")
                ? throw new DbUpdateException("disk I/O error (simulated)")
                : base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}
