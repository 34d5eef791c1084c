using ErpAmazonModule.Hosting;

namespace ErpAmazonModule.Host.Ports;

/// <summary>What the warehouse enters when it validates a delivery: the carrier and tracking, and what it ships now.</summary>
public sealed record DeliveryValidation(string? Carrier, string? ShippingMethod, string? TrackingNumber, DateTimeOffset? ShipDate, IReadOnlyList<DeliveryValidationLine>? Lines);

/// <summary>A quantity of a delivery's line shipped now (less than the line: the rest stays in a backorder).</summary>
public sealed record DeliveryValidationLine(string? ExternalLineId, decimal Quantity);

/// <summary>Why a validation was refused.</summary>
public enum DeliveryValidationOutcome
{
    Validated,
    NotFound,
    NotReady,
    Invalid,
}

/// <summary>
/// The warehouse validates deliveries here: the goods leave with a carrier. Nothing here calls Amazon or waits for the
/// connector; the connector reads validated deliveries through <see cref="IAmazonHostShipments"/> (ADR 0012).
/// </summary>
public sealed class HostShipments(HostDbContext db, HostReferenceData reference, TimeProvider time) : IAmazonHostShipments
{
    public const int MaxLength = 64;

    /// <summary>
    /// Validates delivery <paramref name="deliveryId"/>: all its moves, or the quantities <paramref name="validation"/> lists
    /// (the rest goes to a new ready delivery, a backorder); the order's delivered quantities follow. One save: all or nothing.
    /// </summary>
    public async Task<(DeliveryValidationOutcome Outcome, string? Reason, Delivery? Delivery)> ValidateAsync(int deliveryId, DeliveryValidation validation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(validation);
        var delivery = await db.Deliveries.Include(d => d.Moves).SingleOrDefaultAsync(d => d.Id == deliveryId, cancellationToken);
        if (delivery is null)
        {
            return (DeliveryValidationOutcome.NotFound, $"No delivery has the id {deliveryId}.", null);
        }

        if (delivery.State != DeliveryState.Ready)
        {
            return (DeliveryValidationOutcome.NotReady, $"Delivery {delivery.Name} is {delivery.State}: only a ready delivery can be validated.", null);
        }

        var problem = string.IsNullOrWhiteSpace(validation.Carrier) ? "Carrier is required: the carrier the parcel left with (for example DHL, UPS, Royal Mail)."
            : new[] { ("Carrier", validation.Carrier), ("ShippingMethod", validation.ShippingMethod), ("TrackingNumber", validation.TrackingNumber) }
                .Where(f => f.Item2 is { Length: > MaxLength }).Select(f => $"{f.Item1} is longer than {MaxLength} characters.").FirstOrDefault();
        var shipped = delivery.Moves.ToDictionary(m => m.ExternalLineId, m => m.Quantity, StringComparer.Ordinal);
        if (problem is null && validation.Lines is { } lines)
        {
            shipped.Clear();
            foreach (var line in lines)
            {
                var move = delivery.Moves.SingleOrDefault(m => m.ExternalLineId == line.ExternalLineId);
                problem = move is null ? $"Lines: '{line.ExternalLineId}' is not a line of delivery {delivery.Name}."
                    : shipped.ContainsKey(move.ExternalLineId) ? $"Lines: '{line.ExternalLineId}' is listed twice."
                    : line.Quantity <= 0 || line.Quantity > move.Quantity || decimal.Truncate(line.Quantity) != line.Quantity ? $"Lines: the quantity of '{line.ExternalLineId}' must be a whole number from 1 to {move.Quantity:0.##}."
                    : null;
                if (problem is not null)
                {
                    break;
                }

                shipped[move!.ExternalLineId] = line.Quantity;
            }

            problem ??= shipped.Count == 0 ? "Lines: list at least one line to ship, or leave Lines out to ship everything." : null;
        }

        if (problem is not null)
        {
            return (DeliveryValidationOutcome.Invalid, problem, null);
        }

        var rest = delivery.Moves.Select(m => (Move: m, Left: m.Quantity - shipped.GetValueOrDefault(m.ExternalLineId))).Where(x => x.Left > 0).ToList();
        if (rest.Count > 0)
        {
            var backorder = await HostDeliveries.NewAsync(db, reference, delivery.SalesOrderId, HostDeliveries.StockLocation, DeliveryState.Ready, cancellationToken);
            backorder.BackorderOfId = delivery.Id;
            backorder.Moves.AddRange(rest.Select(x => new StockMove { ProductId = x.Move.ProductId, Quantity = x.Left, ExternalLineId = x.Move.ExternalLineId }));
        }

        foreach (var move in delivery.Moves.ToList())
        {
            move.Quantity = shipped.GetValueOrDefault(move.ExternalLineId);
            if (move.Quantity == 0)
            {
                delivery.Moves.Remove(move);
                db.StockMoves.Remove(move);
            }
        }

        var order = await db.SalesOrders.Include(o => o.Lines).SingleAsync(o => o.Id == delivery.SalesOrderId, cancellationToken);
        foreach (var line in order.Lines)
        {
            line.DeliveredQuantity += shipped.GetValueOrDefault(line.ExternalLineId);
        }

        if (order.State == SalesOrderState.Confirmed && order.Lines.Where(l => l.Quantity > 0).All(l => l.DeliveredQuantity >= l.Quantity))
        {
            order.State = SalesOrderState.Done;
        }

        var now = time.GetUtcNow();
        delivery.State = DeliveryState.Done;
        delivery.ValidatedOn = now;
        delivery.ShipDate = validation.ShipDate ?? now;
        delivery.Carrier = validation.Carrier!.Trim();
        delivery.ShippingMethod = string.IsNullOrWhiteSpace(validation.ShippingMethod) ? null : validation.ShippingMethod.Trim();
        delivery.TrackingNumber = string.IsNullOrWhiteSpace(validation.TrackingNumber) ? null : validation.TrackingNumber.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return (DeliveryValidationOutcome.Validated, null, delivery);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AmazonHostValidatedDelivery>> ListValidatedAsync(string origin, DateTimeOffset validatedSince, int max, CancellationToken cancellationToken)
    {
        // One query: the deliveries of the origin's orders with their moves and their order's client reference.
        var rows = await (
                from d in db.Deliveries
                join o in db.SalesOrders on d.SalesOrderId equals o.Id
                where d.State == DeliveryState.Done && d.ValidatedOn != null && d.ValidatedOn >= validatedSince && o.Origin == origin
                orderby d.ValidatedOn, d.Id
                select new { d.Id, d.SalesOrderId, d.ValidatedOn, d.ShipDate, d.Carrier, d.ShippingMethod, d.TrackingNumber, o.ClientReference, Moves = d.Moves.Select(m => new { m.ExternalLineId, m.Quantity }).ToList() })
            .Take(max)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(d => new AmazonHostValidatedDelivery(
            HostIds.Of(d.Id), HostIds.Of(d.SalesOrderId), d.ValidatedOn!.Value, d.ShipDate ?? d.ValidatedOn.Value, d.Carrier, d.ShippingMethod, d.TrackingNumber,
            [.. d.Moves.Select(m => new AmazonHostShippedLine(m.ExternalLineId, m.Quantity))], d.ClientReference))];
    }
}
