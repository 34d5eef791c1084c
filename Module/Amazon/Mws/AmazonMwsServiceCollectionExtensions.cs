using System.Net;
using ErpAmazonModule.Amazon.Mws;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;
using Polly.Timeout;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the MWS transport on its own (the connector registers it too).</summary>
public static class AmazonMwsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="AmazonMwsClient"/> (options from <c>AmazonConnector:Mws</c>) through <c>IHttpClientFactory</c> with
    /// a resilience pipeline: 500 and 503 retried with exponential back-off and jitter, never 4xx; a timeout per attempt.
    /// </summary>
    public static IServiceCollection AddAmazonMwsTransport(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AmazonMwsOptions>().Bind(configuration.GetSection(AmazonMwsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AmazonMwsOptions>, AmazonMwsOptionsValidator>();
        services.AddSingleton<AmazonMwsThrottle>();
        services.AddHttpClient<AmazonMwsClient>(AmazonMwsClient.HttpClientName).AddResilienceHandler(AmazonMwsClient.HttpClientName, (pipeline, context) =>
        {
            var mws = context.ServiceProvider.GetRequiredService<IOptionsMonitor<AmazonMwsOptions>>().CurrentValue;
            if (mws.RetryCount > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = mws.RetryCount,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = mws.RetryBaseDelay,
                    // 500 and 503 (InternalError, ServiceUnavailable) and lost connections are worth another try soon; a
                    // 4xx means the request itself is wrong. A throttled 503 is not retried here: the quota restores at its
                    // operation's pace (a minute for ListOrders), which the client waits out (AmazonMwsClient).
                    ShouldHandle = async args => args.Outcome switch
                    {
                        { Exception: HttpRequestException or TimeoutRejectedException } => true,
                        { Result: { StatusCode: HttpStatusCode.InternalServerError } } => true,
                        { Result: { StatusCode: HttpStatusCode.ServiceUnavailable } response } => !await AmazonMwsClient.IsThrottledAsync(response).ConfigureAwait(false),
                        _ => false,
                    },
                });
            }

            pipeline.AddTimeout(mws.AttemptTimeout);

            // Every attempt and retry would otherwise be logged at Information or Warning: the client logs the outcome,
            // the run records it; the attempts are for whoever turns Debug on. Only this pipeline is affected.
            var telemetry = new TelemetryOptions(context.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value)
            {
                SeverityProvider = args => args.Event.EventName is "ExecutionAttempt" or "OnRetry" ? ResilienceEventSeverity.Debug : args.Event.Severity,
            };
            pipeline.ConfigureTelemetry(telemetry);
        });
        services.AddTransient<AmazonMwsSellers>();
        return services;
    }
}
