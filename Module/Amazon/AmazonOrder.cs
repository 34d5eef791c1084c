namespace ErpAmazonModule.Amazon;

/// <summary>Amazon's order statuses.</summary>
public enum AmazonOrderStatus
{
    PendingAvailability,
    Pending,
    Unshipped,
    PartiallyShipped,
    Shipped,
    Canceled,
    Unfulfillable,
}

/// <summary>Who fulfils the order.</summary>
public enum AmazonFulfillmentChannel
{
    /// <summary>FBM (MFN): the seller ships.</summary>
    Merchant,
    /// <summary>FBA (AFN): Amazon ships from its warehouses.</summary>
    Amazon,
}

/// <summary>A postal address as Amazon gives it (parts withheld for restricted roles).</summary>
public sealed record AmazonAddress(string? Name, string? Line1, string? Line2, string? Line3, string? City, string? StateOrRegion, string? PostalCode, string CountryCode, string? Phone);

/// <summary>The buyer, when Amazon shares it.</summary>
public sealed record AmazonBuyer(string? Name, string? Email, string? VatNumber);

/// <summary>An order, whatever API it came through.</summary>
public sealed record AmazonOrder(
    string AmazonOrderId,
    string MarketplaceId,
    AmazonOrderStatus Status,
    AmazonFulfillmentChannel FulfillmentChannel,
    DateTimeOffset PurchaseDate,
    DateTimeOffset LastUpdateDate,
    string? ShipServiceLevel,
    AmazonMoney? Total,
    AmazonBuyer? Buyer,
    AmazonAddress? ShippingAddress,
    bool IsBusinessOrder,
    string? PaymentMethod);

/// <summary>An item of an order; amounts are for the whole quantity.</summary>
public sealed record AmazonOrderItem(
    string OrderItemId,
    string Asin,
    string SellerSku,
    string? Title,
    int QuantityOrdered,
    int QuantityShipped,
    AmazonMoney? ItemPrice,
    AmazonMoney? ItemTax,
    AmazonMoney? ShippingPrice,
    AmazonMoney? ShippingTax,
    AmazonMoney? ShippingDiscount,
    AmazonMoney? ShippingDiscountTax,
    AmazonMoney? GiftWrapPrice,
    AmazonMoney? GiftWrapTax,
    string? GiftWrapLevel,
    string? GiftMessage,
    AmazonMoney? PromotionDiscount,
    AmazonMoney? PromotionDiscountTax,
    AmazonMoney? CodFee,
    AmazonMoney? CodFeeDiscount);

/// <summary>An order Amazon listed but that could not be read; it fails alone.</summary>
public sealed record AmazonUnreadableOrder(string AmazonOrderId, DateTimeOffset? LastUpdateDate, string Reason);

/// <summary>One page of a listing.</summary>
public sealed record AmazonOrdersPage(IReadOnlyList<AmazonOrder> Orders, IReadOnlyList<AmazonUnreadableOrder> Unreadable, string? NextToken, DateTimeOffset? WindowEnd)
{
    /// <summary>The items of the page's orders by order id, when the API sends them with their order (none are then fetched).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<AmazonOrderItem>>? Items { get; init; }
}

/// <summary>Where an account's orders come from: the transport-neutral side of MWS and SP-API.</summary>
public interface IAmazonOrderSource
{
    /// <summary>The API this source speaks; an account is served by the source of its API.</summary>
    Accounts.AmazonApi Api { get; }

    /// <summary>The Orders API version this source speaks (Selling Partner API accounts choose one); null for MWS.</summary>
    string? OrdersApiVersion { get; }

    /// <summary>The first page of orders updated in [<paramref name="updatedAfter"/>, <paramref name="updatedBefore"/>) in these marketplaces (at most 50).</summary>
    Task<AmazonOrdersPage> ListUpdatedAsync(AmazonSellerContext seller, DateTimeOffset updatedAfter, DateTimeOffset updatedBefore, IReadOnlyList<string> marketplaceIds, CancellationToken cancellationToken);

    /// <summary>The next page of a listing.</summary>
    Task<AmazonOrdersPage> ListNextAsync(AmazonSellerContext seller, string nextToken, CancellationToken cancellationToken);

    /// <summary>These orders (at most 50 ids), whatever their update time.</summary>
    Task<AmazonOrdersPage> GetAsync(AmazonSellerContext seller, IReadOnlyList<string> amazonOrderIds, CancellationToken cancellationToken);

    /// <summary>Every item of the order (all pages); an unreadable item is an <see cref="AmazonFormatException"/>.</summary>
    Task<IReadOnlyList<AmazonOrderItem>> ListItemsAsync(AmazonSellerContext seller, string amazonOrderId, CancellationToken cancellationToken);
}

/// <summary>What every order source accepts per call, and how Amazon's order APIs write a date, whatever the protocol.</summary>
public static class AmazonOrderRequests
{
    /// <summary>Marketplaces or order ids one call takes (MWS and both Orders API versions alike).</summary>
    public const int MaxIdsPerCall = 50;

    /// <summary>Throws unless <paramref name="ids"/> holds 1 to <see cref="MaxIdsPerCall"/> entries (<paramref name="what"/> names them).</summary>
    public static void CheckCount(IReadOnlyList<string> ids, string what, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(ids))] string? parameter = null)
    {
        ArgumentNullException.ThrowIfNull(ids, parameter);
        if (ids.Count is 0 or > MaxIdsPerCall)
        {
            throw new ArgumentOutOfRangeException(parameter, $"1 to {MaxIdsPerCall} {what} per call.");
        }
    }

    /// <summary>A date as the order APIs take it: UTC, ISO 8601 with milliseconds.</summary>
    public static string Iso(DateTimeOffset date) => date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Whose orders: the account's API, region, seller and decrypted token.</summary>
public sealed record AmazonSellerContext(Accounts.AmazonApi Api, Accounts.AmazonRegion Region, string SellerId, string AuthToken);

/// <summary>A marketplace the seller participates in, as Amazon lists it (MWS and the Selling Partner API alike).</summary>
public sealed record AmazonMarketplaceParticipation(string MarketplaceId, string SellerId, bool HasSellerSuspendedListings, string? Name, string? CountryCode, string? CurrencyCode, string? DomainName);
