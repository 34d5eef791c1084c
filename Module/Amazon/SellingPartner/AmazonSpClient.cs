using System.Globalization;
using System.Net;
using System.Text.Json;
using ErpAmazonModule.Accounts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ErpAmazonModule.Amazon.SellingPartner;

/// <summary>Who a Selling Partner API call is for: the seller's region, Seller ID and the refresh token they gave the application.</summary>
public sealed record AmazonSpSeller(AmazonRegion Region, string SellerId, string RefreshToken)
{
    /// <summary>What a token kept for this authorization is filed under: the region and a hash of the refresh token, never the token.</summary>
    public string CacheKey() => $"{Region}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(RefreshToken)))}";

    // The refresh token stays out of any text made of the record (a log line, an exception).
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Region = ").Append(Region).Append(", SellerId = ").Append(SellerId);
        return true;
    }
}

/// <summary>An operation with its published usage plan (requests per second and burst).</summary>
public sealed record AmazonSpOperation(string Name, double RatePerSecond, int Burst)
{
    /// <summary>Amazon must not receive it twice: an unknown outcome (lost answer, timeout, 500) is not retried by the HTTP pipeline.</summary>
    public bool SendOnce { get; init; }

    /// <summary>Feeds 2021-06-30 <c>createFeedDocument</c>: 0.5 per second, burst 15.</summary>
    public static readonly AmazonSpOperation CreateFeedDocument = new("createFeedDocument", 0.5, 15);

    /// <summary>Feeds 2021-06-30 <c>createFeed</c>: 0.0083 per second, burst 15; sent once.</summary>
    public static readonly AmazonSpOperation CreateFeed = new("createFeed", 0.0083, 15) { SendOnce = true };

    /// <summary>Feeds 2021-06-30 <c>getFeed</c>: 2 per second, burst 15.</summary>
    public static readonly AmazonSpOperation GetFeed = new("getFeed", 2, 15);

    /// <summary>Feeds 2021-06-30 <c>getFeeds</c>: 0.0222 per second, burst 10.</summary>
    public static readonly AmazonSpOperation GetFeeds = new("getFeeds", 0.0222, 10);

    /// <summary>Feeds 2021-06-30 <c>getFeedDocument</c>: 0.0222 per second, burst 10.</summary>
    public static readonly AmazonSpOperation GetFeedDocument = new("getFeedDocument", 0.0222, 10);

    /// <summary>Sellers API <c>getMarketplaceParticipations</c>: 0.016 per second, burst 15.</summary>
    public static readonly AmazonSpOperation GetMarketplaceParticipations = new("getMarketplaceParticipations", 0.016, 15);

    /// <summary>Orders API v0 <c>getOrders</c>: 0.0167 per second, burst 20.</summary>
    public static readonly AmazonSpOperation GetOrders = new("getOrders", 0.0167, 20);

    /// <summary>Orders API 2026-01-01 <c>searchOrders</c>: 0.0056 per second, burst 20.</summary>
    public static readonly AmazonSpOperation SearchOrders = new("searchOrders", 0.0056, 20);

    /// <summary>Orders API <c>getOrder</c> (v0 and 2026-01-01 alike): 0.5 per second, burst 30.</summary>
    public static readonly AmazonSpOperation GetOrder = new("getOrder", 0.5, 30);

    /// <summary>Orders API v0 <c>getOrderItems</c>: 0.5 per second, burst 30.</summary>
    public static readonly AmazonSpOperation GetOrderItems = new("getOrderItems", 0.5, 30);

    /// <summary>Finances API v0 <c>listFinancialEvents</c>: 0.5 per second, burst 30.</summary>
    public static readonly AmazonSpOperation ListFinancialEvents = new("listFinancialEvents", 0.5, 30);

    /// <summary>Tokens API 2021-03-01 <c>createRestrictedDataToken</c>: 1 per second, burst 10.</summary>
    public static readonly AmazonSpOperation CreateRestrictedDataToken = new("createRestrictedDataToken", 1, 10);
}

/// <summary>
/// Sends Selling Partner API requests with the seller's access token (<c>x-amz-access-token</c>; AWS signing is no
/// longer required). A 403 is answered once by exchanging the refresh token again (an access token Amazon says is
/// expired or unknown) and retrying; a 429 is waited out at the operation's rate (Amazon's <c>x-amzn-RateLimit-Limit</c>
/// when it sends one) and retried; other errors keep Amazon's code, message and <c>x-amzn-RequestId</c>. 500/503 and
/// lost connections are retried by the HTTP client's pipeline.
/// </summary>
public sealed partial class AmazonSpClient(HttpClient http, AmazonLwaTokens tokens, AmazonSpThrottle throttle, IOptionsMonitor<AmazonSpOptions> options, TimeProvider time, ILogger<AmazonSpClient> logger)
{
    /// <summary>Name of the HTTP client (and its resilience pipeline).</summary>
    public const string HttpClientName = "amazon-sp";

    /// <summary>Answers 429 in a row before the call fails (each waited out at the operation's rate).</summary>
    public const int MaxThrottledAttempts = 6;

