using ErpAmazonModule.Amazon;
using ErpAmazonModule.Hosting;

namespace ErpAmazonModule.Sync;

/// <summary>Which host product each part of an order becomes (plain data: built once per page).</summary>
/// <param name="OfferProducts">SKU → product of the account's offer for it (only offers whose product still exists).</param>
/// <param name="ProductsByReference">Internal reference → product, for SKUs, shipping services and gift-wrap levels.</param>
/// <param name="Defaults">The default products.</param>
public sealed record AmazonProductChoice(
    IReadOnlyDictionary<string, string> OfferProducts,
    IReadOnlyDictionary<string, string> ProductsByReference,
    AmazonDefaultProductIds Defaults)
{
    /// <summary>
    /// The product of a SKU: the offer's; else the product whose internal reference is the SKU (an automatic offer is
    /// then due, <paramref name="needsOffer"/>); else the default Sale product, not matched.
    /// </summary>
    public (string ProductId, bool Matched) ForSku(string sku, out bool needsOffer)
    {
        needsOffer = false;
        if (OfferProducts.TryGetValue(sku, out var offered))
        {
            return (offered, true);
        }

        if (ProductsByReference.TryGetValue(sku, out var product))
        {
            needsOffer = true;
            return (product, true);
        }

        return (Defaults.Sale, false);
    }

    /// <summary>The product named by the shipping service level, else the default Shipping product.</summary>
    public string ForShipping(string? serviceLevel) => Reference(serviceLevel) ?? Defaults.Shipping;

    /// <summary>The product named by the gift-wrap level, else the default GiftWrap product.</summary>
    public string ForGiftWrap(string? level) => Reference(level) ?? Defaults.GiftWrap;

    /// <summary>Every product an order with these items may use (so their taxes can be read before building it).</summary>
    public IEnumerable<string> ProductIdsFor(AmazonOrder order, IReadOnlyList<AmazonOrderItem> items)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(items);
        yield return Defaults.Sale;
        foreach (var item in items)
        {
            yield return ForSku(item.SellerSku, out _).ProductId;
            yield return ForShipping(order.ShipServiceLevel);
            yield return ForGiftWrap(item.GiftWrapLevel);
        }
    }

    private string? Reference(string? reference) => reference is not null && ProductsByReference.TryGetValue(reference, out var id) ? id : null;
}

/// <summary>What the builder needs besides the order: who buys, under which fiscal position, which products, their taxes.</summary>
public sealed record AmazonSalesOrderInput(
    AmazonOrder Order,
    IReadOnlyList<AmazonOrderItem> Items,
    bool PricesIncludeTax,
    string? MarketplaceCurrency,
    string Origin,
    string? CompanyId,
    string? Salesperson,
    string? SalesTeam,
    AmazonHostBuyerIds Buyer,
    string? FiscalPositionId,
    AmazonProductChoice Products,
    IReadOnlyDictionary<string, IReadOnlyList<AmazonHostTax>> ProductTaxes);

/// <summary>An order item and the product line it became.</summary>
public sealed record AmazonPlannedItem(AmazonOrderItem Item, AmazonHostOrderLine Line, bool Matched, bool NeedsOffer);

/// <summary>A sales order ready for the host, with what the connector keeps about it.</summary>
public sealed record AmazonSalesOrderPlan(AmazonHostOrderDraft Draft, decimal ErpTotal, decimal TaxDifference, string CurrencyCode, IReadOnlyList<AmazonPlannedItem> Items);

/// <summary>
/// Turns an Amazon order into a sales-order draft: one line per item (plus shipping, gift wrap and cash-on-delivery
/// lines) whose tax-included totals are Amazon's amounts to the cent, split by the host's own taxes. Pure: it reads
/// nothing and writes nothing; customers, offers and sales orders are created by <see cref="AmazonOrderImporter"/>.
/// </summary>
public static class AmazonSalesOrderBuilder
{
    /// <summary>Builds the draft; <paramref name="taxes"/> only computes line amounts (the host's rounding).</summary>
    public static AmazonSalesOrderPlan Build(AmazonSalesOrderInput input, IAmazonHostTaxes taxes)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(taxes);
        var order = input.Order;
        var included = input.PricesIncludeTax;
        var currency = order.Total?.CurrencyCode ?? input.Items.Select(i => i.ItemPrice?.CurrencyCode).FirstOrDefault(c => c is not null) ?? input.MarketplaceCurrency
            ?? throw new AmazonFormatException($"Order {order.AmazonOrderId} states no currency.");

        var lines = new List<AmazonHostOrderLine>();
        var planned = new List<AmazonPlannedItem>();
        decimal taxDifference = 0, erpTotal = 0;
        AmazonHostOrderLine AddLine(string productId, string description, decimal quantity, AmazonMoney? price, AmazonMoney? tax, AmazonMoney? discount, AmazonMoney? discountTax, string externalId, bool taxStated = true)
        {
            var gross = Amount(price) - Amount(discount) + (included ? 0 : Amount(tax) - Amount(discountTax));
            var lineTaxes = input.ProductTaxes[productId];
            var host = taxes.ComputeLineFromTotal(gross, lineTaxes, currency);
            // A line whose tax Amazon does not state cannot differ from it.
            taxDifference += taxStated ? host.Tax - (Amount(tax) - Amount(discountTax)) : 0;
            erpTotal += host.Total;
            var line = new AmazonHostOrderLine(productId, description, quantity, gross, Amount(discount), lineTaxes.Select(t => t.Id).ToList(), externalId);
            lines.Add(line);
            return line;
        }

