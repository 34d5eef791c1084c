using System.Globalization;

namespace ErpAmazonModule.Sandbox.Store;

/// <summary>
/// Makes realistic orders from a seed: the same seed, seller and epoch give the same orders, in any process. Each order
/// carries its whole timeline (Pending, then Unshipped, Shipped, or Canceled), some of it in the future, so
/// orders change while a connector watches.
/// </summary>
public static class OrderGenerator
{
    private static readonly Dictionary<string, string[]> Cities = new()
    {
        ["DE"] = ["Berlin", "München", "Köln", "Düsseldorf"],
        ["FR"] = ["Paris", "Lyon", "Saint-Étienne"],
        ["IT"] = ["Milano", "Roma", "Forlì"],
        ["ES"] = ["Madrid", "A Coruña", "Málaga"],
        ["GB"] = ["London", "Manchester"],
        ["NL"] = ["Amsterdam", "Den Haag"],
        ["SE"] = ["Malmö", "Göteborg"],
        ["US"] = ["New York", "Seattle", "Austin"],
        ["CA"] = ["Toronto", "Montréal"],
        ["MX"] = ["Ciudad de México", "Guadalajara"],
        ["JP"] = ["東京", "大阪"],
        ["AU"] = ["Sydney", "Melbourne"],
    };

    /// <summary>
    /// <paramref name="count"/> orders of <paramref name="seller"/> placed in the <paramref name="historyDays"/> before
    /// <paramref name="now"/>: a pure function of its arguments, in every process (no per-process hash seeds).
    /// </summary>
    public static List<SandboxOrder> Generate(SandboxSeller seller, int count, int seed, DateTimeOffset now, int historyDays)
    {
        var random = new Random(unchecked((seed * 486_187_739) + StableHash(seller.SellerId)));
        var orders = new List<SandboxOrder>(count);
        var start = now.AddDays(-historyDays);
        for (var i = 0; i < count; i++)
        {
            var marketplace = SandboxCatalog.Marketplaces.Single(m => m.MarketplaceId == seller.MarketplaceIds[i % seller.MarketplaceIds.Count]);
            var purchase = start.AddMinutes(random.Next(0, (int)(now - start).TotalMinutes - 60)).AddMilliseconds(random.Next(0, 1000));
            orders.Add(Order(seller, marketplace, i, purchase, random));
        }

        return orders.OrderBy(o => o.PurchaseDate).ToList();
    }

