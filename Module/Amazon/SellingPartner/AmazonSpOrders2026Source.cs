using System.Net;
using System.Text.Json;
using static ErpAmazonModule.Amazon.SellingPartner.AmazonSpJson;

namespace ErpAmazonModule.Amazon.SellingPartner;

/// <summary>
/// Orders through the Selling Partner API's Orders API 2026-01-01 (<c>searchOrders</c>, <c>getOrder</c>), read into the
/// transport-neutral model. The items come inside their order, so a page is complete without a call per order; buyer data
/// comes with the datasets asked for (<c>includedData</c>) and the seller's roles, without Restricted Data Tokens.
/// </summary>
/// <remarks>
/// Amounts come from the proceeds: per item, <c>ITEM</c> is the price of the units (what v0 calls ItemPrice, tax inside
/// where the marketplace quotes prices with it), <c>SHIPPING</c>, <c>GIFT_WRAP</c> and <c>COD_FEE</c> the charges,
/// <c>TAX</c> the tax with a detailed breakdown by what it is on, and <c>DISCOUNT</c> the reductions by what they reduce.
/// A discount is a reduction whichever sign it is written with. Amazon gives the tax taken off with discounts as one
/// amount (<c>TAX</c> subtype <c>DISCOUNT</c>): it is shared between the promotion and the shipping discount in
/// proportion to their amounts (all of it to the one present, which is the usual case). ADR 0010 records this reading.
/// </remarks>
public sealed class AmazonSpOrders2026Source(AmazonSpClient client) : IAmazonOrderSource
{
    /// <summary>The Orders API version this source speaks, as accounts name it.</summary>
    public const string Version = "2026-01-01";

    private const string OrdersPath = "/orders/2026-01-01/orders";

    /// <summary>The datasets the mapping reads: the buyer, the delivery address, amounts, promotions, taxes (the VAT number), status and shipped units, cancellations.</summary>
    private const string IncludedData = "BUYER,RECIPIENT,PROCEEDS,EXPENSE,PROMOTION,CANCELLATION,FULFILLMENT,TAX";

