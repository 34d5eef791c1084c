using System.Net;
using System.Xml;
using Polly.Timeout;

namespace ErpAmazonModule.Amazon;

/// <summary>Amazon answered with an error: its code, message and request id, as Amazon sent them (whatever the API).</summary>
public class AmazonApiException(HttpStatusCode statusCode, string code, string amazonMessage, string? requestId, string operation)
    : Exception($"{code}: {amazonMessage}")
{
    /// <summary>HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>Amazon's error code, e.g. <c>AccessDenied</c>.</summary>
    public string Code { get; } = code;

    /// <summary>Amazon's message.</summary>
    public string AmazonMessage { get; } = amazonMessage;

    /// <summary>Amazon's request id, for Amazon's support.</summary>
    public string? RequestId { get; } = requestId;

    /// <summary>The operation that failed.</summary>
    public string Operation { get; } = operation;

    /// <summary>True for 4xx answers: the request itself is wrong (credentials, parameters); retrying will not help.</summary>
    public bool IsClientError => (int)StatusCode is >= 400 and < 500;
}

/// <summary>Amazon's answer could not be read: not well-formed, cut off, or missing what Amazon always sends.</summary>
public sealed class AmazonFormatException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>This installation lacks what talking to Amazon needs (developer credentials for a region, a transport for an API).</summary>
public sealed class AmazonConfigurationException(string message) : Exception(message);

/// <summary>What a failure to talk to Amazon means for whoever asked.</summary>
public enum AmazonErrorKind
{
    /// <summary>Amazon or the network failed this time (5xx, throttled after retries, a lost connection, a timeout, a cut-off answer): try again later.</summary>
    Transient,

    /// <summary>Amazon refused who is asking (401/403: the seller's authorization or the developer's keys): nothing works until that is fixed.</summary>
    Unauthorized,

    /// <summary>Amazon refused this request (another 4xx): asking again the same way will not help.</summary>
    Rejected,

    /// <summary>Amazon answered, but what it said about this order cannot be read (a missing SKU, an amount that is not a number).</summary>
    Unreadable,

    /// <summary>This installation is not configured for the call (see <see cref="AmazonConfigurationException"/>).</summary>
    Configuration,
}

/// <summary>
/// The one rule for Amazon's and the transport's failures: the sync, order recovery and the credential check all
/// decide with it what a failure means.
/// </summary>
public static class AmazonErrors
{
    /// <summary>What <paramref name="exception"/> means, or null when it is not a failure of Amazon or of the way to it.</summary>
    public static AmazonErrorKind? Classify(Exception exception) => exception switch
    {
        AmazonConfigurationException => AmazonErrorKind.Configuration,
        AmazonApiException { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } => AmazonErrorKind.Unauthorized,
        // Login with Amazon refuses a refresh token the seller took back with a 400 invalid_grant.
        AmazonApiException { Operation: SellingPartner.AmazonLwaTokens.Operation, Code: "invalid_grant" } => AmazonErrorKind.Unauthorized,
        // A quota still used up after the client waited: later, not never.
        AmazonApiException { StatusCode: HttpStatusCode.TooManyRequests } => AmazonErrorKind.Transient,
        AmazonApiException { IsClientError: true } => AmazonErrorKind.Rejected,
        AmazonApiException => AmazonErrorKind.Transient,
        AmazonFormatException { InnerException: XmlException or System.Text.Json.JsonException } => AmazonErrorKind.Transient,
        AmazonFormatException => AmazonErrorKind.Unreadable,
        HttpRequestException or TimeoutRejectedException => AmazonErrorKind.Transient,
        TaskCanceledException { InnerException: TimeoutException } => AmazonErrorKind.Transient,
        _ => null,
    };

    /// <summary>
    /// True when Amazon refused the seller's authorization itself (MWS 401 <c>AccessDenied</c>: a revoked or expired auth
    /// token; Login with Amazon <c>invalid_grant</c>: a refresh token taken back), not the application's own keys: the
    /// seller must authorize again.
    /// </summary>
    public static bool IsSellerAuthorizationRefused(Exception exception) => exception is AmazonApiException
    {
        StatusCode: HttpStatusCode.Unauthorized,
    } or AmazonApiException { Operation: SellingPartner.AmazonLwaTokens.Operation, Code: "invalid_grant" };

    /// <summary>True when trying again later may succeed.</summary>
    public static bool IsTransient(Exception exception) => Classify(exception) == AmazonErrorKind.Transient;

    /// <summary>A sentence for people: Amazon's operation, code, message and request id, or the transport's reason.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            AmazonApiException amazon => $"Amazon answered {amazon.Operation} with {amazon.Code}: {amazon.AmazonMessage}"
                + (amazon.RequestId is null ? "" : $" (Amazon request id {amazon.RequestId})"),
            TimeoutRejectedException or TaskCanceledException => "Amazon did not answer in time.",
            HttpRequestException http => $"Amazon could not be reached: {http.Message}",
            _ => exception.Message,
        };
    }
}
