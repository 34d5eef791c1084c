using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ErpAmazonModule.Api;

/// <summary>What a feature service decided; controllers translate it into an HTTP answer and nothing else.</summary>
public enum AmazonOutcome
{
    /// <summary>Done.</summary>
    Ok,
    /// <summary>One or more fields are not acceptable (every one is listed).</summary>
    Invalid,
    /// <summary>The entity does not exist.</summary>
    NotFound,
    /// <summary>The change contradicts data that exists (a name or SKU taken, a link in use).</summary>
    Conflict,
    /// <summary>The entity changed since the caller read it (If-Match).</summary>
    Stale,
    /// <summary>Amazon refused the request (credentials, seller, order id).</summary>
    AmazonRefused,
    /// <summary>Amazon could not be asked this time; nothing changed.</summary>
    AmazonUnavailable,
    /// <summary>This installation lacks configuration the request needs (developer credentials).</summary>
    NotConfigured,
    /// <summary>Other work on the same account holds it; nothing changed.</summary>
    Busy,
    /// <summary>An unexpected failure, logged; nothing changed.</summary>
    Failed,
}

/// <summary>Why a request was not carried out: the outcome, a code and message for people, and every field at fault.</summary>
public sealed record AmazonProblem(AmazonOutcome Outcome, string Code, string Message, IReadOnlyList<AmazonFieldError> Errors, string? Target = null)
{
    /// <summary>Every field error at once.</summary>
    public static AmazonProblem Invalid(IReadOnlyList<AmazonFieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var message = errors.Count == 1
            ? $"{errors[0].Field}: {errors[0].Message}"
            : $"{errors.Count} fields are not valid: " + string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}"));
        return new(AmazonOutcome.Invalid, errors.Count == 1 ? "InvalidField" : "InvalidFields", message, errors, errors.FirstOrDefault()?.Field);
    }

    /// <summary>One field error.</summary>
    public static AmazonProblem Invalid(string field, string message) => Invalid([new AmazonFieldError(field, message)]);

    public static AmazonProblem NotFound(string entitySet, object key) =>
        new(AmazonOutcome.NotFound, "NotFound", $"{entitySet}({key}) does not exist.", []);

    public static AmazonProblem NotFound(string message, string? target) => new(AmazonOutcome.NotFound, "NotFound", message, [], target);

    public static AmazonProblem Conflict(string field, string message) =>
        new(AmazonOutcome.Conflict, "Conflict", $"{field}: {message}", [], field);

    public static AmazonProblem Stale(string entitySet, object key) =>
        new(AmazonOutcome.Stale, "PreconditionFailed", $"{entitySet}({key}) was changed by someone else; read it again and retry with its current ETag.", []);

    /// <summary>
    /// True, with the <paramref name="problem"/>, when an entity read for a change cannot take it: it does not exist, or
    /// it changed since the caller read <paramref name="expectedVersion"/> (If-Match).
    /// </summary>
    public static bool CannotChange([NotNullWhen(false)] object? entity, Guid? currentVersion, Guid? expectedVersion, string entitySet, object key,
        [NotNullWhen(true)] out AmazonProblem? problem)
    {
        problem = entity is null ? NotFound(entitySet, key)
            : expectedVersion is { } expected && expected != currentVersion ? Stale(entitySet, key)
            : null;
        return problem is not null;
    }

    public static AmazonProblem Busy(string message) => new(AmazonOutcome.Busy, "Conflict", message, []);

    public static AmazonProblem NotPossible(string message) => new(AmazonOutcome.Conflict, "NotPossible", message, []);

    public static AmazonProblem Failed(string message) => new(AmazonOutcome.Failed, "InternalError", message, []);
}

/// <summary>A service's answer: a value, or the problem that stopped it.</summary>
public readonly record struct AmazonResult<T>(T? Value, AmazonProblem? Problem)
{
    public static implicit operator AmazonResult<T>(AmazonProblem problem) => new(default, problem);

    public static implicit operator AmazonResult<T>(T value) => new(value, null);
}

/// <summary>Saving a feature's change: a concurrent edit is stale, a constraint another request won is a conflict, anything else is logged.</summary>
public static partial class AmazonSaves
{
    /// <summary>
    /// Saves; null when saved. A concurrency failure is <see cref="AmazonOutcome.Stale"/>; a constraint failure is a
    /// conflict only when <paramref name="findConflict"/> finds the row that now conflicts; any other database error is
    /// logged and answered as <see cref="AmazonOutcome.Failed"/>, never as a conflict.
    /// </summary>
    public static async Task<AmazonProblem?> SaveAsync(DbContext db, ILogger logger, string entitySet, object key,
        Func<CancellationToken, Task<AmazonProblem?>>? findConflict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(logger);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return AmazonProblem.Stale(entitySet, key);
        }
        catch (DbUpdateException e)
        {
            db.ChangeTracker.Clear();
            if (findConflict is not null && await findConflict(cancellationToken).ConfigureAwait(false) is { } conflict)
            {
                return conflict;
            }

            LogSaveFailed(logger, e, entitySet, key.ToString());
            return AmazonProblem.Failed($"{entitySet}: the change could not be saved; the error is in the ERP's log. Nothing was changed.");
        }
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Error, Message = "Saving {EntitySet}({Key}) failed.")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, string entitySet, string? key);
}
