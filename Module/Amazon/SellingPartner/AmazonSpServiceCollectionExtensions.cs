using System.Net;
using ErpAmazonModule.Amazon.SellingPartner;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;
using Polly.Timeout;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Selling Partner API transport on its own (the connector registers it too).</summary>
public static class AmazonSpServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="AmazonSpClient"/> and Login with Amazon (options from <c>AmazonConnector:SellingPartner</c>) through
    /// <c>IHttpClientFactory</c>: 500, 503 and lost connections retried with exponential back-off and jitter, never a 4xx
    /// (a 429 is waited out by the client at the operation's rate); a timeout per attempt.
    /// </summary>
    public static IServiceCollection AddAmazonSpTransport(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AmazonSpOptions>().Bind(configuration.GetSection(AmazonSpOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AmazonSpOptions>, AmazonSpOptionsValidator>();
        services.AddSingleton<AmazonLwaTokens>();
        services.AddHttpClient<AmazonSpClient>(AmazonSpClient.HttpClientName).AddResilienceHandler(AmazonSpClient.HttpClientName, (pipeline, context) =>
        {
            var sp = context.ServiceProvider.GetRequiredService<IOptionsMonitor<AmazonSpOptions>>().CurrentValue;
            if (sp.RetryCount > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = sp.RetryCount,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = sp.RetryBaseDelay,
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                    {
                        { Exception: HttpRequestException or TimeoutRejectedException } => true,
                        { Result.StatusCode: HttpStatusCode.InternalServerError or HttpStatusCode.ServiceUnavailable } => true,
                        _ => false,
                    }),
                });
            }

            pipeline.AddTimeout(sp.AttemptTimeout);
            var telemetry = new TelemetryOptions(context.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value)
            {
                SeverityProvider = args => args.Event.EventName is "ExecutionAttempt" or "OnRetry" ? ResilienceEventSeverity.Debug : args.Event.Severity,
            };
            pipeline.ConfigureTelemetry(telemetry);
        });
        services.AddTransient<AmazonSpSellers>();
        return services;
    }
}
