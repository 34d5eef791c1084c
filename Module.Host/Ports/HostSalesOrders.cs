using ErpAmazonModule.Hosting;

namespace ErpAmazonModule.Host.Ports;

/// <summary>Sales orders port: amounts computed with the host's own taxes; a confirmed order ships from the company's stock through its delivery.</summary>
public sealed class HostSalesOrders(HostDbContext db, IAmazonHostTaxes taxes, HostReferenceData reference) : IAmazonHostSalesOrders
{
    /// <inheritdoc />
    public async Task<AmazonHostOrder> CreateConfirmedAsync(AmazonHostOrderDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var order = new SalesOrder
        {
            Name = "SO-" + Guid.NewGuid().ToString("N"),
            Origin = draft.Origin,
            CurrencyCode = draft.CurrencyCode,
            State = SalesOrderState.Confirmed,
        };
        await ApplyAsync(order, draft, cancellationToken);
        db.SalesOrders.Add(order);
        // The name and the delivery follow the id the insert gives: all in one transaction (the caller's unit of work, or one of its own).
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await db.SaveChangesAsync(cancellationToken);
        order.Name = $"SO{order.Id:D5}";
        if (draft.Delivery is { } lines)
        {
            var delivery = await HostDeliveries.NewAsync(db, reference, order.Id, HostDeliveries.StockLocation, DeliveryState.Ready, cancellationToken);
            delivery.Moves.AddRange(lines.Select(Move));
        }

        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return ToPort(order, hasDeliveredGoods: false);
    }

    /// <inheritdoc />
    public async Task<AmazonHostOrder> UpdateAsync(string orderId, AmazonHostOrderDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var key = HostIds.Require(orderId);
        var order = await db.SalesOrders.Include(o => o.Lines).SingleAsync(o => o.Id == key, cancellationToken);
        await ApplyAsync(order, draft, cancellationToken);
        var deliveries = await db.Deliveries.Include(d => d.Moves).Where(d => d.SalesOrderId == key).ToListAsync(cancellationToken);
        var delivered = deliveries.Any(d => d.State == DeliveryState.Done);
        if (draft.Delivery is { } lines && !delivered)
        {
            // Nothing has left yet: the open delivery follows the order.
            var open = deliveries.FirstOrDefault(d => d.State == DeliveryState.Ready)
                ?? await HostDeliveries.NewAsync(db, reference, key, HostDeliveries.StockLocation, DeliveryState.Ready, cancellationToken);
            open.Moves.RemoveAll(_ => true);
            open.Moves.AddRange(lines.Select(Move));
        }

        await db.SaveChangesAsync(cancellationToken);
        return ToPort(order, delivered);
    }

    /// <inheritdoc />
    public async Task<bool> CancelAsync(string orderId, CancellationToken cancellationToken)
    {
        var key = HostIds.Require(orderId);
        var order = await db.SalesOrders.SingleAsync(o => o.Id == key, cancellationToken);
        var deliveries = await db.Deliveries.Where(d => d.SalesOrderId == key).ToListAsync(cancellationToken);
        if (deliveries.Any(d => d.State == DeliveryState.Done))
        {
            return false;
        }

        deliveries.ForEach(d => d.State = DeliveryState.Cancelled);
        order.State = SalesOrderState.Cancelled;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, AmazonHostOrder>> FindByReferencesAsync(string origin, IReadOnlyCollection<string> clientReferences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientReferences);
        var orders = await db.SalesOrders.AsNoTracking().Where(o => o.Origin == origin && o.ClientReference != null && clientReferences.Contains(o.ClientReference))
            .Select(o => new { Order = o, Delivered = db.Deliveries.Any(d => d.SalesOrderId == o.Id && d.State == DeliveryState.Done) })
            .ToListAsync(cancellationToken);
        return orders.ToDictionary(o => o.Order.ClientReference!, o => ToPort(o.Order, o.Delivered), StringComparer.Ordinal);
    }

    private async Task ApplyAsync(SalesOrder order, AmazonHostOrderDraft draft, CancellationToken cancellationToken)
    {
        order.ClientReference = draft.ClientReference;
        order.CustomerId = HostIds.Require(draft.CustomerId);
        order.DeliveryAddressId = HostIds.Require(draft.DeliveryAddressId);
        order.FiscalPositionId = HostIds.Parse(draft.FiscalPositionId);
        order.OrderDate = draft.OrderDate.ToUniversalTime();
        order.CompanyId = HostIds.Parse(draft.CompanyId);
        order.Salesperson = draft.Salesperson;
        order.SalesTeam = draft.SalesTeam;
        order.Note = draft.Note;

        var known = (await reference.GetAsync(db, cancellationToken)).Taxes;
        var taxById = draft.Lines.SelectMany(l => l.TaxIds).Distinct(StringComparer.Ordinal)
            .ToDictionary(id => id, id => HostIds.Parse(id) is { } key && known.TryGetValue(key, out var t) ? HostTaxes.ToPort(t) : throw new ArgumentException($"Tax {id} does not exist.", nameof(draft)), StringComparer.Ordinal);
        var wanted = draft.Lines.Select(l => l.ExternalLineId).ToHashSet(StringComparer.Ordinal);
        order.Lines.RemoveAll(l => !wanted.Contains(l.ExternalLineId));
        foreach (var draftLine in draft.Lines)
        {
            var line = order.Lines.SingleOrDefault(l => l.ExternalLineId == draftLine.ExternalLineId);
            if (line is null)
            {
                line = new SalesOrderLine { ExternalLineId = draftLine.ExternalLineId, Description = draftLine.Description };
                order.Lines.Add(line);
            }

            var amounts = taxes.ComputeLineFromTotal(draftLine.TotalIncludingTax, draftLine.TaxIds.Select(id => taxById[id]).ToList(), draft.CurrencyCode);
            line.ProductId = HostIds.Require(draftLine.ProductId);
            line.Description = draftLine.Description;
            line.Quantity = draftLine.Quantity;
            line.Discount = draftLine.Discount;
            line.UntaxedAmount = amounts.Untaxed;
            line.TaxAmount = amounts.Tax;
            line.Total = amounts.Total;
            line.TaxIds = string.Join(',', draftLine.TaxIds);
        }

        order.UntaxedAmount = order.Lines.Sum(l => l.UntaxedAmount);
        order.TaxAmount = order.Lines.Sum(l => l.TaxAmount);
        order.Total = order.Lines.Sum(l => l.Total);
    }

    private static StockMove Move(AmazonHostDeliveryLine line) =>
        new() { ProductId = HostIds.Require(line.ProductId), Quantity = line.Quantity, ExternalLineId = line.ExternalLineId };

    private static AmazonHostOrder ToPort(SalesOrder order, bool hasDeliveredGoods)
    {
        var state = order.State switch
        {
            SalesOrderState.Done => AmazonHostOrderState.Done,
            SalesOrderState.Cancelled => AmazonHostOrderState.Cancelled,
            _ => AmazonHostOrderState.Confirmed,
        };
        return new AmazonHostOrder(HostIds.Of(order.Id), order.Name, state, order.CurrencyCode, order.UntaxedAmount, order.TaxAmount, order.Total, hasDeliveredGoods);
    }
}
