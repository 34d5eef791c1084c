using System.Xml.Linq;
using ErpAmazonModule.Sandbox.Store;

namespace ErpAmazonModule.Sandbox.Mws;

/// <summary>Orders API 2013-09-01: ListOrders, ListOrdersByNextToken, GetOrder, ListOrderItems, ListOrderItemsByNextToken.</summary>
public sealed class OrdersSection(SandboxStore store) : ISandboxSection
{
    public static readonly XNamespace Ns = "https://mws.amazonservices.com/Orders/2013-09-01";
    private static readonly HashSet<string> Statuses = ["PendingAvailability", "Pending", "Unshipped", "PartiallyShipped", "Shipped", "Canceled", "Unfulfillable"];

    private sealed record OrdersPage(List<string> OrderIds, int PageSize, string BeforeName, DateTimeOffset Before, string SellerId);

    private sealed record ItemsPage(string AmazonOrderId, int Offset, string SellerId);

    public string Path => "/Orders/2013-09-01";
    public string Version => "2013-09-01";
    public XNamespace Namespace => Ns;
    public IReadOnlyCollection<string> Actions { get; } = ["ListOrders", "ListOrdersByNextToken", "GetOrder", "ListOrderItems", "ListOrderItemsByNextToken"];

    public XDocument Handle(SandboxRequest request, string requestId) => SandboxXml.Response(Ns, request.Action, Result(request), requestId);

    private XElement Result(SandboxRequest request) => request.Action switch
    {
        "ListOrders" => ListOrders(request),
        "ListOrdersByNextToken" => OrdersPageResult(request, store.TakePage<OrdersPage>(request.Required("NextToken")) is { } page && page.SellerId == request.SellerId
            ? page
            : throw SandboxMwsError.NextTokenCorrupted()),
        "GetOrder" => GetOrder(request),
        "ListOrderItems" => ItemsResult(request, new ItemsPage(request.Required("AmazonOrderId"), 0, request.SellerId)),
        _ => ItemsResult(request, store.TakePage<ItemsPage>(request.Required("NextToken")) is { } items && items.SellerId == request.SellerId
            ? items
            : throw SandboxMwsError.NextTokenCorrupted()),
    };

    private XElement ListOrders(SandboxRequest request)
    {
        var createdAfter = request.Date("CreatedAfter");
        var updatedAfter = request.Date("LastUpdatedAfter");
        if (createdAfter is null == updatedAfter is null)
        {
            throw SandboxMwsError.InvalidParameter("Exactly one of CreatedAfter and LastUpdatedAfter must be specified.");
        }

        if (createdAfter is not null && (request.Get("LastUpdatedBefore") is not null))
        {
            throw SandboxMwsError.InvalidParameter("LastUpdatedBefore can only be used with LastUpdatedAfter.");
        }

        if (updatedAfter is not null && (request.Get("CreatedBefore") is not null))
        {
            throw SandboxMwsError.InvalidParameter("CreatedBefore can only be used with CreatedAfter.");
        }

        var latest = request.Now.AddMinutes(-2);
        var (afterName, after, beforeName) = createdAfter is { } c ? ("CreatedAfter", c, "CreatedBefore") : ("LastUpdatedAfter", updatedAfter!.Value, "LastUpdatedBefore");
        var before = request.Date(beforeName) ?? latest;
        if (after > latest)
        {
            throw SandboxMwsError.InvalidParameter($"{afterName} must be no later than two minutes before the time the request was submitted.");
        }

        if (before > latest || before <= after)
        {
            throw SandboxMwsError.InvalidParameter($"{beforeName} must be after {afterName} and no later than two minutes before the time the request was submitted.");
        }

        var marketplaces = request.List("MarketplaceId.Id");
        if (marketplaces.Count is 0 or > 50)
        {
            throw SandboxMwsError.InvalidParameter("MarketplaceId.Id.N is required, 1 to 50 marketplaces.");
        }

        var seller = store.Seller(request.SellerId)!;
        if (marketplaces.FirstOrDefault(m => !seller.MarketplaceIds.Contains(m)) is { } foreign)
        {
            throw SandboxMwsError.InvalidParameter($"Invalid MarketplaceId {foreign}: the seller is not registered in it.");
        }

        var statuses = request.List("OrderStatus.Status");
        if (statuses.FirstOrDefault(s => !Statuses.Contains(s)) is { } badStatus)
        {
            throw SandboxMwsError.InvalidParameter($"Invalid OrderStatus {badStatus}.");
        }

        if (statuses.Contains("Unshipped") != statuses.Contains("PartiallyShipped"))
        {
            throw SandboxMwsError.InvalidParameter("Unshipped and PartiallyShipped must be used together.");
        }

        var channels = request.List("FulfillmentChannel.Channel");
        if (channels.FirstOrDefault(ch => ch is not ("AFN" or "MFN")) is { } badChannel)
        {
            throw SandboxMwsError.InvalidParameter($"Invalid FulfillmentChannel {badChannel}: AFN or MFN.");
        }

        var pageSize = request.Int("MaxResultsPerPage", 1, 100, 100);
        var ids = Select(store, request.SellerId, request.Now, marketplaces, createdAfter is not null, after, before, statuses, channels);
        return OrdersPageResult(request, new OrdersPage(ids, pageSize, beforeName, before, request.SellerId));
    }

