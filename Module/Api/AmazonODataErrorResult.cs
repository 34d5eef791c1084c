using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace ErpAmazonModule.Api;

/// <summary>
/// Writes an OData JSON error body (<c>{"error":{"code","message","target"}}</c>) with any status code,
/// so 404, 409 and 412 answer in the same shape as OData's own 400s.
/// </summary>
public sealed partial class AmazonODataErrorResult(int statusCode, string code, string message, string? target = null, IReadOnlyList<AmazonFieldError>? details = null) : ActionResult
{
    /// <summary>Every field at fault, when there are several (OData's <c>details</c>).</summary>
    public IReadOnlyList<AmazonFieldError> Details { get; } = details ?? [];

    /// <summary>HTTP status of the response.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>Machine-readable error code.</summary>
    public string Code { get; } = code;

    /// <summary>Human-readable message, with the namespaces of type names the OData library quotes taken out ('AmazonOffer', not its full name).</summary>
    public string Message { get; } = WithoutNamespaces(message);

    /// <summary>The field the error is about, when there is one.</summary>
    public string? Target { get; } = target;

    /// <inheritdoc />
    public override async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = "application/json; odata.metadata=minimal; charset=utf-8";
        var details = Details.Count > 1 ? Details.Select(d => new { code = "InvalidField", message = $"{d.Field}: {d.Message}", target = d.Field }).ToList() : null;
        var body = new { error = new { code = Code, message = Message, target = Target, details } };
        await JsonSerializer.SerializeAsync(response.Body, body, SerializerOptions, context.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    /// <summary><paramref name="message"/> with every quoted dotted name ('Some.Namespace.Type') shortened to its last part.</summary>
    public static string WithoutNamespaces(string message) => QualifiedName().Replace(message, "'$1'");

    [System.Text.RegularExpressions.GeneratedRegex(@"'(?:[A-Za-z_][A-Za-z0-9_]*\.)+([A-Za-z_][A-Za-z0-9_]*)'")]
    private static partial System.Text.RegularExpressions.Regex QualifiedName();

    // Relaxed escaping: a message reads "Amazon's", not "Amazon\u0027s", in a terminal (a JSON body, never HTML).
    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
