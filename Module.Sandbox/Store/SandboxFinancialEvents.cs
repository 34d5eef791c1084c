using System.Globalization;

namespace ErpAmazonModule.Sandbox.Store;

/// <summary>An amount of a financial event's item, signed as Amazon posts it (what the seller receives is positive).</summary>
public sealed record SandboxFinancialAmount(string Type, decimal Amount, string? PromotionId = null);

/// <summary>An item of a shipment or refund event.</summary>
public sealed record SandboxFinancialItem(
    string? SellerSku,
    string? OrderItemId,
    string? OrderAdjustmentItemId,
    int Quantity,
    string CurrencyCode,
    IReadOnlyList<SandboxFinancialAmount> Charges,
    IReadOnlyList<SandboxFinancialAmount> Fees,
    IReadOnlyList<SandboxFinancialAmount> Promotions,
    IReadOnlyList<SandboxFinancialAmount> TaxesWithheld);

/// <summary>A shipment or refund event of an order.</summary>
public sealed record SandboxFinancialEvent(bool IsRefund, SandboxOrder Order, DateTimeOffset Posted, string MarketplaceName, IReadOnlyList<SandboxFinancialItem> Items);

/// <summary>
/// The financial events the sandbox's orders give, whatever protocol carries them: a shipment event when an order ships
/// (charges, fees, promotions including shipping discounts, and in the US the sales tax Amazon withholds as marketplace
/// facilitator), a refund of the whole order five days later for some orders (the commission given back, a
/// <c>RefundCommission</c> kept).
/// </summary>
public static class SandboxFinancialEvents
{
    /// <summary>The seller's events posted up to <paramref name="now"/>, oldest first.</summary>
    public static List<SandboxFinancialEvent> Of(SandboxStore store, string sellerId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(store);
        var events = new List<SandboxFinancialEvent>();
        foreach (var order in store.Orders(sellerId))
        {
            if (order.Timeline.FirstOrDefault(c => c.Status == "Shipped" && c.At <= now) is not { } shipped)
            {
                continue;
            }

            events.Add(Event(order, shipped.At, refund: false));
            var refundAt = order.RefundOn ?? shipped.At.AddDays(5);
            if ((order.RefundOn is not null || OrderGenerator.StableHash(order.AmazonOrderId) % 9 == 0) && refundAt <= now)
            {
                events.Add(Event(order, refundAt, refund: true));
            }
        }

        return [.. events.OrderBy(e => e.Posted)];
    }

    private static SandboxFinancialEvent Event(SandboxOrder order, DateTimeOffset posted, bool refund)
    {
        var marketplace = SandboxCatalog.Marketplaces.Single(m => m.MarketplaceId == order.MarketplaceId);
        var sign = refund ? -1 : 1;
        var items = order.Items.Select(i =>
        {
            var currency = i.ItemPrice.CurrencyCode;
            decimal Net(SandboxMoney price, SandboxMoney? tax) => marketplace.PricesIncludeTax ? price.Amount - (tax?.Amount ?? 0) : price.Amount;
            var adjustment = ReferenceEquals(i, order.Items[0]) ? order.PaymentAdjustment : 0m;
            var charges = new List<SandboxFinancialAmount> { new("Principal", sign * (Net(i.ItemPrice, i.ItemTax) + adjustment)), new("Tax", sign * i.ItemTax.Amount) };
            if (i.ShippingPrice is { } ship)
            {
                charges.Add(new("ShippingCharge", sign * Net(ship, i.ShippingTax)));
                charges.Add(new("ShippingTax", sign * (i.ShippingTax?.Amount ?? 0)));
            }

            if (i.GiftWrapPrice is { } wrap)
            {
                charges.Add(new("GiftWrap", sign * Net(wrap, i.GiftWrapTax)));
                charges.Add(new("GiftWrapTax", sign * (i.GiftWrapTax?.Amount ?? 0)));
            }

            var commission = SandboxCatalog.Round(i.ItemPrice.Amount * 0.15m, currency);
            var fees = new List<SandboxFinancialAmount> { new("Commission", -sign * commission) };
            if (refund)
            {
                // Amazon keeps 20 % of the commission it gives back, at most 5 EUR's worth.
                fees.Add(new("RefundCommission", -Math.Min(SandboxCatalog.Round(commission * 0.20m, currency), SandboxCatalog.Round(5.00m * SandboxCatalog.RateFromEur(currency), currency))));
            }
            else if (order.FulfillmentChannel == "AFN")
            {
                fees.Add(new("FBAPerUnitFulfillmentFee", -SandboxCatalog.Round(3.00m * SandboxCatalog.RateFromEur(currency), currency) * i.QuantityOrdered));
            }

            // What the buyer did not pay: the promotion and a shipping discount (tax included where prices include it).
            var promotions = new List<SandboxFinancialAmount>();
            if (i.PromotionDiscount is { } promo)
            {
                promotions.Add(new("PromotionMetaDataDefinitionValue", -sign * (promo.Amount + (marketplace.PricesIncludeTax ? 0 : i.PromotionDiscountTax?.Amount ?? 0)), i.PromotionIds.FirstOrDefault() ?? "PROMO"));
            }

            if (i.ShippingDiscount is { } shipDiscount)
            {
                promotions.Add(new("ShippingDiscount", -sign * (shipDiscount.Amount + (marketplace.PricesIncludeTax ? 0 : i.ShippingDiscountTax?.Amount ?? 0)), "FREE-SHIPPING"));
            }

            // In the US Amazon collects the sales tax and pays it to the state itself (marketplace facilitator).
            var withheld = marketplace.CountryCode == "US"
                ? new List<SandboxFinancialAmount> { new("MarketplaceFacilitatorTax-Principal", -sign * i.ItemTax.Amount), new("MarketplaceFacilitatorTax-Shipping", -sign * (i.ShippingTax?.Amount ?? 0)) }
                : [];
            return new SandboxFinancialItem(i.SellerSku, refund ? null : i.OrderItemId, refund ? $"{i.OrderItemId}R" : null, i.QuantityOrdered, currency, charges, fees, promotions, withheld);
        }).ToList();
        return new SandboxFinancialEvent(refund, order, posted, marketplace.Name, items);
    }
}

