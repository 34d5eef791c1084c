using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Routing.Controllers;

namespace ErpAmazonModule.Host.Api;

/// <summary>The host's read-only OData controllers: a query the database cannot run is the caller's 400, logged.</summary>
[HostQueryFailures]
[HostQueryErrors]
public abstract class HostODataController : ODataController;

/// <summary>
/// OData reports a query it refuses as a <c>SerializableError</c> (with the exception's type and stack trace in
/// Development); the caller gets the OData error shape with the message only.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class HostQueryErrorsAttribute : Attribute, IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Result is Microsoft.AspNetCore.Mvc.ObjectResult { Value: Microsoft.AspNetCore.Mvc.SerializableError error } result)
        {
            var message = error.GetValueOrDefault("Message") as string ?? "The query is not valid.";
            var hint = message.IndexOf(" To allow it,", StringComparison.Ordinal);
            context.Result = new Microsoft.AspNetCore.Mvc.ObjectResult(new { error = new { code = "InvalidQuery", message = hint < 0 ? message : message[..hint] } })
            {
                StatusCode = result.StatusCode ?? StatusCodes.Status400BadRequest,
            };
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}

/// <summary>
/// The host's query options: pages of <see cref="HostEdmModel.PageSize"/>, one level of <c>$expand</c> (a partner's
/// addresses, an order's lines), no date functions (dates are stored in a form only comparisons translate everywhere),
/// and the options the host serves; others are refused, not ignored.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HostEnableQueryAttribute : EnableQueryAttribute
{
    public HostEnableQueryAttribute()
    {
        PageSize = HostEdmModel.PageSize;
        MaxTop = HostEdmModel.MaxTop;
        MaxExpansionDepth = 1;
        HandleNullPropagation = HandleNullPropagationOption.False;
        AllowedQueryOptions = AllowedQueryOptions.Select | AllowedQueryOptions.Filter | AllowedQueryOptions.OrderBy | AllowedQueryOptions.Expand
            | AllowedQueryOptions.Count | AllowedQueryOptions.Top | AllowedQueryOptions.Skip | AllowedQueryOptions.SkipToken;
        AllowedFunctions = AllowedFunctions.AllFunctions & ~AllowedFunctions.AllDateTimeFunctions & ~AllowedFunctions.MatchesPattern;
    }
}

/// <summary>Turns a query the database cannot run into a 400 with a reason, logging the details.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed partial class HostQueryFailuresAttribute : Attribute, IAsyncExceptionFilter
{
    public Task OnExceptionAsync(ExceptionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!HttpMethods.IsGet(context.HttpContext.Request.Method) || context.Exception is OperationCanceledException || context.HttpContext.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<HostQueryFailuresAttribute>();
        LogRefused(logger, context.Exception, context.HttpContext.Request.Path + context.HttpContext.Request.QueryString);
        context.Result = new Microsoft.AspNetCore.Mvc.ObjectResult(new { error = new { code = "QueryNotSupported", message = "This query cannot be run: a function, comparison or literal in it is not supported here." } })
        {
            StatusCode = StatusCodes.Status400BadRequest,
        };
        context.ExceptionHandled = true;
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "A query was refused because it cannot be run: {Query}")]
    private static partial void LogRefused(ILogger logger, Exception exception, string query);
}