    /// <summary>
    /// PUTs a feed document's <paramref name="content"/> to the presigned <paramref name="url"/> Amazon gave for it, with the
    /// content type the document was created with. No access token goes with it: the URL is the authorization.
    /// </summary>
    public async Task UploadAsync(Uri url, string contentType, string content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StringContent(content, System.Text.Encoding.UTF8) };
        request.Content.Headers.Remove("Content-Type");
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new AmazonApiException(response.StatusCode, $"Http{(int)response.StatusCode}", $"The feed document upload was refused ({(int)response.StatusCode}).", null, "uploadFeedDocument");
        }
    }

    /// <summary>GETs a document (a processing report) from the presigned <paramref name="url"/>, gunzipped when <paramref name="gzip"/>; its text.</summary>
    public async Task<string> DownloadAsync(Uri url, bool gzip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new AmazonApiException(response.StatusCode, $"Http{(int)response.StatusCode}", $"The document download was refused ({(int)response.StatusCode}).", null, "downloadFeedDocument");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var stream = gzip ? new System.IO.Compression.GZipStream(body, System.IO.Compression.CompressionMode.Decompress) : body;
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>GETs <paramref name="pathAndQuery"/> from the seller's regional endpoint; the JSON answer.</summary>
    public Task<JsonElement> GetAsync(AmazonSpSeller seller, AmazonSpOperation operation, string pathAndQuery, CancellationToken cancellationToken) =>
        SendAsync(seller, operation, HttpMethod.Get, pathAndQuery, null, null, cancellationToken);

    /// <summary>
    /// Sends <paramref name="method"/> <paramref name="pathAndQuery"/> (with <paramref name="body"/> as JSON) to the seller's regional
    /// endpoint with the seller's access token, or with <paramref name="restrictedDataToken"/> when given; the JSON answer.
    /// </summary>
    public async Task<JsonElement> SendAsync(AmazonSpSeller seller, AmazonSpOperation operation, HttpMethod method, string pathAndQuery, object? body, string? restrictedDataToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seller);
        ArgumentNullException.ThrowIfNull(operation);
        var endpoint = options.CurrentValue.Resolve(seller.Region, out var problem)?.Endpoint ?? throw new AmazonConfigurationException(problem!);
        var uri = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + pathAndQuery);
        // A Restricted Data Token cannot be exchanged again here: its caller asks for a new one.
        var exchangedAgain = restrictedDataToken is not null;
        var throttled = 0;
        while (true)
        {
            var accessToken = restrictedDataToken ?? await tokens.GetAsync(seller.Region, seller.RefreshToken, cancellationToken).ConfigureAwait(false);
            await throttle.WaitAsync(seller.SellerId, operation, cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(method, uri);
            request.Headers.Add("x-amz-access-token", accessToken);
            if (operation.SendOnce)
            {
                request.Options.Set(AmazonHttpResilience.SendOnce, true);
            }

            request.Headers.TryAddWithoutValidation("User-Agent", "ErpAmazonModule/1.0 (Language=C#)");
            if (body is not null)
            {
                request.Content = System.Net.Http.Json.JsonContent.Create(body);
            }

            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            throttle.Observe(seller.SellerId, operation, AppliedRate(response), response.StatusCode == HttpStatusCode.TooManyRequests);
            if (response.IsSuccessStatusCode)
            {
                return await ReadJsonAsync(response, operation, cancellationToken).ConfigureAwait(false);
            }

            var error = await ErrorAsync(response, operation, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Forbidden && !exchangedAgain)
            {
                // The access token may have expired early or been dropped by Amazon: one fresh exchange settles it.
                exchangedAgain = true;
                tokens.Forget(seller.Region, seller.RefreshToken);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests && ++throttled < MaxThrottledAttempts)
            {
                var wait = RestoreTime(response, operation);
                LogThrottled(logger, operation.Name, wait.TotalSeconds);
                AmazonThrottleWaits.Record(wait);
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            throw error;
        }
    }

    /// <summary>One request's worth of quota at the rate Amazon applied (its header) or publishes, at the configured time scale.</summary>
    private TimeSpan RestoreTime(HttpResponseMessage response, AmazonSpOperation operation) =>
        TimeSpan.FromSeconds(1 / (AppliedRate(response) ?? operation.RatePerSecond) / options.CurrentValue.ThrottleTimeScale);

    /// <summary>The rate Amazon says it applied (<c>x-amzn-RateLimit-Limit</c>), when it says.</summary>
    private static double? AppliedRate(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-amzn-RateLimit-Limit", out var values)
        && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var applied) && applied > 0
            ? applied
            : null;

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, AmazonSpOperation operation, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new AmazonFormatException($"Amazon's answer to {operation.Name} is not JSON.", e);
        }
    }

    /// <summary>Amazon's <c>{"errors":[{"code","message","details"}]}</c> as an exception, with the request id.</summary>
    private static async Task<AmazonApiException> ErrorAsync(HttpResponseMessage response, AmazonSpOperation operation, CancellationToken cancellationToken)
    {
        var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
        string code = $"Http{(int)response.StatusCode}", message = $"Amazon answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            using var body = JsonDocument.Parse(text);
            if (body.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                var first = errors[0];
                code = first.TryGetProperty("code", out var c) ? c.GetString() ?? code : code;
                message = first.TryGetProperty("message", out var m) ? m.GetString() ?? message : message;
                if (first.TryGetProperty("details", out var d) && d.GetString() is { Length: > 0 } details)
                {
                    message = $"{message} {details}";
                }
            }
        }
        catch (JsonException)
        {
            // Not Amazon's error shape (a proxy's page): the status says enough.
        }

        return new AmazonApiException(response.StatusCode, code, message, requestId, operation.Name);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Amazon throttled {Operation}; waiting {Seconds:0.0} s at its rate.")]
    private static partial void LogThrottled(ILogger logger, string operation, double seconds);
}
