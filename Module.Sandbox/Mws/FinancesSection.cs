using System.Xml.Linq;
using ErpAmazonModule.Sandbox.Store;

namespace ErpAmazonModule.Sandbox.Mws;

/// <summary>
/// Finances API 2015-05-01: ListFinancialEvents(+ByNextToken). Events are derived from the orders, so they always
/// agree with them: a shipment event when an order ships (charges, fees, promotions, and in the US the sales tax Amazon
/// withholds as marketplace facilitator), a refund for some. A refund is a <c>ShipmentEvent</c> in the
/// <c>RefundEventList</c> whose items are <c>ShipmentItem</c>s under <c>ShipmentItemAdjustmentList</c>, each with
/// an <c>OrderAdjustmentItemId</c>, the charges and fees as adjustments (the commission given back, a
/// <c>RefundCommission</c> kept), as Amazon writes them.
/// </summary>
public sealed class FinancesSection(SandboxStore store) : ISandboxSection
{
    public static readonly XNamespace Ns = "http://mws.amazonservices.com/Finances/2015-05-01";

    private sealed record EventsPage(List<(string Kind, SandboxOrder Order, DateTimeOffset Posted)> Events, int PageSize, string SellerId);

    public string Path => "/Finances/2015-05-01";
    public string Version => "2015-05-01";
    public XNamespace Namespace => Ns;
    public IReadOnlyCollection<string> Actions { get; } = ["ListFinancialEvents", "ListFinancialEventsByNextToken"];

    public XDocument Handle(SandboxRequest request, string requestId) => SandboxXml.Response(Ns, request.Action, Result(request), requestId);

    private XElement Result(SandboxRequest request)
    {
        EventsPage page;
        if (request.Action == "ListFinancialEventsByNextToken")
        {
            page = store.TakePage<EventsPage>(request.Required("NextToken")) is { } saved && saved.SellerId == request.SellerId
                ? saved
                : throw SandboxMwsError.NextTokenCorrupted();
        }
        else
        {
            var orderId = request.Get("AmazonOrderId");
            var after = request.Date("PostedAfter");
            if (orderId is null == after is null)
            {
                throw SandboxMwsError.InvalidParameter("Exactly one of PostedAfter and AmazonOrderId must be specified.");
            }

            var before = request.Date("PostedBefore") ?? request.Now.AddMinutes(-2);
            if (after is { } a && before <= a)
            {
                throw SandboxMwsError.InvalidParameter("PostedBefore must be after PostedAfter.");
            }

            var events = Events(request.SellerId, request.Now)
                .Where(e => orderId is null ? e.Posted >= after && e.Posted < before : e.Order.AmazonOrderId == orderId)
                .OrderBy(e => e.Posted).ToList();
            page = new EventsPage(events, request.Int("MaxResultsPerPage", 1, 100, 100), request.SellerId);
        }

        var current = page.Events.Take(page.PageSize).ToList();
        var rest = page.Events.Skip(page.PageSize).ToList();
        return new XElement(Ns + (request.Action + "Result"),
            rest.Count > 0 ? new XElement(Ns + "NextToken", store.SavePage(page with { Events = rest })) : null,
            new XElement(Ns + "FinancialEvents",
                new XElement(Ns + "ShipmentEventList", current.Where(e => e.Kind == "Shipment").Select(e => EventXml("ShipmentEvent", e.Order, e.Posted, 1))),
                new XElement(Ns + "RefundEventList", current.Where(e => e.Kind == "Refund").Select(e => EventXml("ShipmentEvent", e.Order, e.Posted, -1)))));
    }

    private List<(string Kind, SandboxOrder Order, DateTimeOffset Posted)> Events(string sellerId, DateTimeOffset now)
    {
        var events = new List<(string, SandboxOrder, DateTimeOffset)>();
        foreach (var order in store.Orders(sellerId))
        {
            if (order.Timeline.FirstOrDefault(c => c.Status == "Shipped" && c.At <= now) is not { } shipped)
            {
                continue;
            }

            events.Add(("Shipment", order, shipped.At));
            var refundAt = shipped.At.AddDays(5);
            if (OrderGenerator.StableHash(order.AmazonOrderId) % 9 == 0 && refundAt <= now)
            {
                events.Add(("Refund", order, refundAt));
            }
        }

        return events;
    }

