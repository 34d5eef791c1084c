using System.Text.Json;

namespace ErpAmazonModule.Host.Web;

/// <summary>Writes the host's errors in the OData error shape every API of the host answers with.</summary>
public static class HostErrors
{
    // A message reads "Amazon's", not "Amazon\u0027s", in a terminal (a JSON body, never HTML).
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <c>{"error":{"code","message"}}</c> with <paramref name="status"/>.</summary>
    public static Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { code, message } }, Relaxed), context.RequestAborted);
    }
}
