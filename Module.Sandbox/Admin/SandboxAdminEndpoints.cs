using ErpAmazonModule.Sandbox.Mws;
using ErpAmazonModule.Sandbox.Store;

namespace ErpAmazonModule.Sandbox.Admin;

/// <summary>The sandbox's admin API (JSON, not part of Amazon's protocol): state, credentials, orders, faults.</summary>
public static class SandboxAdminEndpoints
{
    public sealed record DeveloperBody(string DeveloperId, string Region, string AccessKeyId, string SecretKey, string? Name);

    public sealed record SellerBody(string SellerId, string Region, List<string> MarketplaceIds, string DeveloperId, string? AuthToken, int? ValidDays, bool RestrictedRole);

    public sealed record RevokeBody(string? AuthToken);

    public sealed record OrderBody(string SellerId, string MarketplaceId, int Kind, int? MinutesAgo);

    public sealed record StatusBody(string Status, int? ItemsShipped);

    public sealed record MalformBody(string What);

    public sealed record BuyerBody(string? Name, string? Email);

    public sealed record ResetBody(int? Seed);

    public sealed record RefreshTokenBody(string? Token);

    public sealed record GenerateBody(int Count, int? Seed);

    private static readonly string[] OrderStatuses = ["Pending", "Unshipped", "PartiallyShipped", "Shipped", "Canceled", "Unfulfillable"];

    public static void MapSandboxAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/admin");
        admin.MapGet("/", (SandboxStore store) => new
        {
            Now = store.Now,
            store.Options,
            Developers = store.Developers(),
            Sellers = store.Authorizations().Select(a => new { a.SellerId, a.DeveloperId, a.AuthToken, a.GrantedOn, a.ExpiresOn, a.Revoked, Marketplaces = store.Seller(a.SellerId)?.MarketplaceIds }),
            Orders = store.Authorizations().Select(a => a.SellerId).Distinct().ToDictionary(s => s, s => store.Orders(s).Count),
        });
        admin.MapPost("/reset", (ResetBody? body, SandboxStore store, SandboxThrottle throttle, SandboxFaults faults) =>
        {
            store.Reset(body?.Seed ?? store.Options.Seed);
            throttle.Reset();
            faults.Clear();
            return Results.NoContent();
        });
        admin.MapPost("/developers", (DeveloperBody body, SandboxStore store) =>
        {
            if (body.Region is not ("NA" or "EU" or "FE") || string.IsNullOrWhiteSpace(body.AccessKeyId) || string.IsNullOrWhiteSpace(body.SecretKey))
            {
                return Results.Problem(statusCode: 400, title: "Region (NA, EU, FE), AccessKeyId and SecretKey are required.");
            }

            store.AddDeveloper(new SandboxDeveloper(body.DeveloperId, body.Region, body.AccessKeyId, body.SecretKey, body.Name ?? body.DeveloperId));
            return Results.NoContent();
        });
        admin.MapPost("/sellers", (SellerBody body, SandboxStore store) =>
        {
            if (body.Region is not ("NA" or "EU" or "FE") || string.IsNullOrWhiteSpace(body.SellerId) || body.MarketplaceIds is not { Count: > 0 })
            {
                return Results.Problem(statusCode: 400, title: "SellerId, Region (NA, EU, FE) and at least one MarketplaceId are required.");
            }

            if (body.ValidDays is < 1 or > 3650)
            {
                return Results.Problem(statusCode: 400, title: "ValidDays must be from 1 to 3650.");
            }

            var seller = new SandboxSeller { SellerId = body.SellerId, Region = body.Region, MarketplaceIds = body.MarketplaceIds, RestrictedRole = body.RestrictedRole };
            var authorization = store.RegisterSeller(seller, body.DeveloperId, body.AuthToken, TimeSpan.FromDays(body.ValidDays ?? 365));
            return Results.Ok(authorization);
        });
        admin.MapGet("/sellers/{sellerId}/settlement-report", (string sellerId, DateTimeOffset from, DateTimeOffset to, SandboxStore store) =>
            store.Seller(sellerId) is null
                ? Results.NotFound(new { error = $"Seller {sellerId} is not known." })
                : to <= from ? Results.BadRequest(new { error = "'to' must be after 'from'." })
                : Results.Text(SandboxSettlementReport.Write(store, sellerId, from, to), "text/tab-separated-values"));
        admin.MapPost("/sellers/{sellerId}/refresh-tokens", (string sellerId, RefreshTokenBody? body, SandboxStore store, SellingPartner.SandboxLwa lwa) =>
        {
            if (store.Seller(sellerId) is null)
            {
                return Results.NotFound();
            }

            if (body?.Token is { } token && (!token.StartsWith("Atzr|", StringComparison.Ordinal) || token.Length > 500))
            {
                return Results.Problem(statusCode: 400, title: "A refresh token starts with 'Atzr|' and is at most 500 characters.");
            }

            var grant = lwa.Grant(sellerId, SandboxCatalog.Application.ClientId, body?.Token);
            return Results.Ok(new { grant.Token, grant.SellerId, grant.ClientId });
        });
        admin.MapPost("/refresh-tokens/revoke", (RefreshTokenBody body, SellingPartner.SandboxLwa lwa) =>
            body.Token is { } token && lwa.Revoke(token) ? Results.NoContent() : Results.NotFound());
        admin.MapPost("/access-tokens/expire", (SellingPartner.SandboxLwa lwa) =>
        {
            lwa.ExpireAccessTokens();
            return Results.NoContent();
        });
        admin.MapPost("/sellers/{sellerId}/revoke", (string sellerId, RevokeBody? body, SandboxStore store) =>
            store.Revoke(sellerId, body?.AuthToken) ? Results.NoContent() : Results.NotFound());
        admin.MapPost("/sellers/{sellerId}/expire", (string sellerId, SandboxStore store) =>
            store.Expire(sellerId) ? Results.NoContent() : Results.NotFound());
        admin.MapPost("/sellers/{sellerId}/generate", (string sellerId, GenerateBody body, SandboxStore store) =>
        {
            if (store.Seller(sellerId) is null)
            {
                return Results.NotFound();
            }

            return body.Count is < 1 or > 1_000_000
                ? Results.Problem(statusCode: 400, title: "Count must be from 1 to 1000000.")
                : Results.Ok(new { Orders = store.GenerateOrders(sellerId, body.Count, body.Seed ?? store.Options.Seed) });
        });

