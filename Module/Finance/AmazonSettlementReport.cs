using System.Globalization;
using ErpAmazonModule.Amazon;

namespace ErpAmazonModule.Finance;

/// <summary>A row of a settlement report that cannot be read: its line number (1 is the header) and why.</summary>
public sealed record AmazonSettlementProblem(int Line, string Reason);

/// <summary>
/// Amazon's settlement report, flat file V2 (tab-separated, a header row, then a summary row and one row per amount):
/// rows of <c>transaction-type</c> <c>Order</c> and <c>Refund</c> become shipment and refund events, their
/// <c>amount-type</c> saying what each amount is (<c>ItemPrice</c>: a charge, <c>ItemFees</c>: a fee,
/// <c>Promotion</c>, <c>ItemWithheldTax</c>), <c>amount-description</c> Amazon's type. Other transaction types (the
/// summary, reserves, transfers) carry no order and are left out. Every bad row is reported with its line number.
/// </summary>
public static class AmazonSettlementReport
{
    private static readonly string[] Required = ["settlement-id", "currency", "transaction-type", "order-id", "amount-type", "amount-description", "amount", "posted-date-time", "sku"];

    /// <summary>The events of the report, or every problem in it (then no events).</summary>
    public static (IReadOnlyList<AmazonFinanceEvent> Events, IReadOnlyList<AmazonSettlementProblem> Problems) Parse(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var lines = content.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var header = lines[0].Split('\t').Select(h => h.Trim()).ToList();
        var missing = Required.Where(r => !header.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            return ([], [new AmazonSettlementProblem(1, $"The header lacks {string.Join(", ", missing)}: this is not a settlement report (flat file V2).")]);
        }

        int Column(string name) => header.IndexOf(name);
        var problems = new List<AmazonSettlementProblem>();
        var rows = new List<(string Type, string OrderId, DateTimeOffset Posted, string? ItemCode, string? AdjustmentId, string? Sku, int Quantity, AmazonFinanceAmount Amount)>();
        string? currency = null;
        for (var n = 1; n < lines.Length; n++)
        {
            var line = lines[n];
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split('\t');
            string Cell(string name) => Column(name) is var i && i >= 0 && i < cells.Length ? cells[i].Trim() : "";
            var lineNumber = n + 1;
            if (cells.Length != header.Count)
            {
                problems.Add(new(lineNumber, $"has {cells.Length} columns, the header {header.Count}."));
                continue;
            }

            currency = Cell("currency") is { Length: > 0 } c ? c : currency;
            var type = Cell("transaction-type");
            if (type is not ("Order" or "Refund"))
            {
                // The summary row and transactions of no order (reserves, transfers, subscription fees).
                continue;
            }

            AmazonFinancialAmountKind? kind = Cell("amount-type") switch
            {
                "ItemPrice" => AmazonFinancialAmountKind.Charge,
                "ItemFees" => AmazonFinancialAmountKind.Fee,
                "Promotion" => AmazonFinancialAmountKind.Promotion,
                "ItemWithheldTax" => AmazonFinancialAmountKind.TaxWithheld,
                _ => null,
            };
            if (kind is null)
            {
                problems.Add(new(lineNumber, $"amount-type '{Cell("amount-type")}' is not ItemPrice, ItemFees, Promotion or ItemWithheldTax."));
                continue;
            }

            if (!decimal.TryParse(Cell("amount").Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                problems.Add(new(lineNumber, $"amount '{Cell("amount")}' is not an amount."));
                continue;
            }

            if (!DateTimeOffset.TryParse(Cell("posted-date-time").Replace(" UTC", "Z", StringComparison.Ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var posted))
            {
                problems.Add(new(lineNumber, $"posted-date-time '{Cell("posted-date-time")}' is not a date."));
                continue;
            }

            if (Cell("order-id") is not { Length: > 0 } orderId || currency is null || Cell("amount-description") is not { Length: > 0 } description)
            {
                problems.Add(new(lineNumber, "an Order or Refund row needs order-id, currency and amount-description."));
                continue;
            }

            rows.Add((type, orderId, posted, Cell("order-item-code") is { Length: > 0 } code ? code : null,
                Cell("merchant-adjustment-item-id") is { Length: > 0 } adjustment ? adjustment : null, Cell("sku") is { Length: > 0 } sku ? sku : null,
                int.TryParse(Cell("quantity-purchased"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var q) ? q : 0,
                new AmazonFinanceAmount(kind.Value, description, new AmazonMoney(amount, currency))));
        }

        if (problems.Count > 0)
        {
            return ([], problems);
        }

        var events = rows.GroupBy(r => (r.Type, r.OrderId, r.Posted))
            .Select(e => new AmazonFinanceEvent(e.Key.Type == "Refund" ? AmazonFinancialEventKind.Refund : AmazonFinancialEventKind.Shipment, e.Key.OrderId, e.Key.Posted, null,
                // An item is its order item code, or on a refund its adjustment item id: two items of one SKU stay two items,
                // as the Finances API lists them (else the same refund would be keyed apart and stored twice).
                [.. e.GroupBy(r => (r.ItemCode, r.AdjustmentId, r.Sku)).Select(i => new AmazonFinanceEventItem(i.Key.ItemCode, i.Key.AdjustmentId, i.Key.Sku, i.Max(r => r.Quantity), [.. i.Select(r => r.Amount)]))]))
            .ToList();
        return (events, []);
    }
}