/// <summary>The sandbox's events as Amazon's settlement report, flat file V2 (tab-separated), for a date range.</summary>
public static class SandboxSettlementReport
{
    private static readonly string[] Columns =
    [
        "settlement-id", "settlement-start-date", "settlement-end-date", "deposit-date", "total-amount", "currency", "transaction-type", "order-id",
        "merchant-order-id", "adjustment-id", "shipment-id", "marketplace-name", "amount-type", "amount-description", "amount", "fulfillment-id",
        "posted-date", "posted-date-time", "order-item-code", "merchant-order-item-id", "merchant-adjustment-item-id", "sku", "quantity-purchased", "promotion-id",
    ];

    /// <summary>The report of the seller's events posted in [<paramref name="from"/>, <paramref name="to"/>), in one currency (the first event's).</summary>
    public static string Write(SandboxStore store, string sellerId, DateTimeOffset from, DateTimeOffset to)
    {
        var events = SandboxFinancialEvents.Of(store, sellerId, store.Now).Where(e => e.Posted >= from && e.Posted < to).ToList();
        var currency = events.FirstOrDefault()?.Items[0].CurrencyCode ?? "EUR";
        events = [.. events.Where(e => e.Items[0].CurrencyCode == currency)];
        static string Date(DateTimeOffset d) => d.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        static string Amount(decimal a) => a.ToString("0.00", CultureInfo.InvariantCulture);
        var settlementId = $"{OrderGenerator.StableHash(sellerId + from.ToUnixTimeSeconds()) % 100_000_000:D8}";
        var rows = new List<string[]>();
        var total = events.Sum(e => e.Items.Sum(i => i.Charges.Sum(c => c.Amount) + i.Fees.Sum(f => f.Amount) + i.Promotions.Sum(p => p.Amount) + i.TaxesWithheld.Sum(t => t.Amount)));
        rows.Add([settlementId, Date(from), Date(to), Date(to.AddDays(1)), Amount(total), currency, .. Enumerable.Repeat("", Columns.Length - 6)]);
        foreach (var e in events)
        {
            foreach (var i in e.Items)
            {
                foreach (var (type, amounts) in new[] { ("ItemPrice", i.Charges), ("ItemFees", i.Fees), ("Promotion", i.Promotions), ("ItemWithheldTax", i.TaxesWithheld) })
                {
                    foreach (var a in amounts)
                    {
                        rows.Add([settlementId, "", "", "", "", currency, e.IsRefund ? "Refund" : "Order", e.Order.AmazonOrderId, e.Order.AmazonOrderId, e.IsRefund ? $"{e.Order.AmazonOrderId}-R" : "",
                            "", e.MarketplaceName, type, a.Type, Amount(a.Amount), e.Order.FulfillmentChannel == "AFN" ? "AFN" : "MFN",
                            e.Posted.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Date(e.Posted), i.OrderItemId ?? "", "", i.OrderAdjustmentItemId ?? "",
                            i.SellerSku ?? "", i.Quantity.ToString(CultureInfo.InvariantCulture), a.PromotionId ?? ""]);
                    }
                }
            }
        }

        return string.Join('\n', new[] { string.Join('\t', Columns) }.Concat(rows.Select(r => string.Join('\t', r)))) + "\n";
    }
}
