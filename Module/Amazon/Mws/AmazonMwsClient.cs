using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using ErpAmazonModule.Accounts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ErpAmazonModule.Amazon.Mws;

/// <summary>Whom a request is for: the seller, in a region, with the token the seller gave the developer.</summary>
public sealed record AmazonMwsSeller(AmazonRegion Region, string SellerId, string AuthToken);

/// <summary>
/// Sends signed MWS requests. Stays inside Amazon's quotas (<see cref="AmazonMwsThrottle"/>); the HTTP client
/// behind it retries 500 and 503 with exponential back-off and jitter and never retries 4xx.
/// Errors become <see cref="AmazonMwsException"/> (Amazon's code, message, request id) or
/// <see cref="AmazonFormatException"/>, or <see cref="AmazonConfigurationException"/> when the region has no developer credentials; the secret key and the seller's token appear in neither.
/// </summary>
public sealed partial class AmazonMwsClient(HttpClient http, IOptionsMonitor<AmazonMwsOptions> options, AmazonMwsThrottle throttle, TimeProvider time, ILogger<AmazonMwsClient> logger)
{
    /// <summary>Name of the HTTP client (resilience pipeline) registered for MWS.</summary>
    public const string HttpClientName = "amazon-mws";

    /// <summary>Sends <paramref name="operation"/> and returns its <c>{Action}Result</c> element (or the document root for raw answers).</summary>
    public async Task<XElement> SendAsync(
        AmazonMwsSeller seller, AmazonMwsOperation operation, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken, string? feedBody = null)
    {
        ArgumentNullException.ThrowIfNull(seller);
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(parameters);
        var current = options.CurrentValue;
        var resolved = current.Resolve(seller.Region, out var problem) ?? throw new AmazonConfigurationException(problem!);
        var endpoint = new Uri(resolved.Endpoint.AbsoluteUri.TrimEnd('/') + operation.Path);

        for (var throttled = 0; ; throttled++)
        {
            await throttle.WaitAsync(seller.SellerId, operation, cancellationToken).ConfigureAwait(false);
            using var request = BuildRequest(endpoint, operation, seller, resolved.Credentials, parameters, feedBody, current.ApplicationName);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                LogUnreachable(logger, operation.Action, endpoint.Host, e.Message);
                throw;
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                var document = Parse(text, operation, response.StatusCode);
                var root = document.Root!;
                if (root.Name.LocalName == "ErrorResponse" || !response.IsSuccessStatusCode)
                {
                    var error = root.Child("Error");
                    var code = error?.Text("Code") ?? $"Http{(int)response.StatusCode}";
                    var isThrottled = code is "RequestThrottled" or "QuotaExceeded";
                    throttle.Observe(seller.SellerId, operation, response, throttled: isThrottled);
                    // Amazon's quota is used up (by another application, or before a restart emptied the client's count):
                    // the next WaitAsync waits for the operation's restore, as often as it takes within the limit.
                    if (isThrottled && throttled < MaxThrottledAttempts)
                    {
                        LogThrottled(logger, operation.Action, throttled + 1);
                        continue;
                    }

                    var exception = new AmazonMwsException(response.StatusCode, code, error?.Text("Message") ?? response.ReasonPhrase ?? "",
                        root.Text("RequestID") ?? root.Text("RequestId") ?? Header(response, "x-mws-request-id"), operation.Action);
                    LogError(logger, operation.Action, (int)response.StatusCode, exception.Code, exception.RequestId);
                    throw exception;
                }

                throttle.Observe(seller.SellerId, operation, response, throttled: false);
                return root.Child(operation.Action + "Result") ?? root;
            }
        }
    }

    /// <summary>Throttled answers in a row waited out before the call fails: each waits at least one restore of the operation's quota.</summary>
    public const int MaxThrottledAttempts = 6;

    /// <summary>Whether a 503 is Amazon throttling (<c>RequestThrottled</c>, <c>QuotaExceeded</c>) rather than a failure; the body stays readable.</summary>
    public static async Task<bool> IsThrottledAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return text.Contains("<Code>RequestThrottled</Code>", StringComparison.Ordinal) || text.Contains("<Code>QuotaExceeded</Code>", StringComparison.Ordinal);
    }

    private HttpRequestMessage BuildRequest(Uri endpoint, AmazonMwsOperation operation, AmazonMwsSeller seller, AmazonMwsRegionOptions credentials,
        IEnumerable<KeyValuePair<string, string>> parameters, string? feedBody, string applicationName)
    {
        var all = new Dictionary<string, string>(parameters, StringComparer.Ordinal)
        {
            ["AWSAccessKeyId"] = credentials.AccessKeyId!,
            ["Action"] = operation.Action,
            ["SellerId"] = seller.SellerId,
            ["MWSAuthToken"] = seller.AuthToken,
            ["SignatureMethod"] = "HmacSHA256",
            ["SignatureVersion"] = "2",
            ["Timestamp"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["Version"] = operation.Version,
        };
        if (feedBody is not null)
        {
            all["ContentMD5Value"] = Convert.ToBase64String(MD5.HashData(Encoding.UTF8.GetBytes(feedBody)));
        }

        var signature = AmazonMwsSigner.Sign(AmazonMwsSigner.StringToSign("POST", endpoint, all), credentials.SecretKey!);
        var query = AmazonMwsSigner.CanonicalQuery(all) + "&Signature=" + AmazonMwsSigner.Encode(signature);
        var request = feedBody is null
            ? new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Content = new StringContent(query, Encoding.UTF8, new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "utf-8" }),
            }
            : new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint + "?" + query))
            {
                Content = new StringContent(feedBody, Encoding.UTF8, new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" }),
            };
        if (feedBody is not null)
        {
            // A submission whose answer was lost is looked for before it is sent again (AmazonShipmentService), never resent here.
            request.Options.Set(AmazonHttpResilience.SendOnce, true);
        }

        request.Headers.UserAgent.ParseAdd($"{applicationName}/{typeof(AmazonMwsClient).Assembly.GetName().Version?.ToString(3)} (Language=C#; Platform={Environment.OSVersion.Platform})");
        return request;
    }

    private static XDocument Parse(string text, AmazonMwsOperation operation, HttpStatusCode status)
    {
        try
        {
            var document = XDocument.Parse(text);
            return document.Root is null ? throw new AmazonFormatException($"Amazon's answer to {operation.Action} is empty.") : document;
        }
        catch (XmlException e)
        {
            throw new AmazonFormatException(
                $"Amazon's answer to {operation.Action} (HTTP {(int)status}) is not well-formed XML ({e.Message}); it may have been cut off. The request can be retried.", e);
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Amazon answered {Action} with HTTP {Status} {Code} (request id {RequestId}).")]
    private static partial void LogError(ILogger logger, string action, int status, string code, string? requestId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Amazon throttled {Action} ({Attempt} in a row); waiting for its quota to restore.")]
    private static partial void LogThrottled(ILogger logger, string action, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Amazon could not be reached for {Action} at {Host}: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string action, string host, string reason);
}
