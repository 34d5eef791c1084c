using ErpAmazonModule.Hosting;

namespace ErpAmazonModule.Host.Ports;

/// <summary>Deliveries port: FBM pickings from the company's stock, FBA moves out of the Amazon warehouse.</summary>
public sealed class HostDeliveries(HostDbContext db) : IAmazonHostDeliveries
{
    /// <summary>Code of the company's own stock location.</summary>
    public const string StockLocation = "WH/Stock";

    /// <summary>Code of the Amazon fulfilment centre location (FBA stock).</summary>
    public const string AmazonLocation = "AMZ/FBA";

    /// <summary>Code of the customers' virtual location.</summary>
    public const string CustomersLocation = "Partners/Customers";

    /// <inheritdoc />
    public async Task<int> CreateDeliveryAsync(int salesOrderId, IReadOnlyList<AmazonHostDeliveryLine> lines, CancellationToken cancellationToken)
    {
        var open = await db.Deliveries.Include(d => d.Moves)
            .SingleOrDefaultAsync(d => d.SalesOrderId == salesOrderId && d.State == DeliveryState.Ready, cancellationToken);
        if (open is null)
        {
            open = await NewDeliveryAsync(salesOrderId, StockLocation, DeliveryState.Ready, cancellationToken);
        }

        open.Moves.RemoveAll(_ => true);
        open.Moves.AddRange(lines.Select(l => new StockMove { ProductId = l.ProductId, Quantity = l.Quantity, ExternalLineId = l.ExternalLineId }));
        await db.SaveChangesAsync(cancellationToken);
        return open.Id;
    }

    /// <inheritdoc />
    public async Task<int> RecordAmazonFulfilledAsync(int salesOrderId, IReadOnlyList<AmazonHostDeliveryLine> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var order = await db.SalesOrders.Include(o => o.Lines).SingleAsync(o => o.Id == salesOrderId, cancellationToken);
        var missing = lines
            .Select(l => (Line: l, OrderLine: order.Lines.SingleOrDefault(o => o.ExternalLineId == l.ExternalLineId)))
            .Where(x => x.OrderLine is not null && x.Line.Quantity > x.OrderLine.DeliveredQuantity)
            .ToList();
        if (missing.Count == 0)
        {
            return await db.Deliveries.Where(d => d.SalesOrderId == salesOrderId && d.State == DeliveryState.Done).Select(d => d.Id).OrderByDescending(id => id).FirstOrDefaultAsync(cancellationToken);
        }

        var delivery = await NewDeliveryAsync(salesOrderId, AmazonLocation, DeliveryState.Done, cancellationToken);
        foreach (var (line, orderLine) in missing)
        {
            delivery.Moves.Add(new StockMove { ProductId = line.ProductId, Quantity = line.Quantity - orderLine!.DeliveredQuantity, ExternalLineId = line.ExternalLineId });
            orderLine.DeliveredQuantity = line.Quantity;
        }

        if (order.Lines.Where(l => l.Quantity > 0).All(l => l.DeliveredQuantity >= l.Quantity))
        {
            order.State = SalesOrderState.Done;
        }

        await db.SaveChangesAsync(cancellationToken);
        return delivery.Id;
    }

    private async Task<Delivery> NewDeliveryAsync(int salesOrderId, string sourceCode, DeliveryState state, CancellationToken cancellationToken)
    {
        var locations = await db.StockLocations.Where(l => l.Code == sourceCode || l.Code == CustomersLocation).ToDictionaryAsync(l => l.Code, l => l.Id, cancellationToken);
        var delivery = new Delivery
        {
            Name = $"{(sourceCode == AmazonLocation ? "FBA" : "OUT")}/{salesOrderId:D5}/{Guid.NewGuid().ToString("N")[..6]}",
            SalesOrderId = salesOrderId,
            SourceLocationId = locations[sourceCode],
            DestinationLocationId = locations[CustomersLocation],
            State = state,
        };
        db.Deliveries.Add(delivery);
        return delivery;
    }
}
