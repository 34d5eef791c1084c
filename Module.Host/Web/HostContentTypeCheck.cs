using Microsoft.Net.Http.Headers;

namespace ErpAmazonModule.Host.Web;

/// <summary>
/// A request to an API that carries a body which is not JSON is answered 415 with one sentence, before the OData
/// formatters would answer with a page about media types.
/// </summary>
public sealed class HostContentTypeCheck(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (hasBody && IsApi(request.Path) && !IsJson(request.ContentType))
        {
            var sent = string.IsNullOrEmpty(request.ContentType) ? "no Content-Type" : $"Content-Type '{request.ContentType}'";
            return HostErrors.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType",
                $"The body was sent with {sent}; send JSON with the header 'Content-Type: application/json'.");
        }

        return next(context);
    }

    private static bool IsApi(PathString path) => path.StartsWithSegments("/odata") || path.StartsWithSegments("/api");

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) == true);
}
