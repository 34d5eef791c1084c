using System.Globalization;
using ErpAmazonModule.Sandbox.Mws;
using ErpAmazonModule.Sandbox.Store;

namespace ErpAmazonModule.Sandbox.SellingPartner;

/// <summary>
/// Finances API v0 (<c>financesV0.json</c>): <c>listFinancialEvents</c> (0.5/s burst 30) with <c>PostedAfter</c>,
/// <c>PostedBefore</c>, <c>MaxResultsPerPage</c> (1-100) and <c>NextToken</c>; the events of
/// <see cref="SandboxFinancialEvents"/> in the <c>payload</c> wrapper with MWS's PascalCase names and
/// <c>CurrencyAmount</c> as a JSON number.
/// </summary>
public static class SandboxFinancesV0
{
    private sealed record EventsPage(List<SandboxFinancialEvent> Events, int PageSize, string SellerId);

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/finances/v0/financialEvents", (HttpContext context, SandboxLwa lwa, SandboxStore store, SandboxThrottle throttle, SandboxFaults faults) =>
            SandboxSellingPartnerEndpoints.OperationAsync(context, "listFinancialEvents", lwa, store, throttle, faults, access => List(context.Request.Query, access, store))).ExcludeFromDescription();

    private static IResult List(IQueryCollection query, SandboxAccessToken access, SandboxStore store)
    {
        EventsPage page;
        if (query["NextToken"].ToString() is { Length: > 0 } token)
        {
            page = store.TakePage<EventsPage>(token) is { } saved && saved.SellerId == access.SellerId ? saved : throw new SandboxSpError(400, "InvalidInput", "Invalid NextToken.");
        }
        else
        {
            DateTimeOffset? Date(string name) => query[name].ToString() is { Length: > 0 } text
                ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : throw new SandboxSpError(400, "InvalidInput", $"{name} is not an ISO 8601 date.")
                : null;
            var latest = store.Now.AddMinutes(-2);
            var after = Date("PostedAfter") ?? store.Now.AddDays(-180);
            var before = Date("PostedBefore") ?? latest;
            if (before > latest || before <= after)
            {
                throw new SandboxSpError(400, "InvalidInput", "PostedBefore must be after PostedAfter and at least two minutes before the request.");
            }

            var size = query["MaxResultsPerPage"].ToString() is { Length: > 0 } text
                ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 100 ? n : throw new SandboxSpError(400, "InvalidInput", "MaxResultsPerPage must be from 1 to 100.")
                : 100;
            page = new EventsPage([.. SandboxFinancialEvents.Of(store, access.SellerId, store.Now).Where(e => e.Posted >= after && e.Posted < before)], size, access.SellerId);
        }

        var current = page.Events.Take(page.PageSize).ToList();
        var rest = page.Events.Skip(page.PageSize).ToList();
        return Results.Json(new
        {
            payload = new Dictionary<string, object?>
            {
                ["NextToken"] = rest.Count > 0 ? store.SavePage(page with { Events = rest }) : null,
                ["FinancialEvents"] = new Dictionary<string, object?>
                {
                    ["ShipmentEventList"] = current.Where(e => !e.IsRefund).Select(EventJson).ToList(),
                    ["RefundEventList"] = current.Where(e => e.IsRefund).Select(EventJson).ToList(),
                },
            },
        }, SandboxSellingPartnerEndpoints.Json);
    }

    private static Dictionary<string, object?> EventJson(SandboxFinancialEvent e)
    {
        var adjustment = e.IsRefund ? "AdjustmentList" : "List";
        static object Money(string currency, decimal amount) => new { CurrencyCode = currency, CurrencyAmount = amount };
        return new Dictionary<string, object?>
        {
            ["AmazonOrderId"] = e.Order.AmazonOrderId,
            ["SellerOrderId"] = e.Order.AmazonOrderId,
            ["MarketplaceName"] = e.MarketplaceName,
            ["PostedDate"] = e.Posted.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            [e.IsRefund ? "ShipmentItemAdjustmentList" : "ShipmentItemList"] = e.Items.Select(i => new Dictionary<string, object?>
            {
                ["SellerSKU"] = i.SellerSku,
                ["OrderItemId"] = i.OrderItemId,
                ["OrderAdjustmentItemId"] = i.OrderAdjustmentItemId,
                ["QuantityShipped"] = i.Quantity,
                ["ItemCharge" + adjustment] = i.Charges.Select(c => new { ChargeType = c.Type, ChargeAmount = Money(i.CurrencyCode, c.Amount) }),
                ["ItemFee" + adjustment] = i.Fees.Select(f => new { FeeType = f.Type, FeeAmount = Money(i.CurrencyCode, f.Amount) }),
                ["ItemTaxWithheldList"] = i.TaxesWithheld.Count > 0
                    ? new[] { new { TaxCollectionModel = "MarketplaceFacilitator", TaxesWithheld = i.TaxesWithheld.Select(t => new { ChargeType = t.Type, ChargeAmount = Money(i.CurrencyCode, t.Amount) }) } }
                    : null,
                ["Promotion" + adjustment] = i.Promotions.Count > 0
                    ? i.Promotions.Select(p => new { PromotionType = p.Type, p.PromotionId, PromotionAmount = Money(i.CurrencyCode, p.Amount) })
                    : null,
            }).ToList(),
        };
    }
}
