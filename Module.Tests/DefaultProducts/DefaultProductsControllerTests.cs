using System.Net;
using ErpAmazonModule.Host.Ports;
using ErpAmazonModule.Lifecycle;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ErpAmazonModule.Tests.DefaultProducts;

[TestClass]
public sealed class DefaultProductsControllerTests
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

    [TestMethod]
    public async Task Install_CreatesAmazonSaleAndShipping_GiftWrapFallsBackToSale()
    {
        var sale = await _admin.GetAsync("/odata/amazon/DefaultProducts('Sale')").ExpectAsync(HttpStatusCode.OK);
        var shipping = await _admin.GetAsync("/odata/amazon/DefaultProducts('Shipping')").ExpectAsync(HttpStatusCode.OK);
        var giftWrap = await _admin.GetAsync("/odata/amazon/DefaultProducts('GiftWrap')").ExpectAsync(HttpStatusCode.OK);

        var saleProduct = (string)sale["ProductId"]!;
        var saleKey = HostIds.Require(saleProduct);
        Assert.AreEqual("Amazon Sale", await _factory.WithHostDbAsync(db => db.Products.Where(p => p.Id == saleKey).Select(p => p.Name).SingleAsync()));
        var shippingKey = HostIds.Require((string)shipping["ProductId"]!);
        Assert.AreEqual("AMAZON-SHIPPING", await _factory.WithHostDbAsync(db => db.Products.Where(p => p.Id == shippingKey).Select(p => p.InternalReference).SingleAsync()));
        Assert.IsNull((string?)giftWrap["ProductId"]);
        Assert.AreEqual(saleProduct, (string)giftWrap["EffectiveProductId"]!);
    }

    [TestMethod]
    public async Task DeletedDefaultProduct_IsRestoredByTheRecurringJob()
    {
        var before = (string)(await _admin.GetAsync("/odata/amazon/DefaultProducts('Shipping')").ExpectAsync(HttpStatusCode.OK))["ProductId"]!;
        await _factory.WithHostDbAsync(async db =>
        {
            db.Products.Remove(await db.Products.SingleAsync(p => p.Id == HostIds.Require(before)));
            return await db.SaveChangesAsync();
        });

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AmazonDefaultProductsJob>().RunAsync(CancellationToken.None);
        }

        var after = (string)(await _admin.GetAsync("/odata/amazon/DefaultProducts('Shipping')").ExpectAsync(HttpStatusCode.OK))["ProductId"]!;
        Assert.AreNotEqual(before, after);
        Assert.AreEqual("Amazon Shipping", await _factory.WithHostDbAsync(db => db.Products.Where(p => p.Id == HostIds.Require(after)).Select(p => p.Name).SingleAsync()));
    }

    [TestMethod]
    public async Task Patch_GiftWrapToAProductAndBack_EffectiveProductFollows()
    {
        var mug = await Demo.ProductIdAsync(_factory, "COFFEE-MUG-350");
        var set = await _admin.PatchJsonAsync("/odata/amazon/DefaultProducts('GiftWrap')", $$"""{"ProductId":"{{mug}}"}""").ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(mug, (string)set["EffectiveProductId"]!);

        var cleared = await _admin.PatchJsonAsync("/odata/amazon/DefaultProducts('GiftWrap')", """{"ProductId":null}""").ExpectAsync(HttpStatusCode.OK);
        Assert.IsNull((int?)cleared["ProductId"]);
        Assert.AreEqual((string)(await _admin.GetAsync("/odata/amazon/DefaultProducts('Sale')").ExpectAsync(HttpStatusCode.OK))["ProductId"]!, (string)cleared["EffectiveProductId"]!);
    }

    [TestMethod]
    public async Task Patch_Invalid_Returns400_UnknownKind_Returns404()
    {
        await _admin.PatchJsonAsync("/odata/amazon/DefaultProducts('Sale')", """{"ProductId":null}""").ExpectErrorAsync(HttpStatusCode.BadRequest, "ProductId");
        await _admin.PatchJsonAsync("/odata/amazon/DefaultProducts('Sale')", """{"ProductId":999999}""").ExpectErrorAsync(HttpStatusCode.BadRequest, "ProductId");
        await _admin.PatchJsonAsync("/odata/amazon/DefaultProducts('Sale')", """{"EffectiveProductId":"1"}""").ExpectErrorAsync(HttpStatusCode.BadRequest, "EffectiveProductId");
        await _admin.GetAsync("/odata/amazon/DefaultProducts('Discount')").ExpectErrorAsync(HttpStatusCode.NotFound);
        await _admin.PatchJsonAsync("/odata/amazon/DefaultProducts('Discount')", """{"ProductId":1}""").ExpectErrorAsync(HttpStatusCode.NotFound);
    }
}
