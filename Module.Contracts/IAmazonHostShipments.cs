namespace ErpAmazonModule.Hosting;

/// <summary>A quantity of a sales order line a validated delivery moved.</summary>
/// <param name="ExternalLineId">The line's id as the module gave it (<see cref="AmazonHostDeliveryLine.ExternalLineId"/>).</param>
/// <param name="Quantity">What this delivery moved of the line (not the total shipped so far).</param>
public sealed record AmazonHostShippedLine(string ExternalLineId, decimal Quantity);

/// <summary>A delivery of a sales order the ERP's warehouse validated: the goods left with a carrier.</summary>
/// <param name="DeliveryId">The host's id of the delivery; each validated delivery is confirmed to Amazon once.</param>
/// <param name="SalesOrderId">The host's sales order.</param>
/// <param name="ValidatedOn">When it was validated (the order the module reads deliveries in).</param>
/// <param name="ShipDate">When the goods left.</param>
/// <param name="Carrier">The carrier as the host names it (the module maps it to Amazon's carrier code when it knows one).</param>
/// <param name="ShippingMethod">The carrier's service, if the host knows it.</param>
/// <param name="TrackingNumber">The parcel's tracking number, if the carrier gave one.</param>
/// <param name="Lines">What the delivery moved, per sales order line.</param>
/// <param name="ClientReference">The sales order's client reference (the Amazon order id the module created it with).</param>
public sealed record AmazonHostValidatedDelivery(
    string DeliveryId,
    string SalesOrderId,
    DateTimeOffset ValidatedOn,
    DateTimeOffset ShipDate,
    string? Carrier,
    string? ShippingMethod,
    string? TrackingNumber,
    IReadOnlyList<AmazonHostShippedLine> Lines,
    string? ClientReference = null);

/// <summary>
/// Shipments port (optional, added in contract 1.3): the module reads the deliveries the warehouse validated, from a
/// watermark, to confirm them to Amazon. The host never calls Amazon and never waits for the module: validating a
/// delivery only records it (ADR 0012). A host without this port has no shipment confirmations.
/// </summary>
public interface IAmazonHostShipments
{
    /// <summary>
    /// Deliveries of sales orders whose origin is <paramref name="origin"/> validated at or after
    /// <paramref name="validatedSince"/>, oldest first (ties in a stable order), at most <paramref name="max"/>.
    /// The module reads again from a little before its watermark and recognises what it has seen by
    /// <see cref="AmazonHostValidatedDelivery.DeliveryId"/>, so a validation committed a moment out of order is not missed.
    /// </summary>
    Task<IReadOnlyList<AmazonHostValidatedDelivery>> ListValidatedAsync(string origin, DateTimeOffset validatedSince, int max, CancellationToken cancellationToken);
}
