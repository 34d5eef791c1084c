using System.Globalization;
using System.Text.Json;
using ErpAmazonModule.Sandbox.Mws;
using ErpAmazonModule.Sandbox.Store;
using Microsoft.AspNetCore.Http.Features;

namespace ErpAmazonModule.Sandbox.SellingPartner;

/// <summary>
/// The Selling Partner API side of the sandbox: Login with Amazon's token endpoint (<c>/auth/o2/token</c>, JSON or
/// form-encoded bodies) and the operations, each checking the <c>x-amz-access-token</c>, the usage plan (429
/// <c>QuotaExceeded</c> with <c>x-amzn-RateLimit-Limit</c>) and the injected faults, answering Amazon's JSON shapes
/// with an <c>x-amzn-RequestId</c>.
/// </summary>
public static class SandboxSellingPartnerEndpoints
{
    internal static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = null, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static void MapSandboxSellingPartner(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/auth/o2/token", TokenAsync).ExcludeFromDescription();
        SandboxOrdersV0.Map(endpoints);
        SandboxOrders2026.Map(endpoints);
        SandboxFinancesV0.Map(endpoints);
        SandboxFeeds2021.Map(endpoints);
        endpoints.MapGet("/sellers/v1/marketplaceParticipations", (HttpContext context, SandboxLwa lwa, SandboxStore store, SandboxThrottle throttle, SandboxFaults faults) =>
            OperationAsync(context, "getMarketplaceParticipations", lwa, store, throttle, faults, access =>
            {
                var seller = access.SellerId;
                var known = store.Seller(seller) ?? throw new SandboxSpError(403, "Unauthorized", "Access to requested resource is denied.", "The seller is not known.");
                return Results.Json(new
                {
                    payload = SandboxCatalog.Marketplaces.Where(m => known.MarketplaceIds.Contains(m.MarketplaceId)).Select(m => new
                    {
                        marketplace = new { id = m.MarketplaceId, name = m.Name, countryCode = m.CountryCode, defaultCurrencyCode = m.CurrencyCode, defaultLanguageCode = m.LanguageCode, domainName = m.DomainName },
                        participation = new { isParticipating = true, hasSuspendedListings = false },
                        storeName = $"Sandbox store {seller}",
                    }),
                }, Json);
            })).ExcludeFromDescription();
    }

    // LWA answers every client the same way whichever body it sent: JSON (the official SDKs) or a form (curl, older clients).
    private static async Task<IResult> TokenAsync(HttpContext context, SandboxLwa lwa, SandboxStore store)
    {
        Dictionary<string, string?> fields;
        try
        {
            if (context.Request.HasFormContentType)
            {
                fields = (await context.Request.ReadFormAsync(context.RequestAborted)).ToDictionary(f => f.Key, f => (string?)f.Value.ToString(), StringComparer.Ordinal);
            }
            else
            {
                using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
                fields = body.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.ToString(), StringComparer.Ordinal);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or InvalidOperationException)
        {
            return Results.Json(new { error = "invalid_request", error_description = "The request body is neither a form nor a JSON object." }, statusCode: 400);
        }

        var (token, error, description, status) = lwa.Exchange(fields.GetValueOrDefault("grant_type"), fields.GetValueOrDefault("refresh_token"),
            fields.GetValueOrDefault("client_id"), fields.GetValueOrDefault("client_secret"));
        store.Record(new(store.Now, "lwa:token", token?.SellerId, status, error));
        return token is null
            ? Results.Json(new { error_description = description, error }, statusCode: status)
            : Results.Json(new { access_token = token.Token, refresh_token = fields["refresh_token"], token_type = "bearer", expires_in = (int)SandboxLwa.AccessTokenLifetime.TotalSeconds });
    }

    /// <summary>Runs an operation as Amazon would: request id, usage plan, faults, the access token, then <paramref name="answer"/> for the token's holder.</summary>
    internal static async Task<IResult> OperationAsync(HttpContext context, string operation, SandboxLwa lwa, SandboxStore store, SandboxThrottle throttle, SandboxFaults faults, Func<SandboxAccessToken, IResult> answer)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var (group, burst, restoreSeconds) = SandboxThrottle.Quotas[operation];
        context.Response.Headers["x-amzn-RateLimit-Limit"] = (1 / restoreSeconds).ToString("0.####", CultureInfo.InvariantCulture);
        var fault = faults.Next(operation);
        string? sellerId = null;
        try
        {
            if (fault?.Kind == SandboxFaultKind.DropConnection)
            {
                store.Record(new(store.Now, operation, null, 0, "DroppedConnection"));
                context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
                context.Abort();
                return Results.Empty;
            }

            if (fault?.Kind == SandboxFaultKind.Slow)
            {
                await Task.Delay(fault.DelayMilliseconds, context.RequestAborted);
            }

            if (fault?.Kind == SandboxFaultKind.InternalError)
            {
                throw new SandboxSpError(500, "InternalFailure", "We encountered an internal error. Please try again.");
            }

            if (fault?.Kind is SandboxFaultKind.MalformedXml)
            {
                // A proxy's page instead of JSON: the request never reached Amazon.
                store.Record(new(store.Now, operation, null, 200, fault.Kind.ToString()));
                return Results.Text("<html><body>502 Bad Gateway</body>", "application/json");
            }

            var (access, problem) = lwa.Check(context.Request.Headers["x-amz-access-token"].ToString());
            if (access is null)
            {
                throw new SandboxSpError(403, "Unauthorized", "Access to requested resource is denied.", problem);
            }

            sellerId = access.SellerId;
            if (fault?.Kind is SandboxFaultKind.Throttle or SandboxFaultKind.QuotaExceeded || !throttle.TryTake(sellerId, operation, out _))
            {
                throw new SandboxSpError(429, "QuotaExceeded", "You exceeded your quota for the requested resource.");
            }

            var result = answer(access);
            if (fault?.Kind is SandboxFaultKind.TruncatedXml)
            {
                // The operation took effect; its answer is cut in half on the way back (the caller cannot know the outcome).
                store.Record(new(store.Now, operation, sellerId, 200, fault.Kind.ToString()));
                return Results.Text("{\"payload\":{\"Orders\":[{\"AmazonOrderId\":\"", "application/json");
            }

            store.Record(new(store.Now, operation, sellerId, 200, null));
            return result;
        }
        catch (SandboxSpError error)
        {
            store.Record(new(store.Now, operation, sellerId, error.Status, error.Code));
            return Results.Json(new { errors = new[] { new { code = error.Code, message = error.Message, details = error.Details } } }, Json, statusCode: error.Status);
        }
    }
}

/// <summary>A Selling Partner API error: <c>{"errors":[{"code","message","details"}]}</c> with its status.</summary>
public sealed class SandboxSpError(int status, string code, string message, string? details = null) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string? Details { get; } = details;
}