    /// <summary>
    /// The seller's orders in <paramref name="marketplaces"/> created (or last updated) in [after, before), oldest first,
    /// optionally of some statuses and fulfillment channels: what a listing of orders returns, whatever the protocol.
    /// </summary>
    public static List<string> Select(SandboxStore store, string sellerId, DateTimeOffset now, IReadOnlyCollection<string> marketplaces, bool byCreation,
        DateTimeOffset after, DateTimeOffset before, IReadOnlyCollection<string> statuses, IReadOnlyCollection<string> channels)
    {
        ArgumentNullException.ThrowIfNull(store);
        DateTimeOffset Key(SandboxOrder o) => byCreation ? o.PurchaseDate : o.LastUpdateDateAt(now);
        return store.Orders(sellerId)
            .Where(o => marketplaces.Contains(o.MarketplaceId))
            .Where(o => Key(o) >= after && Key(o) < before)
            .Where(o => statuses.Count == 0 || statuses.Contains(o.StatusAt(now).Status))
            .Where(o => channels.Count == 0 || channels.Contains(o.FulfillmentChannel))
            .OrderBy(Key).ThenBy(o => o.AmazonOrderId, StringComparer.Ordinal)
            .Select(o => o.AmazonOrderId).ToList();
    }

    private XElement OrdersPageResult(SandboxRequest request, OrdersPage page)
    {
        var thisPage = page.OrderIds.Take(page.PageSize).ToList();
        var rest = page.OrderIds.Skip(page.PageSize).ToList();
        var token = rest.Count > 0 ? store.SavePage(page with { OrderIds = rest }) : null;
        return new XElement(Ns + (request.Action + "Result"),
            SandboxXml.Opt(Ns, "NextToken", token),
            SandboxXml.Opt(Ns, page.BeforeName, page.Before),
            new XElement(Ns + "Orders", thisPage.Select(id => store.Order(request.SellerId, id)).OfType<SandboxOrder>().Select(o => OrderXml(o, request.Now))));
    }

    private XElement GetOrder(SandboxRequest request)
    {
        var ids = request.List("AmazonOrderId.Id");
        if (ids.Count is 0 or > 50)
        {
            throw SandboxMwsError.InvalidParameter("AmazonOrderId.Id.N is required, 1 to 50 order ids.");
        }

        return new XElement(Ns + "GetOrderResult",
            new XElement(Ns + "Orders", ids.Select(id => store.Order(request.SellerId, id)).OfType<SandboxOrder>().Select(o => OrderXml(o, request.Now))));
    }

