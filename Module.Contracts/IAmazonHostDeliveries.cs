namespace ErpAmazonModule.Hosting;

/// <summary>A quantity of a product to deliver or move.</summary>
public sealed record AmazonHostDeliveryLine(string ProductId, decimal Quantity, string ExternalLineId);

/// <summary>Deliveries port (the seller's own deliveries come with the sales order: <see cref="AmazonHostOrderDraft.Delivery"/>).</summary>
public interface IAmazonHostDeliveries
{
    /// <summary>
    /// FBA: the goods left Amazon's warehouse. <paramref name="lines"/> carry the total shipped so far per line; the host
    /// records a done stock move from the Amazon warehouse location for what it had not recorded yet, so a repeat changes nothing.
    /// Returns the delivery that records the move, if any.
    /// </summary>
    Task<string?> RecordAmazonFulfilledAsync(string salesOrderId, IReadOnlyList<AmazonHostDeliveryLine> lines, CancellationToken cancellationToken);
}
