using ErpAmazonModule.Hosting;

namespace ErpAmazonModule.Host.Ports;

/// <summary>Deliveries port: FBA moves out of the Amazon warehouse (FBM pickings come with the sales order, <see cref="HostSalesOrders"/>).</summary>
public sealed class HostDeliveries(HostDbContext db, HostReferenceData reference) : IAmazonHostDeliveries
{
    /// <summary>Code of the company's own stock location.</summary>
    public const string StockLocation = "WH/Stock";

    /// <summary>Code of the Amazon fulfilment centre location (FBA stock).</summary>
    public const string AmazonLocation = "AMZ/FBA";

    /// <summary>Code of the customers' virtual location.</summary>
    public const string CustomersLocation = "Partners/Customers";

    /// <inheritdoc />
    public async Task<string?> RecordAmazonFulfilledAsync(string salesOrderId, IReadOnlyList<AmazonHostDeliveryLine> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var key = HostIds.Require(salesOrderId);
        var order = db.SalesOrders.Local.FirstOrDefault(o => o.Id == key)
            ?? await db.SalesOrders.Include(o => o.Lines).SingleAsync(o => o.Id == key, cancellationToken);
        var missing = lines
            .Select(l => (Line: l, OrderLine: order.Lines.SingleOrDefault(o => o.ExternalLineId == l.ExternalLineId)))
            .Where(x => x.OrderLine is not null && x.Line.Quantity > x.OrderLine.DeliveredQuantity)
            .ToList();
        if (missing.Count == 0)
        {
            return HostIds.Of(await db.Deliveries.Where(d => d.SalesOrderId == key && d.State == DeliveryState.Done).Select(d => (int?)d.Id).OrderByDescending(id => id).FirstOrDefaultAsync(cancellationToken));
        }

        var delivery = await NewAsync(db, reference, order.Id, AmazonLocation, DeliveryState.Done, cancellationToken);
        foreach (var (line, orderLine) in missing)
        {
            delivery.Moves.Add(new StockMove { ProductId = orderLine!.ProductId, Quantity = line.Quantity - orderLine.DeliveredQuantity, ExternalLineId = line.ExternalLineId });
            orderLine.DeliveredQuantity = line.Quantity;
        }

        if (order.Lines.Where(l => l.Quantity > 0).All(l => l.DeliveredQuantity >= l.Quantity))
        {
            order.State = SalesOrderState.Done;
        }

        await db.SaveChangesAsync(cancellationToken);
        return HostIds.Of(delivery.Id);
    }

    /// <summary>A new delivery of the order from <paramref name="sourceCode"/> to the customer, added to the context.</summary>
    internal static async Task<Delivery> NewAsync(HostDbContext db, HostReferenceData reference, int salesOrderId, string sourceCode, DeliveryState state, CancellationToken cancellationToken)
    {
        var locations = (await reference.GetAsync(db, cancellationToken)).Locations;
        var delivery = new Delivery
        {
            Name = $"{(sourceCode == AmazonLocation ? "FBA" : "OUT")}/{Guid.NewGuid().ToString("N")[..10]}",
            SalesOrderId = salesOrderId,
            SourceLocationId = locations[sourceCode],
            DestinationLocationId = locations[CustomersLocation],
            State = state,
        };
        db.Deliveries.Add(delivery);
        return delivery;
    }
}