    private static readonly Dictionary<string, AmazonOrderStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["PENDING_AVAILABILITY"] = AmazonOrderStatus.PendingAvailability,
        ["PENDING"] = AmazonOrderStatus.Pending,
        ["UNSHIPPED"] = AmazonOrderStatus.Unshipped,
        ["PARTIALLY_SHIPPED"] = AmazonOrderStatus.PartiallyShipped,
        ["SHIPPED"] = AmazonOrderStatus.Shipped,
        ["CANCELLED"] = AmazonOrderStatus.Canceled,
        ["UNFULFILLABLE"] = AmazonOrderStatus.Unfulfillable,
    };

    private string? _marketplaceIds;

    /// <inheritdoc />
    public Accounts.AmazonApi Api => Accounts.AmazonApi.SellingPartner;

    /// <inheritdoc />
    public string? OrdersApiVersion => Version;

    /// <inheritdoc />
    public async Task<AmazonOrdersPage> ListUpdatedAsync(AmazonSellerContext seller, DateTimeOffset updatedAfter, DateTimeOffset updatedBefore, IReadOnlyList<string> marketplaceIds, CancellationToken cancellationToken)
    {
        AmazonOrderRequests.CheckCount(marketplaceIds, "marketplaces");

        _marketplaceIds = string.Join(',', marketplaceIds);
        var query = $"?lastUpdatedAfter={Uri.EscapeDataString(AmazonOrderRequests.Iso(updatedAfter))}&lastUpdatedBefore={Uri.EscapeDataString(AmazonOrderRequests.Iso(updatedBefore))}&marketplaceIds={Uri.EscapeDataString(_marketplaceIds)}&maxResultsPerPage=100&includedData={IncludedData}";
        return Page(await SendAsync(seller, AmazonSpOperation.SearchOrders, OrdersPath + query, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<AmazonOrdersPage> ListNextAsync(AmazonSellerContext seller, string nextToken, CancellationToken cancellationToken)
    {
        var query = $"?paginationToken={Uri.EscapeDataString(nextToken)}&includedData={IncludedData}" + (_marketplaceIds is null ? "" : $"&marketplaceIds={Uri.EscapeDataString(_marketplaceIds)}");
        return Page(await SendAsync(seller, AmazonSpOperation.SearchOrders, OrdersPath + query, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<AmazonOrdersPage> GetAsync(AmazonSellerContext seller, IReadOnlyList<string> amazonOrderIds, CancellationToken cancellationToken)
    {
        AmazonOrderRequests.CheckCount(amazonOrderIds, "order ids");

        var page = new PageBuilder();
        foreach (var id in amazonOrderIds)
        {
            if (await GetOrderAsync(seller, id, cancellationToken).ConfigureAwait(false) is { } order)
            {
                page.Read(order);
            }
        }

        return page.Build(null, null);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AmazonOrderItem>> ListItemsAsync(AmazonSellerContext seller, string amazonOrderId, CancellationToken cancellationToken)
    {
        // The items come with their order (the engine uses those); asked for on their own, they are the order's.
        var order = await GetOrderAsync(seller, amazonOrderId, cancellationToken).ConfigureAwait(false)
            ?? throw new AmazonFormatException($"Amazon no longer finds order {amazonOrderId}.");
        return ReadItems(order);
    }

    private async Task<JsonElement?> GetOrderAsync(AmazonSellerContext seller, string amazonOrderId, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await SendAsync(seller, AmazonSpOperation.GetOrder, $"{OrdersPath}/{Uri.EscapeDataString(amazonOrderId)}?includedData={IncludedData}", cancellationToken).ConfigureAwait(false);
            return Required(answer, "order");
        }
        catch (AmazonApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private Task<JsonElement> SendAsync(AmazonSellerContext seller, AmazonSpOperation operation, string pathAndQuery, CancellationToken cancellationToken) =>
        client.GetAsync(new AmazonSpSeller(seller.Region, seller.SellerId, seller.AuthToken), operation, pathAndQuery, cancellationToken);

    private static AmazonOrdersPage Page(JsonElement answer)
    {
        var page = new PageBuilder();
        foreach (var order in Required(answer, "orders").EnumerateArray())
        {
            page.Read(order);
        }

        return page.Build(Text(Object(answer, "pagination"), "nextToken"), Date(answer, "lastUpdatedBefore"));
    }

    /// <summary>A page's orders with their items; an order whose order or items cannot be read is unreadable on its own.</summary>
    private sealed class PageBuilder
    {
        private readonly List<AmazonOrder> _orders = [];
        private readonly List<AmazonUnreadableOrder> _unreadable = [];
        private readonly Dictionary<string, IReadOnlyList<AmazonOrderItem>> _items = new(StringComparer.Ordinal);

        public void Read(JsonElement order)
        {
            var id = Text(order, "orderId") ?? throw new AmazonFormatException("Amazon's answer has an order without orderId.");
            try
            {
                var read = ReadOrder(order);
                _items[id] = ReadItems(order);
                _orders.Add(read);
            }
            catch (AmazonFormatException e)
            {
                DateTimeOffset? updated = null;
                try
                {
                    updated = Date(order, "lastUpdatedTime");
                }
                catch (AmazonFormatException)
                {
                }

                _unreadable.Add(new AmazonUnreadableOrder(id, updated, e.Message));
            }
        }

        public AmazonOrdersPage Build(string? nextToken, DateTimeOffset? windowEnd) => new(_orders, _unreadable, nextToken, windowEnd) { Items = _items };
    }

    private static AmazonOrder ReadOrder(JsonElement o)
    {
        var fulfillment = Object(o, "fulfillment");
        var statusText = Text(fulfillment, "fulfillmentStatus");
        var status = statusText is not null && Statuses.TryGetValue(statusText, out var s)
            ? s
            : throw new AmazonFormatException($"Order fulfillment/fulfillmentStatus '{statusText}' is not a fulfillment status.");
        var recipient = Object(Object(o, "recipient"), "deliveryAddress");
        var address = Text(recipient, "countryCode") is { } country
            ? new AmazonAddress(Text(recipient, "name"), Text(recipient, "addressLine1"), Text(recipient, "addressLine2"), Text(recipient, "addressLine3"),
                Text(recipient, "city"), Text(recipient, "stateOrRegion"), Text(recipient, "postalCode"), country, Text(recipient, "phone"))
            : null;
        var b = Object(o, "buyer");
        var vat = Array(Object(o, "tax"), "taxRegistrations")
            .Where(r => Text(r, "entityType") == "BUYER" && Text(r, "taxRegistrationType") == "VAT")
            .Select(r => Text(r, "taxRegistrationNumber")).FirstOrDefault(n => n is not null);
        var buyer = Text(b, "buyerName") is not null || Text(b, "buyerEmail") is not null ? new AmazonBuyer(Text(b, "buyerName"), Text(b, "buyerEmail"), vat) : null;
        return new AmazonOrder(
            Text(o, "orderId")!,
            Text(Object(o, "salesChannel"), "marketplaceId") ?? throw new AmazonFormatException("Amazon's answer has no value for order salesChannel/marketplaceId."),
            status,
            Text(fulfillment, "fulfilledBy") == "AMAZON" ? AmazonFulfillmentChannel.Amazon : AmazonFulfillmentChannel.Merchant,
            Date(o, "createdTime") ?? throw new AmazonFormatException("Amazon's answer has no value for order createdTime."),
            Date(o, "lastUpdatedTime") ?? throw new AmazonFormatException("Amazon's answer has no value for order lastUpdatedTime."),
            Text(fulfillment, "fulfillmentServiceLevel"),
            CamelMoney(Object(o, "proceeds"), "grandTotal"),
            buyer,
            address,
            Array(o, "programs").Any(p => p.ValueKind == JsonValueKind.String && p.GetString() == "AMAZON_BUSINESS"),
            null);
    }

    private static List<AmazonOrderItem> ReadItems(JsonElement order)
    {
        if (!order.TryGetProperty("orderItems", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            throw new AmazonFormatException($"Order {Text(order, "orderId")} has no orderItems.");
        }

        return [.. items.EnumerateArray().Select(ReadItem)];
    }

    private static AmazonOrderItem ReadItem(JsonElement i)
    {
        var id = Text(i, "orderItemId") ?? throw new AmazonFormatException("Amazon's answer has no value for orderItem/orderItemId.");
        var product = Object(i, "product");
        var proceeds = Array(Object(i, "proceeds"), "breakdowns").ToList();
        JsonElement Breakdown(string type) => proceeds.FirstOrDefault(p => Text(p, "type") == type);
        AmazonMoney? Subtotal(string type) => CamelMoney(Breakdown(type), "subtotal", $"OrderItem {id} proceeds {type}");
        AmazonMoney? Detail(string type, string subtype) =>
            Array(Breakdown(type), "detailedBreakdowns").Where(d => Text(d, "subtype") == subtype).Select(d => CamelMoney(d, "value", $"OrderItem {id} proceeds {type} {subtype}")).FirstOrDefault();
        bool HasDetails(string type) => Array(Breakdown(type), "detailedBreakdowns").Any();
        static AmazonMoney? Reduction(AmazonMoney? money) => money is { } m ? m with { Amount = Math.Abs(m.Amount) } : null;

        // Without a breakdown by subtype, a tax is the item's and a discount a promotion.
        var itemTax = HasDetails("TAX") ? Detail("TAX", "ITEM") : Subtotal("TAX");
        var promotion = Reduction(HasDetails("DISCOUNT") ? Detail("DISCOUNT", "ITEM") : Subtotal("DISCOUNT"));
        var shippingDiscount = Reduction(Detail("DISCOUNT", "SHIPPING"));
        var (promotionTax, shippingDiscountTax) = ShareDiscountTax(Reduction(Detail("TAX", "DISCOUNT")), promotion, shippingDiscount);
        var gift = Object(Object(Object(i, "fulfillment"), "packing"), "giftOption");
        return new AmazonOrderItem(
            id,
            Text(product, "asin") ?? throw new AmazonFormatException($"OrderItem {id} has no product/asin."),
            Text(product, "sellerSku") ?? throw new AmazonFormatException($"OrderItem {id} has no SellerSKU (product/sellerSku)."),
            Text(product, "title"),
            Int(i, "quantityOrdered") ?? throw new AmazonFormatException($"OrderItem {id} has no quantityOrdered."),
            Int(Object(i, "fulfillment"), "quantityFulfilled") ?? 0,
            Subtotal("ITEM"), itemTax,
            Subtotal("SHIPPING"), Detail("TAX", "SHIPPING"), shippingDiscount, shippingDiscountTax,
            Subtotal("GIFT_WRAP"), Detail("TAX", "GIFT_WRAP"),
            Text(gift, "giftWrapLevel"), Text(gift, "giftMessage"),
            promotion, promotionTax,
            Subtotal("COD_FEE"), Reduction(Detail("DISCOUNT", "COD_FEE")));
    }

    /// <summary>The tax taken off with the discounts, shared between the promotion and the shipping discount in proportion to them.</summary>
    private static (AmazonMoney? Promotion, AmazonMoney? Shipping) ShareDiscountTax(AmazonMoney? tax, AmazonMoney? promotion, AmazonMoney? shipping)
    {
        if (tax is not { } t)
        {
            return (null, null);
        }

        var p = promotion?.Amount ?? 0m;
        var s = shipping?.Amount ?? 0m;
        if (s == 0)
        {
            return (t, null);
        }

        if (p == 0)
        {
            return (null, t);
        }

        var onShipping = Math.Round(t.Amount * s / (p + s), t.Amount.Scale, MidpointRounding.AwayFromZero);
        return (t with { Amount = t.Amount - onShipping }, t with { Amount = onShipping });
    }
}
