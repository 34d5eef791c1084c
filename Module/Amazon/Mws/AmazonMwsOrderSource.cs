using System.Xml.Linq;

namespace ErpAmazonModule.Amazon.Mws;

/// <summary>Orders through MWS Orders 2013-09-01, read into the transport-neutral model.</summary>
public sealed class AmazonMwsOrderSource(AmazonMwsClient client) : IAmazonOrderSource
{

    /// <inheritdoc />
    public Accounts.AmazonApi Api => Accounts.AmazonApi.Mws;

    /// <inheritdoc />
    public string? OrdersApiVersion => null;

    /// <inheritdoc />
    public async Task<AmazonOrdersPage> ListUpdatedAsync(AmazonSellerContext seller, DateTimeOffset updatedAfter, DateTimeOffset updatedBefore, IReadOnlyList<string> marketplaceIds, CancellationToken cancellationToken)
    {
        AmazonOrderRequests.CheckCount(marketplaceIds, "marketplaces");

        var parameters = new List<KeyValuePair<string, string>>
        {
            new("LastUpdatedAfter", AmazonOrderRequests.Iso(updatedAfter)),
            new("LastUpdatedBefore", AmazonOrderRequests.Iso(updatedBefore)),
            new("MaxResultsPerPage", "100"),
        };
        parameters.AddRange(marketplaceIds.Select((id, i) => KeyValuePair.Create($"MarketplaceId.Id.{i + 1}", id)));
        return Page(await client.SendAsync(Mws(seller), AmazonMwsOperation.ListOrders, parameters, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<AmazonOrdersPage> ListNextAsync(AmazonSellerContext seller, string nextToken, CancellationToken cancellationToken) =>
        Page(await client.SendAsync(Mws(seller), AmazonMwsOperation.ListOrdersByNextToken, [new("NextToken", nextToken)], cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<AmazonOrdersPage> GetAsync(AmazonSellerContext seller, IReadOnlyList<string> amazonOrderIds, CancellationToken cancellationToken)
    {
        AmazonOrderRequests.CheckCount(amazonOrderIds, "order ids");

        var parameters = amazonOrderIds.Select((id, i) => KeyValuePair.Create($"AmazonOrderId.Id.{i + 1}", id));
        return Page(await client.SendAsync(Mws(seller), AmazonMwsOperation.GetOrder, parameters, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AmazonOrderItem>> ListItemsAsync(AmazonSellerContext seller, string amazonOrderId, CancellationToken cancellationToken)
    {
        var items = new List<AmazonOrderItem>();
        var result = await client.SendAsync(Mws(seller), AmazonMwsOperation.ListOrderItems, [new("AmazonOrderId", amazonOrderId)], cancellationToken).ConfigureAwait(false);
        while (true)
        {
            items.AddRange(result.Required("OrderItems").Children("OrderItem").Select(ReadItem));
            if (result.Text("NextToken") is not { } token)
            {
                return items;
            }

            result = await client.SendAsync(Mws(seller), AmazonMwsOperation.ListOrderItemsByNextToken, [new("NextToken", token)], cancellationToken).ConfigureAwait(false);
        }
    }

    private static AmazonMwsSeller Mws(AmazonSellerContext seller) => new(seller.Region, seller.SellerId, seller.AuthToken);

    private static AmazonOrdersPage Page(XElement result)
    {
        var orders = new List<AmazonOrder>();
        var unreadable = new List<AmazonUnreadableOrder>();
        foreach (var element in result.Required("Orders").Children("Order"))
        {
            var id = element.RequiredText("AmazonOrderId");
            try
            {
                orders.Add(ReadOrder(element));
            }
            catch (AmazonFormatException e)
            {
                unreadable.Add(new AmazonUnreadableOrder(id, TryDate(element), e.Message));
            }
        }

        return new AmazonOrdersPage(orders, unreadable, result.Text("NextToken"), result.Date("LastUpdatedBefore"));
    }

    private static DateTimeOffset? TryDate(XElement order)
    {
        try
        {
            return order.Date("LastUpdateDate");
        }
        catch (AmazonFormatException)
        {
            return null;
        }
    }

    private static AmazonOrder ReadOrder(XElement o)
    {
        var status = Enum.TryParse<AmazonOrderStatus>(o.RequiredText("OrderStatus"), out var s)
            ? s
            : throw new AmazonFormatException($"Order/OrderStatus '{o.Text("OrderStatus")}' is not an order status.");
        var channel = o.Text("FulfillmentChannel") == "AFN" ? AmazonFulfillmentChannel.Amazon : AmazonFulfillmentChannel.Merchant;
        var address = o.Child("ShippingAddress") is { } a && a.Text("CountryCode") is { } country
            ? new AmazonAddress(a.Text("Name"), a.Text("AddressLine1"), a.Text("AddressLine2"), a.Text("AddressLine3"), a.Text("City"), a.Text("StateOrRegion"), a.Text("PostalCode"), country, a.Text("Phone"))
            : null;
        var vat = o.Child("BuyerTaxInfo")?.Child("TaxClassifications")?.Children("TaxClassification").FirstOrDefault(c => c.Text("Name") == "VATNumber")?.Text("Value");
        var buyer = o.Text("BuyerEmail") is null && o.Text("BuyerName") is null ? null : new AmazonBuyer(o.Text("BuyerName"), o.Text("BuyerEmail"), vat);
        return new AmazonOrder(
            o.RequiredText("AmazonOrderId"),
            o.Text("MarketplaceId") ?? throw new AmazonFormatException("Amazon's answer has no value for Order/MarketplaceId."),
            status,
            channel,
            o.Date("PurchaseDate") ?? throw new AmazonFormatException("Amazon's answer has no value for Order/PurchaseDate."),
            o.Date("LastUpdateDate") ?? throw new AmazonFormatException("Amazon's answer has no value for Order/LastUpdateDate."),
            o.Text("ShipServiceLevel"),
            o.Money("OrderTotal"),
            buyer,
            address,
            o.Bool("IsBusinessOrder") ?? false,
            o.Text("PaymentMethod"));
    }

    private static AmazonOrderItem ReadItem(XElement i) => new(
        i.RequiredText("OrderItemId"),
        i.RequiredText("ASIN"),
        i.Text("SellerSKU") ?? throw new AmazonFormatException($"OrderItem {i.Text("OrderItemId")} has no SellerSKU."),
        i.Text("Title"),
        i.Int("QuantityOrdered") ?? throw new AmazonFormatException("Amazon's answer has no value for OrderItem/QuantityOrdered."),
        i.Int("QuantityShipped") ?? 0,
        i.Money("ItemPrice"), i.Money("ItemTax"),
        i.Money("ShippingPrice"), i.Money("ShippingTax"), i.Money("ShippingDiscount"), i.Money("ShippingDiscountTax"),
        i.Money("GiftWrapPrice"), i.Money("GiftWrapTax"), i.Text("GiftWrapLevel"), i.Text("GiftMessageText"),
        i.Money("PromotionDiscount"), i.Money("PromotionDiscountTax"),
        i.Money("CODFee"), i.Money("CODFeeDiscount"));
}
