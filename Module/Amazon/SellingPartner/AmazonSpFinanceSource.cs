using System.Text.Json;
using static ErpAmazonModule.Amazon.SellingPartner.AmazonSpJson;

namespace ErpAmazonModule.Amazon.SellingPartner;

/// <summary>
/// Financial events through the Selling Partner API's Finances v0 (<c>listFinancialEvents</c>): the same shipment and
/// refund events as MWS's, in the <c>payload</c> wrapper, money as <c>CurrencyCode</c> with a numeric <c>CurrencyAmount</c>.
/// </summary>
public sealed class AmazonSpFinanceSource(AmazonSpClient client) : IAmazonFinanceSource
{
    private const string Path = "/finances/v0/financialEvents";

    /// <inheritdoc />
    public Accounts.AmazonApi Api => Accounts.AmazonApi.SellingPartner;

    /// <inheritdoc />
    public async Task<AmazonFinanceEventsPage> ListPostedAsync(AmazonSellerContext seller, DateTimeOffset postedAfter, DateTimeOffset postedBefore, CancellationToken cancellationToken) =>
        Page(await SendAsync(seller, $"{Path}?PostedAfter={Uri.EscapeDataString(AmazonOrderRequests.Iso(postedAfter))}&PostedBefore={Uri.EscapeDataString(AmazonOrderRequests.Iso(postedBefore))}&MaxResultsPerPage=100", cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<AmazonFinanceEventsPage> ListNextAsync(AmazonSellerContext seller, string nextToken, CancellationToken cancellationToken) =>
        Page(await SendAsync(seller, $"{Path}?NextToken={Uri.EscapeDataString(nextToken)}", cancellationToken).ConfigureAwait(false));

    private Task<JsonElement> SendAsync(AmazonSellerContext seller, string pathAndQuery, CancellationToken cancellationToken) =>
        client.GetAsync(new AmazonSpSeller(seller.Region, seller.SellerId, seller.AuthToken), AmazonSpOperation.ListFinancialEvents, pathAndQuery, cancellationToken);

    private static AmazonFinanceEventsPage Page(JsonElement answer)
    {
        var payload = Required(answer, "payload");
        var lists = Object(payload, "FinancialEvents");
        var events = new List<AmazonFinanceEvent>();
        foreach (var (list, kind) in new[] { ("ShipmentEventList", AmazonFinancialEventKind.Shipment), ("RefundEventList", AmazonFinancialEventKind.Refund) })
        {
            foreach (var e in Array(lists, list))
            {
                var id = Text(e, "AmazonOrderId") ?? throw new AmazonFormatException("A financial event has no AmazonOrderId.");
                var items = Array(e, "ShipmentItemList").Concat(Array(e, "ShipmentItemAdjustmentList"));
                events.Add(new AmazonFinanceEvent(kind, id, Date(e, "PostedDate") ?? throw new AmazonFormatException($"Financial event of order {id} has no PostedDate."),
                    Text(e, "MarketplaceName"), [.. items.Select(ReadItem)]));
            }
        }

        return new AmazonFinanceEventsPage(events, Text(payload, "NextToken"));
    }

    private static AmazonFinanceEventItem ReadItem(JsonElement item)
    {
        var amounts = new List<AmazonFinanceAmount>();
        void Read(IEnumerable<JsonElement> components, AmazonFinancialAmountKind kind, string typeName, string amountName)
        {
            foreach (var c in components)
            {
                amounts.Add(new AmazonFinanceAmount(kind, Text(c, typeName) ?? throw new AmazonFormatException($"A financial amount has no {typeName}."), CurrencyAmount(c, amountName)));
            }
        }

        foreach (var suffix in new[] { "List", "AdjustmentList" })
        {
            Read(Array(item, "ItemCharge" + suffix), AmazonFinancialAmountKind.Charge, "ChargeType", "ChargeAmount");
            Read(Array(item, "ItemFee" + suffix), AmazonFinancialAmountKind.Fee, "FeeType", "FeeAmount");
            Read(Array(item, "Promotion" + suffix), AmazonFinancialAmountKind.Promotion, "PromotionType", "PromotionAmount");
        }

        foreach (var withheld in Array(item, "ItemTaxWithheldList"))
        {
            Read(Array(withheld, "TaxesWithheld"), AmazonFinancialAmountKind.TaxWithheld, "ChargeType", "ChargeAmount");
        }

        return new AmazonFinanceEventItem(Text(item, "OrderItemId"), Text(item, "OrderAdjustmentItemId"), Text(item, "SellerSKU"), Int(item, "QuantityShipped") ?? 0, amounts);
    }

    /// <summary>Finances money: <c>CurrencyCode</c> and a numeric <c>CurrencyAmount</c>, read as a decimal (never through a double).</summary>
    private static AmazonMoney CurrencyAmount(JsonElement element, string name)
    {
        var money = Object(element, name);
        var currency = Text(money, "CurrencyCode") ?? throw new AmazonFormatException($"{name} has no CurrencyCode.");
        return money.TryGetProperty("CurrencyAmount", out var amount) && amount.ValueKind == JsonValueKind.Number && amount.TryGetDecimal(out var value)
            ? new AmazonMoney(value, currency)
            : throw new AmazonFormatException($"{name}/CurrencyAmount is not an amount.");
    }
}
