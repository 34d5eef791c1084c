using System.Globalization;
using ErpAmazonModule.Sandbox.Mws;
using ErpAmazonModule.Sandbox.Store;

namespace ErpAmazonModule.Sandbox.SellingPartner;

/// <summary>
/// Orders API 2026-01-01 (<c>orders_2026-01-01.json</c>): <c>searchOrders</c> and <c>getOrder</c>, camelCase JSON with no
/// <c>payload</c> wrapper, amounts as decimal strings, the items always inside their order, and only the datasets asked
/// for with <c>includedData</c>. Buyer data comes with the seller's roles, not with a Restricted Data Token: a seller
/// whose application lacks the PII role gets none, as Amazon does.
/// </summary>
public static class SandboxOrders2026
{
    private const string OrdersPath = "/orders/2026-01-01/orders";

    private static readonly HashSet<string> Datasets = ["BUYER", "RECIPIENT", "PROCEEDS", "EXPENSE", "PROMOTION", "CANCELLATION", "FULFILLMENT", "PACKAGES", "TAX", "PAYMENT", "FULFILLMENT_ORDERS"];

    /// <summary>Amazon's fulfillment statuses by the order statuses of v0 and MWS.</summary>
    private static readonly Dictionary<string, string> FulfillmentStatuses = new(StringComparer.Ordinal)
    {
        ["PendingAvailability"] = "PENDING_AVAILABILITY",
        ["Pending"] = "PENDING",
        ["Unshipped"] = "UNSHIPPED",
        ["PartiallyShipped"] = "PARTIALLY_SHIPPED",
        ["Shipped"] = "SHIPPED",
        ["Canceled"] = "CANCELLED",
        ["Unfulfillable"] = "UNFULFILLABLE",
    };

