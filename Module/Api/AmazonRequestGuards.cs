using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Logging;

namespace ErpAmazonModule.Api;

/// <summary>
/// What every request to the module's API is checked for before an action sees it: a body of at most
/// <see cref="MaxBodyBytes"/> that is strict JSON (no single quotes, comments or trailing commas) without control or
/// bidirectional-override characters in its texts, and a key that is exactly a key (<c>Offers(1)</c>, not
/// <c>Offers(1 or 1 eq 1)</c>). A refusal is a 4xx in the OData error shape; the body stays readable for the action.
/// The request's SQL is tied to the request: it is cancelled when the caller goes away.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
internal sealed class AmazonRequestGuardsAttribute : Attribute, IAsyncResourceFilter
{
    /// <summary>The largest request body the module's API reads.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        request.EnableBuffering();
        var refusal = KeyProblem(context) ?? await BodyProblemAsync(request, context.HttpContext.RequestAborted);
        if (refusal is not null)
        {
            context.Result = refusal;
            return;
        }

        // The answer's SQL (OData runs it while writing) stops when the caller goes away.
        // Changes made while serving the request are audited as the caller's (who, from where).
        using (Persistence.AmazonQueryCancellation.For(context.HttpContext.RequestAborted))
        using (Compliance.AmazonAuditTrail.As(Compliance.AmazonActor.Of(context.HttpContext)))
        {
            await next();
        }
    }

    // The key between the parentheses must be the canonical literal of the bound key: anything else is refused rather
    // than read as the key it starts with.
    private static AmazonODataErrorResult? KeyProblem(ResourceExecutingContext context)
    {
        if (!context.RouteData.Values.TryGetValue("key", out var key) || key is null
            || context.ActionDescriptor is not ControllerActionDescriptor { ControllerName: var entitySet } action)
        {
            return null;
        }

        var path = context.HttpContext.Request.Path.Value ?? "";
        var start = path.IndexOf(entitySet + "(", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var open = start + entitySet.Length;
        var end = path.IndexOf('/', open);
        var segment = end < 0 ? path[open..] : path[open..end];
        var text = key.ToString() ?? "";
        var numeric = action.Parameters.Any(p => p.Name == "key" && p.ParameterType == typeof(int));
        var canonical = numeric ? text : $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";
        return segment == $"({canonical})" || segment == $"(Id={canonical})"
            ? null
            : new AmazonODataErrorResult(StatusCodes.Status400BadRequest, "InvalidKey",
                $"{entitySet}{segment} does not name one {entitySet} entity: put one key alone between the parentheses, as in {entitySet}({(numeric ? "1" : "'Sale'")}).", "key");
    }

    private static async Task<AmazonODataErrorResult?> BodyProblemAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        if (request.ContentLength is null or 0 && !request.Headers.TransferEncoding.Any())
        {
            return null;
        }

        using var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }

        request.Body.Position = 0;
        if (buffer.Length > MaxBodyBytes)
        {
            return TooLarge();
        }

        if (buffer.Length == 0)
        {
            return null;
        }

        var bytes = buffer.ToArray();
        try
        {
            _ = StrictUtf8.GetCharCount(bytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return new AmazonODataErrorResult(StatusCodes.Status400BadRequest, "InvalidBody", "The body is not valid UTF-8 text.");
        }

        try
        {
            using var json = JsonDocument.Parse(bytes);
            return FindUnsafeText(json.RootElement, "") is { } field
                ? new AmazonODataErrorResult(StatusCodes.Status400BadRequest, "InvalidField",
                    $"{field}: must not contain control characters (such as NUL) or bidirectional overrides.", field)
                : null;
        }
        catch (JsonException e)
        {
            return new AmazonODataErrorResult(StatusCodes.Status400BadRequest, "InvalidBody",
                $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): names and texts in double quotes, no comments or trailing commas.");
        }
    }

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static AmazonODataErrorResult TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", $"The body is larger than the {MaxBodyBytes / 1024} KiB this API reads.");

    private static string? FindUnsafeText(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!.Any(c => IsUnsafe(c) && !(FileFields.Contains(path) && c is '\t' or '\n' or '\r')) ? path : null,
        JsonValueKind.Object => element.EnumerateObject()
            .Select(p => p.Name.Any(IsUnsafe) ? Join(path, "(name)") : FindUnsafeText(p.Value, Join(path, p.Name)))
            .FirstOrDefault(f => f is not null),
        JsonValueKind.Array => element.EnumerateArray().Select((e, i) => FindUnsafeText(e, $"{path}[{i}]")).FirstOrDefault(f => f is not null),
        _ => null,
    };

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>Texts that are a file's content (a settlement report): tabs and line breaks are their structure.</summary>
    private static readonly HashSet<string> FileFields = new(StringComparer.Ordinal) { "Content" };

    /// <summary>A control character or a bidirectional override or isolate, refused in texts and queries.</summary>
    internal static bool IsUnsafe(char c) => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}

/// <summary>
/// A query the database cannot run (a function or comparison its provider cannot translate, a literal out of range) is
/// the caller's 400, not the server's 500: the reason for people, the details in the log.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
internal sealed partial class AmazonQueryFailuresAttribute : Attribute, IAsyncExceptionFilter
{
    public Task OnExceptionAsync(ExceptionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsGet(request.Method) || context.Exception is OperationCanceledException || context.HttpContext.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<AmazonQueryFailuresAttribute>();
        LogRefused(logger, context.Exception, request.Path + request.QueryString);
        context.Result = new AmazonODataErrorResult(StatusCodes.Status400BadRequest, "QueryNotSupported",
            "This query cannot be run: a function, comparison or literal in it is not supported here (compare dates with date-times such as 2026-01-01T00:00:00Z; numbers must fit their property).");
        context.ExceptionHandled = true;
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "A query was refused because it cannot be run: {Query}")]
    private static partial void LogRefused(ILogger logger, Exception exception, string query);
}
