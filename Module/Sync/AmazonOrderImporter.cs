using ErpAmazonModule.Amazon;
using ErpAmazonModule.Hosting;
using ErpAmazonModule.Offers;
using ErpAmazonModule.Persistence;

namespace ErpAmazonModule.Sync;

/// <summary>What importing an order did.</summary>
public enum AmazonOrderOutcome
{
    Created,
    Updated,
    Skipped,
    Failed,
}

/// <summary>
/// Imports one Amazon order into the ERP: decides from its status what the ERP must hold, asks the host through the
/// contract (creating the customer, the sales order and the delivery as needed), then writes the order's link, item
/// links and automatic offers in one <c>SaveChanges</c>. It is resolved in a fresh scope for every order, so its module and
/// host contexts hold nothing of other orders and whatever a failing host call left behind is thrown away with the scope.
/// Every host write is safe to repeat (ADR 0005): a crash anywhere is mended by the next run and nothing happens twice.
/// </summary>
public sealed class AmazonOrderImporter(
    AmazonDbContext db,
    IAmazonHostUnitOfWork hostUnitOfWork,
    IAmazonHostPartners partners,
    IAmazonHostTaxes taxes,
    IAmazonHostSalesOrders salesOrders,
    IAmazonHostDeliveries deliveries,
    TimeProvider time)
{
    /// <summary>Imports <paramref name="order"/> (with its <paramref name="items"/> when its status needs a sales order).</summary>
    public async Task<AmazonOrderOutcome> ImportAsync(AmazonSyncRunContext run, AmazonPageLookups page, AmazonOrder order, IReadOnlyList<AmazonOrderItem>? items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(order);
        var isNew = !page.Links.TryGetValue(order.AmazonOrderId, out var known);
        var link = known is null ? new AmazonOrderLinkEntity { AccountId = run.Account.Id, AmazonOrderId = order.AmazonOrderId } : Copy(known);
        if (isNew)
        {
            db.OrderLinks.Add(link);
        }
        else
        {
            db.OrderLinks.Attach(link);
        }

        var (created, newOffers) = await ApplyAsync(run, page, order, items, link, cancellationToken);
        link.MarketplaceId = order.MarketplaceId;
        link.AmazonStatus = order.Status;
        link.FulfillmentChannel = order.FulfillmentChannel;
        link.PurchaseDate = order.PurchaseDate;
        link.LastUpdateDate = order.LastUpdateDate;
        link.AmazonTotal = order.Total?.Amount;
        link.CurrencyCode ??= order.Total?.CurrencyCode;
        link.LastError = null;
        link.FailedAttempts = 0;
        link.FailedUpdateDate = null;
        link.NextAttemptOn = null;
        link.UpdatedOn = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        page.RememberOffers(newOffers);
        return created ? AmazonOrderOutcome.Created : isNew && link.SalesOrderId is null ? AmazonOrderOutcome.Skipped : AmazonOrderOutcome.Updated;
    }

    /// <summary>True when the order's status needs a sales order (and so its items).</summary>
    public static bool NeedsSalesOrder(AmazonOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.Status switch
        {
            AmazonOrderStatus.Pending or AmazonOrderStatus.PendingAvailability or AmazonOrderStatus.Unfulfillable or AmazonOrderStatus.Canceled => false,
            // FBA orders are imported once Amazon ships them.
            AmazonOrderStatus.Unshipped => order.FulfillmentChannel == AmazonFulfillmentChannel.Merchant,
            _ => true,
        };
    }

    /// <summary>Returns whether a sales order was created, and the SKUs that got an automatic offer.</summary>
    private async Task<(bool Created, IReadOnlyList<string> NewOffers)> ApplyAsync(
        AmazonSyncRunContext run, AmazonPageLookups page, AmazonOrder order, IReadOnlyList<AmazonOrderItem>? items, AmazonOrderLinkEntity link, CancellationToken cancellationToken)
    {
        var existing = page.SalesOrders.GetValueOrDefault(order.AmazonOrderId);
        if (!NeedsSalesOrder(order))
        {
            link.State = order.Status switch
            {
                AmazonOrderStatus.Unfulfillable => AmazonOrderLinkState.Unfulfillable,
                AmazonOrderStatus.Canceled => await CancelAsync(link, existing, cancellationToken),
                _ => link.SalesOrderId is null ? AmazonOrderLinkState.Pending : link.State,
            };
            return (false, []);
        }

        ArgumentNullException.ThrowIfNull(items);
        var marketplace = run.Marketplaces.GetValueOrDefault(order.MarketplaceId);
        var buyer = AmazonSalesOrderBuilder.BuyerOf(order, run.AnonymousScope, marketplace?.CountryCode);
        var created = existing is null;

        // The order's customer, sales order and delivery are written in one unit of work of the host's.
        var (hostOrder, plan, buyerIds) = await hostUnitOfWork.ExecuteAsync(async ct =>
        {
            var ids = await BuyerAsync(run, page, buyer, ct);
            var fiscalPosition = await taxes.GetFiscalPositionAsync(ids.CustomerId, ids.DeliveryAddressId, ct);
            var plan = AmazonSalesOrderBuilder.Build(new AmazonSalesOrderInput(
                order, items, marketplace?.PricesIncludeTax ?? true, marketplace?.CurrencyCode, run.Origin,
                run.Account.CompanyId, run.Account.Salesperson, run.Account.SalesTeam, ids, fiscalPosition, page.Products,
                await ProductTaxesAsync(run, page.Products.ProductIdsFor(order, items), fiscalPosition, ct)), taxes);
            var hostOrder = existing is null
                ? await salesOrders.CreateConfirmedAsync(plan.Draft, ct)
                : existing.State == AmazonHostOrderState.Cancelled ? existing : await salesOrders.UpdateAsync(existing.Id, plan.Draft, ct);
            if (order.FulfillmentChannel == AmazonFulfillmentChannel.Amazon)
            {
                var shipped = plan.Items.Select(p => new AmazonHostDeliveryLine(p.Line.ProductId, order.Status == AmazonOrderStatus.Shipped ? p.Item.QuantityOrdered : p.Item.QuantityShipped, p.Line.ExternalLineId)).ToList();
                await deliveries.RecordAmazonFulfilledAsync(hostOrder.Id, shipped, ct);
            }

            return (hostOrder, plan, ids);
        }, cancellationToken);
        Remember(run, page, buyer, buyerIds);

        link.SalesOrderId = hostOrder.Id;
        link.State = AmazonOrderLinkState.Imported;
        // Read again after its buyer's data was erased (Amazon changed the order): the buyer may be back in the ERP, so
        // the next data protection run erases it again.
        link.BuyerDataErasedOn = null;
        link.ErpTotal = plan.ErpTotal;
        link.TaxDifference = plan.TaxDifference;
        link.CurrencyCode = plan.CurrencyCode;
        foreach (var p in plan.Items)
        {
            var current = link.Items.SingleOrDefault(i => i.OrderItemId == p.Item.OrderItemId);
            if (current is null)
            {
                link.Items.Add(current = new AmazonOrderItemLinkEntity { OrderItemId = p.Item.OrderItemId, Sku = p.Item.SellerSku, ProductId = p.Line.ProductId });
            }

            current.Sku = p.Item.SellerSku;
            current.ProductId = p.Line.ProductId;
            current.QuantityOrdered = p.Item.QuantityOrdered;
            current.QuantityShipped = p.Item.QuantityShipped;
        }

        var newOffers = plan.Items.Where(p => p.NeedsOffer && !page.HasOffer(p.Item.SellerSku)).Select(p => (p.Item.SellerSku, p.Line.ProductId)).DistinctBy(o => o.SellerSku).ToList();
        var now = time.GetUtcNow();
        db.Offers.AddRange(newOffers.Select(o => new AmazonOfferEntity
        {
            AccountId = run.Account.Id,
            Sku = o.SellerSku,
            ProductId = o.ProductId,
            Origin = AmazonOfferOrigin.Automatic,
            CreatedOn = now,
            UpdatedOn = now,
            Version = Guid.NewGuid(),
        }));
        return (created, newOffers.Select(o => o.SellerSku).ToList());
    }

    private async Task<AmazonOrderLinkState> CancelAsync(AmazonOrderLinkEntity link, AmazonHostOrder? existing, CancellationToken cancellationToken)
    {
        link.SalesOrderId ??= existing?.Id;
        return link.SalesOrderId is not { } salesOrderId || await salesOrders.CancelAsync(salesOrderId, cancellationToken)
            ? AmazonOrderLinkState.Canceled
            : AmazonOrderLinkState.NeedsReturn;
    }

    private async Task<AmazonHostBuyerIds> BuyerAsync(AmazonSyncRunContext run, AmazonPageLookups page, AmazonHostBuyer buyer, CancellationToken cancellationToken) =>
        buyer.Customer is null
            ? run.AnonymousBuyers.TryGetValue(buyer.DeliveryAddress, out var anonymous) ? anonymous : await partners.FindOrCreateBuyerAsync(buyer, cancellationToken)
            : page.TryGetBuyer(buyer, out var ids) ? ids : await partners.FindOrCreateBuyerAsync(buyer, cancellationToken);

    /// <summary>Partners the host committed are reused by the next orders of the page (a known buyer) or of the run (the anonymous one).</summary>
    private static void Remember(AmazonSyncRunContext run, AmazonPageLookups page, AmazonHostBuyer buyer, AmazonHostBuyerIds ids)
    {
        if (buyer.Customer is null)
        {
            run.AnonymousBuyers[buyer.DeliveryAddress] = ids;
        }
        else
        {
            page.RememberBuyer(buyer, ids);
        }
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<AmazonHostTax>>> ProductTaxesAsync(AmazonSyncRunContext run, IEnumerable<string> productIds, string? fiscalPosition, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, IReadOnlyList<AmazonHostTax>>(StringComparer.Ordinal);
        foreach (var productId in productIds.Distinct(StringComparer.Ordinal))
        {
            if (!run.ProductTaxes.TryGetValue((productId, fiscalPosition), out var productTaxes))
            {
                run.ProductTaxes[(productId, fiscalPosition)] = productTaxes = await taxes.GetProductTaxesAsync(productId, fiscalPosition, cancellationToken);
            }

            result[productId] = productTaxes;
        }

        return result;
    }

    private static AmazonOrderLinkEntity Copy(AmazonOrderLinkEntity link) => new()
    {
        Id = link.Id,
        AccountId = link.AccountId,
        AmazonOrderId = link.AmazonOrderId,
        MarketplaceId = link.MarketplaceId,
        AmazonStatus = link.AmazonStatus,
        FulfillmentChannel = link.FulfillmentChannel,
        PurchaseDate = link.PurchaseDate,
        LastUpdateDate = link.LastUpdateDate,
        SalesOrderId = link.SalesOrderId,
        AmazonTotal = link.AmazonTotal,
        ErpTotal = link.ErpTotal,
        TaxDifference = link.TaxDifference,
        CurrencyCode = link.CurrencyCode,
        State = link.State,
        LastError = link.LastError,
        FailedAttempts = link.FailedAttempts,
        FailedUpdateDate = link.FailedUpdateDate,
        NextAttemptOn = link.NextAttemptOn,
        UpdatedOn = link.UpdatedOn,
        Items = link.Items.Select(i => new AmazonOrderItemLinkEntity
        {
            Id = i.Id,
            OrderLinkId = i.OrderLinkId,
            OrderItemId = i.OrderItemId,
            Sku = i.Sku,
            ProductId = i.ProductId,
            QuantityOrdered = i.QuantityOrdered,
            QuantityShipped = i.QuantityShipped,
        }).ToList(),
    };
}
