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
                ShouldHandle = shouldRetry,
            });
        }

        pipeline.AddTimeout(attemptTimeout);
        var telemetry = new TelemetryOptions(context.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value)
        {
            SeverityProvider = args => args.Event.EventName is "ExecutionAttempt" or "OnRetry" ? ResilienceEventSeverity.Debug : args.Event.Severity,
        };
        pipeline.ConfigureTelemetry(telemetry);
    }
}
