using System.Xml.Linq;
using ErpAmazonModule.Sandbox.Store;

namespace ErpAmazonModule.Sandbox.Mws;

/// <summary>
/// Finances API 2015-05-01: ListFinancialEvents(+ByNextToken), the events of <see cref="SandboxFinancialEvents"/> as
/// Amazon writes them: a refund is a <c>ShipmentEvent</c> in the <c>RefundEventList</c> whose items are
/// <c>ShipmentItem</c>s under <c>ShipmentItemAdjustmentList</c>, each with an <c>OrderAdjustmentItemId</c>, the
/// charges, fees and promotions in the <c>...AdjustmentList</c>s; money is <c>CurrencyAmount</c> with <c>CurrencyCode</c>.
/// </summary>
public sealed class FinancesSection(SandboxStore store) : ISandboxSection
{
    public static readonly XNamespace Ns = "http://mws.amazonservices.com/Finances/2015-05-01";

    private sealed record EventsPage(List<SandboxFinancialEvent> Events, int PageSize, string SellerId);

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

            var events = SandboxFinancialEvents.Of(store, request.SellerId, request.Now)
                .Where(e => orderId is null ? e.Posted >= after && e.Posted < before : e.Order.AmazonOrderId == orderId).ToList();
            page = new EventsPage(events, request.Int("MaxResultsPerPage", 1, 100, 100), request.SellerId);
        }

        var current = page.Events.Take(page.PageSize).ToList();
        var rest = page.Events.Skip(page.PageSize).ToList();
        return new XElement(Ns + (request.Action + "Result"),
            rest.Count > 0 ? new XElement(Ns + "NextToken", store.SavePage(page with { Events = rest })) : null,
            new XElement(Ns + "FinancialEvents",
                new XElement(Ns + "ShipmentEventList", current.Where(e => !e.IsRefund).Select(EventXml)),
                new XElement(Ns + "RefundEventList", current.Where(e => e.IsRefund).Select(EventXml))));
    }

    private static XElement EventXml(SandboxFinancialEvent e)
    {
        var adjustment = e.IsRefund ? "AdjustmentList" : "List";
        XElement Components(string list, string component, string typeName, string amountName, IReadOnlyList<SandboxFinancialAmount> amounts, string currency) =>
            new(Ns + list, amounts.Select(a => new XElement(Ns + component,
                new XElement(Ns + typeName, a.Type),
                a.PromotionId is { } id ? new XElement(Ns + "PromotionId", id) : null,
                SandboxXml.FinanceMoney(Ns, amountName, currency, a.Amount))));
        var items = e.Items.Select(i => new XElement(Ns + "ShipmentItem",
            new XElement(Ns + "SellerSKU", i.SellerSku),
            i.OrderItemId is { } itemId ? new XElement(Ns + "OrderItemId", itemId) : null,
            i.OrderAdjustmentItemId is { } adjustmentId ? new XElement(Ns + "OrderAdjustmentItemId", adjustmentId) : null,
            new XElement(Ns + "QuantityShipped", i.Quantity),
            Components("ItemCharge" + adjustment, "ChargeComponent", "ChargeType", "ChargeAmount", i.Charges, i.CurrencyCode),
            Components("ItemFee" + adjustment, "FeeComponent", "FeeType", "FeeAmount", i.Fees, i.CurrencyCode),
            i.TaxesWithheld.Count > 0
                ? new XElement(Ns + "ItemTaxWithheldList", new XElement(Ns + "TaxWithheldComponent",
                    new XElement(Ns + "TaxCollectionModel", "MarketplaceFacilitator"),
                    Components("TaxesWithheld", "ChargeComponent", "ChargeType", "ChargeAmount", i.TaxesWithheld, i.CurrencyCode)))
                : null,
            i.Promotions.Count > 0 ? Components("Promotion" + adjustment, "Promotion", "PromotionType", "PromotionAmount", i.Promotions, i.CurrencyCode) : null));
        return new XElement(Ns + "ShipmentEvent",
            new XElement(Ns + "AmazonOrderId", e.Order.AmazonOrderId),
            new XElement(Ns + "SellerOrderId", e.Order.AmazonOrderId),
            new XElement(Ns + "MarketplaceName", e.MarketplaceName),
            SandboxXml.Opt(Ns, "PostedDate", e.Posted),
            new XElement(Ns + (e.IsRefund ? "ShipmentItemAdjustmentList" : "ShipmentItemList"), items));
    }
}
