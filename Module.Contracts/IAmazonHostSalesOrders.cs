namespace ErpAmazonModule.Hosting;

/// <summary>State of a host sales order as the module sees it.</summary>
public enum AmazonHostOrderState
{
    /// <summary>Confirmed, goods not (all) delivered.</summary>
    Confirmed,
    /// <summary>All goods delivered.</summary>
    Done,
    /// <summary>Cancelled.</summary>
    Cancelled,
}

/// <summary>One line of a sales order the module asks the host to create.</summary>
/// <param name="ProductId">Host product.</param>
/// <param name="Description">Line description (e.g. SKU and title when the default product is used).</param>
/// <param name="Quantity">Ordered quantity.</param>
/// <param name="TotalIncludingTax">What the customer pays for the line, after discount, in the order's currency; the host
/// derives the untaxed amount and the tax from it with its own taxes (<see cref="IAmazonHostTaxes.ComputeLineFromTotal"/>).</param>
/// <param name="Discount">Discount already deducted from <paramref name="TotalIncludingTax"/>, tax included.</param>
/// <param name="TaxIds">Host taxes on the line (already mapped through the fiscal position).</param>
/// <param name="ExternalLineId">Caller's id for the line (Amazon order item id plus kind), for updates.</param>
public sealed record AmazonHostOrderLine(
    string ProductId,
    string Description,
    decimal Quantity,
    decimal TotalIncludingTax,
    decimal Discount,
    IReadOnlyList<string> TaxIds,
    string ExternalLineId);

/// <summary>A sales order the module asks the host to create, confirmed.</summary>
/// <param name="Origin">Where the order comes from (the module's account); with <paramref name="ClientReference"/> it identifies the order.</param>
/// <param name="ClientReference">The Amazon order id.</param>
/// <param name="CustomerId">The host's customer.</param>
/// <param name="DeliveryAddressId">The host's delivery address (a child of the customer).</param>
/// <param name="FiscalPositionId">The fiscal position the line taxes were mapped through, if any.</param>
/// <param name="CurrencyCode">ISO 4217 currency of every amount.</param>
/// <param name="OrderDate">When the buyer ordered (UTC).</param>
/// <param name="CompanyId">The host company the order belongs to.</param>
/// <param name="Salesperson">The salesperson set on the order.</param>
/// <param name="SalesTeam">The sales team set on the order.</param>
/// <param name="Note">Gift messages and the like.</param>
/// <param name="Lines">The order's lines.</param>
/// <param name="Delivery">FBM: the goods the seller ships. The host creates the delivery with the order and, while none of
/// its goods have left, keeps it in line with the order's updates; null for orders Amazon fulfils.</param>
public sealed record AmazonHostOrderDraft(
    string Origin,
    string ClientReference,
    string CustomerId,
    string DeliveryAddressId,
    string? FiscalPositionId,
    string CurrencyCode,
    DateTimeOffset OrderDate,
    string? CompanyId,
    string? Salesperson,
    string? SalesTeam,
    string? Note,
    IReadOnlyList<AmazonHostOrderLine> Lines,
    IReadOnlyList<AmazonHostDeliveryLine>? Delivery = null);

/// <summary>A sales order as the host reports it.</summary>
public sealed record AmazonHostOrder(string Id, string Name, AmazonHostOrderState State, string CurrencyCode, decimal UntaxedAmount, decimal TaxAmount, decimal Total, bool HasDeliveredGoods);

/// <summary>Sales orders port.</summary>
public interface IAmazonHostSalesOrders
{
    /// <summary>Creates a confirmed sales order with its lines (and its delivery, when the draft has one).</summary>
    Task<AmazonHostOrder> CreateConfirmedAsync(AmazonHostOrderDraft draft, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the note and the lines' quantities and amounts (matched by external line id); while none of its goods have
    /// left, its delivery follows the draft's.
    /// </summary>
    Task<AmazonHostOrder> UpdateAsync(string orderId, AmazonHostOrderDraft draft, CancellationToken cancellationToken);

    /// <summary>Cancels the order; false when goods already left and it cannot be cancelled.</summary>
    Task<bool> CancelAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>
    /// The orders created with this origin and these client references, by client reference (an origin and a reference
    /// identify one order). Makes creation safe to repeat after a crash; the module asks once per page of orders.
    /// </summary>
    Task<IReadOnlyDictionary<string, AmazonHostOrder>> FindByReferencesAsync(string origin, IReadOnlyCollection<string> clientReferences, CancellationToken cancellationToken);
}