    /// <summary>One order of kind <paramref name="index"/> (the index picks which special cases it shows).</summary>
    public static SandboxOrder Order(SandboxSeller seller, SandboxMarketplace marketplace, int index, DateTimeOffset purchase, Random random)
    {
        var fba = index % 10 is 3 or 6 or 8;
        var business = index % 11 == 3;
        // Orders ship to the marketplace's country; an EU business buyer gives a VAT number of that country.
        var destination = marketplace.CountryCode;
        var exempt = business && marketplace.Region == "EU";
        var codMarketplace = marketplace.CountryCode is "JP" or "MX";
        var cod = !fba && codMarketplace && index % 4 == 1;
        var itemCount = index == 7 ? 45 : 1 + random.Next(0, 3);
        var items = new List<SandboxOrderItem>();
        for (var n = 0; n < itemCount; n++)
        {
            var sku = SandboxCatalog.Skus[(index + n * 3 + random.Next(0, 2)) % SandboxCatalog.Skus.Count];
            var quantity = index % 5 == 2 && n == 0 ? 3 : 1 + (random.Next(0, 6) == 0 ? 1 : 0);
            items.Add(Item(marketplace, SandboxCatalog.TaxRate(destination, sku.Sku, exempt), SandboxCatalog.TaxRate(destination, null, exempt), sku, quantity, index, n, fba, cod,
                $"{StableHash(seller.SellerId + index) % 100000:D5}{index:D5}{n:D4}"));
        }

        var name = SandboxCatalog.BuyerNames[(index + random.Next(0, 3)) % SandboxCatalog.BuyerNames.Count];
        var withheld = seller.RestrictedRole || index % 17 == 5;
        var shipLevel = (index % 7) switch { 0 => "Expedited", 4 => "SecondDay", _ => "Std" };
        var orderId = $"{(marketplace.Region == "NA" ? 1 : marketplace.Region == "EU" ? 3 : 5)}0{index % 10}-{StableHash(seller.SellerId + "o" + index) % 10_000_000:D7}-{(index * 7919 + 1234567) % 10_000_000:D7}";
        return new SandboxOrder
        {
            AmazonOrderId = orderId,
            SellerId = seller.SellerId,
            MarketplaceId = marketplace.MarketplaceId,
            FulfillmentChannel = fba ? "AFN" : "MFN",
            PurchaseDate = purchase,
            ShipServiceLevel = shipLevel,
            ShipmentServiceLevelCategory = shipLevel == "Std" ? "Standard" : shipLevel,
            PaymentMethod = cod ? "COD" : "Other",
            BuyerName = name,
            BuyerEmail = $"{Slug(index, seller.SellerId)}@marketplace.amazon.{marketplace.DomainName[(marketplace.DomainName.IndexOf(".amazon.", StringComparison.Ordinal) + 8)..]}",
            ShippingAddress = new SandboxAddress(name, $"{Street(index)} {1 + index % 120}", index % 9 == 4 ? "Hinterhaus, 2. OG" : null,
                Cities[destination][index % Cities[destination].Length], destination is "US" or "CA" or "AU" ? "ST" : null, $"{10000 + index * 37 % 89999}", destination, index % 3 == 0 ? "+49 30 1234567" : null),
            BuyerVatNumber = business ? $"{destination}{100000000 + index}" : null,
            IsBusinessOrder = business,
            PurchaseOrderNumber = business ? $"PO-{index:D6}" : null,
            IsPrime = fba && index % 2 == 0,
            // Amazon pays some orders a cent short (its own rounding), and one in a while short by more.
            PaymentAdjustment = index % 23 == 7 ? -0.01m : index % 41 == 13 ? -1.50m : 0m,
            WithholdBuyerData = withheld,
            Items = items,
            Timeline = Timeline(index, purchase, fba, items.Sum(i => i.QuantityOrdered), random),
        };
    }

    private static List<SandboxStatusChange> Timeline(int index, DateTimeOffset purchase, bool fba, int units, Random random)
    {
        var changes = new List<SandboxStatusChange> { new(purchase, "Pending", 0) };
        var paid = purchase.AddMinutes(5 + random.Next(0, 55)).AddMilliseconds(random.Next(0, 1000));
        switch (index % 10)
        {
            case 0:
                // Payment still pending (stays Pending for days).
                changes.Add(new(purchase.AddDays(30), "Unshipped", 0));
                break;
            case 1:
                changes.Add(new(paid, "Canceled", 0));
                break;
            case 9:
                // Canceled after it was imported as Unshipped.
                changes.Add(new(paid, "Unshipped", 0));
                changes.Add(new(paid.AddHours(6), "Canceled", 0));
                break;
            default:
                if (!fba)
                {
                    changes.Add(new(paid, "Unshipped", 0));
                }

                var shipped = paid.AddHours(12 + random.Next(0, 60));
                if (units > 1 && index % 13 == 2)
                {
                    changes.Add(new(shipped, "PartiallyShipped", units / 2));
                    shipped = shipped.AddDays(2);
                }

                changes.Add(new(shipped, "Shipped", units));
                break;
        }

        return changes;
    }