    private XElement ItemsResult(SandboxRequest request, ItemsPage page)
    {
        var order = store.Order(request.SellerId, page.AmazonOrderId)
            ?? throw SandboxMwsError.InvalidParameter($"Invalid AmazonOrderId {page.AmazonOrderId}.");
        var size = store.Options.OrderItemsPageSize;
        var status = order.StatusAt(request.Now).Status;
        var items = order.Items.Skip(page.Offset).Take(size).ToList();
        var token = page.Offset + size < order.Items.Count ? store.SavePage(page with { Offset = page.Offset + size }) : null;
        var shippedUnits = order.StatusAt(request.Now).ItemsShipped;
        return new XElement(Ns + (request.Action + "Result"),
            SandboxXml.Opt(Ns, "NextToken", token),
            new XElement(Ns + "AmazonOrderId", order.AmazonOrderId),
            new XElement(Ns + "OrderItems", items.Select(i => ItemXml(i, status, ShippedOf(order, i, shippedUnits)))));
    }

    /// <summary>Units of <paramref name="item"/> shipped when <paramref name="shippedUnits"/> of the order's have left, items in order.</summary>
    public static int ShippedOf(SandboxOrder order, SandboxOrderItem item, int shippedUnits)
    {
        ArgumentNullException.ThrowIfNull(order);
        foreach (var i in order.Items)
        {
            var take = Math.Min(i.QuantityOrdered, shippedUnits);
            if (ReferenceEquals(i, item))
            {
                return Math.Max(take, item.QuantityShipped);
            }

            shippedUnits -= take;
        }

        return 0;
    }

    private XElement OrderXml(SandboxOrder order, DateTimeOffset now)
    {
        var (status, pending, paid, units, shipped, marketplace) = order.ViewAt(now);
        var pii = !pending && !order.WithholdBuyerData;
        var address = order.ShippingAddress;
        return new XElement(Ns + "Order",
            new XElement(Ns + "AmazonOrderId", order.AmazonOrderId),
            new XElement(Ns + "SellerOrderId", order.AmazonOrderId),
            SandboxXml.Opt(Ns, "PurchaseDate", order.PurchaseDate),
            SandboxXml.Opt(Ns, "LastUpdateDate", order.LastUpdateDateAt(now)),
            new XElement(Ns + "OrderStatus", status.Status),
            new XElement(Ns + "FulfillmentChannel", order.FulfillmentChannel),
            new XElement(Ns + "SalesChannel", marketplace.Name),
            new XElement(Ns + "ShipServiceLevel", order.ShipServiceLevel),
            pending ? null : new XElement(Ns + "ShippingAddress",
                pii ? new XElement(Ns + "Name", address.Name) : null,
                pii ? new XElement(Ns + "AddressLine1", address.AddressLine1) : null,
                pii ? SandboxXml.Opt(Ns, "AddressLine2", address.AddressLine2) : null,
                new XElement(Ns + "City", address.City),
                SandboxXml.Opt(Ns, "StateOrRegion", address.StateOrRegion),
                new XElement(Ns + "PostalCode", address.PostalCode),
                new XElement(Ns + "CountryCode", address.CountryCode),
                pii ? SandboxXml.Opt(Ns, "Phone", address.Phone) : null,
                new XElement(Ns + "AddressType", order.IsBusinessOrder ? "Commercial" : "Residential")),
            paid ? SandboxXml.Money(Ns, "OrderTotal", OrderGenerator.Total(order, marketplace.PricesIncludeTax)) : null,
            new XElement(Ns + "NumberOfItemsShipped", shipped),
            new XElement(Ns + "NumberOfItemsUnshipped", units - shipped),
            new XElement(Ns + "PaymentMethod", order.PaymentMethod),
            new XElement(Ns + "MarketplaceId", order.MarketplaceId),
            pii ? new XElement(Ns + "BuyerEmail", order.BuyerEmail) : null,
            pii ? new XElement(Ns + "BuyerName", order.BuyerName) : null,
            pii && order.BuyerVatNumber is { } vat
                ? new XElement(Ns + "BuyerTaxInfo", new XElement(Ns + "CompanyLegalName", order.BuyerName), new XElement(Ns + "TaxingRegion", address.CountryCode),
                    new XElement(Ns + "TaxClassifications", new XElement(Ns + "TaxClassification", new XElement(Ns + "Name", "VATNumber"), new XElement(Ns + "Value", vat))))
                : null,
            new XElement(Ns + "ShipmentServiceLevelCategory", order.ShipmentServiceLevelCategory),
            new XElement(Ns + "OrderType", "StandardOrder"),
            SandboxXml.Opt(Ns, "EarliestShipDate", order.PurchaseDate.AddDays(1)),
            SandboxXml.Opt(Ns, "LatestShipDate", order.PurchaseDate.AddDays(3)),
            SandboxXml.Opt(Ns, "IsBusinessOrder", order.IsBusinessOrder),
            SandboxXml.Opt(Ns, "PurchaseOrderNumber", order.PurchaseOrderNumber),
            SandboxXml.Opt(Ns, "IsPrime", order.IsPrime),
            SandboxXml.Opt(Ns, "IsPremiumOrder", false),
            SandboxXml.Opt(Ns, "IsReplacementOrder", false));
    }

