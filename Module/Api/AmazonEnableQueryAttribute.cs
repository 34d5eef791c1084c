using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData.Query;

namespace ErpAmazonModule.Api;

/// <summary>
/// <c>[EnableQuery]</c> with the module's page size and <c>$top</c> limit, whose invalid-query answers are a
/// plain OData error: the message, never the stack trace OData would otherwise put in <c>innererror</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed partial class AmazonEnableQueryAttribute : EnableQueryAttribute
{
    /// <summary>Applies <see cref="AmazonEdmModel.PageSize"/> and <see cref="AmazonEdmModel.MaxTop"/>.</summary>
    public AmazonEnableQueryAttribute()
    {
        PageSize = AmazonEdmModel.PageSize;
        MaxTop = AmazonEdmModel.MaxTop;
        // The queries run in SQL, where a missing navigation is simply null.
        HandleNullPropagation = HandleNullPropagationOption.False;
        // One level: an offer with its account, an account with its marketplaces. Deeper expansions multiply rows
        // (every offer times its account's marketplaces) and are refused; read the account with its marketplaces instead.
        MaxExpansionDepth = 1;
        // An expanded collection (an account's marketplaces) comes whole, read with its parent, not paged inside the SQL:
        // paging it there numbers every row of the table before keeping the parent's.
        EnableCorrelatedSubqueryBuffering = true;
        // What the API serves; anything else ($search, $apply, $compute, $format) is refused, not silently ignored.
        AllowedQueryOptions = AllowedQueryOptions.Select | AllowedQueryOptions.Filter | AllowedQueryOptions.OrderBy | AllowedQueryOptions.Expand
            | AllowedQueryOptions.Count | AllowedQueryOptions.Top | AllowedQueryOptions.Skip | AllowedQueryOptions.SkipToken;
        // Dates are stored in a form only comparisons translate on every database; patterns are not indexable.
        AllowedFunctions = AllowedFunctions.AllFunctions & ~AllowedFunctions.AllDateTimeFunctions & ~AllowedFunctions.MatchesPattern;
    }

    /// <inheritdoc />
    public override void OnActionExecuting(ActionExecutingContext actionExecutingContext)
    {
        ArgumentNullException.ThrowIfNull(actionExecutingContext);
        if (QueryProblem(actionExecutingContext.HttpContext.Request.Query) is { } problem)
        {
            actionExecutingContext.Result = new AmazonODataErrorResult(StatusCodes.Status400BadRequest, "InvalidQuery", problem);
            return;
        }

        base.OnActionExecuting(actionExecutingContext);
        actionExecutingContext.Result = Clean(actionExecutingContext.Result);
    }

    /// <inheritdoc />
    public override void OnActionExecuted(ActionExecutedContext actionExecutedContext)
    {
        ArgumentNullException.ThrowIfNull(actionExecutedContext);
        base.OnActionExecuted(actionExecutedContext);
        actionExecutedContext.Result = Clean(actionExecutedContext.Result);
    }

    // What OData would read without complaint but the API refuses: control characters in a query option, and numbers
    // no type holds (1e400 would be read as infinity and compared with everything).
    private static string? QueryProblem(IQueryCollection query)
    {
        foreach (var (name, values) in query.Where(q => q.Key.StartsWith('$')))
        {
            var value = values.ToString();
            if (value.Any(AmazonRequestGuardsAttribute.IsUnsafe))
            {
                return $"{name}: must not contain control characters (such as NUL) or bidirectional overrides.";
            }

            foreach (System.Text.RegularExpressions.Match number in ExponentNumber().Matches(value))
            {
                if (!double.TryParse(number.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed) || double.IsInfinity(parsed))
                {
                    return $"{name}: the number {number.Value} is out of range.";
                }
            }
        }

        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\w.'])\d+(?:\.\d+)?[eE][+-]?\d+")]
    private static partial System.Text.RegularExpressions.Regex ExponentNumber();

    // OData reports a bad query as a SerializableError (message, exception message, type, stack trace);
    // only the two messages are for the caller.
    private static IActionResult? Clean(IActionResult? result)
    {
        if (result is not ObjectResult { Value: SerializableError error } objectResult)
        {
            return result;
        }

        var message = error.GetValueOrDefault("Message") as string ?? "The query is not valid.";
        if (error.GetValueOrDefault("ExceptionMessage") is string detail && !message.Contains(detail, StringComparison.Ordinal))
        {
            message = $"{message} {detail}";
        }

        // OData's hints to developers ("To allow it, set the 'AllowedFunctions' property on EnableQueryAttribute") name
        // types the caller cannot change.
        var hint = message.IndexOf(" To allow it,", StringComparison.Ordinal);
        return new AmazonODataErrorResult(objectResult.StatusCode ?? StatusCodes.Status400BadRequest, "InvalidQuery", hint < 0 ? message : message[..hint]);
    }
}