    private static XElement EventXml(string name, SandboxOrder order, DateTimeOffset posted, int sign)
    {
        var marketplace = SandboxCatalog.Marketplaces.Single(m => m.MarketplaceId == order.MarketplaceId);
        XElement Charge(string type, decimal amount, string currency) => new(Ns + "ChargeComponent", new XElement(Ns + "ChargeType", type), SandboxXml.FinanceMoney(Ns, "ChargeAmount", currency, sign * amount));
        XElement Fee(string type, decimal amount, string currency) => new(Ns + "FeeComponent", new XElement(Ns + "FeeType", type), SandboxXml.FinanceMoney(Ns, "FeeAmount", currency, -sign * amount));
        var itemList = order.Items.Select(i =>
        {
            var currency = i.ItemPrice.CurrencyCode;
            var principal = marketplace.PricesIncludeTax ? i.ItemPrice.Amount - i.ItemTax.Amount : i.ItemPrice.Amount;
            var commission = SandboxCatalog.Round(i.ItemPrice.Amount * 0.15m, currency);
            // Amazon keeps 20 % of the commission it gives back on a refund, at most 5 EUR's worth.
            var refundCommission = Math.Min(SandboxCatalog.Round(commission * 0.20m, currency), SandboxCatalog.Round(5.00m * SandboxCatalog.RateFromEur(currency), currency));
            // In the US Amazon collects the sales tax and pays it to the state itself (marketplace facilitator).
            var withheld = marketplace.CountryCode == "US"
                ? new XElement(Ns + "ItemTaxWithheldList", new XElement(Ns + "TaxWithheldComponent",
                    new XElement(Ns + "TaxCollectionModel", "MarketplaceFacilitator"),
                    new XElement(Ns + "TaxesWithheld",
                        Charge("MarketplaceFacilitatorTax-Principal", -i.ItemTax.Amount, currency),
                        i.ShippingTax is { } facilitatorShippingTax ? Charge("MarketplaceFacilitatorTax-Shipping", -facilitatorShippingTax.Amount, currency) : null)))
                : null;
            return new XElement(Ns + "ShipmentItem",
                new XElement(Ns + "SellerSKU", i.SellerSku),
                sign > 0 ? new XElement(Ns + "OrderItemId", i.OrderItemId) : new XElement(Ns + "OrderAdjustmentItemId", $"{i.OrderItemId}R"),
                new XElement(Ns + "QuantityShipped", i.QuantityOrdered),
                new XElement(Ns + (sign > 0 ? "ItemChargeList" : "ItemChargeAdjustmentList"),
                    Charge("Principal", principal, currency),
                    Charge("Tax", i.ItemTax.Amount, currency),
                    i.ShippingPrice is { } ship ? Charge("ShippingCharge", marketplace.PricesIncludeTax ? ship.Amount - (i.ShippingTax?.Amount ?? 0) : ship.Amount, currency) : null,
                    i.ShippingTax is { } shipTax ? Charge("ShippingTax", shipTax.Amount, currency) : null,
                    i.GiftWrapPrice is { } wrap ? Charge("GiftWrap", marketplace.PricesIncludeTax ? wrap.Amount - (i.GiftWrapTax?.Amount ?? 0) : wrap.Amount, currency) : null,
                    i.GiftWrapTax is { } wrapTax ? Charge("GiftWrapTax", wrapTax.Amount, currency) : null),
                new XElement(Ns + (sign > 0 ? "ItemFeeList" : "ItemFeeAdjustmentList"),
                    Fee("Commission", commission, currency),
                    sign < 0 ? new XElement(Ns + "FeeComponent", new XElement(Ns + "FeeType", "RefundCommission"), SandboxXml.FinanceMoney(Ns, "FeeAmount", currency, -refundCommission)) : null,
                    order.FulfillmentChannel == "AFN" && sign > 0 ? Fee("FBAPerUnitFulfillmentFee", SandboxCatalog.Round(3.00m * SandboxCatalog.RateFromEur(currency), currency) * i.QuantityOrdered, currency) : null),
                withheld,
                i.PromotionDiscount is { } promo
                    ? new XElement(Ns + (sign > 0 ? "PromotionList" : "PromotionAdjustmentList"), new XElement(Ns + "Promotion",
                        new XElement(Ns + "PromotionType", "PromotionMetaDataDefinitionValue"), new XElement(Ns + "PromotionId", i.PromotionIds.FirstOrDefault() ?? "PROMO"),
                        SandboxXml.FinanceMoney(Ns, "PromotionAmount", currency, -sign * promo.Amount)))
                    : null);
        });
        return new XElement(Ns + name,
            new XElement(Ns + "AmazonOrderId", order.AmazonOrderId),
            new XElement(Ns + "SellerOrderId", order.AmazonOrderId),
            new XElement(Ns + "MarketplaceName", marketplace.Name),
            SandboxXml.Opt(Ns, "PostedDate", posted),
            new XElement(Ns + (sign > 0 ? "ShipmentItemList" : "ShipmentItemAdjustmentList"), itemList));
    }
}
