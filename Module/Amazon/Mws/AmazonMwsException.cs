using System.Net;

namespace ErpAmazonModule.Amazon.Mws;

/// <summary>Amazon answered with an error: its code, message and request id, as Amazon sent them.</summary>
public sealed class AmazonMwsException(HttpStatusCode statusCode, string code, string amazonMessage, string? requestId, string action)
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
    public string Action { get; } = action;

    /// <summary>True for 4xx answers: the request itself is wrong (credentials, parameters); retrying will not help.</summary>
    public bool IsClientError => (int)StatusCode is >= 400 and < 500;
}

/// <summary>Amazon's answer could not be read: not XML, cut off, or missing an element Amazon always sends.</summary>
public sealed class AmazonMwsFormatException(string message, Exception? inner = null) : Exception(message, inner);
