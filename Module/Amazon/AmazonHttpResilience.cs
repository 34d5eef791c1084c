using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Telemetry;

namespace ErpAmazonModule.Amazon;

/// <summary>The HTTP pipeline both transports share: retries of what the transport says is worth another try, a timeout per attempt.</summary>
internal static class AmazonHttpResilience
{
    /// <summary>
    /// Marks a request Amazon must not receive twice (a feed submission): a lost connection, a timeout or a 500 leave its
    /// outcome unknown, so it is not sent again blindly; its caller looks for it at Amazon first. Only a 503 (not taken) is retried.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> SendOnce = new("ErpAmazonModule.SendOnce");

    /// <summary>
    /// Adds <paramref name="retryCount"/> retries (exponential back-off from <paramref name="baseDelay"/>, with jitter) of the
    /// outcomes <paramref name="shouldRetry"/> accepts, then a timeout per attempt. Each attempt and retry is logged at
    /// Debug only (the client logs the outcome, the run records it); only this pipeline is affected.
    /// </summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context, int retryCount, TimeSpan baseDelay,
        TimeSpan attemptTimeout, Func<RetryPredicateArguments<HttpResponseMessage>, ValueTask<bool>> shouldRetry)
    {
        if (retryCount > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = retryCount,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay,
                ShouldHandle = args => IsSentOnce(args) && args.Outcome.Result?.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable ? ValueTask.FromResult(false) : shouldRetry(args),
            });
        }

        pipeline.AddTimeout(attemptTimeout);
        var telemetry = new TelemetryOptions(context.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value)
        {
            SeverityProvider = args => args.Event.EventName is "ExecutionAttempt" or "OnRetry" ? ResilienceEventSeverity.Debug : args.Event.Severity,
        };
        pipeline.ConfigureTelemetry(telemetry);
    }

    private static bool IsSentOnce(RetryPredicateArguments<HttpResponseMessage> args) =>
        args.Context.GetRequestMessage() is { } request && request.Options.TryGetValue(SendOnce, out var once) && once;
}
