using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Microsoft.OData;

namespace ErpAmazonModule.Api;

/// <summary>Shared error answers of the module's OData controllers.</summary>
[AmazonBufferedBody]
public abstract partial class AmazonODataController : ODataController
{
    /// <summary>400 naming the field.</summary>
    protected static AmazonODataErrorResult FieldError(AmazonFieldError error) =>
        new(StatusCodes.Status400BadRequest, "InvalidField", $"{error.Field}: {error.Message}", error.Field);

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

    /// <summary>404 for an unknown key.</summary>
    protected static AmazonODataErrorResult NotFoundError(string entitySet, object key) =>
        new(StatusCodes.Status404NotFound, "NotFound", $"{entitySet}({key}) does not exist.");

    /// <summary>The single entity <paramref name="query"/> selects (query options applied by [EnableQuery]), or 404 when it selects none.</summary>
    protected async Task<IActionResult> SingleOrNotFoundAsync<T>(IQueryable<T> query, string entitySet, object key, CancellationToken cancellationToken) =>
        await query.AnyAsync(cancellationToken).ConfigureAwait(false)
            ? Ok(SingleResult.Create(query))
            : NotFoundError(entitySet, key);

    /// <summary>409 for a uniqueness or reference conflict.</summary>
    protected static AmazonODataErrorResult ConflictError(string field, string message) =>
        new(StatusCodes.Status409Conflict, "Conflict", $"{field}: {message}", field);

    /// <summary>412 when If-Match carries a stale ETag (or the row changed meanwhile).</summary>
    protected static AmazonODataErrorResult StaleETag(string entitySet, object key) =>
        new(StatusCodes.Status412PreconditionFailed, "PreconditionFailed",
            $"{entitySet}({key}) was changed by someone else; read it again and retry with its current ETag.");

    /// <summary>400 when a patch touches a read-only field.</summary>
    protected static AmazonODataErrorResult? ReadOnlyChange(IEnumerable<string> changedFields, IReadOnlySet<string> readOnlyFields)
    {
        var field = changedFields.FirstOrDefault(readOnlyFields.Contains);
        return field is null ? null : FieldError(new AmazonFieldError(field, "is read-only."));
    }

    /// <summary>
    /// Null when <c>If-Match</c> is absent, <c>*</c>, or the current version; otherwise 412 (stale) or 400 (not an ETag this service issued).
    /// </summary>
    protected AmazonODataErrorResult? CheckIfMatch<T>(Guid currentVersion, string entitySet, object key)
    {
        var header = Request.GetTypedHeaders().IfMatch.FirstOrDefault();
        if (header is null || header.Equals(EntityTagHeaderValue.Any))
        {
            return null;
        }

        ETag<T>? etag;
        try
        {
            etag = Request.GetETag<T>(header);
        }
        catch (ODataException)
        {
            return InvalidETag();
        }

        if (etag is null || !etag.IsWellFormed)
        {
            return InvalidETag();
        }

        return etag[VersionProperty] is Guid version && version == currentVersion ? null : StaleETag(entitySet, key);
    }

    private static AmazonODataErrorResult InvalidETag() =>
        new(StatusCodes.Status400BadRequest, "InvalidETag", "If-Match: not an ETag issued by this service; send the entity's @odata.etag.", "If-Match");

    /// <summary>Name of the concurrency property of accounts and offers.</summary>
    protected const string VersionProperty = "Version";

    /// <summary>
    /// Saves, turning a concurrent change of the row into 412 and a constraint another request won meanwhile
    /// (the same SKU or name saved at the same moment, a referenced row deleted) into 409, instead of a 500.
    /// </summary>
    protected static async Task<IActionResult?> SaveAsync(DbContext db, string entitySet, object key, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return StaleETag(entitySet, key);
        }
        catch (DbUpdateException)
        {
            return new AmazonODataErrorResult(StatusCodes.Status409Conflict, "Conflict",
                $"{entitySet}: the change conflicts with data saved at the same time; read it again and retry.");
        }
    }
}

/// <summary>Keeps write bodies re-readable so a rejected body can be searched for the field at fault.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
internal sealed class AmazonBufferedBodyAttribute : Attribute, IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context) => context.HttpContext.Request.EnableBuffering();

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