    /// <summary>
    /// An item taxed at <paramref name="itemRate"/>, its shipping and gift wrap at <paramref name="serviceRate"/> (the
    /// destination's standard rate, as the reference ERP's shipping and gift-wrap products are taxed).
    /// </summary>
    private static SandboxOrderItem Item(SandboxMarketplace marketplace, decimal itemRate, decimal serviceRate, (string Sku, string Asin, string Title, decimal PriceEur) sku, int quantity, int index, int n, bool fba, bool cod, string itemId)
    {
        var currency = marketplace.CurrencyCode;
        SandboxMoney Money(decimal eur) => new(currency, SandboxCatalog.Round(eur * SandboxCatalog.RateFromEur(currency), currency));
        SandboxMoney TaxAt(decimal rate, SandboxMoney price) => new(currency, SandboxCatalog.Round(marketplace.PricesIncludeTax ? price.Amount * rate / (1 + rate) : price.Amount * rate, currency));
        SandboxMoney TaxOf(SandboxMoney price) => TaxAt(itemRate, price);
        SandboxMoney ServiceTaxOf(SandboxMoney price) => TaxAt(serviceRate, price);

        var unit = Money(sku.PriceEur);
        var price = new SandboxMoney(currency, unit.Amount * quantity);
        var item = new SandboxOrderItem
        {
            OrderItemId = itemId,
            Asin = sku.Asin,
            SellerSku = sku.Sku,
            Title = sku.Title,
            QuantityOrdered = quantity,
            ItemPrice = price,
            ItemTax = TaxOf(price),
        };
        if (n == 0 && !(fba && index % 2 == 0))
        {
            item.ShippingPrice = Money(4.99m);
            item.ShippingTax = ServiceTaxOf(item.ShippingPrice.Value);
            if (index % 10 == 4)
            {
                item.ShippingDiscount = item.ShippingPrice;
                item.ShippingDiscountTax = item.ShippingTax;
            }
        }

        if (index % 8 == 5 && n == 0)
        {
            item.IsGift = true;
            item.GiftWrapLevel = index % 16 == 5 ? "Classic" : "GW-STANDARD";
            item.GiftWrapPrice = Money(3.99m);
            item.GiftWrapTax = ServiceTaxOf(item.GiftWrapPrice.Value);
            item.GiftMessageText = index % 3 == 0 ? "Alles Gute zum Geburtstag! 🎂" : "Happy birthday, with love";
        }

        if (index % 5 == 2 && n == 0)
        {
            item.PromotionIds.Add($"PROMO-{index % 4:D3}");
            item.PromotionDiscount = new(currency, SandboxCatalog.Round(price.Amount * 0.10m, currency));
            item.PromotionDiscountTax = TaxOf(item.PromotionDiscount.Value);
        }

        if (cod && n == 0)
        {
            item.CodFee = Money(2.00m);
            item.CodFeeDiscount = index % 8 == 1 ? Money(1.00m) : SandboxMoney.Zero(currency);
        }

        return item;
    }

    private static string Street(int index) => (index % 5) switch
    {
        0 => "Hauptstraße",
        1 => "Rue de la Paix",
        2 => "Via Roma",
        3 => "Calle Mayor",
        _ => "High Street",
    };

    private static string Slug(int index, string sellerId) => $"buyer{StableHash(sellerId + index) % 1_000_000:D6}";

    /// <summary>A hash that is the same in every process (string.GetHashCode is randomised per process).</summary>
    public static int StableHash(string text)
    {
        unchecked
        {
            var hash = 23;
            foreach (var c in text)
            {
                hash = hash * 31 + c;
            }

            return hash & int.MaxValue;
        }
    }

    /// <summary>An order's total as Amazon computes it (tax added where prices exclude it).</summary>
    public static SandboxMoney Total(SandboxOrder order, bool pricesIncludeTax)
    {
        var currency = order.Items[0].ItemPrice.CurrencyCode;
        decimal A(SandboxMoney? m) => m?.Amount ?? 0m;
        var total = order.Items.Sum(i => i.ItemPrice.Amount + A(i.ShippingPrice) + A(i.GiftWrapPrice) + A(i.CodFee) - A(i.CodFeeDiscount) - A(i.PromotionDiscount) - A(i.ShippingDiscount));
        if (!pricesIncludeTax)
        {
            total += order.Items.Sum(i => i.ItemTax.Amount + A(i.ShippingTax) + A(i.GiftWrapTax) - A(i.PromotionDiscountTax) - A(i.ShippingDiscountTax));
        }

        return new SandboxMoney(currency, total);
    }

    internal static string Format(decimal amount, string currency) =>
        amount.ToString(SandboxCatalog.Decimals(currency) == 0 ? "0" : "0.00", CultureInfo.InvariantCulture);
}
