namespace ErpAmazonModule.Amazon;

/// <summary>What an amount of a financial event is.</summary>
public enum AmazonFinancialAmountKind
{
    /// <summary>Charged to (or, on a refund, given back to) the buyer: principal, tax, shipping, gift wrap...</summary>
    Charge,
    /// <summary>Kept by Amazon: commission, FBA fees, refund commission... (negative on a shipment).</summary>
    Fee,
    /// <summary>A promotion the seller funded (negative on a shipment).</summary>
    Promotion,
    /// <summary>Tax Amazon collected and pays to the authority itself (marketplace facilitator).</summary>
    TaxWithheld,
}

/// <summary>An amount of an event's item, signed as Amazon posts it (what the seller receives is positive).</summary>
public sealed record AmazonFinanceAmount(AmazonFinancialAmountKind Kind, string Type, AmazonMoney Amount);

/// <summary>An item of a shipment or refund event.</summary>
/// <param name="OrderItemId">The order item (shipments).</param>
/// <param name="OrderAdjustmentItemId">Amazon's id of the refunded item (refunds).</param>
/// <param name="SellerSku">The seller's SKU.</param>
/// <param name="Quantity">Units shipped (or refunded).</param>
/// <param name="Amounts">Charges, fees, promotions and withheld taxes.</param>
public sealed record AmazonFinanceEventItem(string? OrderItemId, string? OrderAdjustmentItemId, string? SellerSku, int Quantity, IReadOnlyList<AmazonFinanceAmount> Amounts);

/// <summary>What kind of money movement an event is.</summary>
public enum AmazonFinancialEventKind
{
    /// <summary>An order shipped: Amazon owes the seller for it.</summary>
    Shipment,
    /// <summary>An order refunded: money back to the buyer.</summary>
    Refund,
}

/// <summary>A shipment or refund event, whatever API it came through.</summary>
public sealed record AmazonFinanceEvent(AmazonFinancialEventKind Kind, string AmazonOrderId, DateTimeOffset PostedDate, string? MarketplaceName, IReadOnlyList<AmazonFinanceEventItem> Items);

/// <summary>A page of financial events.</summary>
public sealed record AmazonFinanceEventsPage(IReadOnlyList<AmazonFinanceEvent> Events, string? NextToken);

/// <summary>Where an account's financial events come from: the transport-neutral side of MWS's and the Selling Partner API's Finances.</summary>
public interface IAmazonFinanceSource
{
    /// <summary>The API this source speaks.</summary>
    Accounts.AmazonApi Api { get; }

    /// <summary>The first page of events posted in [<paramref name="postedAfter"/>, <paramref name="postedBefore"/>).</summary>
    Task<AmazonFinanceEventsPage> ListPostedAsync(AmazonSellerContext seller, DateTimeOffset postedAfter, DateTimeOffset postedBefore, CancellationToken cancellationToken);

    /// <summary>The next page of a listing.</summary>
    Task<AmazonFinanceEventsPage> ListNextAsync(AmazonSellerContext seller, string nextToken, CancellationToken cancellationToken);
}
