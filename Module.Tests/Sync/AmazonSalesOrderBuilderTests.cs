using ErpAmazonModule.Amazon;
using ErpAmazonModule.Hosting;
using ErpAmazonModule.Sync;

namespace ErpAmazonModule.Tests.Sync;

/// <summary>The mapping rules alone: an Amazon order and in-memory host taxes in, a sales-order draft out; no database, no HTTP.</summary>
[TestClass]
public sealed class AmazonSalesOrderBuilderTests
{
    private const string Echo = "1", Headphones = "2", Book = "3", Yoga = "4", Standard = "10", Sale = "20", Shipping = "21";
    private static readonly AmazonHostTax Vat19 = new("1", "DE VAT 19%", 0.19m, true);
    private static readonly AmazonHostTax UsSalesTax = new("2", "US Sales Tax 8.25%", 0.0825m, false);
    private static readonly AmazonHostTax JpReduced = new("3", "JP Consumption Tax 8%", 0.08m, false);
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static readonly AmazonProductChoice Products = new(
        new Dictionary<string, string>(StringComparer.Ordinal) { ["ECHO-DOT-5"] = Echo },
        new Dictionary<string, string>(StringComparer.Ordinal) { ["HEADPHONES-BT"] = Headphones, ["BOOK-NOVEL-EN"] = Book, ["YOGA-MAT-GREEN"] = Yoga, ["Std"] = Standard },
        new AmazonDefaultProductIds(Sale, Shipping, Sale));

    private static AmazonMoney M(string currency, decimal amount) => new(amount, currency);

    private static AmazonOrderItem Item(string sku, int quantity, AmazonMoney price, AmazonMoney tax, string id = "10001") =>
        new(id, "B0TEST", sku, $"Title of {sku}", quantity, 0, price, tax, null, null, null, null, null, null, null, null, null, null, null, null);

    private static AmazonOrder Order(string marketplace, string currency, string shipLevel = "Std") =>
        new("302-1234567-1234567", marketplace, AmazonOrderStatus.Unshipped, AmazonFulfillmentChannel.Merchant, At.AddHours(-1), At, shipLevel, M(currency, 0), null, null, false, null);

    private static AmazonSalesOrderPlan Build(AmazonOrder order, bool pricesIncludeTax, Dictionary<string, IReadOnlyList<AmazonHostTax>> taxes, params AmazonOrderItem[] items) =>
        AmazonSalesOrderBuilder.Build(new AmazonSalesOrderInput(order, items, pricesIncludeTax, null, "Amazon:1", "3", "Ana", "EU team", new AmazonHostBuyerIds("7", "8"), "42", Products, taxes), new InMemoryTaxes());

    private static AmazonHostOrderLine Line(AmazonSalesOrderPlan plan, string suffix) => plan.Draft.Lines.Single(l => l.ExternalLineId.EndsWith(suffix, StringComparison.Ordinal));

    [TestMethod]
    public void TaxIncludedGermanOrder_WithPromotionAndShipping_LinesAreAmazonsAmountsToTheCent()
    {
        var item = Item("ECHO-DOT-5", 2, M("EUR", 119.98m), M("EUR", 19.16m)) with
        {
            PromotionDiscount = M("EUR", 12.00m),
            PromotionDiscountTax = M("EUR", 1.92m),
            ShippingPrice = M("EUR", 4.99m),
            ShippingTax = M("EUR", 0.80m),
        };

        var plan = Build(Order("A1PA6795UKMFR9", "EUR"), true, new() { [Echo] = [Vat19], [Standard] = [Vat19], [Sale] = [] }, item);

        var product = Line(plan, ":item");
        Assert.AreEqual(Echo, product.ProductId);
        Assert.AreEqual(2m, product.Quantity);
        Assert.AreEqual(107.98m, product.TotalIncludingTax, "price less the promotion");
        Assert.AreEqual(12.00m, product.Discount);
        CollectionAssert.AreEqual(new[] { Vat19.Id }, product.TaxIds.ToList());
        Assert.AreEqual(Standard, Line(plan, ":shipping").ProductId, "the product named by the service level");
        Assert.AreEqual(4.99m, Line(plan, ":shipping").TotalIncludingTax);
        Assert.AreEqual(112.97m, plan.ErpTotal);
        Assert.AreEqual(0m, plan.TaxDifference);
        Assert.AreEqual("EUR", plan.CurrencyCode);
        Assert.AreEqual(("Amazon:1", "302-1234567-1234567", "7", "8", "42"), (plan.Draft.Origin, plan.Draft.ClientReference, plan.Draft.CustomerId, plan.Draft.DeliveryAddressId, plan.Draft.FiscalPositionId));
        Assert.AreEqual(("3", "Ana", "EU team"), (plan.Draft.CompanyId, plan.Draft.Salesperson, plan.Draft.SalesTeam));
        Assert.IsFalse(plan.Items.Single().NeedsOffer, "the SKU has an offer");
    }

