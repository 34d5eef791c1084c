using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData.Query;

namespace ErpAmazonModule.Api;

/// <summary>
/// <c>[EnableQuery]</c> with the module's page size and <c>$top</c> limit, whose invalid-query answers are a
/// plain OData error: the message, never the stack trace OData would otherwise put in <c>innererror</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AmazonEnableQueryAttribute : EnableQueryAttribute
{
    /// <summary>Applies <see cref="AmazonEdmModel.PageSize"/> and <see cref="AmazonEdmModel.MaxTop"/>.</summary>
    public AmazonEnableQueryAttribute()
    {
        PageSize = AmazonEdmModel.PageSize;
        MaxTop = AmazonEdmModel.MaxTop;
    }

    /// <inheritdoc />
    public override void OnActionExecuting(ActionExecutingContext actionExecutingContext)
    {
        ArgumentNullException.ThrowIfNull(actionExecutingContext);
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

        return new AmazonODataErrorResult(objectResult.StatusCode ?? StatusCodes.Status400BadRequest, "InvalidQuery", message);
    }
}
