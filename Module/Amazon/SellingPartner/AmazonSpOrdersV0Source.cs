using System.Net;
using System.Text.Json;
using static ErpAmazonModule.Amazon.SellingPartner.AmazonSpJson;

namespace ErpAmazonModule.Amazon.SellingPartner;

/// <summary>
/// Orders through the Selling Partner API's Orders v0 (<c>getOrders</c>, <c>getOrder</c>, <c>getOrderItems</c>), read into
/// the transport-neutral model. Buyer data, the address's personal parts and the items' gift details need a Restricted
/// Data Token: one is asked for (tokens API 2021-03-01) and used while it lasts; when Amazon refuses it (no restricted
/// role), the orders come without them, as Amazon sends them.
/// </summary>
public sealed class AmazonSpOrdersV0Source(AmazonSpClient client, AmazonSpRestrictedTokens restrictedTokens) : IAmazonOrderSource
{
    private const string OrdersPath = "/orders/v0/orders";

    private string? _marketplaceIds;

    /// <summary>The Orders API version this source speaks, as accounts name it.</summary>
    public const string Version = "v0";

    /// <inheritdoc />
    public Accounts.AmazonApi Api => Accounts.AmazonApi.SellingPartner;

    /// <inheritdoc />
    public string? OrdersApiVersion => Version;