    private static XElement ItemXml(SandboxOrderItem item, string status, int shipped)
    {
        var priced = status is not ("Pending" or "PendingAvailability");
        return new XElement(Ns + "OrderItem",
            new XElement(Ns + "ASIN", item.Asin),
            SandboxXml.Opt(Ns, "SellerSKU", item.SellerSku),
            new XElement(Ns + "OrderItemId", item.OrderItemId),
            new XElement(Ns + "Title", item.Title),
            new XElement(Ns + "QuantityOrdered", item.QuantityOrdered),
            new XElement(Ns + "QuantityShipped", shipped),
            priced ? SandboxXml.Money(Ns, "ItemPrice", item.ItemPrice, item.RawItemPriceAmount) : null,
            priced ? SandboxXml.Money(Ns, "ShippingPrice", item.ShippingPrice) : null,
            priced ? SandboxXml.Money(Ns, "GiftWrapPrice", item.GiftWrapPrice) : null,
            priced ? SandboxXml.Money(Ns, "ItemTax", item.ItemTax) : null,
            priced ? SandboxXml.Money(Ns, "ShippingTax", item.ShippingTax) : null,
            priced ? SandboxXml.Money(Ns, "GiftWrapTax", item.GiftWrapTax) : null,
            priced ? SandboxXml.Money(Ns, "ShippingDiscount", item.ShippingDiscount) : null,
            priced ? SandboxXml.Money(Ns, "ShippingDiscountTax", item.ShippingDiscountTax) : null,
            priced ? SandboxXml.Money(Ns, "PromotionDiscount", item.PromotionDiscount) : null,
            priced ? SandboxXml.Money(Ns, "PromotionDiscountTax", item.PromotionDiscountTax) : null,
            item.PromotionIds.Count > 0 ? new XElement(Ns + "PromotionIds", item.PromotionIds.Select(p => new XElement(Ns + "PromotionId", p))) : null,
            priced ? SandboxXml.Money(Ns, "CODFee", item.CodFee) : null,
            priced ? SandboxXml.Money(Ns, "CODFeeDiscount", item.CodFeeDiscount) : null,
            SandboxXml.Opt(Ns, "IsGift", item.IsGift),
            SandboxXml.Opt(Ns, "GiftMessageText", item.GiftMessageText),
            SandboxXml.Opt(Ns, "GiftWrapLevel", item.GiftWrapLevel),
            new XElement(Ns + "ConditionId", item.ConditionId),
            new XElement(Ns + "ConditionSubtypeId", item.ConditionId));
    }
}
