using System.Globalization;
using System.Text.Json;
using ErpAmazonModule.Sandbox.Mws;
using ErpAmazonModule.Sandbox.Store;

namespace ErpAmazonModule.Sandbox.SellingPartner;

/// <summary>
/// Orders API v0 (<c>ordersV0.json</c>): getOrders, getOrder, getOrderItems with the <c>payload</c> wrapper and
/// MWS's PascalCase names, amounts as strings; buyer data, the address's personal parts and the items' gift details only
/// with a Restricted Data Token (tokens API 2021-03-01) that opens them, as Amazon does.
/// </summary>
public static class SandboxOrdersV0
{
    private const string OrdersPath = "/orders/v0/orders";
    private static readonly HashSet<string> Statuses = ["PendingAvailability", "Pending", "Unshipped", "PartiallyShipped", "Shipped", "Canceled", "Unfulfillable"];

    private sealed record OrdersPage(List<string> OrderIds, int PageSize, bool ByCreation, DateTimeOffset Before, string SellerId);

    private sealed record ItemsPage(string AmazonOrderId, int Offset, string SellerId);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(OrdersPath, (HttpContext context, SandboxLwa lwa, SandboxStore store, SandboxThrottle throttle, SandboxFaults faults) =>
            SandboxSellingPartnerEndpoints.OperationAsync(context, "getOrders", lwa, store, throttle, faults, access => GetOrders(context.Request.Query, access, store))).ExcludeFromDescription();
        endpoints.MapGet(OrdersPath + "/{orderId}", (HttpContext context, string orderId, SandboxLwa lwa, SandboxStore store, SandboxThrottle throttle, SandboxFaults faults) =>
            SandboxSellingPartnerEndpoints.OperationAsync(context, "getOrder", lwa, store, throttle, faults, access =>
            {
                var order = store.Order(access.SellerId, orderId) ?? throw new SandboxSpError(404, "NotFound", $"Order {orderId} was not found.");
                return Json(new { payload = OrderJson(order, store.Now, access) });
            })).ExcludeFromDescription();
        endpoints.MapGet(OrdersPath + "/{orderId}/orderItems", (HttpContext context, string orderId, SandboxLwa lwa, SandboxStore store, SandboxThrottle throttle, SandboxFaults faults) =>
            SandboxSellingPartnerEndpoints.OperationAsync(context, "getOrderItems", lwa, store, throttle, faults, access =>
            {
                var page = context.Request.Query["NextToken"].ToString() is { Length: > 0 } token
                    ? store.TakePage<ItemsPage>(token) is { } saved && saved.SellerId == access.SellerId && saved.AmazonOrderId == orderId
                        ? saved
                        : throw new SandboxSpError(400, "InvalidInput", "Invalid NextToken.")
                    : new ItemsPage(orderId, 0, access.SellerId);
                return GetOrderItems(page, access, store);
            })).ExcludeFromDescription();
        endpoints.MapPost("/tokens/2021-03-01/restrictedDataToken", async (HttpContext context, SandboxLwa lwa, SandboxStore store, SandboxThrottle throttle, SandboxFaults faults) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            return await SandboxSellingPartnerEndpoints.OperationAsync(context, "createRestrictedDataToken", lwa, store, throttle, faults, access => CreateRestrictedDataToken(body, access, lwa, store));
        }).ExcludeFromDescription();
    }

    private static IResult Json(object body) => Results.Json(body, SandboxSellingPartnerEndpoints.Json);

    private static IResult GetOrders(IQueryCollection query, SandboxAccessToken access, SandboxStore store)
    {
        if (query["NextToken"].ToString() is { Length: > 0 } token)
        {
            return OrdersPageResult(store.TakePage<OrdersPage>(token) is { } saved && saved.SellerId == access.SellerId
                ? saved
                : throw new SandboxSpError(400, "InvalidInput", "Invalid NextToken."), access, store);
        }

        List<string> ListOf(string name) => [.. query[name].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        var marketplaces = ListOf("MarketplaceIds");
        var seller = store.Seller(access.SellerId)!;
        if (marketplaces.Count is 0 or > 50 || marketplaces.Any(m => !seller.MarketplaceIds.Contains(m)))
        {
            throw new SandboxSpError(400, "InvalidInput", "MarketplaceIds is required: 1 to 50 marketplaces the seller sells in.");
        }

        var ids = ListOf("AmazonOrderIds");
        if (ids.Count > 50)
        {
            throw new SandboxSpError(400, "InvalidInput", "AmazonOrderIds takes at most 50 order ids.");
        }

        var pageSize = Int(query, "MaxResultsPerPage", 1, 100, 100);
        if (ids.Count > 0)
        {
            return OrdersPageResult(new OrdersPage([.. ids.Where(id => store.Order(access.SellerId, id) is { } o && marketplaces.Contains(o.MarketplaceId))], pageSize, false, store.Now, access.SellerId), access, store);
        }

        var createdAfter = Date(query, "CreatedAfter");
        var updatedAfter = Date(query, "LastUpdatedAfter");
        if (createdAfter is null == updatedAfter is null)
        {
            throw new SandboxSpError(400, "InvalidInput", "Exactly one of CreatedAfter and LastUpdatedAfter is required.");
        }

        var latest = store.Now.AddMinutes(-2);
        var after = createdAfter ?? updatedAfter!.Value;
        var before = Date(query, createdAfter is null ? "LastUpdatedBefore" : "CreatedBefore") ?? latest;
        if (after > latest || before > latest || before <= after)
        {
            throw new SandboxSpError(400, "InvalidInput", "The window must end after it starts and no later than two minutes before the request.");
        }

        var statuses = ListOf("OrderStatuses");
        if (statuses.FirstOrDefault(st => !Statuses.Contains(st)) is { } badStatus)
        {
            throw new SandboxSpError(400, "InvalidInput", $"Invalid OrderStatuses value {badStatus}.");
        }

        var channels = ListOf("FulfillmentChannels");
        var selected = OrdersSection.Select(store, access.SellerId, store.Now, marketplaces, createdAfter is not null, after, before, statuses, channels);
        return OrdersPageResult(new OrdersPage(selected, pageSize, createdAfter is not null, before, access.SellerId), access, store);
    }

    private static IResult OrdersPageResult(OrdersPage page, SandboxAccessToken access, SandboxStore store)
    {
        var rest = page.OrderIds.Skip(page.PageSize).ToList();
        var token = rest.Count > 0 ? store.SavePage(page with { OrderIds = rest }) : null;
        var orders = page.OrderIds.Take(page.PageSize).Select(id => store.Order(page.SellerId, id)).OfType<SandboxOrder>().Select(o => OrderJson(o, store.Now, access)).ToList();
        return Json(new
        {
            payload = new Dictionary<string, object?>
            {
                ["Orders"] = orders,
                ["NextToken"] = token,
                [page.ByCreation ? "CreatedBefore" : "LastUpdatedBefore"] = Iso(page.Before),
            },
        });
    }

    private static IResult GetOrderItems(ItemsPage page, SandboxAccessToken access, SandboxStore store)
    {
        var order = store.Order(access.SellerId, page.AmazonOrderId) ?? throw new SandboxSpError(404, "NotFound", $"Order {page.AmazonOrderId} was not found.");
        var size = store.Options.OrderItemsPageSize;
        var status = order.StatusAt(store.Now);
        var priced = status.Status is not ("Pending" or "PendingAvailability");
        var gifts = access.Opens($"{OrdersPath}/{{orderId}}/orderItems", order.AmazonOrderId, "buyerInfo")
            || access.Opens($"{OrdersPath}/{order.AmazonOrderId}/orderItems", order.AmazonOrderId, "buyerInfo");
        var token = page.Offset + size < order.Items.Count ? store.SavePage(page with { Offset = page.Offset + size }) : null;
        var items = order.Items.Skip(page.Offset).Take(size).Select(i => new Dictionary<string, object?>
        {
            ["ASIN"] = i.Asin,
            ["SellerSKU"] = i.SellerSku,
            ["OrderItemId"] = i.OrderItemId,
            ["Title"] = i.Title,
            ["QuantityOrdered"] = i.QuantityOrdered,
            ["QuantityShipped"] = OrdersSection.ShippedOf(order, i, status.ItemsShipped),
            ["ItemPrice"] = priced ? Money(i.ItemPrice, i.RawItemPriceAmount) : null,
            ["ShippingPrice"] = priced ? Money(i.ShippingPrice) : null,
            ["ItemTax"] = priced ? Money(i.ItemTax) : null,
            ["ShippingTax"] = priced ? Money(i.ShippingTax) : null,
            ["ShippingDiscount"] = priced ? Money(i.ShippingDiscount) : null,
            ["ShippingDiscountTax"] = priced ? Money(i.ShippingDiscountTax) : null,
            ["PromotionDiscount"] = priced ? Money(i.PromotionDiscount) : null,
            ["PromotionDiscountTax"] = priced ? Money(i.PromotionDiscountTax) : null,
            ["PromotionIds"] = i.PromotionIds.Count > 0 ? i.PromotionIds : null,
            ["CODFee"] = priced ? Money(i.CodFee) : null,
            ["CODFeeDiscount"] = priced ? Money(i.CodFeeDiscount) : null,
            ["IsGift"] = i.IsGift ? "true" : "false",
            ["ConditionId"] = i.ConditionId,
            ["ConditionSubtypeId"] = i.ConditionId,
            // Gift wrap and message are the buyer's: only with a Restricted Data Token that opens buyerInfo.
            ["BuyerInfo"] = gifts && (i.GiftWrapPrice is not null || i.GiftMessageText is not null)
                ? new Dictionary<string, object?>
                {
                    ["GiftWrapPrice"] = priced ? Money(i.GiftWrapPrice) : null,
                    ["GiftWrapTax"] = priced ? Money(i.GiftWrapTax) : null,
                    ["GiftMessageText"] = i.GiftMessageText,
                    ["GiftWrapLevel"] = i.GiftWrapLevel,
                }
                : null,
        }).ToList();
        return Json(new { payload = new Dictionary<string, object?> { ["OrderItems"] = items, ["NextToken"] = token, ["AmazonOrderId"] = order.AmazonOrderId } });
    }

    private static IResult CreateRestrictedDataToken(string text, SandboxAccessToken access, SandboxLwa lwa, SandboxStore store)
    {
        JsonElement body;
        try
        {
            using var document = JsonDocument.Parse(text);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new SandboxSpError(400, "InvalidInput", "The body must be JSON with restrictedResources.");
        }

        if (!body.TryGetProperty("restrictedResources", out var resources) || resources.ValueKind != JsonValueKind.Array || resources.GetArrayLength() is 0 or > 50)
        {
            throw new SandboxSpError(400, "InvalidInput", "restrictedResources is required: 1 to 50 resources.");
        }

        if (store.Seller(access.SellerId) is { RestrictedRole: true })
        {
            throw new SandboxSpError(403, "Unauthorized", "Access to requested resource is denied.", "The application has no restricted role for this seller's personal data.");
        }

        var opened = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var resource in resources.EnumerateArray())
        {
            var path = resource.TryGetProperty("path", out var p) ? p.GetString() : null;
            if (resource.TryGetProperty("method", out var m) && m.GetString() != "GET" || path is null || !path.StartsWith(OrdersPath, StringComparison.Ordinal))
            {
                throw new SandboxSpError(400, "InvalidInput", "Each restricted resource is a GET of an Orders API v0 path.");
            }

            opened[path] = resource.TryGetProperty("dataElements", out var elements) && elements.ValueKind == JsonValueKind.Array
                ? elements.EnumerateArray().Select(e => e.GetString() ?? "").ToHashSet(StringComparer.Ordinal)
                : new HashSet<string>(StringComparer.Ordinal) { "buyerInfo", "shippingAddress" };
        }

        var token = lwa.IssueRestricted(access, opened);
        return Json(new { restrictedDataToken = token.Token, expiresIn = (int)SandboxLwa.AccessTokenLifetime.TotalSeconds });
    }

    private static Dictionary<string, object?> OrderJson(SandboxOrder order, DateTimeOffset now, SandboxAccessToken access)
    {
        var (status, pending, paid, units, shipped, marketplace) = order.ViewAt(now);
        bool Opens(string element) => !pending && !order.WithholdBuyerData
            && (access.Opens(OrdersPath, order.AmazonOrderId, element) || access.Opens($"{OrdersPath}/{{orderId}}", order.AmazonOrderId, element));
        var address = order.ShippingAddress;
        var personal = Opens("shippingAddress");
        return new Dictionary<string, object?>
        {
            ["AmazonOrderId"] = order.AmazonOrderId,
            ["SellerOrderId"] = order.AmazonOrderId,
            ["PurchaseDate"] = Iso(order.PurchaseDate),
            ["LastUpdateDate"] = Iso(order.LastUpdateDateAt(now)),
            ["OrderStatus"] = status.Status,
            ["FulfillmentChannel"] = order.FulfillmentChannel,
            ["SalesChannel"] = marketplace.Name,
            ["ShipServiceLevel"] = order.ShipServiceLevel,
            ["OrderTotal"] = paid ? Money(OrderGenerator.Total(order, marketplace.PricesIncludeTax)) : null,
            ["NumberOfItemsShipped"] = shipped,
            ["NumberOfItemsUnshipped"] = units - shipped,
            ["PaymentMethod"] = order.PaymentMethod,
            ["MarketplaceId"] = order.MarketplaceId,
            ["ShipmentServiceLevelCategory"] = order.ShipmentServiceLevelCategory,
            ["OrderType"] = "StandardOrder",
            ["EarliestShipDate"] = Iso(order.PurchaseDate.AddDays(1)),
            ["LatestShipDate"] = Iso(order.PurchaseDate.AddDays(3)),
            ["IsBusinessOrder"] = order.IsBusinessOrder,
            ["IsPrime"] = order.IsPrime,
            ["IsPremiumOrder"] = false,
            ["IsReplacementOrder"] = false,
            // Without a Restricted Data Token the address keeps only what is not personal.
            ["ShippingAddress"] = pending ? null : new Dictionary<string, object?>
            {
                ["Name"] = personal ? address.Name : null,
                ["AddressLine1"] = personal ? address.AddressLine1 : null,
                ["AddressLine2"] = personal ? address.AddressLine2 : null,
                ["City"] = address.City,
                ["StateOrRegion"] = address.StateOrRegion,
                ["PostalCode"] = address.PostalCode,
                ["CountryCode"] = address.CountryCode,
                ["Phone"] = personal ? address.Phone : null,
                ["AddressType"] = order.IsBusinessOrder ? "Commercial" : "Residential",
            },
            ["BuyerInfo"] = Opens("buyerInfo")
                ? new Dictionary<string, object?>
                {
                    ["BuyerEmail"] = order.BuyerEmail,
                    ["BuyerName"] = order.BuyerName,
                    ["PurchaseOrderNumber"] = order.PurchaseOrderNumber,
                    ["BuyerTaxInfo"] = order.BuyerVatNumber is { } vat
                        ? new
                        {
                            CompanyLegalName = order.BuyerName,
                            TaxingRegion = address.CountryCode,
                            TaxClassifications = new[] { new { Name = "VATNumber", Value = vat } },
                        }
                        : null,
                }
                : null,
        };
    }

    private static object? Money(SandboxMoney? money, string? raw = null) => money is { } m
        ? new { m.CurrencyCode, Amount = raw ?? m.Amount.ToString(SandboxCatalog.Decimals(m.CurrencyCode) == 0 ? "0" : "0.00", CultureInfo.InvariantCulture) }
        : null;

    private static string Iso(DateTimeOffset date) => date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Date(IQueryCollection query, string name) =>
        query[name].ToString() is { Length: > 0 } text
            ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : throw new SandboxSpError(400, "InvalidInput", $"{name} is not an ISO 8601 date.")
            : null;

    private static int Int(IQueryCollection query, string name, int min, int max, int fallback) =>
        query[name].ToString() is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : throw new SandboxSpError(400, "InvalidInput", $"{name} must be from {min} to {max}.")
            : fallback;
}
