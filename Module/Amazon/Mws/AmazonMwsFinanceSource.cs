using System.Xml.Linq;

namespace ErpAmazonModule.Amazon.Mws;

/// <summary>
/// Financial events through MWS Finances 2015-05-01 (<c>ListFinancialEvents</c>, <c>...ByNextToken</c>): shipment and
/// refund events with their items' charges, fees, promotions and withheld taxes, as Amazon lists them (a refund's items
/// are <c>ShipmentItem</c>s under <c>ShipmentItemAdjustmentList</c>, their amounts in the <c>...AdjustmentList</c>s).
/// </summary>
public sealed class AmazonMwsFinanceSource(AmazonMwsClient client) : IAmazonFinanceSource
{
    /// <inheritdoc />
    public Accounts.AmazonApi Api => Accounts.AmazonApi.Mws;

    /// <inheritdoc />
    public async Task<AmazonFinanceEventsPage> ListPostedAsync(AmazonSellerContext seller, DateTimeOffset postedAfter, DateTimeOffset postedBefore, CancellationToken cancellationToken) =>
        Page(await client.SendAsync(Mws(seller), AmazonMwsOperation.ListFinancialEvents,
            [new("PostedAfter", AmazonOrderRequests.Iso(postedAfter)), new("PostedBefore", AmazonOrderRequests.Iso(postedBefore)), new("MaxResultsPerPage", "100")], cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<AmazonFinanceEventsPage> ListNextAsync(AmazonSellerContext seller, string nextToken, CancellationToken cancellationToken) =>
        Page(await client.SendAsync(Mws(seller), AmazonMwsOperation.ListFinancialEventsByNextToken, [new("NextToken", nextToken)], cancellationToken).ConfigureAwait(false));

    private static AmazonMwsSeller Mws(AmazonSellerContext seller) => new(seller.Region, seller.SellerId, seller.AuthToken);

    private static AmazonFinanceEventsPage Page(XElement result)
    {
        var lists = result.Required("FinancialEvents");
        var events = new List<AmazonFinanceEvent>();
        foreach (var (list, kind) in new[] { ("ShipmentEventList", AmazonFinancialEventKind.Shipment), ("RefundEventList", AmazonFinancialEventKind.Refund) })
        {
            foreach (var e in lists.Child(list)?.Children("ShipmentEvent") ?? [])
            {
                var items = (e.Child("ShipmentItemList")?.Children("ShipmentItem") ?? []).Concat(e.Child("ShipmentItemAdjustmentList")?.Children("ShipmentItem") ?? []);
                events.Add(new AmazonFinanceEvent(kind, e.RequiredText("AmazonOrderId"),
                    e.Date("PostedDate") ?? throw new AmazonFormatException($"Financial event of order {e.Text("AmazonOrderId")} has no PostedDate."),
                    e.Text("MarketplaceName"), [.. items.Select(ReadItem)]));
            }
        }

        return new AmazonFinanceEventsPage(events, result.Text("NextToken"));
    }

    private static AmazonFinanceEventItem ReadItem(XElement item)
    {
        var amounts = new List<AmazonFinanceAmount>();
        void Read(string list, string component, AmazonFinancialAmountKind kind, string typeName, string amountName)
        {
            foreach (var c in item.Child(list)?.Children(component) ?? [])
            {
                amounts.Add(new AmazonFinanceAmount(kind, c.RequiredText(typeName),
                    c.Money(amountName) ?? throw new AmazonFormatException($"{component} {c.Text(typeName)} has no {amountName}.")));
            }
        }

        foreach (var suffix in new[] { "List", "AdjustmentList" })
        {
            Read("ItemCharge" + suffix, "ChargeComponent", AmazonFinancialAmountKind.Charge, "ChargeType", "ChargeAmount");
            Read("ItemFee" + suffix, "FeeComponent", AmazonFinancialAmountKind.Fee, "FeeType", "FeeAmount");
            Read("Promotion" + suffix, "Promotion", AmazonFinancialAmountKind.Promotion, "PromotionType", "PromotionAmount");
        }

        foreach (var withheld in item.Child("ItemTaxWithheldList")?.Children("TaxWithheldComponent") ?? [])
        {
            foreach (var c in withheld.Child("TaxesWithheld")?.Children("ChargeComponent") ?? [])
            {
                amounts.Add(new AmazonFinanceAmount(AmazonFinancialAmountKind.TaxWithheld, c.RequiredText("ChargeType"),
                    c.Money("ChargeAmount") ?? throw new AmazonFormatException($"Withheld tax {c.Text("ChargeType")} has no ChargeAmount.")));
            }
        }

        return new AmazonFinanceEventItem(item.Text("OrderItemId"), item.Text("OrderAdjustmentItemId"), item.Text("SellerSKU"), item.Int("QuantityShipped") ?? 0, amounts);
    }
}
