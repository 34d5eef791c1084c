using Microsoft.Net.Http.Headers;

namespace ErpAmazonModule.Host.Web;

/// <summary>
/// What the host checks of a request to its APIs (<c>/odata</c>, <c>/api</c>) before anything reads it: a body of at
/// most <see cref="MaxBodyBytes"/> (413), sent as JSON (415, in one sentence, before the OData formatters would answer
/// with a page about media types).
/// </summary>
public sealed class HostRequestChecks(RequestDelegate next)
{
    /// <summary>The largest body the host's APIs accept.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!IsApi(request.Path))
        {
            return next(context);
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return HostErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", $"The body is larger than the {MaxBodyBytes / 1024} KiB this API reads.");
        }

        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (hasBody && !IsJson(request.ContentType))
        {
            var sent = string.IsNullOrEmpty(request.ContentType) ? "no Content-Type" : $"Content-Type '{request.ContentType}'";
            return HostErrors.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType",
                $"The body was sent with {sent}; send JSON with the header 'Content-Type: application/json'.");
        }

        // A body sent in chunks stops being read at the limit (Kestrel answers 413 then).
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        return next(context);
    }

    /// <summary>Whether <paramref name="path"/> is one of the host's APIs (its own and the modules').</summary>
    public static bool IsApi(PathString path) => path.StartsWithSegments("/odata") || path.StartsWithSegments("/api");

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) == true);
}
