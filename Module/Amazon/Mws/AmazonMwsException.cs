using System.Net;

namespace ErpAmazonModule.Amazon.Mws;

/// <summary>MWS answered with an <c>ErrorResponse</c>: its code, message and request id, as Amazon sent them.</summary>
public sealed class AmazonMwsException(HttpStatusCode statusCode, string code, string amazonMessage, string? requestId, string action)
    : AmazonApiException(statusCode, code, amazonMessage, requestId, action)
{
    /// <summary>The MWS action that failed.</summary>
    public string Action => Operation;
}