    /// <inheritdoc />
    public async Task<AmazonOrdersPage> ListUpdatedAsync(AmazonSellerContext seller, DateTimeOffset updatedAfter, DateTimeOffset updatedBefore, IReadOnlyList<string> marketplaceIds, CancellationToken cancellationToken)
    {
        AmazonOrderRequests.CheckCount(marketplaceIds, "marketplaces");

        // Amazon wants the marketplaces on every page's call.
        _marketplaceIds = string.Join(',', marketplaceIds);
        var query = $"?MarketplaceIds={Uri.EscapeDataString(_marketplaceIds)}&LastUpdatedAfter={Uri.EscapeDataString(AmazonOrderRequests.Iso(updatedAfter))}&LastUpdatedBefore={Uri.EscapeDataString(AmazonOrderRequests.Iso(updatedBefore))}&MaxResultsPerPage=100";
        return Page(await GetOrdersAsync(seller, query, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<AmazonOrdersPage> ListNextAsync(AmazonSellerContext seller, string nextToken, CancellationToken cancellationToken)
    {
        var query = $"?NextToken={Uri.EscapeDataString(nextToken)}" + (_marketplaceIds is null ? "" : $"&MarketplaceIds={Uri.EscapeDataString(_marketplaceIds)}");
        return Page(await GetOrdersAsync(seller, query, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<AmazonOrdersPage> GetAsync(AmazonSellerContext seller, IReadOnlyList<string> amazonOrderIds, CancellationToken cancellationToken)
    {
        AmazonOrderRequests.CheckCount(amazonOrderIds, "order ids");

        // getOrder per id: getOrders by ids would need the marketplaces, which a recovery does not know.
        var orders = new List<AmazonOrder>();
        var unreadable = new List<AmazonUnreadableOrder>();
        foreach (var id in amazonOrderIds)
        {
            JsonElement answer;
            try
            {
                answer = await SendAsync(seller, AmazonSpOperation.GetOrder, $"{OrdersPath}/{Uri.EscapeDataString(id)}", cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                continue;
            }

            Read(answer.GetProperty("payload"), orders, unreadable);
        }

        return new AmazonOrdersPage(orders, unreadable, null, null);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AmazonOrderItem>> ListItemsAsync(AmazonSellerContext seller, string amazonOrderId, CancellationToken cancellationToken)
    {
        var items = new List<AmazonOrderItem>();
        var path = $"{OrdersPath}/{Uri.EscapeDataString(amazonOrderId)}/orderItems";
        var answer = await SendAsync(seller, AmazonSpOperation.GetOrderItems, path, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var payload = Required(answer, "payload");
            foreach (var item in Required(payload, "OrderItems").EnumerateArray())
            {
                items.Add(ReadItem(item));
            }

            if (Text(payload, "NextToken") is not { } token)
            {
                return items;
            }

            answer = await SendAsync(seller, AmazonSpOperation.GetOrderItems, $"{path}?NextToken={Uri.EscapeDataString(token)}", cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<JsonElement> GetOrdersAsync(AmazonSellerContext seller, string query, CancellationToken cancellationToken) =>
        SendAsync(seller, AmazonSpOperation.GetOrders, OrdersPath + query, cancellationToken);

    private async Task<JsonElement> SendAsync(AmazonSellerContext seller, AmazonSpOperation operation, string pathAndQuery, CancellationToken cancellationToken)
    {
        var sp = new AmazonSpSeller(seller.Region, seller.SellerId, seller.AuthToken);
        var restricted = await RestrictedTokenAsync(sp, cancellationToken).ConfigureAwait(false);
        try
        {
            return await client.SendAsync(sp, operation, HttpMethod.Get, pathAndQuery, null, restricted, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonApiException e) when (e.StatusCode == HttpStatusCode.Forbidden && restricted is not null)
        {
            // The Restricted Data Token stopped working (it ended early, or the seller took the authorization back): a
            // new one is asked for once, which says which it was.
            restrictedTokens.Forget(sp);
            restricted = await RestrictedTokenAsync(sp, cancellationToken).ConfigureAwait(false);
            return await client.SendAsync(sp, operation, HttpMethod.Get, pathAndQuery, null, restricted, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The Restricted Data Token for the orders' personal data, or null when Amazon does not give this application one.</summary>
    private Task<string?> RestrictedTokenAsync(AmazonSpSeller seller, CancellationToken cancellationToken) =>
        restrictedTokens.GetAsync(seller, async () =>
        {
            var request = new
            {
                restrictedResources = new[]
                {
                    new { method = "GET", path = OrdersPath, dataElements = new[] { "buyerInfo", "shippingAddress" } },
                    new { method = "GET", path = OrdersPath + "/{orderId}", dataElements = new[] { "buyerInfo", "shippingAddress" } },
                    new { method = "GET", path = OrdersPath + "/{orderId}/orderItems", dataElements = new[] { "buyerInfo" } },
                },
            };
            try
            {
                var answer = await client.SendAsync(seller, AmazonSpOperation.CreateRestrictedDataToken, HttpMethod.Post, "/tokens/2021-03-01/restrictedDataToken", request, null, cancellationToken).ConfigureAwait(false);
                return Text(answer, "restrictedDataToken");
            }
            catch (AmazonApiException e) when (e.StatusCode == HttpStatusCode.Forbidden)
            {
                // No restricted role for this seller's personal data: the orders come without it.
                return null;
            }
        });

    private static AmazonOrdersPage Page(JsonElement answer)
    {
        var payload = Required(answer, "payload");
        var orders = new List<AmazonOrder>();
        var unreadable = new List<AmazonUnreadableOrder>();
        foreach (var order in Required(payload, "Orders").EnumerateArray())
        {
            Read(order, orders, unreadable);
        }

        return new AmazonOrdersPage(orders, unreadable, Text(payload, "NextToken"), Date(payload, "LastUpdatedBefore"));
    }

    private static void Read(JsonElement order, List<AmazonOrder> orders, List<AmazonUnreadableOrder> unreadable)
    {
        var id = Text(order, "AmazonOrderId") ?? throw new AmazonFormatException("Amazon's answer has an order without AmazonOrderId.");
        try
        {
            orders.Add(ReadOrder(order));
        }
        catch (AmazonFormatException e)
        {
            DateTimeOffset? updated = null;
            try
            {
                updated = Date(order, "LastUpdateDate");
            }
            catch (AmazonFormatException)
            {
            }

            unreadable.Add(new AmazonUnreadableOrder(id, updated, e.Message));
        }
    }

    private static AmazonOrder ReadOrder(JsonElement o)
    {
        var status = Enum.TryParse<AmazonOrderStatus>(Text(o, "OrderStatus"), out var s)
            ? s
            : throw new AmazonFormatException($"Order/OrderStatus '{Text(o, "OrderStatus")}' is not an order status.");
        var channel = Text(o, "FulfillmentChannel") == "AFN" ? AmazonFulfillmentChannel.Amazon : AmazonFulfillmentChannel.Merchant;
        var address = o.TryGetProperty("ShippingAddress", out var a) && a.ValueKind == JsonValueKind.Object && Text(a, "CountryCode") is { } country
            ? new AmazonAddress(Text(a, "Name"), Text(a, "AddressLine1"), Text(a, "AddressLine2"), Text(a, "AddressLine3"), Text(a, "City"), Text(a, "StateOrRegion"), Text(a, "PostalCode"), country, Text(a, "Phone"))
            : null;
        AmazonBuyer? buyer = null;
        if (o.TryGetProperty("BuyerInfo", out var b) && b.ValueKind == JsonValueKind.Object && (Text(b, "BuyerEmail") is not null || Text(b, "BuyerName") is not null))
        {
            var vat = b.TryGetProperty("BuyerTaxInfo", out var tax) && tax.ValueKind == JsonValueKind.Object
                && tax.TryGetProperty("TaxClassifications", out var classifications) && classifications.ValueKind == JsonValueKind.Array
                ? classifications.EnumerateArray().Where(c => Text(c, "Name") == "VATNumber").Select(c => Text(c, "Value")).FirstOrDefault()
                : null;
            buyer = new AmazonBuyer(Text(b, "BuyerName"), Text(b, "BuyerEmail"), vat);
        }

        return new AmazonOrder(
            Text(o, "AmazonOrderId")!,
            Text(o, "MarketplaceId") ?? throw new AmazonFormatException("Amazon's answer has no value for Order/MarketplaceId."),
            status,
            channel,
            Date(o, "PurchaseDate") ?? throw new AmazonFormatException("Amazon's answer has no value for Order/PurchaseDate."),
            Date(o, "LastUpdateDate") ?? throw new AmazonFormatException("Amazon's answer has no value for Order/LastUpdateDate."),
            Text(o, "ShipServiceLevel"),
            Money(o, "OrderTotal"),
            buyer,
            address,
            o.TryGetProperty("IsBusinessOrder", out var business) && business.ValueKind == JsonValueKind.True,
            Text(o, "PaymentMethod"));
    }

    private static AmazonOrderItem ReadItem(JsonElement i)
    {
        // The gift details are the buyer's (a Restricted Data Token brings them).
        var gift = i.TryGetProperty("BuyerInfo", out var b) && b.ValueKind == JsonValueKind.Object ? b : default;
        var hasGift = gift.ValueKind == JsonValueKind.Object;
        return new AmazonOrderItem(
            Text(i, "OrderItemId") ?? throw new AmazonFormatException("Amazon's answer has no value for OrderItem/OrderItemId."),
            Text(i, "ASIN") ?? throw new AmazonFormatException("Amazon's answer has no value for OrderItem/ASIN."),
            Text(i, "SellerSKU") ?? throw new AmazonFormatException($"OrderItem {Text(i, "OrderItemId")} has no SellerSKU."),
            Text(i, "Title"),
            Int(i, "QuantityOrdered") ?? throw new AmazonFormatException("Amazon's answer has no value for OrderItem/QuantityOrdered."),
            Int(i, "QuantityShipped") ?? 0,
            Money(i, "ItemPrice"), Money(i, "ItemTax"),
            Money(i, "ShippingPrice"), Money(i, "ShippingTax"), Money(i, "ShippingDiscount"), Money(i, "ShippingDiscountTax"),
            hasGift ? Money(gift, "GiftWrapPrice") : null, hasGift ? Money(gift, "GiftWrapTax") : null,
            hasGift ? Text(gift, "GiftWrapLevel") : null, hasGift ? Text(gift, "GiftMessageText") : null,
            Money(i, "PromotionDiscount"), Money(i, "PromotionDiscountTax"),
            Money(i, "CODFee"), Money(i, "CODFeeDiscount"));
    }
}