    private sealed record OrdersPage(List<string> OrderIds, int PageSize, bool ByCreation, DateTimeOffset Before, string SellerId, IReadOnlySet<string> Included);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(OrdersPath, (HttpContext context, SandboxLwa lwa, SandboxStore store, SandboxThrottle throttle, SandboxFaults faults) =>
            SandboxSellingPartnerEndpoints.OperationAsync(context, "searchOrders", lwa, store, throttle, faults, access => SearchOrders(context.Request.Query, access, store))).ExcludeFromDescription();
        endpoints.MapGet(OrdersPath + "/{orderId}", (HttpContext context, string orderId, SandboxLwa lwa, SandboxStore store, SandboxThrottle throttle, SandboxFaults faults) =>
            SandboxSellingPartnerEndpoints.OperationAsync(context, "getOrder", lwa, store, throttle, faults, access =>
            {
                var included = Included(context.Request.Query);
                var order = store.Order(access.SellerId, orderId) ?? throw new SandboxSpError(404, "NotFound", $"Order {orderId} was not found.");
                return Json(new { order = OrderJson(order, store, included) });
            })).ExcludeFromDescription();
    }

    private static IResult Json(object body) => Results.Json(body, SandboxSellingPartnerEndpoints.Json);

    private static List<string> ListOf(IQueryCollection query, string name) =>
        [.. query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static IReadOnlySet<string> Included(IQueryCollection query)
    {
        var included = ListOf(query, "includedData");
        return included.FirstOrDefault(d => !Datasets.Contains(d)) is { } bad
            ? throw new SandboxSpError(400, "InvalidInput", $"Invalid includedData value {bad}.")
            : included.ToHashSet(StringComparer.Ordinal);
    }

    private static IResult SearchOrders(IQueryCollection query, SandboxAccessToken access, SandboxStore store)
    {
        var included = Included(query);
        if (query["paginationToken"].ToString() is { Length: > 0 } token)
        {
            return PageResult(store.TakePage<OrdersPage>(token) is { } saved && saved.SellerId == access.SellerId
                ? saved with { Included = query.ContainsKey("includedData") ? included : saved.Included }
                : throw new SandboxSpError(400, "InvalidInput", "Invalid paginationToken."), store);
        }

        var seller = store.Seller(access.SellerId)!;
        var marketplaces = ListOf(query, "marketplaceIds");
        if (marketplaces.Count > 50 || marketplaces.Any(m => !seller.MarketplaceIds.Contains(m)))
        {
            throw new SandboxSpError(400, "InvalidInput", "marketplaceIds takes at most 50 marketplaces the seller sells in.");
        }

        if (marketplaces.Count == 0)
        {
            marketplaces = seller.MarketplaceIds;
        }

        var createdAfter = Date(query, "createdAfter");
        var updatedAfter = Date(query, "lastUpdatedAfter");
        if (createdAfter is null == updatedAfter is null)
        {
            throw new SandboxSpError(400, "InvalidInput", "Exactly one of createdAfter and lastUpdatedAfter is required.");
        }

        var byCreation = createdAfter is not null;
        if (byCreation ? query.ContainsKey("lastUpdatedBefore") : query.ContainsKey("createdBefore"))
        {
            throw new SandboxSpError(400, "InvalidInput", byCreation
                ? "lastUpdatedBefore cannot be combined with createdAfter."
                : "createdBefore cannot be combined with lastUpdatedAfter.");
        }

        var latest = store.Now.AddMinutes(-2);
        var after = createdAfter ?? updatedAfter!.Value;
        var before = Date(query, byCreation ? "createdBefore" : "lastUpdatedBefore") ?? latest;
        if (after > latest || before > latest || before < after)
        {
            throw new SandboxSpError(400, "InvalidInput", "The window must not end before it starts, and must end at least two minutes before the request.");
        }

        var statuses = ListOf(query, "fulfillmentStatuses");
        if (statuses.FirstOrDefault(s => !FulfillmentStatuses.ContainsValue(s)) is { } badStatus)
        {
            throw new SandboxSpError(400, "InvalidInput", $"Invalid fulfillmentStatuses value {badStatus}.");
        }

        var fulfilledBy = ListOf(query, "fulfilledBy");
        if (fulfilledBy.FirstOrDefault(f => f is not ("MERCHANT" or "AMAZON")) is { } badChannel)
        {
            throw new SandboxSpError(400, "InvalidInput", $"Invalid fulfilledBy value {badChannel}.");
        }

        var pageSize = query["maxResultsPerPage"].ToString() is { Length: > 0 } size
            ? int.TryParse(size, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 100
                ? n
                : throw new SandboxSpError(400, "InvalidInput", "maxResultsPerPage must be from 1 to 100.")
            : 100;
        var selected = OrdersSection.Select(store, access.SellerId, store.Now, marketplaces, byCreation, after, before,
            [.. FulfillmentStatuses.Where(s => statuses.Contains(s.Value)).Select(s => s.Key)],
            [.. fulfilledBy.Select(f => f == "AMAZON" ? "AFN" : "MFN")]);
        return PageResult(new OrdersPage(selected, pageSize, byCreation, before, access.SellerId, included), store);
    }

    private static IResult PageResult(OrdersPage page, SandboxStore store)
    {
        var rest = page.OrderIds.Skip(page.PageSize).ToList();
        var token = rest.Count > 0 ? store.SavePage(page with { OrderIds = rest }) : null;
        var orders = page.OrderIds.Take(page.PageSize).Select(id => store.Order(page.SellerId, id)).OfType<SandboxOrder>().Select(o => OrderJson(o, store, page.Included)).ToList();
        return Json(new Dictionary<string, object?>
        {
            ["orders"] = orders,
            ["pagination"] = token is null ? null : new { nextToken = token },
            [page.ByCreation ? "createdBefore" : "lastUpdatedBefore"] = Iso(page.Before),
        });
    }

    private static Dictionary<string, object?> OrderJson(SandboxOrder order, SandboxStore store, IReadOnlySet<string> included)
    {
        var now = store.Now;
        var (status, pending, paid, _, _, marketplace) = order.ViewAt(now);
        // Personal data: with the seller's PII role, once the order is no longer pending, unless Amazon withholds it.
        var personal = !pending && !order.WithholdBuyerData && store.Seller(order.SellerId) is { RestrictedRole: false };
        var fbm = order.FulfillmentChannel == "MFN";
        var priced = !pending;
        var address = order.ShippingAddress;
        var items = order.Items.Select(i => ItemJson(order, i, status, priced, personal, included)).ToList();
        var programs = new List<string>();
        if (order.IsPrime)
        {
            programs.Add("PRIME");
        }

        if (order.IsBusinessOrder)
        {
            programs.Add("AMAZON_BUSINESS");
        }

        var json = new Dictionary<string, object?>
        {
            ["orderId"] = order.AmazonOrderId,
            ["orderAliases"] = new[] { new { aliasId = order.AmazonOrderId, aliasType = "SELLER_ORDER_ID" } },
            ["createdTime"] = Iso(order.PurchaseDate),
            ["lastUpdatedTime"] = Iso(order.LastUpdateDateAt(now)),
            ["programs"] = programs,
            ["salesChannel"] = new { channelName = "AMAZON", marketplaceId = order.MarketplaceId, marketplaceName = marketplace.Name },
            ["orderItems"] = items,
        };
        if (included.Contains("BUYER") && personal)
        {
            json["buyer"] = new Dictionary<string, object?>
            {
                ["buyerName"] = order.BuyerName,
                // The anonymized e-mail is given for the orders the seller ships only.
                ["buyerEmail"] = fbm ? order.BuyerEmail : null,
                ["buyerCompanyName"] = order.IsBusinessOrder ? order.BuyerName : null,
                ["buyerPurchaseOrderNumber"] = order.PurchaseOrderNumber,
            };
        }

        if (included.Contains("RECIPIENT") && !pending)
        {
            json["recipient"] = new
            {
                deliveryAddress = new Dictionary<string, object?>
                {
                    ["name"] = personal ? address.Name : null,
                    ["addressLine1"] = personal ? address.AddressLine1 : null,
                    ["addressLine2"] = personal ? address.AddressLine2 : null,
                    ["city"] = address.City,
                    ["stateOrRegion"] = address.StateOrRegion,
                    ["postalCode"] = address.PostalCode,
                    ["countryCode"] = address.CountryCode,
                    ["phone"] = personal ? address.Phone : null,
                    ["addressType"] = order.IsBusinessOrder ? "COMMERCIAL" : "RESIDENTIAL",
                },
            };
        }

        if (included.Contains("PROCEEDS") && paid)
        {
            var total = OrderGenerator.Total(order, marketplace.PricesIncludeTax);
            var sums = new[] { "ITEM", "SHIPPING", "GIFT_WRAP", "COD_FEE", "TAX", "DISCOUNT" }
                .Select(type => (type, amount: order.Items.Sum(i => Breakdown(i, type).Amount)))
                .Where(b => b.amount != 0)
                .Select(b => new { type = b.type, subtotal = Money(new SandboxMoney(total.CurrencyCode, b.amount)) })
                .ToList();
            json["proceeds"] = new { grandTotal = Money(total), breakdowns = sums };
        }

        if (included.Contains("TAX") && personal && order.BuyerVatNumber is { } vat)
        {
            json["tax"] = new
            {
                taxRegistrations = new[]
                {
                    new { entityType = "BUYER", legalName = order.BuyerName, taxRegistrationType = "VAT", taxRegistrationNumber = vat },
                },
            };
        }

        if (included.Contains("FULFILLMENT"))
        {
            json["fulfillment"] = new Dictionary<string, object?>
            {
                ["fulfillmentStatus"] = FulfillmentStatuses[status.Status],
                ["fulfilledBy"] = fbm ? "MERCHANT" : "AMAZON",
                ["fulfillmentServiceLevel"] = ServiceLevel(order.ShipmentServiceLevelCategory),
                ["shipByWindow"] = new { earliestDateTime = Iso(order.PurchaseDate.AddDays(1)), latestDateTime = Iso(order.PurchaseDate.AddDays(3)) },
            };
        }

        return json;
    }

    private static Dictionary<string, object?> ItemJson(SandboxOrder order, SandboxOrderItem item, SandboxStatusChange status, bool priced, bool personal, IReadOnlySet<string> included)
    {
        var unit = new SandboxMoney(item.ItemPrice.CurrencyCode, item.QuantityOrdered == 0 ? item.ItemPrice.Amount : item.ItemPrice.Amount / item.QuantityOrdered);
        var json = new Dictionary<string, object?>
        {
            ["orderItemId"] = item.OrderItemId,
            ["quantityOrdered"] = item.QuantityOrdered,
            ["product"] = new Dictionary<string, object?>
            {
                ["asin"] = item.Asin,
                ["title"] = item.Title,
                ["sellerSku"] = item.SellerSku,
                ["condition"] = new { conditionType = item.ConditionId.ToUpperInvariant(), conditionSubtype = item.ConditionId.ToUpperInvariant() },
                ["price"] = priced ? new { unitPrice = Money(unit) } : null,
            },
        };
        if (included.Contains("PROCEEDS") && priced)
        {
            var breakdowns = new List<object>();
            foreach (var type in new[] { "ITEM", "SHIPPING", "GIFT_WRAP", "COD_FEE", "TAX", "DISCOUNT" })
            {
                var amount = Breakdown(item, type);
                if (amount.Amount == 0 && type != "ITEM")
                {
                    continue;
                }

                var details = Details(item, type).Where(d => d.Value.Amount != 0).Select(d => new { subtype = d.Subtype, value = Money(d.Value) }).ToList();
                breakdowns.Add(new Dictionary<string, object?>
                {
                    ["type"] = type,
                    ["subtotal"] = type == "ITEM" ? Money(item.ItemPrice, item.RawItemPriceAmount) : Money(amount),
                    ["detailedBreakdowns"] = details.Count > 0 ? details : null,
                });
            }

            var currency = item.ItemPrice.CurrencyCode;
            var marketplace = SandboxCatalog.Marketplaces.Single(m => m.MarketplaceId == order.MarketplaceId);
            // What the buyer pays for the item: the tax is inside the prices where the marketplace quotes them with it.
            var proceeds = Breakdown(item, "ITEM").Amount + Breakdown(item, "SHIPPING").Amount + Breakdown(item, "GIFT_WRAP").Amount + Breakdown(item, "COD_FEE").Amount
                + Breakdown(item, "DISCOUNT").Amount + (marketplace.PricesIncludeTax ? 0 : Breakdown(item, "TAX").Amount);
            json["proceeds"] = new { proceedsTotal = Money(new SandboxMoney(currency, proceeds)), breakdowns };
        }

        if (included.Contains("PROMOTION") && item.PromotionIds.Count > 0)
        {
            json["promotion"] = new { breakdowns = item.PromotionIds.Select(id => new { promotionId = id }) };
        }

        if (included.Contains("CANCELLATION") && status.Status == "Canceled")
        {
            json["cancellation"] = new { cancellationExecution = new { cancelledBy = "AMAZON" } };
        }

        if (included.Contains("FULFILLMENT"))
        {
            var shipped = OrdersSection.ShippedOf(order, item, status.ItemsShipped);
            // The gift message and wrap are the buyer's: they come with the PII role.
            var gift = personal && (item.GiftMessageText is not null || item.GiftWrapLevel is not null)
                ? new { giftOption = new { giftMessage = item.GiftMessageText, giftWrapLevel = item.GiftWrapLevel } }
                : null;
            json["fulfillment"] = new Dictionary<string, object?>
            {
                ["quantityFulfilled"] = shipped,
                ["quantityUnfulfilled"] = item.QuantityOrdered - shipped,
                ["packing"] = gift,
            };
        }

        return json;
    }

    /// <summary>A proceeds category of an item: charges positive, discounts negative (they reduce the proceeds).</summary>
    private static SandboxMoney Breakdown(SandboxOrderItem item, string type)
    {
        var currency = item.ItemPrice.CurrencyCode;
        return new SandboxMoney(currency, type == "ITEM" ? item.ItemPrice.Amount : Details(item, type).Sum(d => d.Value.Amount));
    }

    private static IEnumerable<(string Subtype, SandboxMoney Value)> Details(SandboxOrderItem item, string type)
    {
        var currency = item.ItemPrice.CurrencyCode;
        SandboxMoney Of(SandboxMoney? money, int sign = 1) => new(currency, sign * (money?.Amount ?? 0m));
        switch (type)
        {
            case "SHIPPING":
                yield return ("SHIPPING", Of(item.ShippingPrice));
                break;
            case "GIFT_WRAP":
                yield return ("GIFT_WRAP", Of(item.GiftWrapPrice));
                break;
            case "COD_FEE":
                yield return ("COD_FEE", Of(item.CodFee));
                break;
            case "TAX":
                yield return ("ITEM", Of(item.ItemTax));
                yield return ("SHIPPING", Of(item.ShippingTax));
                yield return ("GIFT_WRAP", Of(item.GiftWrapTax));
                // The tax taken off with the discounts (promotion and shipping alike).
                yield return ("DISCOUNT", new SandboxMoney(currency, -(item.PromotionDiscountTax?.Amount ?? 0m) - (item.ShippingDiscountTax?.Amount ?? 0m)));
                break;
            case "DISCOUNT":
                yield return ("ITEM", Of(item.PromotionDiscount, -1));
                yield return ("SHIPPING", Of(item.ShippingDiscount, -1));
                yield return ("COD_FEE", Of(item.CodFeeDiscount, -1));
                break;
        }
    }

    /// <summary>The shipping speed category as 2026-01-01 names it.</summary>
    private static string ServiceLevel(string category) => category switch
    {
        "Expedited" => "EXPEDITED",
        "SecondDay" => "SECOND_DAY",
        "NextDay" => "NEXT_DAY",
        "SameDay" => "SAME_DAY",
        "Scheduled" => "SCHEDULED",
        "FreeEconomy" => "FREE_ECONOMY",
        "Priority" => "PRIORITY",
        _ => "STANDARD",
    };

    private static object Money(SandboxMoney money, string? raw = null) =>
        new { amount = raw ?? OrderGenerator.Format(money.Amount, money.CurrencyCode), currencyCode = money.CurrencyCode };

    private static string Iso(DateTimeOffset date) => date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Date(IQueryCollection query, string name) =>
        query[name].ToString() is { Length: > 0 } text
            ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : throw new SandboxSpError(400, "InvalidInput", $"{name} is not an ISO 8601 date.")
            : null;
}