        foreach (var item in input.Items)
        {
            var (productId, matched) = input.Products.ForSku(item.SellerSku, out var needsOffer);
            var description = matched ? item.Title ?? item.SellerSku : $"[{item.SellerSku}] {item.Title}";
            var line = AddLine(productId, description, item.QuantityOrdered, item.ItemPrice, item.ItemTax, item.PromotionDiscount, item.PromotionDiscountTax, item.OrderItemId + ":item");
            planned.Add(new AmazonPlannedItem(item, line, matched, needsOffer));

            if (Amount(item.ShippingPrice) != 0)
            {
                AddLine(input.Products.ForShipping(order.ShipServiceLevel), $"Shipping ({order.ShipServiceLevel})", 1, item.ShippingPrice, item.ShippingTax, item.ShippingDiscount, item.ShippingDiscountTax, item.OrderItemId + ":shipping");
            }

            if (Amount(item.GiftWrapPrice) != 0)
            {
                AddLine(input.Products.ForGiftWrap(item.GiftWrapLevel), $"Gift wrap ({item.GiftWrapLevel})", 1, item.GiftWrapPrice, item.GiftWrapTax, null, null, item.OrderItemId + ":giftwrap");
            }

            if (item.CodFee is { } fee && fee.Amount - Amount(item.CodFeeDiscount) != 0)
            {
                // Amazon states no tax for the fee: it is taken as the amount the buyer pays, taxed as the ERP taxes a sale.
                AddLine(input.Products.Defaults.Sale, "Cash on delivery fee", 1, fee, null, item.CodFeeDiscount, null, item.OrderItemId + ":cod", taxStated: false);
            }
        }

        var note = string.Join(Environment.NewLine, input.Items.Where(i => !string.IsNullOrWhiteSpace(i.GiftMessage)).Select(i => $"Gift message: {i.GiftMessage}").Distinct());
        // The seller ships FBM orders: the ERP's delivery carries the ordered products (Amazon ships FBA orders itself).
        var delivery = order.FulfillmentChannel == AmazonFulfillmentChannel.Merchant
            ? planned.Select(p => new AmazonHostDeliveryLine(p.Line.ProductId, p.Item.QuantityOrdered, p.Line.ExternalLineId)).ToList()
            : null;
        var draft = new AmazonHostOrderDraft(input.Origin, order.AmazonOrderId, input.Buyer.CustomerId, input.Buyer.DeliveryAddressId, input.FiscalPositionId, currency, order.PurchaseDate,
            input.CompanyId, input.Salesperson, input.SalesTeam, note.Length == 0 ? null : note, lines, delivery);
        return new AmazonSalesOrderPlan(draft, erpTotal, taxDifference, currency, planned);
    }

    /// <summary>
    /// The host buyer of an order: its customer and delivery address from the buyer's name, e-mail and shipping address;
    /// when Amazon withholds them (restricted roles, FBA-only accounts), the account's anonymous customer shipped to the
    /// country Amazon gives (which decides the taxes).
    /// </summary>
    public static AmazonHostBuyer BuyerOf(AmazonOrder order, string anonymousScope, string? marketplaceCountry)
    {
        ArgumentNullException.ThrowIfNull(order);
        var address = order.ShippingAddress;
        // Orders Amazon fulfils need no street address in the ERP (data protection): the buyer stays the account's
        // anonymous customer with the tax jurisdiction only, but a business with a VAT number keeps its name and number
        // (its invoice and fiscal position need them).
        if (order.FulfillmentChannel == AmazonFulfillmentChannel.Amazon)
        {
            var jurisdiction = new AmazonHostAddress(order.Buyer?.VatNumber is not null ? order.Buyer.Name ?? "Amazon customer" : "Amazon customer", null, null,
                address?.City, address?.StateOrRegion, address?.PostalCode, address?.CountryCode ?? marketplaceCountry ?? "", null);
            return order.Buyer is { VatNumber: not null, Name: not null } business
                ? AmazonHostBuyer.Known(new AmazonHostCustomer(business.Name, null, jurisdiction, business.VatNumber, order.IsBusinessOrder), jurisdiction)
                : AmazonHostBuyer.Anonymous(anonymousScope, jurisdiction);
        }

        if (order.Buyer is { } buyer && (buyer.Email ?? buyer.Name) is not null && address?.Name is not null && address.Line1 is not null)
        {
            var hostAddress = new AmazonHostAddress(address.Name, address.Line1, JoinLines(address.Line2, address.Line3), address.City, address.StateOrRegion, address.PostalCode, address.CountryCode, address.Phone);
            return AmazonHostBuyer.Known(new AmazonHostCustomer(buyer.Name ?? address.Name, buyer.Email, hostAddress, buyer.VatNumber, order.IsBusinessOrder), hostAddress);
        }

        var country = address?.CountryCode ?? marketplaceCountry ?? "";
        return AmazonHostBuyer.Anonymous(anonymousScope, new AmazonHostAddress("Amazon customer", null, null, address?.City, address?.StateOrRegion, address?.PostalCode, country, null));
    }

    private static decimal Amount(AmazonMoney? money) => money?.Amount ?? 0m;

    private static string? JoinLines(string? a, string? b) => (a, b) switch
    {
        (null, null) => null,
        (_, null) => a,
        (null, _) => b,
        _ => $"{a}, {b}",
    };
}