    [TestMethod]
    public void TaxExcludedUsOrder_HostRateDiffers_TotalsAreAmazonsAndTheDifferenceIsRecorded()
    {
        var item = Item("HEADPHONES-BT", 1, M("USD", 64.79m), M("USD", 4.70m)) with { ShippingPrice = M("USD", 5.39m), ShippingTax = M("USD", 0.39m) };

        var plan = Build(Order("ATVPDKIKX0DER", "USD"), false, new() { [Headphones] = [UsSalesTax], [Standard] = [UsSalesTax], [Sale] = [] }, item);

        Assert.AreEqual(69.49m, Line(plan, ":item").TotalIncludingTax, "Amazon's price plus Amazon's tax");
        Assert.AreEqual(5.78m, Line(plan, ":shipping").TotalIncludingTax);
        Assert.AreEqual(75.27m, plan.ErpTotal);
        Assert.AreEqual(0.65m, plan.TaxDifference, "the host's 8.25 % against Amazon's 7.25 %: 5.30 + 0.44 against 4.70 + 0.39");
        Assert.IsTrue(plan.Items.Single().NeedsOffer, "matched by internal reference: an automatic offer is due");
    }

    [TestMethod]
    public void YenOrderWithCashOnDelivery_HasNoDecimals()
    {
        var item = Item("BOOK-NOVEL-EN", 2, M("JPY", 3838m), M("JPY", 284m)) with { CodFee = M("JPY", 330m), CodFeeDiscount = M("JPY", 0m) };

        var plan = Build(Order("A1VC38T7YXB528", "JPY"), true, new() { [Book] = [JpReduced], [Standard] = [], [Sale] = [] }, item);

        Assert.AreEqual(3838m, Line(plan, ":item").TotalIncludingTax);
        Assert.AreEqual(Sale, Line(plan, ":cod").ProductId);
        Assert.AreEqual(330m, Line(plan, ":cod").TotalIncludingTax);
        Assert.AreEqual(4168m, plan.ErpTotal);
        Assert.AreEqual(0m, plan.TaxDifference, "284 yen either way, rounded to the yen");
        Assert.AreEqual("JPY", plan.CurrencyCode);
    }

    [TestMethod]
    public void GiftWrapWithMessage_FreeShipping_AndAnUnknownSku()
    {
        var gift = Item("YOGA-MAT-GREEN", 1, M("EUR", 34.90m), M("EUR", 5.57m), "20001") with
        {
            GiftWrapLevel = "Classic",
            GiftWrapPrice = M("EUR", 3.99m),
            GiftWrapTax = M("EUR", 0.64m),
            GiftMessage = "Alles Gute! 🎂",
            ShippingPrice = M("EUR", 4.99m),
            ShippingTax = M("EUR", 0.80m),
            ShippingDiscount = M("EUR", 4.99m),
            ShippingDiscountTax = M("EUR", 0.80m),
        };
        var unknown = Item("MYSTERY-GADGET-7", 1, M("EUR", 42.00m), M("EUR", 6.71m), "20002");

        var plan = Build(Order("A1PA6795UKMFR9", "EUR", shipLevel: "SecondDay"), true, new() { [Yoga] = [Vat19], [Shipping] = [Vat19], [Sale] = [] }, gift, unknown);

        var wrap = plan.Draft.Lines.Single(l => l.ExternalLineId == "20001:giftwrap");
        Assert.AreEqual(Sale, wrap.ProductId, "no GiftWrap default: the Sale product");
        Assert.AreEqual(3.99m, wrap.TotalIncludingTax);
        var freeShipping = plan.Draft.Lines.Single(l => l.ExternalLineId == "20001:shipping");
        Assert.AreEqual(0m, freeShipping.TotalIncludingTax);
        Assert.AreEqual(4.99m, freeShipping.Discount);
        Assert.AreEqual(Shipping, freeShipping.ProductId, "no product is called SecondDay: the default Shipping product");
        Assert.AreEqual("Gift message: Alles Gute! 🎂", plan.Draft.Note);
        var mystery = plan.Draft.Lines.Single(l => l.ExternalLineId == "20002:item");
        Assert.AreEqual(Sale, mystery.ProductId);
        Assert.AreEqual("[MYSTERY-GADGET-7] Title of MYSTERY-GADGET-7", mystery.Description);
        Assert.IsFalse(plan.Items.Single(i => i.Item.OrderItemId == "20002").Matched);
        Assert.AreEqual(80.89m, plan.ErpTotal);
    }

