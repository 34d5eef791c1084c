using System.Net;
using ErpAmazonModule.Amazon;
using ErpAmazonModule.Amazon.Mws;
using Microsoft.Extensions.Options;
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
            // 500 and 503 (InternalError, ServiceUnavailable) and lost connections are worth another try soon; a 4xx means
            // the request itself is wrong. A throttled 503 is not retried here: the quota restores at its operation's pace
            // (a minute for ListOrders), which the client waits out (AmazonMwsClient).
            AmazonHttpResilience.Configure(pipeline, context, mws.RetryCount, mws.RetryBaseDelay, mws.AttemptTimeout, async args => args.Outcome switch
            {
                { Exception: HttpRequestException or TimeoutRejectedException } => true,
                { Result: { StatusCode: HttpStatusCode.InternalServerError } } => true,
                { Result: { StatusCode: HttpStatusCode.ServiceUnavailable } response } => !await AmazonMwsClient.IsThrottledAsync(response).ConfigureAwait(false),
                _ => false,
            });
        });
        services.AddTransient<AmazonMwsSellers>();
        return services;
    }
}
