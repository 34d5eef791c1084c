using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace ErpAmazonModule.Api;

/// <summary>Shared error answers of the module's OData controllers.</summary>
public abstract class AmazonODataController : ODataController
{
    /// <summary>400 naming the field.</summary>
    protected static AmazonODataErrorResult FieldError(AmazonFieldError error) =>
        new(StatusCodes.Status400BadRequest, "InvalidField", $"{error.Field}: {error.Message}", error.Field);

    /// <summary>400 for a body that could not be read, naming the first field the model binder rejected.</summary>
    protected static AmazonODataErrorResult InvalidBody(ModelStateDictionary modelState)
    {
        var (field, entry) = modelState.Where(e => e.Value?.Errors.Count > 0).Select(e => (e.Key, e.Value!)).FirstOrDefault();
        if (entry is null)
        {
            return new(StatusCodes.Status400BadRequest, "InvalidBody", "The request body is missing or is not a valid entity.");
        }

        var message = entry.Errors.Select(e => e.ErrorMessage).FirstOrDefault(m => !string.IsNullOrWhiteSpace(m))
            ?? entry.Errors.Select(e => e.Exception?.Message).FirstOrDefault(m => m is not null)
            ?? "The value is not valid.";
        var name = field.Split('.').Last();
        return string.IsNullOrEmpty(name)
            ? new(StatusCodes.Status400BadRequest, "InvalidBody", $"The request body is not valid: {message}")
            : new(StatusCodes.Status400BadRequest, "InvalidField", $"{name}: {message}", name);
    }

    /// <summary>404 for an unknown key.</summary>
    protected static AmazonODataErrorResult NotFoundError(string entitySet, object key) =>
        new(StatusCodes.Status404NotFound, "NotFound", $"{entitySet}({key}) does not exist.");

    /// <summary>409 for a uniqueness or reference conflict.</summary>
    protected static AmazonODataErrorResult ConflictError(string field, string message) =>
        new(StatusCodes.Status409Conflict, "Conflict", message, field);

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

    /// <summary>True unless <c>If-Match</c> names another version than <paramref name="currentVersion"/> (no header, or <c>*</c>, match).</summary>
    protected static bool ETagMatches<T>(ODataQueryOptions<T> options, Guid currentVersion)
    {
        ArgumentNullException.ThrowIfNull(options);
        var etag = options.IfMatch;
        if (etag is null || etag.IsAny)
        {
            return true;
        }

        return etag.IsWellFormed && etag[VersionProperty] is Guid version && version == currentVersion;
    }

    /// <summary>Name of the concurrency property of accounts and offers.</summary>
    protected const string VersionProperty = "Version";

    /// <summary>Saves, turning a concurrent change into 412 instead of a 500.</summary>
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
    }
}