    [TestMethod]
    public void BuyerWithheld_IsTheAccountsAnonymousCustomerShippedToTheMarketplaceCountry()
    {
        var withheld = Order("A1PA6795UKMFR9", "EUR") with { ShippingAddress = new AmazonAddress(null, null, null, null, "Berlin", null, "10115", "DE", null) };
        var known = Order("A1PA6795UKMFR9", "EUR") with
        {
            Buyer = new AmazonBuyer("Zoë Müller", "zoe@marketplace.amazon.de", "DE123456789"),
            ShippingAddress = new AmazonAddress("Zoë Müller", "Hauptstraße 5", "Hinterhaus", "2. OG", "Berlin", null, "10115", "DE", "+49 30 1"),
            IsBusinessOrder = true,
        };

        var anonymous = AmazonSalesOrderBuilder.BuyerOf(withheld, "amazon-seller:EU:A1SELLER", "DE");
        var customer = AmazonSalesOrderBuilder.BuyerOf(known, "amazon-seller:EU:A1SELLER", "DE");

        Assert.IsNull(anonymous.Customer);
        Assert.AreEqual("amazon-seller:EU:A1SELLER", anonymous.AnonymousScope);
        Assert.AreEqual(("Amazon customer", "DE", "10115"), (anonymous.DeliveryAddress.Name, anonymous.DeliveryAddress.CountryCode, anonymous.DeliveryAddress.PostalCode));
        Assert.AreEqual(("Zoë Müller", "zoe@marketplace.amazon.de", "DE123456789", true), (customer.Customer!.Name, customer.Customer.Email, customer.Customer.VatNumber, customer.Customer.IsCompany));
        Assert.AreEqual("Hinterhaus, 2. OG", customer.DeliveryAddress.Street2);
    }

    [TestMethod]
    public void OrderWithoutAnyCurrency_IsAnUnreadableOrderNamedInTheError()
    {
        var order = Order("UNKNOWN-MARKETPLACE", "EUR") with { Total = null };
        var item = new AmazonOrderItem("1", "B0", "ECHO-DOT-5", null, 1, 0, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

        var error = Assert.ThrowsExactly<AmazonFormatException>(() => Build(order, true, new() { [Echo] = [Vat19], [Standard] = [], [Sale] = [] }, item));

        StringAssert.Contains(error.Message, "302-1234567-1234567");
        Assert.AreEqual(AmazonErrorKind.Unreadable, AmazonErrors.Classify(error));
    }

    /// <summary>The host's line computation, in memory: a tax-included total split with the given rates, rounded to the currency.</summary>
    private sealed class InMemoryTaxes : IAmazonHostTaxes
    {
        public Task<string?> GetFiscalPositionAsync(string customerId, string deliveryAddressId, CancellationToken cancellationToken) => throw new NotSupportedException("the builder asks no host");

        public Task<IReadOnlyList<AmazonHostTax>> GetProductTaxesAsync(string productId, string? fiscalPositionId, CancellationToken cancellationToken) => throw new NotSupportedException("the builder asks no host");

        public AmazonHostLineAmounts ComputeLine(decimal untaxedAmount, IReadOnlyList<AmazonHostTax> taxes, string currencyCode) => throw new NotSupportedException();

        public AmazonHostLineAmounts ComputeLineFromTotal(decimal totalIncludingTax, IReadOnlyList<AmazonHostTax> taxes, string currencyCode)
        {
            var decimals = currencyCode == "JPY" ? 0 : 2;
            var total = Math.Round(totalIncludingTax, decimals, MidpointRounding.AwayFromZero);
            var rates = taxes.Sum(t => t.Rate);
            var tax = taxes.Sum(t => Math.Round(total * t.Rate / (1 + rates), decimals, MidpointRounding.AwayFromZero));
            return new AmazonHostLineAmounts(total - tax, tax, total);
        }
    }
}
