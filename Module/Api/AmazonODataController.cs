using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Microsoft.OData;

namespace ErpAmazonModule.Api;

/// <summary>
/// The module's OData controllers' shared translation: a service's <see cref="AmazonResult{T}"/> or
/// <see cref="AmazonProblem"/> into an answer in the OData error shape; request parsing problems (body, ETag) likewise.
/// </summary>
[AmazonRequestGuards]
[AmazonQueryFailures]
public abstract partial class AmazonODataController : ODataController
{
    /// <summary>The status a problem answers with.</summary>
    public static int StatusOf(AmazonOutcome outcome) => outcome switch
    {
        AmazonOutcome.Invalid or AmazonOutcome.AmazonRefused => StatusCodes.Status400BadRequest,
        AmazonOutcome.NotFound => StatusCodes.Status404NotFound,
        AmazonOutcome.Conflict or AmazonOutcome.Busy or AmazonOutcome.NotConfigured => StatusCodes.Status409Conflict,
        AmazonOutcome.Stale => StatusCodes.Status412PreconditionFailed,
        AmazonOutcome.AmazonUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The OData error for <paramref name="problem"/>, every field at fault in its details.</summary>
    protected static AmazonODataErrorResult Error(AmazonProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new(StatusOf(problem.Outcome), problem.Code, problem.Message, problem.Target, problem.Errors);
    }

    /// <summary>The problem's error, or what <paramref name="ok"/> makes of the value.</summary>
    protected static IActionResult Answer<T>(AmazonResult<T> result, Func<T, IActionResult> ok)
    {
        ArgumentNullException.ThrowIfNull(ok);
        return result.Problem is { } problem ? Error(problem) : ok(result.Value!);
    }

    /// <summary>
    /// The version <c>If-Match</c> requires (null when absent or <c>*</c>), or a 400 problem when it is not an ETag this
    /// service issued.
    /// </summary>
    protected AmazonResult<Guid?> IfMatchVersion<T>()
    {
        var raw = Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(raw))
        {
            return new AmazonResult<Guid?>(null, null);
        }

        var header = Request.GetTypedHeaders().IfMatch.FirstOrDefault();
        if (header is not null && header.Equals(EntityTagHeaderValue.Any))
        {
            return new AmazonResult<Guid?>(null, null);
        }

        Guid? version = null;
        try
        {
            // An ETag is the entity's version, base64 inside quotes; any other text (a stale guess, "plain", a number)
            // makes the reader throw in one of several ways, all of which mean the same thing to the caller.
            if (header is not null && Request.GetETag<T>(header) is { IsWellFormed: true } etag && etag[VersionProperty] is Guid parsed)
            {
                version = parsed;
            }
        }
        catch (Exception e) when (e is ODataException or FormatException or InvalidCastException or ArgumentException or System.Text.Json.JsonException)
        {
            version = null;
        }

        return version is not null
            ? new AmazonResult<Guid?>(version, null)
            : new AmazonProblem(AmazonOutcome.Invalid, "InvalidETag", "If-Match: not an ETag issued by this service; send the entity's @odata.etag.", [], "If-Match");
    }

    /// <summary>
    /// For an entity without ETags: a 412 problem when <c>If-Match</c> names one (the precondition cannot hold), null when
    /// the header is absent or <c>*</c>.
    /// </summary>
    protected AmazonProblem? IfMatchWithoutETags(string entitySet)
    {
        var raw = Request.Headers.IfMatch.ToString();
        return string.IsNullOrWhiteSpace(raw) || raw.Trim() == "*"
            ? null
            : new AmazonProblem(AmazonOutcome.Stale, "PreconditionFailed", $"If-Match: {entitySet} entities carry no ETag; send the change without If-Match.", [], "If-Match");
    }

    /// <summary>
    /// 400 for a body that could not be read, naming the field. When the reader's message does not name it
    /// (an unknown property or enum member, a literal of the wrong type), the field holding the quoted literal is looked up in the body.
    /// </summary>
    protected async Task<AmazonODataErrorResult> InvalidBodyAsync()
    {
        var (field, entry) = ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => (e.Key, e.Value!)).FirstOrDefault();
        if (entry is null)
        {
            return new(StatusCodes.Status400BadRequest, "InvalidBody", "The request body is missing or is not a valid entity.");
        }

        var message = entry.Errors.Select(e => e.ErrorMessage).FirstOrDefault(m => !string.IsNullOrWhiteSpace(m))
            ?? entry.Errors.Select(e => e.Exception?.Message).FirstOrDefault(m => m is not null)
            ?? "The value is not valid.";
        var name = field.Split('.').Last();
        if (string.IsNullOrEmpty(name))
        {
            name = await FieldHoldingQuotedLiteralAsync(message) ?? "";
        }

        return string.IsNullOrEmpty(name)
            ? new(StatusCodes.Status400BadRequest, "InvalidBody", $"The request body is not valid: {message}")
            : new(StatusCodes.Status400BadRequest, "InvalidField", $"{name}: {message}", name);
    }

    private async Task<string?> FieldHoldingQuotedLiteralAsync(string message)
    {
        var literal = QuotedLiteral().Match(message);
        if (!literal.Success || !Request.Body.CanSeek)
        {
            return null;
        }

        Request.Body.Position = 0;
        try
        {
            using var body = await JsonDocument.ParseAsync(Request.Body, cancellationToken: HttpContext.RequestAborted);
            return body.RootElement.ValueKind != JsonValueKind.Object
                ? null
                : body.RootElement.EnumerateObject()
                    .Where(p => p.Name == literal.Groups[1].Value
                        || (p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText()) == literal.Groups[1].Value)
                    .Select(p => p.Name)
                    .FirstOrDefault();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex QuotedLiteral();

    /// <summary>The single entity <paramref name="query"/> selects (query options applied by [EnableQuery]), or 404 when it selects none.</summary>
    protected async Task<IActionResult> SingleOrNotFoundAsync<T>(IQueryable<T> query, string entitySet, object key, CancellationToken cancellationToken) =>
        await query.AnyAsync(cancellationToken).ConfigureAwait(false)
            ? Ok(SingleResult.Create(query))
            : Error(AmazonProblem.NotFound(entitySet, key));

    /// <summary>Name of the concurrency property of accounts and offers.</summary>
    protected const string VersionProperty = "Version";
}