        admin.MapGet("/orders", (string sellerId, string? status, SandboxStore store) =>
            store.Orders(sellerId).Where(o => status is null || o.StatusAt(store.Now).Status == status)
                .Select(o => new { o.AmazonOrderId, o.MarketplaceId, o.FulfillmentChannel, Status = o.StatusAt(store.Now).Status, LastUpdateDate = o.LastUpdateDateAt(store.Now), Items = o.Items.Count }));
        admin.MapGet("/orders/{id}", (string id, SandboxStore store) =>
            store.Authorizations().Select(a => store.Order(a.SellerId, id)).FirstOrDefault(o => o is not null) is { } order ? Results.Ok(order) : Results.NotFound());
        admin.MapPost("/orders", (OrderBody body, SandboxStore store) =>
        {
            var seller = store.Seller(body.SellerId);
            var marketplace = SandboxCatalog.Marketplaces.FirstOrDefault(m => m.MarketplaceId == body.MarketplaceId);
            if (seller is null || marketplace is null || !seller.MarketplaceIds.Contains(body.MarketplaceId))
            {
                return Results.Problem(statusCode: 400, title: "An existing SellerId and one of its catalog MarketplaceIds are required.");
            }

            if (body.Kind is < 0 or > 999 || body.MinutesAgo is < 0 or > 400 * 24 * 60)
            {
                return Results.Problem(statusCode: 400, title: "Kind must be from 0 to 999 and MinutesAgo from 0 to 576000 (400 days).");
            }

            var index = body.Kind + 1000 * (1 + store.Orders(body.SellerId).Count);
            var order = OrderGenerator.Order(seller, marketplace, index, store.Now.AddMinutes(-(body.MinutesAgo ?? 10)), new Random(index));
            store.PutOrder(order);
            return Results.Ok(new { order.AmazonOrderId });
        });
        admin.MapPost("/orders/{id}/status", (string id, StatusBody body, SandboxStore store) =>
        {
            if (body.ItemsShipped is < 0 or > 100_000)
            {
                return Results.Problem(statusCode: 400, title: "ItemsShipped must be from 0 to 100000.");
            }

            if (!OrderStatuses.Contains(body.Status))
            {
                return Results.Problem(statusCode: 400, title: $"Status must be one of {string.Join(", ", OrderStatuses)}.");
            }

            var order = store.ChangeOrder(id, (o, now) =>
            {
                o.Timeline.RemoveAll(c => c.At > now);
                var shipped = body.ItemsShipped ?? (body.Status == "Shipped" ? o.Items.Sum(i => i.QuantityOrdered) : o.Timeline[^1].ItemsShipped);
                o.Timeline.Add(new SandboxStatusChange(now, body.Status, shipped));
            });
            return order is null ? Results.NotFound() : Results.NoContent();
        });
        admin.MapPost("/orders/{id}/malform", (string id, MalformBody body, SandboxStore store) =>
        {
            if (body.What is not ("MissingSku" or "UnparsableAmount"))
            {
                return Results.Problem(statusCode: 400, title: "What must be MissingSku or UnparsableAmount.");
            }

            var order = store.ChangeOrder(id, (o, _) =>
            {
                if (body.What == "MissingSku")
                {
                    o.Items[0].SellerSku = null;
                }
                else
                {
                    o.Items[0].RawItemPriceAmount = "12,34.5x";
                }
            });
            return order is null ? Results.NotFound() : Results.NoContent();
        });
        admin.MapPost("/orders/{id}/buyer", (string id, BuyerBody body, SandboxStore store) =>
        {
            var order = store.ChangeOrder(id, (o, _) =>
            {
                o.BuyerName = body.Name ?? o.BuyerName;
                o.BuyerEmail = body.Email ?? o.BuyerEmail;
            });
            return order is null ? Results.NotFound() : Results.NoContent();
        });

