using ErpAmazonModule.Accounts;
using ErpAmazonModule.Amazon;
using ErpAmazonModule.Hosting;
using ErpAmazonModule.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ErpAmazonModule.Sync;

/// <summary>What processing an order did.</summary>
public enum AmazonOrderOutcome
{
    Created,
    Updated,
    Skipped,
    Failed,
}

/// <summary>
/// Processes one Amazon order: decides from its status what the ERP must hold, asks the host through the contract,
/// then records the link in one transaction. Every host write is safe to repeat (orders are found by reference,
/// deliveries and shipments state totals), so a crash anywhere is mended by the next run and nothing happens twice.
/// </summary>
public sealed partial class AmazonOrderProcessor(
    AmazonDbContext db,
    IAmazonOrderSource source,
    AmazonOrderMapper mapper,
    IAmazonHostSalesOrders salesOrders,
    IAmazonHostDeliveries deliveries,
    TimeProvider time,
    ILogger<AmazonOrderProcessor> logger)
{
    /// <summary>
    /// Processes <paramref name="order"/>. Deciding that an order is unchanged (and skipping it without fetching its items)
    /// is the caller's, done for a whole page at once with <see cref="IsUnchanged"/>.
    /// </summary>
    public async Task<AmazonOrderOutcome> ProcessAsync(AmazonAccountEntity account, AmazonSellerContext seller, AmazonOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(order);
        var link = await FindLinkAsync(account.Id, order.AmazonOrderId, cancellationToken);
        try
        {
            var isNew = link is null;
            link ??= db.OrderLinks.Add(new AmazonOrderLinkEntity { AccountId = account.Id, AmazonOrderId = order.AmazonOrderId }).Entity;
            var created = await ApplyAsync(account, seller, order, link, cancellationToken);
            link.MarketplaceId = order.MarketplaceId;
            link.AmazonStatus = order.Status;
            link.FulfillmentChannel = order.FulfillmentChannel;
            link.PurchaseDate = order.PurchaseDate;
            link.LastUpdateDate = order.LastUpdateDate;
            link.AmazonTotal = order.Total?.Amount;
            link.CurrencyCode ??= order.Total?.CurrencyCode;
            link.LastError = null;
            link.FailedAttempts = 0;
            link.UpdatedOn = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            return created ? AmazonOrderOutcome.Created : isNew && link.SalesOrderId is null ? AmazonOrderOutcome.Skipped : AmazonOrderOutcome.Updated;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RecordFailureAsync(account.Id, order.AmazonOrderId, order.LastUpdateDate, Reason(e), cancellationToken);
            return AmazonOrderOutcome.Failed;
        }
    }

    /// <summary>True when the order was processed at this very LastUpdateDate and did not fail: nothing to do.</summary>
    public static bool IsUnchanged(AmazonOrderLinkState state, DateTimeOffset? processedLastUpdateDate, AmazonOrder order) =>
        state != AmazonOrderLinkState.Failed && processedLastUpdateDate == order.LastUpdateDate;

    /// <summary>Records an order that could not be read or processed; it is retried by id on the next runs.</summary>
    public async Task RecordFailureAsync(int accountId, string amazonOrderId, DateTimeOffset? lastUpdateDate, string reason, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var link = await FindLinkAsync(accountId, amazonOrderId, cancellationToken)
            ?? db.OrderLinks.Add(new AmazonOrderLinkEntity { AccountId = accountId, AmazonOrderId = amazonOrderId }).Entity;
        link.State = AmazonOrderLinkState.Failed;
        link.LastError = reason.Length > 2000 ? reason[..2000] : reason;
        link.FailedAttempts++;
        link.LastUpdateDate ??= lastUpdateDate;
        link.UpdatedOn = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        LogFailed(logger, amazonOrderId, reason);
    }

    /// <summary>Returns true when a sales order was created.</summary>
    private async Task<bool> ApplyAsync(AmazonAccountEntity account, AmazonSellerContext seller, AmazonOrder order, AmazonOrderLinkEntity link, CancellationToken cancellationToken)
    {
        switch (order.Status)
        {
            case AmazonOrderStatus.Pending or AmazonOrderStatus.PendingAvailability:
                link.State = link.SalesOrderId is null ? AmazonOrderLinkState.Pending : link.State;
                return false;
            case AmazonOrderStatus.Unfulfillable:
                link.State = AmazonOrderLinkState.Unfulfillable;
                return false;
            case AmazonOrderStatus.Canceled:
                var salesOrderId = link.SalesOrderId ?? (await salesOrders.FindByReferenceAsync(AmazonOrderMapper.Origin(account.Id), order.AmazonOrderId, cancellationToken))?.Id;
                link.SalesOrderId = salesOrderId;
                link.State = salesOrderId is null || await salesOrders.CancelAsync(salesOrderId.Value, cancellationToken)
                    ? AmazonOrderLinkState.Canceled
                    : AmazonOrderLinkState.NeedsReturn;
                return false;
            case AmazonOrderStatus.Unshipped when order.FulfillmentChannel == AmazonFulfillmentChannel.Amazon:
                // FBA orders are imported once Amazon ships them.
                link.State = link.SalesOrderId is null ? AmazonOrderLinkState.Pending : link.State;
                return false;
        }

        var items = await source.ListItemsAsync(seller, order.AmazonOrderId, cancellationToken);
        var mapped = await mapper.MapAsync(account, order, items, cancellationToken);
        var existing = link.SalesOrderId is { } known
            ? await salesOrders.FindAsync(known, cancellationToken)
            : await salesOrders.FindByReferenceAsync(mapped.Draft.Origin, mapped.Draft.ClientReference, cancellationToken);
        var created = existing is null;
        var hostOrder = existing is null
            ? await salesOrders.CreateConfirmedAsync(mapped.Draft, cancellationToken)
            : existing.State == AmazonHostOrderState.Cancelled ? existing : await salesOrders.UpdateAsync(existing.Id, mapped.Draft, cancellationToken);

        var productLines = mapped.Items.Select(i => (Item: i, Line: mapped.Draft.Lines.Single(l => l.ExternalLineId == i.OrderItemId + ":item"))).ToList();
        if (order.FulfillmentChannel == AmazonFulfillmentChannel.Amazon)
        {
            await deliveries.RecordAmazonFulfilledAsync(hostOrder.Id,
                productLines.Select(p => new AmazonHostDeliveryLine(p.Line.ProductId, order.Status == AmazonOrderStatus.Shipped ? p.Item.QuantityOrdered : p.Item.QuantityShipped, p.Line.ExternalLineId)).ToList(),
                cancellationToken);
        }
        else if (created || existing?.HasDeliveredGoods == false)
        {
            await deliveries.CreateDeliveryAsync(hostOrder.Id, productLines.Select(p => new AmazonHostDeliveryLine(p.Line.ProductId, p.Item.QuantityOrdered, p.Line.ExternalLineId)).ToList(), cancellationToken);
        }

        link.SalesOrderId = hostOrder.Id;
        link.State = AmazonOrderLinkState.Imported;
        link.ErpTotal = mapped.ErpTotal;
        link.TaxDifference = mapped.TaxDifference;
        link.CurrencyCode = mapped.CurrencyCode;
        foreach (var item in mapped.Items)
        {
            var current = link.Items.SingleOrDefault(i => i.OrderItemId == item.OrderItemId);
            if (current is null)
            {
                link.Items.Add(item);
            }
            else
            {
                current.Sku = item.Sku;
                current.ProductId = item.ProductId;
                current.QuantityOrdered = item.QuantityOrdered;
                current.QuantityShipped = item.QuantityShipped;
            }
        }

        return created;
    }

    private Task<AmazonOrderLinkEntity?> FindLinkAsync(int accountId, string amazonOrderId, CancellationToken cancellationToken) =>
        db.OrderLinks.Include(l => l.Items).SingleOrDefaultAsync(l => l.AccountId == accountId && l.AmazonOrderId == amazonOrderId, cancellationToken);

    private static string Reason(Exception e) => e switch
    {
        Amazon.Mws.AmazonMwsException amazon => $"Amazon answered {amazon.Action} with {amazon.Code}: {amazon.AmazonMessage}",
        Amazon.Mws.AmazonMwsFormatException format => format.Message,
        DbUpdateException => "The order could not be saved (it may have been processed at the same moment); it is retried on the next run.",
        _ => e.Message,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Amazon order {AmazonOrderId} failed and will be retried: {Reason}")]
    private static partial void LogFailed(ILogger logger, string amazonOrderId, string reason);
}