        admin.MapGet("/feeds", (string? sellerId, SandboxStore store) => store.Feeds(sellerId));
        admin.MapGet("/requests", (DateTimeOffset? since, SandboxStore store) => store.Requests().Where(r => since is null || r.At >= since));
        admin.MapGet("/requests/summary", (SandboxStore store) => store.Answered()
            .OrderBy(a => a.Key.Action, StringComparer.Ordinal).ThenBy(a => a.Key.Status)
            .Select(a => new { a.Key.Action, a.Key.Status, a.Key.ErrorCode, Count = a.Value }));

        admin.MapGet("/faults", (SandboxFaults faults) => faults.Active());
        admin.MapPost("/faults", (SandboxFault fault, SandboxFaults faults) =>
        {
            if (fault.Count is null && fault.Share is null || fault.Share is < 0 or > 1 || fault.Count is < 1)
            {
                return Results.Problem(statusCode: 400, title: "Give Count (1 or more) or Share (0 to 1).");
            }

            if (fault.DelayMilliseconds is < 0 or > 600_000 || !Enum.IsDefined(fault.Kind))
            {
                return Results.Problem(statusCode: 400, title: "DelayMilliseconds must be from 0 to 600000 and Kind one of " + string.Join(", ", Enum.GetNames<SandboxFaultKind>()) + ".");
            }

            faults.Add(fault);
            return Results.NoContent();
        });
        admin.MapDelete("/faults", (SandboxFaults faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
    }
}
